import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { startSandbox } from '../../src/sandbox/index.js';
import { loginOptions, recordingBrowser, redirectUriFor } from '../auth/cli-login.js';
import { freePort } from '../auth/fixtures.js';
import { createTempHome, removeTempHomes, runCli, startCli } from '../support/cli.js';

import type { BrowserContext, Page } from 'playwright-core';

import type { Sandbox } from '../../src/sandbox/index.js';

// Flags that keep headless Chromium off the network: this machine reaches only the loopback.
const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('emjpm login with a real browser', () => {
  let sandbox: Sandbox;
  let port: number;
  let home: string;
  let profileDirectory: string;
  let browser: BrowserContext;

  beforeAll(async () => {
    port = await freePort();
    // Without autoApprove the sandbox shows its login form and consent card, like eMJPM.
    sandbox = await startSandbox({ redirectUris: [redirectUriFor(port)] });
    profileDirectory = await mkdtemp(join(tmpdir(), 'emjpm-chromium-'));
    browser = await chromium.launchPersistentContext(profileDirectory, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: chromiumArgs,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
    await rm(profileDirectory, { recursive: true, force: true });
    await removeTempHomes();
  });

  beforeEach(async () => {
    home = await createTempHome();
    await browser.clearCookies();
  });

  /** Starts `emjpm login`, opens its consent URL in Chromium and signs in to the sandbox. */
  async function openConsentCard(): Promise<{ page: Page; result: ReturnType<typeof runCli> }> {
    const recorder = await recordingBrowser(home);
    const { result } = await startCli(['login'], loginOptions(sandbox, home, port, recorder.env));
    const page = await browser.newPage();
    await page.goto(await recorder.readUrl());
    await page.fill('#login', sandbox.users[0]!.login);
    await page.fill('#password', sandbox.users[0]!.password);
    await page.click('button[type="submit"]');
    await page.waitForSelector('#authorize');
    return { page, result };
  }

  it('logs in after Autoriser', async () => {
    const { page, result } = await openConsentCard();
    await Promise.all([page.waitForURL(`${redirectUriFor(port)}?**`), page.click('#authorize')]);
    expect(await page.textContent('h1')).toBe('Connexion réussie');
    expect((await result).exitCode).toBe(0);
    const status = await runCli(['auth', 'status', '--json'], loginOptions(sandbox, home, port));
    expect((JSON.parse(status.stdout) as { loggedIn: boolean }).loggedIn).toBe(true);
    await page.close();
  });

  it('fails after Refuser', async () => {
    const { page, result } = await openConsentCard();
    await Promise.all([page.waitForURL(`${redirectUriFor(port)}?**`), page.click('#deny')]);
    expect(await page.textContent('h1')).toBe('Accès refusé');
    const { exitCode, stderr } = await result;
    expect(exitCode).toBe(3);
    expect(stderr).toContain('access_denied');
    await page.close();
  });
});
