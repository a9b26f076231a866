import type { Command } from 'commander';

import type { AppContext } from '../context.js';

/** Registers `mesures import` and `mesures export` on the `mesures` command group. */
export function registerImportCommands(mesures: Command, app: AppContext): void {
  void mesures;
  void app;
}
