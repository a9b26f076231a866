import type { ResolvedProfile } from './types.js';

/**
 * Resolves the selected profile: `profileName`, else `EMJPM_PROFILE`, else `default`; values from
 * the config file, overridden by `EMJPM_API_URL`, `EMJPM_APP_URL` and `EMJPM_CLIENT_ID`.
 */
export async function resolveProfile(options: {
  profileName: string | undefined;
  env: NodeJS.ProcessEnv;
}): Promise<ResolvedProfile> {
  void options;
  throw new Error('resolveProfile is not implemented yet');
}
