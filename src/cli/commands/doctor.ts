import { runDoctor } from '../../auth/doctor.js';
import { UserError } from '../errors.js';
import { withExample } from '../help.js';

import type { Command } from 'commander';

import type { DoctorCheck } from '../../auth/doctor.js';
import type { AppContext } from '../context.js';

export function registerDoctorCommand(program: Command, app: AppContext): void {
  const command = program
    .command('doctor')
    .description(
      'check config, credential store, proxy, API, token and clock as a cron job would see them',
    )
    .action(async () => runDoctorCommand(app));
  withExample(
    command,
    'emjpm doctor',
    'env -i HOME="$HOME" PATH="$PATH" emjpm doctor    # as cron runs it',
  );
}

async function runDoctorCommand(app: AppContext): Promise<void> {
  const checks = await runDoctor({
    profileName: app.globals().profile,
    env: app.env,
    sink: app.sink(),
  });
  const failed = checks.filter((check) => check.status === 'fail');

  if (app.globals().json) {
    app.stdout.write(`${JSON.stringify({ ok: failed.length === 0, checks }, null, 2)}\n`);
  } else {
    app.stdout.write(checks.map(formatCheck).join(''));
  }
  if (failed.length > 0) {
    const names = failed.map((check) => check.name).join(', ');
    throw new UserError(
      `${failed.length} check${failed.length === 1 ? '' : 's'} failed: ${names}.`,
      {
        code: 'doctor_failed',
      },
    );
  }
}

function formatCheck(check: DoctorCheck): string {
  const hint = check.hint ? `\n${' '.repeat(18)}${check.hint}` : '';
  return `${check.status.padEnd(6)}${check.name.padEnd(12)}${check.message}${hint}\n`;
}
