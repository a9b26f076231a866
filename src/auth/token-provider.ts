import type { ResolvedProfile } from '../config/types.js';
import type { OutputSink } from '../output/sink.js';
import type { TokenProvider } from './types.js';

/**
 * Builds the token provider for a profile: `EMJPM_ACCESS_TOKEN` when set, else the stored tokens,
 * refreshed under an inter-process lock. Throws `AuthenticationError` when nothing is stored.
 */
export async function createTokenProvider(
  profile: ResolvedProfile,
  options: { env: NodeJS.ProcessEnv; sink: OutputSink },
): Promise<TokenProvider> {
  void profile;
  void options;
  throw new Error('createTokenProvider is not implemented yet');
}
