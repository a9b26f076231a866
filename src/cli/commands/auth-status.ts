import { loginCommand } from '../../auth/login-command.js';
import { formatDuration, readAuthStatus } from '../../auth/status.js';
import { createTokenProvider } from '../../auth/token-provider.js';
import { AuthenticationError } from '../errors.js';
import { withExample } from '../help.js';

import type { Command } from 'commander';

import type { AuthStatus } from '../../auth/status.js';
import type { AppContext } from '../context.js';

/** Registers `auth status` and `auth token`. */
export function registerAuthGroup(program: Command, app: AppContext): void {
  const auth = program.command('auth').description('inspect the stored login');
  withExample(auth, 'emjpm auth status', 'emjpm auth token');

  const status = auth
    .command('status')
    .description('show the profile, environment, credential store and token expiry (never a token)')
    .action(async () => runStatus(app));
  withExample(status, 'emjpm auth status', 'emjpm --profile cabinet auth status --json');

  const token = auth
    .command('token')
    .description('print a valid access token on stdout, refreshed first if needed')
    .action(async () => runToken(app));
  withExample(
    token,
    'curl -H "Authorization: Bearer $(emjpm auth token)" https://api-emjpm.fabrique.social.gouv.fr/api/editors/tribunaux',
  );
}

async function runStatus(app: AppContext): Promise<void> {
  const profile = await app.profile();
  const status = await readAuthStatus(profile, { env: app.env, sink: app.sink() });
  if (app.globals().json) app.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
  else app.stdout.write(formatStatus(status, Date.now()));

  if (!status.loggedIn) {
    throw new AuthenticationError(
      `Not logged in to eMJPM with profile "${status.profile}".`,
      `Run \`${loginCommand(status.profile)}\` to sign in.`,
    );
  }
}

function formatStatus(status: AuthStatus, now: number): string {
  const rows: Array<[string, string]> = [
    ['Profile', status.profile],
    ['Environment', status.env],
    ['API URL', status.apiUrl],
    ['Client id', status.clientId === null ? '(not set)' : String(status.clientId)],
    ['Credential store', status.store],
    ['Client secret', describeSecret(status)],
    ['Logged in', status.loggedIn ? 'yes' : 'no'],
  ];
  if (status.tokensApiUrl !== null && status.tokensApiUrl !== status.apiUrl) {
    rows.push([
      'Tokens issued by',
      `${status.tokensApiUrl} (not the API URL above, so commands do not use them)`,
    ]);
  }
  if (status.accessTokenExpiresAt) {
    const seconds = (Date.parse(status.accessTokenExpiresAt) - now) / 1000;
    const relative =
      seconds > 0 ? `in ${formatDuration(seconds)}` : `${formatDuration(seconds)} ago`;
    rows.push(['Access token expires', `${status.accessTokenExpiresAt} (${relative})`]);
  }
  if (status.refreshTokenIssuedAt && status.refreshTokenAgeSeconds !== null) {
    rows.push([
      'Refresh token issued',
      `${status.refreshTokenIssuedAt} (${formatDuration(status.refreshTokenAgeSeconds)} ago)`,
    ]);
  }
  if (status.refreshTokenExpiresAt) {
    rows.push(['Refresh token expires', `${status.refreshTokenExpiresAt} (if unused)`]);
  }
  const width = Math.max(...rows.map(([label]) => label.length));
  return rows.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value}\n`).join('');
}

function describeSecret(status: AuthStatus): string {
  if (status.clientSecret === 'EMJPM_CLIENT_SECRET') return 'from EMJPM_CLIENT_SECRET';
  if (status.clientSecret === 'store') return 'stored';
  return `missing (set EMJPM_CLIENT_SECRET or run \`${loginCommand(status.profile)}\`)`;
}

async function runToken(app: AppContext): Promise<void> {
  const profile = await app.profile();
  const provider = await createTokenProvider(profile, { env: app.env, sink: app.sink() });
  const token = await provider.getAccessToken();
  if (app.globals().json) app.stdout.write(`${JSON.stringify({ accessToken: token })}\n`);
  else app.stdout.write(`${token}\n`);
}
