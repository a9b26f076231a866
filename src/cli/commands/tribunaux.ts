import { searchTribunaux } from '../../actions/search-tribunaux.js';
import { renderTribunaux } from '../../output/reference-view.js';
import { withExample } from '../help.js';
import { tableOptions } from '../render-options.js';

import type { Command } from 'commander';

import type { AppContext } from '../context.js';

/** Registers `tribunaux list`. */
export function registerTribunauxCommands(program: Command, app: AppContext): void {
  const tribunaux = program.command('tribunaux').description('list the courts a mesure may name');
  withExample(tribunaux, 'emjpm tribunaux list --search evry');

  const list = tribunaux
    .command('list')
    .description('list the courts whose SIRET a mesure may give as tribunal_siret')
    .option('--search <text>', 'keep courts whose name, city, postal code or SIRET contains every word (accents and case ignored)')
    .action(async (options: { search?: string }) => {
      const api = await app.api();
      const found = searchTribunaux(await api.listTribunaux(), options.search);
      const format = app.globals().output;
      if (found.length === 0 && format === 'table') {
        app.sink().info(options.search ? `No court matches "${options.search}".` : 'The server listed no courts.');
        return;
      }
      app.stdout.write(renderTribunaux(found, format, tableOptions(app)));
    });
  withExample(list, 'emjpm tribunaux list --search "saint etienne"', 'emjpm tribunaux list --json');
}
