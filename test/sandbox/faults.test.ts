import { afterEach, beforeEach, describe, expect, test } from 'vitest';

import { editors, mesureBody, startTestSandbox, tokenRequest } from './helpers.js';
import { obtainCode } from './oauth-flow.js';

import type { Sandbox } from '../../src/sandbox/index.js';

const FRENCH_ERROR = { error: 'Une erreur est survenue, veuillez réessayer plus tard' };

let sandbox: Sandbox;
let token: string;

beforeEach(async () => {
  sandbox = await startTestSandbox();
  token = sandbox.issueTokens(sandbox.users[0]!.login).access_token;
});

afterEach(async () => {
  await sandbox.close();
});

async function outcome(target: Sandbox, bearer: string): Promise<string> {
  try {
    const response = await editors(target, bearer, 'GET', '/tribunaux');
    return String(response.status);
  } catch {
    return 'reset';
  }
}

describe('queued faults', () => {
  test('failNext answers 500 then recovers', async () => {
    sandbox.faults.failNext(2);
    const first = await editors(sandbox, token, 'GET', '/mesures');
    expect(first.status).toBe(500);
    expect(first.json()).toEqual(FRENCH_ERROR);
    expect((await editors(sandbox, token, 'GET', '/mesures')).status).toBe(500);
    expect((await editors(sandbox, token, 'GET', '/mesures')).status).toBe(200);
  });

  test('failNext with another status', async () => {
    sandbox.faults.failNext(1, 503);
    const response = await editors(sandbox, token, 'GET', '/mesures');
    expect(response.status).toBe(503);
    expect(response.json()).toEqual(FRENCH_ERROR);
  });

  test('failNext 429 looks like the rate limit', async () => {
    sandbox.faults.failNext(1, 429);
    const response = await editors(sandbox, token, 'GET', '/mesures');
    expect(response.status).toBe(429);
    expect(response.headers['retry-after']).toBe('60');
    expect(response.text).toBe('Too many requests, please try again later.');
  });

  test('failed write stores nothing', async () => {
    const before = (await editors(sandbox, token, 'GET', '/mesures')).json().mesures.length;
    sandbox.faults.failNext(1);
    await editors(sandbox, token, 'POST', '/mesures', { body: mesureBody() });
    expect((await editors(sandbox, token, 'GET', '/mesures')).json().mesures.length).toBe(before);
  });

  test('resetNext destroys the socket', async () => {
    sandbox.faults.resetNext(1);
    await expect(editors(sandbox, token, 'GET', '/mesures')).rejects.toThrow();
    expect((await editors(sandbox, token, 'GET', '/mesures')).status).toBe(200);
  });

  test('counts injected faults', async () => {
    sandbox.faults.failNext(1);
    sandbox.faults.resetNext(1);
    await outcome(sandbox, token);
    await outcome(sandbox, token);
    expect(sandbox.stats.faultsInjected).toBe(2);
  });
});

describe('random faults', () => {
  test('failRate 1 fails every request', async () => {
    sandbox.faults.set({ failRate: 1 });
    expect(await outcome(sandbox, token)).toBe('500');
    expect(await outcome(sandbox, token)).toBe('500');
  });

  test('resetRate 1 resets every request', async () => {
    sandbox.faults.set({ resetRate: 1 });
    expect(await outcome(sandbox, token)).toBe('reset');
  });

  test('same seed gives same faults', async () => {
    const runPattern = async (target: Sandbox, bearer: string): Promise<string[]> => {
      target.faults.set({ failRate: 0.3, resetRate: 0.2, seed: 42 });
      const outcomes: string[] = [];
      for (let index = 0; index < 20; index += 1) {
        outcomes.push(await outcome(target, bearer));
      }
      return outcomes;
    };
    const first = await runPattern(sandbox, token);
    const other = await startTestSandbox();
    try {
      const second = await runPattern(other, other.issueTokens(other.users[0]!.login).access_token);
      expect(second).toEqual(first);
    } finally {
      await other.close();
    }
    expect(first).toContain('200');
    expect(first).toContain('500');
    expect(first).toContain('reset');
  });

  test('latency delays each request', async () => {
    sandbox.faults.set({ latencyMs: 200 });
    const started = performance.now();
    await editors(sandbox, token, 'GET', '/tribunaux');
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
  });

  test('faults spare OAuth endpoints', async () => {
    sandbox.faults.set({ failRate: 1 });
    const code = await obtainCode(sandbox, sandbox.users[0]!);
    const response = await tokenRequest(sandbox, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: sandbox.editor.redirectUris[0]!,
      client_id: String(sandbox.editor.clientId),
      client_secret: sandbox.editor.clientSecret,
    });
    expect(response.status).toBe(200);
  });

  test('clear removes every fault', async () => {
    sandbox.faults.set({ failRate: 1, latencyMs: 500 });
    sandbox.faults.resetNext(3);
    sandbox.faults.clear();
    const started = performance.now();
    expect(await outcome(sandbox, token)).toBe('200');
    expect(performance.now() - started).toBeLessThan(400);
  });

  test('rejects fractions outside 0..1', () => {
    expect(() => sandbox.faults.set({ failRate: 1.5 })).toThrow(RangeError);
    expect(() => sandbox.faults.set({ resetRate: -0.1 })).toThrow(RangeError);
  });

  test('start option applies faults', async () => {
    const faulty = await startTestSandbox({ faults: { failRate: 1 } });
    try {
      expect(await outcome(faulty, faulty.issueTokens(faulty.users[0]!.login).access_token)).toBe(
        '500',
      );
    } finally {
      await faulty.close();
    }
  });
});

describe('token faults', () => {
  test('expireTokens expires access tokens', async () => {
    const pair = sandbox.issueTokens(sandbox.users[0]!.login);
    sandbox.faults.expireTokens(sandbox.users[0]!.login);
    const response = await editors(sandbox, pair.access_token, 'GET', '/mesures');
    expect(response.status).toBe(401);
    expect(response.json().error_description).toBe('Invalid token: access token has expired');
  });

  test('expired access token can be refreshed', async () => {
    const pair = sandbox.issueTokens(sandbox.users[0]!.login);
    sandbox.faults.expireTokens(sandbox.users[0]!.login);
    const response = await tokenRequest(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: pair.refresh_token,
      client_id: String(sandbox.editor.clientId),
      client_secret: sandbox.editor.clientSecret,
    });
    expect(response.status).toBe(200);
  });

  test('revokeTokens revokes the pair', async () => {
    const pair = sandbox.issueTokens(sandbox.users[0]!.login);
    sandbox.faults.revokeTokens(sandbox.users[0]!.login);
    const access = await editors(sandbox, pair.access_token, 'GET', '/mesures');
    expect(access.json().error_description).toBe('Invalid token: access token is invalid');
    const refresh = await tokenRequest(sandbox, {
      grant_type: 'refresh_token',
      refresh_token: pair.refresh_token,
      client_id: String(sandbox.editor.clientId),
      client_secret: sandbox.editor.clientSecret,
    });
    expect(refresh.json().error).toBe('invalid_grant');
  });

  test('token faults leave other users alone', async () => {
    const service = sandbox.issueTokens(sandbox.users[1]!.login);
    sandbox.faults.revokeTokens(sandbox.users[0]!.login);
    expect((await editors(sandbox, service.access_token, 'GET', '/mesures')).status).toBe(200);
  });

  test('unknown login throws', () => {
    expect(() => sandbox.faults.expireTokens('nobody')).toThrow(/nobody/);
  });
});
