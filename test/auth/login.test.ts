import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { login } from '../../src/auth/login.js';
import { AuthenticationError, UsageError } from '../../src/cli/errors.js';
import { credentialsFilePath } from '../../src/config/paths.js';
import { createFileStore } from '../../src/credentials/file-store.js';
import { readTokens } from '../../src/credentials/tokens.js';
import { createMemorySink } from '../../src/output/sink.js';
import { startSandbox } from '../../src/sandbox/index.js';
import {
  apiStatus,
  approveInBrowser,
  createTestEnv,
  freePort,
  sandboxProfile,
} from './fixtures.js';

import type { LoginOptions } from '../../src/auth/login.js';
import type { CredentialStore } from '../../src/credentials/types.js';
import type { Sandbox } from '../../src/sandbox/index.js';

describe('login against the sandbox', () => {
  let sandbox: Sandbox;
  let env: NodeJS.ProcessEnv;
  let cleanup: () => Promise<void>;
  let store: CredentialStore;
  let port: number;

  beforeEach(async () => {
    port = await freePort();
    sandbox = await startSandbox({
      autoApprove: true,
      redirectUris: [`http://127.0.0.1:${port}/callback`],
    });
    ({ env, cleanup } = await createTestEnv(sandbox));
    store = createFileStore(credentialsFilePath(env), createMemorySink());
  });

  afterEach(async () => {
    await sandbox.close();
    await cleanup();
  });

  function options(overrides: Partial<LoginOptions> = {}): LoginOptions {
    return {
      profile: sandboxProfile(sandbox, port),
      env,
      sink: createMemorySink(),
      store,
      promptClientSecret: undefined,
      showAuthorizeUrl: () => {},
      openBrowser: (url) => void approveInBrowser(url),
      pastedRedirects: undefined,
      timeoutMs: 10_000,
      ...overrides,
    };
  }

  it('stores tokens that the API accepts', async () => {
    await login(options());
    const tokens = await readTokens(store, 'default', createMemorySink());
    expect(await apiStatus(sandbox, tokens?.access?.token ?? '')).toBe(200);
  });

  it('records the issuing server with the tokens', async () => {
    await login(options());
    const tokens = await readTokens(store, 'default', createMemorySink());
    expect(tokens?.refresh?.apiUrl).toBe(sandbox.apiUrl);
    expect(tokens?.refresh?.clientId).toBe(sandbox.editor.clientId);
  });

  it('exchanges the code once', async () => {
    await login(options());
    expect(sandbox.stats.tokenRequests.authorization_code).toBe(1);
  });

  it('saves a typed secret', async () => {
    await login(
      options({
        env: { ...env, EMJPM_CLIENT_SECRET: '' },
        promptClientSecret: async () => sandbox.editor.clientSecret,
      }),
    );
    expect(await store.get('default', 'client-secret')).toBe(sandbox.editor.clientSecret);
  });

  it('does not save a secret from the environment', async () => {
    await login(options());
    expect(await store.get('default', 'client-secret')).toBeUndefined();
  });

  it('never exchanges a code with a wrong state', async () => {
    const forge = (url: string) => {
      const redirect = new URL(new URL(url).searchParams.get('redirect_uri') ?? '');
      void fetch(`${redirect}?code=${'a'.repeat(40)}&state=forged`);
    };
    await expect(login(options({ openBrowser: forge }))).rejects.toBeInstanceOf(
      AuthenticationError,
    );
    expect(sandbox.stats.tokenRequests.authorization_code).toBeUndefined();
  });

  it('fails when access is refused', async () => {
    const refuse = () => {
      void fetch(
        `http://127.0.0.1:${port}/callback?error_reason=user_denied&error=access_denied&error_description=Permissions+error`,
      );
    };
    await expect(login(options({ openBrowser: refuse }))).rejects.toThrow('Access was denied');
  });

  it('forgets a stored secret that eMJPM rejects', async () => {
    await store.set('default', 'client-secret', 'wrong-secret');
    const attempt = login(options({ env: { ...env, EMJPM_CLIENT_SECRET: '' } }));
    await expect(attempt).rejects.toThrow('rejected the client id or client secret');
    expect(await store.get('default', 'client-secret')).toBeUndefined();
  });

  it('checks the store can save before the browser', async () => {
    const readOnly: CredentialStore = {
      ...store,
      set: async () => {
        throw new Error('Object does not exist at path "/org/freedesktop/secrets/collection/login"');
      },
    };
    let browserOpened = false;
    const attempt = login(
      options({ store: readOnly, openBrowser: () => void (browserOpened = true) }),
    );
    await expect(attempt).rejects.toThrow('Cannot save credentials');
    expect(browserOpened).toBe(false);
  });

  it('asks for a client id first', async () => {
    const profile = { ...sandboxProfile(sandbox, port), clientId: undefined };
    await expect(login(options({ profile }))).rejects.toBeInstanceOf(UsageError);
  });

  it('names EMJPM_CLIENT_SECRET when it cannot prompt', async () => {
    const attempt = login(options({ env: { ...env, EMJPM_CLIENT_SECRET: '' } }));
    await expect(attempt).rejects.toThrow('EMJPM_CLIENT_SECRET');
  });
});
