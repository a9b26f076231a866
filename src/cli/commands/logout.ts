import { credentialStoreKind, openCredentialStore } from '../../credentials/select.js';
import { deleteTokens } from '../../credentials/tokens.js';
import { withExample } from '../help.js';

import type { Command } from 'commander';

import type { CredentialEntry } from '../../credentials/types.js';
import type { AppContext } from '../context.js';

export function registerLogoutCommand(program: Command, app: AppContext): void {
  const command = program
    .command('logout')
    .description("delete this profile's stored tokens")
    .option('--forget-secret', 'also delete the stored client secret')
    .action(async (flags: { forgetSecret?: boolean }) =>
      runLogout(app, flags.forgetSecret === true),
    );
  withExample(command, 'emjpm logout', 'emjpm --profile cabinet logout --forget-secret');
}

async function runLogout(app: AppContext, forgetSecret: boolean): Promise<void> {
  const profile = await app.profile();
  const sink = app.sink();
  const store = openCredentialStore(credentialStoreKind(profile), { env: app.env, sink });
  const removed: CredentialEntry[] = await deleteTokens(store, profile.name);
  if (forgetSecret && (await store.delete(profile.name, 'client-secret'))) {
    removed.push('client-secret');
  }

  if (app.globals().json) {
    app.stdout.write(
      `${JSON.stringify({ profile: profile.name, store: store.describe(), removed }, null, 2)}\n`,
    );
    return;
  }
  if (removed.length === 0) {
    sink.info(
      `Nothing to remove: profile "${profile.name}" has no stored tokens in the ${store.describe()}.`,
    );
  } else {
    sink.info(
      `Removed ${removed.join(', ')} of profile "${profile.name}" from the ${store.describe()}.`,
    );
    // NOTE: eMJPM documents no revocation endpoint, so the removed tokens stay valid on the
    // server until they expire or another login of the same user replaces them.
    sink.info('eMJPM keeps the tokens valid until they expire or the next login replaces them.');
  }
  if (app.env.EMJPM_ACCESS_TOKEN) {
    sink.warn('EMJPM_ACCESS_TOKEN is still set and is used instead of stored tokens.');
  }
}
