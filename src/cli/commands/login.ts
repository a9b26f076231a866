import { browserUnavailableReason, openBrowser } from '../../auth/browser.js';
import { loginCommand } from '../../auth/login-command.js';
import { login } from '../../auth/login.js';
import { updateProfileSettings } from '../../config/update.js';
import { credentialStoreKind, openCredentialStore } from '../../credentials/select.js';
import { deleteTokens } from '../../credentials/tokens.js';
import { UsageError } from '../errors.js';
import { withExample } from '../help.js';

import type { Command } from 'commander';

import type { CredentialStoreKind, ResolvedProfile } from '../../config/types.js';
import type { AppContext } from '../context.js';

interface LoginFlags {
  browser: boolean;
  timeout: string;
  insecureStorage?: boolean;
}

const defaultTimeoutSeconds = 300;

export function registerLoginCommand(program: Command, app: AppContext): void {
  const command = program
    .command('login')
    .description('sign in to eMJPM in the browser and store the tokens for this profile')
    .option(
      '--no-browser',
      'print the URL without opening a browser, and accept the final address pasted on stdin',
    )
    .option(
      '--timeout <seconds>',
      'seconds to wait for the browser to come back',
      String(defaultTimeoutSeconds),
    )
    .option(
      '--insecure-storage',
      'keep tokens and the client secret in a 0600 file instead of the system keychain',
    )
    .action(async (flags: LoginFlags) => runLogin(app, flags));
  withExample(
    command,
    'emjpm config set env test && emjpm config set clientId 42 && emjpm login',
    'emjpm login --no-browser    # over SSH: open the URL elsewhere, paste the final address here',
  );
}

async function runLogin(app: AppContext, flags: LoginFlags): Promise<void> {
  const timeoutSeconds = parseTimeout(flags.timeout);
  const profile = await app.profile();
  const sink = app.sink();
  const kind: CredentialStoreKind = flags.insecureStorage ? 'file' : credentialStoreKind(profile);
  const store = openCredentialStore(kind, { env: app.env, sink });
  const noBrowserReason = flags.browser
    ? browserUnavailableReason(app.env, process.platform)
    : undefined;
  const useBrowser = flags.browser && noBrowserReason === undefined;

  const result = await login({
    profile,
    env: app.env,
    sink,
    store,
    promptClientSecret: app.interactive ? () => promptClientSecret(app, profile) : undefined,
    showAuthorizeUrl: (url, redirectUri) => {
      if (noBrowserReason) {
        app.stderr.write(`Not opening a browser: ${noBrowserReason}, as with --no-browser.\n`);
      }
      app.stderr.write(`Open this address in a browser to authorise emjpm:\n\n  ${url}\n\n`);
      app.stderr.write(
        `Waiting for the redirect on ${redirectUri}… ` +
          `(Ctrl-C to cancel, times out in ${timeoutSeconds} s)\n`,
      );
      if (!useBrowser) {
        app.stderr.write(
          'If the browser runs on another machine, paste here the address it ends on ' +
            `(it starts with ${redirectUri}).\n`,
        );
      }
    },
    openBrowser: useBrowser
      ? (url) =>
          void openBrowser(url, {
            env: app.env,
            onFailure: (reason) =>
              sink.warn(
                `Could not open a browser (${reason}). Open the address above yourself, or ` +
                  `press Ctrl-C and run \`${loginCommand(profile.name, '--no-browser')}\` ` +
                  'to paste the final address.',
              ),
          })
      : undefined,
    pastedRedirects: useBrowser ? undefined : app.stdin,
    timeoutMs: timeoutSeconds * 1000,
  });

  await rememberStore(app, profile, kind);
  const expires = new Date(result.accessTokenExpiresAt).toISOString();
  if (app.globals().json) {
    const summary = {
      profile: profile.name,
      env: profile.env,
      apiUrl: profile.apiUrl,
      store: store.describe(),
      accessTokenExpiresAt: expires,
    };
    app.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return;
  }
  sink.info(
    `Logged in to eMJPM (${profile.env}, ${profile.apiUrl}) with profile "${profile.name}".`,
  );
  sink.info(`Tokens saved in the ${store.describe()}; the access token expires at ${expires}.`);
  if (result.clientSecretSaved) sink.info('The client secret was saved there too.');
}

function parseTimeout(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 86_400) {
    throw new UsageError(
      `Invalid --timeout "${text}": expected a whole number of seconds from 1 to 86400.`,
    );
  }
  return Number(text);
}

async function promptClientSecret(app: AppContext, profile: ResolvedProfile): Promise<string> {
  const { password } = await import('@inquirer/prompts');
  return password(
    { message: `Client secret of editor ${profile.clientId} for eMJPM ${profile.env}:`, mask: '*' },
    { input: app.stdin, output: app.stderr },
  );
}

/**
 * Records the store chosen at this login so later commands of the profile read from it, and
 * empties the store used before, so no secret is left behind where the user no longer looks.
 */
async function rememberStore(
  app: AppContext,
  profile: ResolvedProfile,
  kind: CredentialStoreKind,
): Promise<void> {
  if (profile.credentialStore === kind && !app.env.EMJPM_CREDENTIAL_STORE) return;
  await updateProfileSettings(app.env, profile.name, (settings) => ({
    ...settings,
    credentialStore: kind,
  }));
  if (profile.credentialStore === undefined || profile.credentialStore === kind) return;

  const sink = app.sink();
  const previous = openCredentialStore(profile.credentialStore, { env: app.env, sink });
  try {
    await deleteTokens(previous, profile.name);
    await previous.delete(profile.name, 'client-secret');
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    sink.warn(`Could not empty the ${previous.describe()} used before (${detail}).`);
  }
}
