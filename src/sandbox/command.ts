import { startSandbox } from './index.js';

import type { Sandbox, SandboxOptions } from './index.js';

/**
 * Runs `emjpm sandbox`: starts the server, writes its URLs, the editor's credentials, the users
 * and the redirect URIs, logs each request, and returns after SIGINT or SIGTERM once the server
 * is closed and the data file saved.
 */
export async function runSandboxCommand(
  options: SandboxOptions,
  write: (line: string) => void,
): Promise<void> {
  const sandbox = await startSandbox({ ...options, log: options.log ?? write });
  for (const line of describeSandbox(sandbox, options)) {
    write(line);
  }
  const signal = await waitForStopSignal();
  write(`Received ${signal}, stopping the sandbox.`);
  await sandbox.close();
  write(
    options.dataFile ? `Sandbox stopped; state saved to ${options.dataFile}.` : 'Sandbox stopped.',
  );
}

/** Lists what an editor needs to connect to the sandbox. Its secrets are sandbox-only values. */
export function describeSandbox(sandbox: Sandbox, options: SandboxOptions): string[] {
  const lines = [
    'eMJPM sandbox running (local test server, no real data).',
    `  API base URL:   ${sandbox.apiUrl}`,
    `  Web app URL:    ${sandbox.appUrl}  (consent page: ${sandbox.appUrl}/application/authorization)`,
    `  client_id:      ${sandbox.editor.clientId}`,
    `  client_secret:  ${sandbox.editor.clientSecret}`,
    '  Redirect URIs:',
    ...sandbox.editor.redirectUris.map((uri) => `    ${uri}`),
    '  Users:',
    ...sandbox.users.map(
      (user) => `    ${user.login}  password: ${user.password}  (${user.kind}, ${user.name})`,
    ),
  ];
  if (options.autoApprove) {
    const login = options.autoApprove === true ? sandbox.users[0]?.login : options.autoApprove;
    lines.push(`  Consent is given automatically as ${login}.`);
  }
  const host = options.host ?? '127.0.0.1';
  if (!(host.startsWith('127.') || host === '::1' || host === 'localhost')) {
    lines.push(
      `  Warning: listening on ${host}, beyond the loopback interface, so others can reach it.`,
    );
  }
  const rateLimit = sandbox.faults.rateLimit;
  lines.push(
    `  Rate limit:     ${rateLimit > 0 ? `${rateLimit} requests per minute per IP` : 'off'}`,
  );
  if (options.dataFile) {
    lines.push(`  Data file:      ${options.dataFile}`);
  }
  lines.push('Press Ctrl+C to stop.');
  return lines;
}

function waitForStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
