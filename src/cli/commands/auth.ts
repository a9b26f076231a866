import type { Command } from 'commander';

import type { AppContext } from '../context.js';

/** Registers `login`, `logout`, `auth status|token`, `config set|get|list` and `doctor`. */
export function registerAuthCommands(program: Command, app: AppContext): void {
  void program;
  void app;
}
