import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { expiryMarginMs } from '../../src/auth/refresh.js';
import { createTokenProvider } from '../../src/auth/token-provider.js';
import { AuthenticationError, UserError } from '../../src/cli/errors.js';
import { credentialsFilePath } from '../../src/config/paths.js';
import { createFileStore } from '../../src/credentials/file-store.js';
import { readTokens, refreshTokenLifetimeMs, writeTokens } from '../../src/credentials/tokens.js';
import { createMemorySink } from '../../src/output/sink.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { apiStatus, createTestEnv, sandboxProfile } from './fixtures.js';

import type { TokenIssuer } from '../../src/credentials/tokens.js';
import type { CredentialStore } from '../../src/credentials/types.js';
import type { Sandbox } from '../../src/sandbox/index.js';

describe('token provider against the sandbox', () => {
  let sandbox: Sandbox;
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  let store: CredentialStore;
  let login: string;

  beforeEach(async () => {
    sandbox = await startSandbox();
    ({ env, cleanup } = await createTestEnv(sandbox));
    store = createFileStore(credentialsFilePath(env), createMemorySink());
    login = sandbox.users[0]!.login;
  });

  afterEach(async () => {
    await sandbox.close();
    await cleanup();
  });

  /**
   * Stores a pair issued by the sandbox, with the access token expiring `expiresInMs` from now,
   * marked with `issuer` (none by default, as tokens saved before the issuer was recorded).
   */
  async function storeIssuedTokens(
    expiresInMs: number,
    issuedAgoMs = 0,
    issuer: TokenIssuer = {},
  ): Promise<{ access: string; refresh: string }> {
    const issued = sandbox.issueTokens(login);
    const issuedAt = Date.now() - issuedAgoMs;
    await writeTokens(store, 'default', {
      access: { token: issued.access_token, expiresAt: Date.now() + expiresInMs, ...issuer },
      refresh: {
        token: issued.refresh_token,
        issuedAt,
        expiresAt: issuedAt + refreshTokenLifetimeMs,
        ...issuer,
      },
    });
    return { access: issued.access_token, refresh: issued.refresh_token };
  }

  function provider(extraEnv: NodeJS.ProcessEnv = {}) {
    return createTokenProvider(sandboxProfile(sandbox), {
      env: { ...env, ...extraEnv },
      sink: createMemorySink(),
    });
  }

  it('returns a fresh token without refreshing', async () => {
    const issued = await storeIssuedTokens(60 * 60 * 1000);
    expect(await (await provider()).getAccessToken()).toBe(issued.access);
    expect(sandbox.stats.tokenRequests.refresh_token).toBeUndefined();
  });

  it('refreshes a token about to expire', async () => {
    const issued = await storeIssuedTokens(expiryMarginMs - 1000);
    const token = await (await provider()).getAccessToken();
    expect(token).not.toBe(issued.access);
    expect(sandbox.stats.tokenRequests.refresh_token).toBe(1);
    expect(await apiStatus(sandbox, token)).toBe(200);
  });

  it('saves the rotated pair', async () => {
    const issued = await storeIssuedTokens(0);
    const token = await (await provider()).getAccessToken();
    const stored = await readTokens(store, 'default', createMemorySink());
    expect(stored?.access?.token).toBe(token);
    expect(stored?.refresh?.token).not.toBe(issued.refresh);
  });

  it('refreshes once after a 401', async () => {
    const issued = await storeIssuedTokens(60 * 60 * 1000);
    sandbox.faults.expireTokens(login);
    expect(await apiStatus(sandbox, issued.access)).toBe(401);
    const token = await (await provider()).refreshAfterRejection(issued.access);
    expect(await apiStatus(sandbox, token)).toBe(200);
  });

  it('reuses a token another process stored', async () => {
    await storeIssuedTokens(0);
    const stale = await provider();
    const newer = await storeIssuedTokens(60 * 60 * 1000);
    expect(await stale.getAccessToken()).toBe(newer.access);
    expect(sandbox.stats.tokenRequests.refresh_token).toBeUndefined();
  });

  it('refreshes once for eight concurrent callers', async () => {
    await storeIssuedTokens(0);
    const providers = await Promise.all(Array.from({ length: 8 }, () => provider()));
    const tokens = await Promise.all(providers.map((each) => each.getAccessToken()));
    expect(sandbox.stats.tokenRequests.refresh_token).toBe(1);
    expect(new Set(tokens).size).toBe(1);
  });

  it('signs out when the refresh token was revoked', async () => {
    await storeIssuedTokens(0);
    sandbox.faults.revokeTokens(login);
    const error = await (await provider()).getAccessToken().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain('revoked');
    expect(await readTokens(store, 'default', createMemorySink())).toBeUndefined();
  });

  it('says 14 days when the refresh token is that old', async () => {
    await storeIssuedTokens(0, refreshTokenLifetimeMs + 1000);
    sandbox.faults.revokeTokens(login);
    const error = await (await provider()).getAccessToken().catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('not used for 14 days');
  });

  it('keeps a pair a login saved during a failed refresh', async () => {
    await storeIssuedTokens(0);
    sandbox.faults.revokeTokens(login);
    let newer: { access: string } | undefined;
    // Plays a login in another terminal that saves a new pair right after the refresh failed.
    const racingStore: CredentialStore = {
      ...store,
      get: async (profile, entry) => {
        if (entry === 'access-token' && sandbox.stats.tokenRequests.refresh_token === 1 && !newer) {
          newer = await storeIssuedTokens(60 * 60 * 1000);
        }
        return store.get(profile, entry);
      },
    };
    const racing = await createTokenProvider(sandboxProfile(sandbox), {
      env,
      sink: createMemorySink(),
      store: racingStore,
    });
    expect(await racing.getAccessToken()).toBe(newer?.access);
  });

  it('uses tokens issued for this server', async () => {
    const issuer = { apiUrl: sandbox.apiUrl, clientId: sandbox.editor.clientId };
    const issued = await storeIssuedTokens(60 * 60 * 1000, 0, issuer);
    expect(await (await provider()).getAccessToken()).toBe(issued.access);
  });

  it('rejects tokens issued by another server', async () => {
    await storeIssuedTokens(0, 0, { apiUrl: 'https://api-apitest-emjpm.example' });
    const error = await provider({ EMJPM_API_URL: sandbox.apiUrl }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain('https://api-apitest-emjpm.example');
    expect((error as Error).message).toContain(`EMJPM_API_URL=${sandbox.apiUrl}`);
    expect(sandbox.stats.tokenRequests.refresh_token).toBeUndefined();
    expect(await readTokens(store, 'default', createMemorySink())).toBeDefined();
  });

  it('rejects tokens issued to another client', async () => {
    const otherClient = sandbox.editor.clientId + 1;
    await storeIssuedTokens(0, 0, { apiUrl: sandbox.apiUrl, clientId: otherClient });
    const error = await provider().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).toContain(`client id ${otherClient}`);
  });

  it('asks for a client id before refreshing', async () => {
    await storeIssuedTokens(0);
    const profile = { ...sandboxProfile(sandbox), clientId: undefined };
    const noClientId = await createTokenProvider(profile, { env, sink: createMemorySink() });
    await expect(noClientId.getAccessToken()).rejects.toThrow(
      'No client id for profile "default".',
    );
  });

  it('uses EMJPM_ACCESS_TOKEN as given', async () => {
    expect(await (await provider({ EMJPM_ACCESS_TOKEN: 'fixed-token' })).getAccessToken()).toBe(
      'fixed-token',
    );
  });

  it('never refreshes EMJPM_ACCESS_TOKEN', async () => {
    const fixed = await provider({ EMJPM_ACCESS_TOKEN: 'fixed-token' });
    await expect(fixed.refreshAfterRejection('fixed-token')).rejects.toBeInstanceOf(
      AuthenticationError,
    );
  });

  it('requires a login when nothing is stored', async () => {
    await expect(provider()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('names EMJPM_CLIENT_SECRET when no secret is available', async () => {
    await storeIssuedTokens(0);
    const error = await (
      await provider({ EMJPM_CLIENT_SECRET: '' })
    )
      .getAccessToken()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).hint).toContain('EMJPM_CLIENT_SECRET');
  });
});
