import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { startTestSandbox, tokenRequest } from './helpers.js';

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { BrowserContext } from 'playwright-core';

import type { Sandbox } from '../../src/sandbox/index.js';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let redirectServer: Server;
let callbackUri: string;
let receivedUrls: URL[];
let sandbox: Sandbox;
let profileDirectory: string;
let browser: BrowserContext;

beforeAll(async () => {
  receivedUrls = [];
  redirectServer = createServer((request, response) => {
    receivedUrls.push(new URL(request.url ?? '/', 'http://127.0.0.1'));
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.end('<p>Retour reçu.</p>');
  });
  await new Promise<void>((resolve) => redirectServer.listen(0, '127.0.0.1', resolve));
  callbackUri = `http://127.0.0.1:${(redirectServer.address() as AddressInfo).port}/callback`;

  sandbox = await startTestSandbox({ redirectUris: [callbackUri] });
  profileDirectory = await mkdtemp(join(tmpdir(), 'emjpm-chromium-'));
  // Playwright takes the profile directory as a parameter and rejects --user-data-dir in args.
  browser = await chromium.launchPersistentContext(profileDirectory, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
  await new Promise((resolve) => redirectServer?.close(resolve));
  if (profileDirectory) {
    await rm(profileDirectory, { recursive: true, force: true });
  }
});

function lastCallback(): URL {
  return receivedUrls.filter((url) => url.pathname === '/callback').at(-1)!;
}

/** Opens the authorization page with no session, logs in and waits for the consent card. */
async function openConsentCard(state: string) {
  await browser.clearCookies();
  const page = await browser.newPage();
  const query = new URLSearchParams({
    client_id: String(sandbox.editor.clientId),
    redirect_uri: callbackUri,
    state,
  });
  await page.goto(`${sandbox.appUrl}/application/authorization?${query}`);
  await page.fill('#login', sandbox.users[0]!.login);
  await page.fill('#password', sandbox.users[0]!.password);
  await page.click('button[type="submit"]');
  await page.waitForSelector('#authorize');
  return page;
}

describe('consent page in Chromium', () => {
  test('Autoriser lands on the redirect URI', async () => {
    const page = await openConsentCard('browser-state');
    expect(await page.textContent('h1')).toBe(
      `Autoriser ${sandbox.editor.name} à accéder à votre compte eMJPM`,
    );
    await Promise.all([page.waitForURL(`${callbackUri}?**`), page.click('#authorize')]);
    const landed = lastCallback();
    expect(landed.pathname).toBe('/callback');
    expect(landed.searchParams.get('state')).toBe('browser-state');
    const code = landed.searchParams.get('code')!;
    expect(code).toMatch(/^[0-9a-f]{40}$/);

    const tokens = await tokenRequest(sandbox, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: callbackUri,
      client_id: String(sandbox.editor.clientId),
      client_secret: sandbox.editor.clientSecret,
    });
    expect(tokens.status).toBe(200);
    await page.close();
  });

  test('Refuser lands with access_denied', async () => {
    const page = await openConsentCard('refused-state');
    await Promise.all([page.waitForURL(`${callbackUri}?**`), page.click('#deny')]);
    const landed = lastCallback();
    expect(landed.searchParams.get('error_reason')).toBe('user_denied');
    expect(landed.searchParams.get('error')).toBe('access_denied');
    expect(landed.searchParams.get('error_description')).toBe('Permissions error');
    expect(landed.searchParams.has('state')).toBe(false);
    expect(landed.searchParams.has('code')).toBe(false);
    await page.close();
  });
});
