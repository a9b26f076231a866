import { ExitCode, UsageError, UserError } from '../cli/errors.js';
import { readClientSecret } from '../credentials/tokens.js';
import { loginCommand, profileCommand } from './login-command.js';

import type { ResolvedProfile } from '../config/types.js';
import type { CredentialStore } from '../credentials/types.js';

/** Origin of the client secret; only a typed secret is saved after login. */
export type ClientSecretSource = 'environment' | 'store' | 'prompt';

/**
 * Finds the editor's client secret: `EMJPM_CLIENT_SECRET`, else the credential store, else the
 * hidden prompt when a person is there. Never reads it from the config file or the command line.
 */
export async function resolveClientSecret(options: {
  env: NodeJS.ProcessEnv;
  store: CredentialStore;
  profileName: string;
  /** Asks for the secret; undefined when the run is not interactive. */
  prompt: (() => Promise<string>) | undefined;
}): Promise<{ secret: string; source: ClientSecretSource }> {
  const fromEnv = options.env.EMJPM_CLIENT_SECRET?.trim();
  if (fromEnv) return { secret: fromEnv, source: 'environment' };

  const stored = await readClientSecret(options.store, options.profileName);
  if (stored) return { secret: stored, source: 'store' };

  if (!options.prompt) throw missingClientSecretError(options.profileName);
  const typed = (await options.prompt()).trim();
  if (!typed) throw missingClientSecretError(options.profileName);
  return { secret: typed, source: 'prompt' };
}

export function missingClientSecretError(profileName: string): UserError {
  return new UserError('No client secret: EMJPM_CLIENT_SECRET is not set and none is stored.', {
    exitCode: ExitCode.authentication,
    hint:
      'Set EMJPM_CLIENT_SECRET to the client secret eMJPM issued for your editor, or run ' +
      `\`${loginCommand(profileName)}\` in a terminal to type it.`,
    code: 'client_secret_missing',
  });
}

/** Returns the profile's client id, or throws a `UsageError` saying how to set it. */
export function requireClientId(profile: ResolvedProfile): number {
  if (profile.clientId !== undefined) return profile.clientId;
  throw new UsageError(
    `No client id for profile "${profile.name}".`,
    `Set the editor id eMJPM issued with \`${profileCommand(profile.name, 'config set clientId N')}\` ` +
      'or EMJPM_CLIENT_ID.',
  );
}
