import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { request } from 'undici';
import { afterAll, afterEach, beforeAll } from 'vitest';

import { startSandbox } from '../../src/sandbox/index.js';
import { removeTempHomes, runCli, startCli } from '../support/cli.js';
import { obtainAccessToken } from '../support/oauth.js';

import type { Mesure } from '../../src/mesure/types.js';
import type { Sandbox, SandboxOptions } from '../../src/sandbox/index.js';
import type { CliOptions, CliResult } from '../support/cli.js';

/** The seeded member of a service, who has antennes. */
export const serviceLogin = 'marc.durand@example.org';

/** Returns the absolute path of a file under `fixtures/`. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
}

/** A sandbox and a token of its auto-approved user, for running the CLI against it. */
export interface ImportTarget {
  sandbox: Sandbox;
  token: string;
}

/** Starts a sandbox without rate limit and gets a token for `login` (the individual mandataire by default). */
export async function startTarget(
  options: SandboxOptions = {},
  login?: string,
): Promise<ImportTarget> {
  const sandbox = await startSandbox({ rateLimit: 0, autoApprove: login ?? true, ...options });
  const token = await obtainAccessToken(sandbox);
  return { sandbox, token };
}

/**
 * Registers the hooks of a test file that starts sandboxes: each test's sandboxes are closed after
 * it, and a temporary folder (`folder()`) lives for the whole file.
 */
export function useImportTargets(prefix: string): {
  target(login?: string): Promise<ImportTarget>;
  folder(): string;
} {
  const targets: ImportTarget[] = [];
  let folder = '';

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), prefix));
  });

  afterEach(async () => {
    await Promise.all(targets.splice(0).map((started) => started.sandbox.close()));
  });

  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
    await removeTempHomes();
  });

  return {
    async target(login) {
      const started = await startTarget({}, login);
      targets.push(started);
      return started;
    },
    folder: () => folder,
  };
}

/** Returns the options of a CLI run against the target: its URLs, the token, fast retries. */
export function cliOptions(target: ImportTarget, extra: CliOptions = {}): CliOptions {
  return {
    ...extra,
    sandbox: target.sandbox,
    env: {
      EMJPM_ACCESS_TOKEN: target.token,
      EMJPM_RATE_LIMIT: '100000',
      EMJPM_RETRY_MAX_DELAY_MS: '200',
      ...extra.env,
    },
  };
}

/** Runs `emjpm ARGS` against the target. */
export function emjpm(
  target: ImportTarget,
  args: string[],
  extra: CliOptions = {},
): Promise<CliResult> {
  return runCli(args, cliOptions(target, extra));
}

/** Starts `emjpm ARGS` against the target without waiting for it. */
export function startEmjpm(target: ImportTarget, args: string[], extra: CliOptions = {}) {
  return startCli(args, cliOptions(target, extra));
}

/** Counts of an import, from the `summary` of its `--json` output. */
export interface Summary {
  rowsRead: number;
  valid: number;
  invalid: number;
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
  failed: number;
  warnings: number;
}

export interface Issue {
  line: number;
  column: string;
  value: string;
  message: string;
  severity: 'error' | 'warning';
}

/** Parses the `--json` output of `mesures import`. */
export function parseImport(result: CliResult): {
  summary: Summary;
  issues: Issue[];
  plan?: unknown;
} {
  try {
    return JSON.parse(result.stdout) as { summary: Summary; issues: Issue[] };
  } catch {
    throw new Error(`Not JSON (exit ${result.exitCode}): ${result.stdout}\n${result.stderr}`);
  }
}

/** Lists the user's mesures straight from the sandbox. */
export async function remoteMesures(target: ImportTarget, status?: string): Promise<Mesure[]> {
  const query = status ? `?status=${status}` : '';
  const response = await request(`${target.sandbox.apiUrl}/api/editors/mesures${query}`, {
    headers: { authorization: `Bearer ${target.token}` },
  });
  const body = (await response.body.json()) as { mesures: Mesure[] };
  return body.mesures;
}

/**
 * Describes the stored mesures without server-chosen values (ids, creation times), sorted, so
 * two end states compare equal when they hold the same mesures.
 */
export async function endState(target: ImportTarget): Promise<string[]> {
  const mesures = await remoteMesures(target);
  return mesures.map(({ id: _id, created_at: _createdAt, ...rest }) => JSON.stringify(rest)).sort();
}

/** Number of requests that changed mesures, from the sandbox's counters. */
export function writeRequests(sandbox: Sandbox): number {
  return Object.entries(sandbox.stats.editorsRequests)
    .filter(([route]) => /^(POST|PUT|DELETE) /.test(route))
    .reduce((sum, [, count]) => sum + count, 0);
}

/** Returns the keys (court and normalised RG) that appear more than once among the mesures. */
export function duplicateKeys(mesures: Mesure[]): string[] {
  const seen = new Map<string, number>();
  for (const mesure of mesures) {
    const key = `${mesure.tribunal_siret}/${mesure.numero_rg}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, count]) => count > 1).map(([key]) => key);
}
