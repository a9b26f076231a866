#!/usr/bin/env node
// Shows emjpm end to end without an eMJPM account: starts the sandbox in this process, signs in
// with the real `emjpm login` through the loopback redirect, imports the realistic eMJPM CSV of
// fixtures/, lists the result, and stops. Run it with `npm run demo` (which builds first).
//
// Everything stays on 127.0.0.1 and in a temporary folder that is removed at the end. The
// browser is a small script (BROWSER) that requests the consent URL and follows the redirect to
// the loopback server, as a person clicking "Autoriser" would.

import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { startSandbox } from '../dist/sandbox/index.js';

const binary = fileURLToPath(new URL('../bin/emjpm.js', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/mesures-emjpm.csv', import.meta.url));
/** Maximum time of one CLI step before the demo gives up. */
const stepTimeoutMs = 120_000;

const folder = await mkdtemp(join(tmpdir(), 'emjpm-demo-'));
const redirectPort = await freePort();
const sandbox = await startSandbox({
  autoApprove: true,
  redirectUris: [`http://127.0.0.1:${redirectPort}/callback`],
});

try {
  const browser = join(folder, 'browser.mjs');
  await writeFile(
    browser,
    [
      '// Opens the consent URL like a browser: follows redirects up to the loopback server.',
      'const response = await fetch(process.argv[2], { redirect: "follow" });',
      'await response.text();',
      '',
    ].join('\n'),
  );

  const env = {
    PATH: process.env.PATH,
    HOME: folder,
    XDG_CONFIG_HOME: join(folder, '.config'),
    EMJPM_API_URL: sandbox.apiUrl,
    EMJPM_APP_URL: sandbox.appUrl,
    EMJPM_CLIENT_ID: String(sandbox.editor.clientId),
    EMJPM_CLIENT_SECRET: sandbox.editor.clientSecret,
    EMJPM_REDIRECT_PORT: String(redirectPort),
    EMJPM_CREDENTIAL_STORE: 'file',
    BROWSER: `${process.execPath} ${browser}`,
  };

  console.log(`Sandbox listening on ${sandbox.apiUrl}; signed-in user: ${sandbox.users[0].name}.`);
  await step('Signing in through the browser flow', ['login'], env);
  await step('Importing the eMJPM template file', ['mesures', 'import', fixture], env);
  await step('Importing it again: nothing changes', ['mesures', 'import', fixture], env);
  await step('Listing the mesures now on the sandbox (first 10)', ['mesures', 'list'], env, firstLines);
  await step('Counting them by status', ['mesures', 'list', '--output', 'csv'], env, countLines);
} finally {
  await sandbox.close();
  await rm(folder, { recursive: true, force: true });
}

/** Runs one emjpm command, showing its output; stops the demo when it fails. */
async function step(title, args, env, transform) {
  console.log(`\n== ${title}\n$ emjpm ${args.map((arg) => (arg === fixture ? 'fixtures/mesures-emjpm.csv' : arg)).join(' ')}`);
  const child = spawn(process.execPath, [binary, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    stdout += chunk;
    if (!transform) process.stdout.write(chunk);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), stepTimeoutMs);
  const exitCode = await new Promise((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  if (transform) console.log(transform(stdout));
  if (exitCode !== 0) throw new Error(`emjpm ${args.join(' ')} exited with ${exitCode}`);
}

/** Keeps the header and the first 10 rows of a table. */
function firstLines(table) {
  const lines = table.trimEnd().split('\n');
  const more = lines.length > 11 ? [`… and ${lines.length - 11} more`] : [];
  return [...lines.slice(0, 11), ...more].join('\n');
}

/** Summarises `mesures list --output csv` as a count per status. */
function countLines(csv) {
  const [header, ...rows] = csv.trim().split('\r\n');
  const statusIndex = header.split(',').indexOf('status');
  const counts = {};
  for (const row of rows) {
    const status = row.split(',')[statusIndex] ?? '?';
    counts[status] = (counts[status] ?? 0) + 1;
  }
  return Object.entries(counts)
    .map(([status, count]) => `${status}: ${count}`)
    .join(', ');
}

/** Finds a free port on 127.0.0.1 for the login's loopback redirect. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}
