import { registerAuthGroup } from './auth-status.js';
import { registerConfigCommands } from './config.js';
import { registerDoctorCommand } from './doctor.js';
import { registerLoginCommand } from './login.js';
import { registerLogoutCommand } from './logout.js';

import type { Command } from 'commander';

import type { AppContext } from '../context.js';

/** Registers `login`, `logout`, `auth status|token`, `config set|get|list` and `doctor`. */
export function registerAuthCommands(program: Command, app: AppContext): void {
  registerLoginCommand(program, app);
  registerLogoutCommand(program, app);
  registerAuthGroup(program, app);
  registerConfigCommands(program, app);
  registerDoctorCommand(program, app);
}
