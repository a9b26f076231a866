import { createServer } from 'node:net';

import { describe, expect, it } from 'vitest';

import { startCallbackServer } from '../../src/auth/callback-server.js';
import { UserError } from '../../src/cli/errors.js';

import type { AddressInfo } from 'node:net';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('callback server', () => {
  it('settles on the first callback with the right state', async () => {
    const port = await freePort();
    const server = await startCallbackServer({ port, path: '/callback', expectedState: 's1' });
    const response = await fetch(`${server.redirectUri}?code=c1&state=s1`);
    expect(response.status).toBe(200);
    expect(await server.outcome).toEqual({ kind: 'code', code: 'c1' });
  });

  it('answers other paths with 404 and keeps waiting', async () => {
    const port = await freePort();
    const server = await startCallbackServer({ port, path: '/callback', expectedState: 's1' });
    const favicon = await fetch(`http://127.0.0.1:${port}/favicon.ico`);
    expect(favicon.status).toBe(404);
    const callback = await fetch(`${server.redirectUri}?code=c2&state=s1`);
    expect(callback.status).toBe(200);
    expect(await server.outcome).toEqual({ kind: 'code', code: 'c2' });
  });

  it('shows an error page for a wrong state', async () => {
    const port = await freePort();
    const server = await startCallbackServer({ port, path: '/callback', expectedState: 's1' });
    const response = await fetch(`${server.redirectUri}?code=c1&state=forged`);
    expect(response.status).toBe(400);
    expect((await server.outcome).kind).toBe('invalid');
  });

  it('escapes text taken from the query', async () => {
    const port = await freePort();
    const server = await startCallbackServer({ port, path: '/callback', expectedState: 's1' });
    const query = new URLSearchParams({
      error: 'access_denied',
      error_description: '<script>x</script>',
    });
    const page = await (await fetch(`${server.redirectUri}?${query}`)).text();
    expect(page).not.toContain('<script>');
    await server.outcome;
  });

  it('frees the port after the callback', async () => {
    const port = await freePort();
    const server = await startCallbackServer({ port, path: '/callback', expectedState: 's1' });
    await fetch(`${server.redirectUri}?code=c&state=s1`);
    await server.outcome;
    await server.close();
    const again = await startCallbackServer({ port, path: '/callback', expectedState: 's2' });
    await again.close();
    expect(again.redirectUri).toBe(server.redirectUri);
  });

  it('names the port and redirect URI when the port is busy', async () => {
    const port = await freePort();
    const first = await startCallbackServer({ port, path: '/callback', expectedState: 's1' });
    const error = await startCallbackServer({ port, path: '/callback', expectedState: 's2' }).catch(
      (caught: unknown) => caught,
    );
    await first.close();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toContain(`port ${port}`);
    expect((error as UserError).message).toContain('another `emjpm login` may be waiting');
    expect((error as UserError).hint).toContain(`http://127.0.0.1:${port}/callback`);
    expect((error as UserError).hint).toContain('emjpm config set port N');
  });
});
