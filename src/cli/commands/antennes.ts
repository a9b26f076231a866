import { renderAntennes } from '../../output/reference-view.js';
import { withExample } from '../help.js';
import { tableOptions } from '../render-options.js';

import type { Command } from 'commander';

import type { AppContext } from '../context.js';

/** Registers `antennes list`. */
export function registerAntennesCommands(program: Command, app: AppContext): void {
  const antennes = program.command('antennes').description("list the antennes of the user's service");
  withExample(antennes, 'emjpm antennes list');

  const list = antennes
    .command('list')
    .description("list the antennes of the user's service (empty for an individual mandataire)")
    .action(async () => {
      const api = await app.api();
      const found = await api.listAntennes();
      const format = app.globals().output;
      if (found.length === 0 && format === 'table') {
        app.sink().info('No antennes: the account is an individual mandataire, or its service has none.');
        return;
      }
      app.stdout.write(renderAntennes(found, format, tableOptions(app)));
    });
  withExample(list, 'emjpm antennes list', 'emjpm antennes list --output csv > antennes.csv');
}
