import { AuthenticationError } from '../cli/errors.js';
import { writeTokens } from '../credentials/tokens.js';
import { checkStoreWritable } from '../credentials/write-check.js';
import { buildAuthorizeUrl } from './authorize-url.js';
import { startCallbackServer } from './callback-server.js';
import { requireClientId, resolveClientSecret } from './client-credentials.js';
import { loginCommand } from './login-command.js';
import { codeChallengeS256, createCodeVerifier, createState } from './pkce.js';
import { exchangeCode, toTokenRecords } from './token-endpoint.js';
import { codeExchangeError } from './token-errors.js';
import { waitForCallback } from './wait-for-callback.js';

import type { ResolvedProfile } from '../config/types.js';
import type { CredentialStore } from '../credentials/types.js';
import type { OutputSink } from '../output/sink.js';
import type { CallbackOutcome } from './callback.js';

export interface LoginOptions {
  profile: ResolvedProfile;
  env: NodeJS.ProcessEnv;
  sink: OutputSink;
  /** Store that receives the tokens, and the client secret when it was typed. */
  store: CredentialStore;
  /** Prompts for the client secret; undefined when the run is not interactive. */
  promptClientSecret: (() => Promise<string>) | undefined;
  /**
   * Shows the consent URL and the redirect URI the callback server waits on; called for every
   * login, browser or not.
   */
  showAuthorizeUrl: (url: string, redirectUri: string) => void;
  /** Opens the consent URL in a browser; undefined with `--no-browser` or without a display. */
  openBrowser: ((url: string) => void) | undefined;
  /** Lines where the user may paste the final redirect address (`--no-browser`). */
  pastedRedirects: NodeJS.ReadableStream | undefined;
  timeoutMs: number;
  signal?: AbortSignal;
  now?: () => number;
}

export interface LoginResult {
  profileName: string;
  accessTokenExpiresAt: number;
  clientSecretSaved: boolean;
}

/**
 * Signs in with the authorization-code flow through a loopback redirect: checks that the store
 * can save, starts the callback server, sends the user to the consent page, checks the redirect's
 * `state`, exchanges the code and saves the tokens. Every failure rejects; the callback server is
 * closed in all cases.
 */
export async function login(options: LoginOptions): Promise<LoginResult> {
  const { profile, sink, store } = options;
  const clientId = requireClientId(profile);
  // The code exchange revokes the user's other token pair, so a store that cannot save must
  // fail the login before the browser step, not after the exchange.
  await checkStoreWritable(store, profile.name);
  const { secret, source } = await resolveClientSecret({
    env: options.env,
    store,
    profileName: profile.name,
    prompt: options.promptClientSecret,
  });

  const state = createState();
  const codeVerifier = createCodeVerifier();
  const server = await startCallbackServer({
    port: profile.redirectPort,
    path: profile.redirectPath,
    expectedState: state,
    profileName: profile.name,
  });

  let outcome: CallbackOutcome;
  try {
    const url = buildAuthorizeUrl({
      appUrl: profile.appUrl,
      clientId,
      redirectUri: server.redirectUri,
      state,
      codeChallenge: codeChallengeS256(codeVerifier),
    });
    options.showAuthorizeUrl(url, server.redirectUri);
    options.openBrowser?.(url);
    outcome = await waitForCallback({
      redirect: server.outcome,
      expectedState: state,
      pasted: options.pastedRedirects,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      sink,
      profileName: profile.name,
    });
  } finally {
    await server.close();
  }

  const code = requireCode(outcome, profile.name);
  const context = { profile, clientSecret: secret, env: options.env, sink };
  const result = await exchangeCode(context, {
    code,
    redirectUri: server.redirectUri,
    codeVerifier,
  });
  if (!result.ok) {
    if (result.error === 'invalid_client' && source === 'store') {
      // A wrong stored secret would fail every later login too, so forget it.
      await store.delete(profile.name, 'client-secret');
      sink.warn('The stored client secret was rejected and has been removed.');
    }
    throw codeExchangeError(result, profile.name);
  }

  const records = toTokenRecords(result.grant, (options.now ?? Date.now)(), profile);
  await writeTokens(store, profile.name, records);
  if (source === 'prompt') await store.set(profile.name, 'client-secret', secret);
  return {
    profileName: profile.name,
    accessTokenExpiresAt: records.access.expiresAt,
    clientSecretSaved: source === 'prompt',
  };
}

function requireCode(outcome: CallbackOutcome, profileName: string): string {
  if (outcome.kind === 'code') return outcome.code;
  const login = `\`${loginCommand(profileName)}\``;
  if (outcome.kind === 'denied') {
    const detail = outcome.description ? `: ${outcome.description}` : '';
    throw new AuthenticationError(
      `Access was denied on the eMJPM consent page (${outcome.error}${detail}).`,
      `Run ${login} again and choose *Autoriser* on the consent page.`,
    );
  }
  throw new AuthenticationError(
    `The login redirect was rejected because ${outcome.reason}, so no code was exchanged.`,
    `Run ${login} again and finish it in the browser tab it opens, within the same run.`,
  );
}
