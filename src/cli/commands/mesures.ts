import { Option } from 'commander';

import { findAntenneNames, getMesureWithStatus } from '../../actions/get-mesure.js';
import { listMesuresWithStatus } from '../../actions/list-mesures.js';
import { mesureStatuses } from '../../mesure/enums.js';
import { renderMesure, renderMesureList } from '../../output/mesure-view.js';
import { withExample } from '../help.js';
import { parseMesureIdArgument } from '../mesure-id.js';
import { tableOptions } from '../render-options.js';
import { registerMesureDeleteCommands } from './mesures-delete.js';
import { registerMesureWriteCommands } from './mesures-write.js';

import type { Command } from 'commander';

import type { MesureStatus } from '../../mesure/enums.js';
import type { AppContext } from '../context.js';

/** Registers the `mesures` group and its commands; returns the group for the import commands. */
export function registerMesuresCommands(program: Command, app: AppContext): Command {
  const mesures = program.command('mesures').description("list, read, create, update and delete the user's mesures");
  withExample(mesures, 'emjpm mesures list', 'emjpm mesures get 42');

  const list = mesures
    .command('list')
    .description('list the mesures, with their status')
    .addOption(new Option('--status <status>', 'only mesures with this status').choices(mesureStatuses))
    .action(async (options: { status?: MesureStatus }) => {
      const api = await app.api();
      const found = await listMesuresWithStatus(api, { status: options.status }, app.sink());
      const format = app.globals().output;
      if (found.length === 0 && format === 'table') {
        app.sink().info(options.status ? `No mesures with status ${options.status}.` : 'No mesures.');
        return;
      }
      const antenneNames = format === 'table' ? await findAntenneNames(api, found) : undefined;
      app.stdout.write(renderMesureList(found, format, tableOptions(app), { antenneNames }));
    });
  withExample(list, 'emjpm mesures list --status en_cours', 'emjpm mesures list --output csv > mesures.csv');

  const get = mesures
    .command('get')
    .description(
      'show one mesure with its status, états and ressources (a status other than en_attente is derived from date_fin_mesure)',
    )
    .argument('<id>', 'id of the mesure')
    .action(async (idText: string) => {
      const id = parseMesureIdArgument(idText);
      const api = await app.api();
      const mesure = await getMesureWithStatus(api, id);
      const format = app.globals().output;
      const antenneNames = format === 'table' ? await findAntenneNames(api, [mesure]) : undefined;
      app.stdout.write(renderMesure(mesure, format, tableOptions(app), { antenneNames }));
    });
  withExample(get, 'emjpm mesures get 42', 'emjpm mesures get 42 --json');

  registerMesureWriteCommands(mesures, app);
  registerMesureDeleteCommands(mesures, app);
  return mesures;
}
