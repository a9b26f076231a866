import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startSandbox } from '../../src/sandbox/index.js';
import { removeTempHomes, runCli } from '../support/cli.js';
import { obtainAccessToken } from '../support/oauth.js';

import type { Sandbox } from '../../src/sandbox/index.js';

interface Tribunal {
  siret: string;
  nom: string;
  ville: string | null;
  code_postal: string | null;
}

let sandbox: Sandbox;
let individualToken: string;
let serviceToken: string;

beforeAll(async () => {
  sandbox = await startSandbox({ autoApprove: true });
  individualToken = await obtainAccessToken(sandbox);
  const service = sandbox.users.find((user) => user.kind === 'service');
  serviceToken = sandbox.issueTokens(service?.login ?? '').access_token;
});

afterAll(async () => {
  await sandbox.close();
  await removeTempHomes();
});

function run(args: string[], token = individualToken) {
  return runCli(args, { sandbox, env: { EMJPM_ACCESS_TOKEN: token } });
}

async function apiGet<T>(token: string, path: string): Promise<T> {
  const response = await request(`${sandbox.apiUrl}/api/editors${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await response.body.json()) as T;
}

function fold(text: string | null): string {
  return (text ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

describe('antennes list', () => {
  it("lists the service's antennes in a table", async () => {
    const { antennes } = await apiGet<{ antennes: { nom: string }[] }>(serviceToken, '/service-antennes');
    const result = await run(['antennes', 'list'], serviceToken);
    expect(result.exitCode).toBe(0);
    for (const antenne of antennes) expect(result.stdout).toContain(antenne.nom);
  });

  it('prints the antennes as JSON', async () => {
    const { antennes } = await apiGet<{ antennes: unknown[] }>(serviceToken, '/service-antennes');
    const result = await run(['antennes', 'list', '--json'], serviceToken);
    expect(JSON.parse(result.stdout)).toEqual(antennes);
  });

  it('explains an empty list for an individual mandataire', async () => {
    const result = await run(['antennes', 'list']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('No antennes');
  });

  it('prints an empty JSON array for an individual mandataire', async () => {
    const result = await run(['antennes', 'list', '--json']);
    expect(JSON.parse(result.stdout)).toEqual([]);
  });
});

describe('tribunaux list', () => {
  it('lists every court as JSON', async () => {
    const { tribunaux } = await apiGet<{ tribunaux: Tribunal[] }>(individualToken, '/tribunaux');
    const result = await run(['tribunaux', 'list', '--json']);
    expect((JSON.parse(result.stdout) as Tribunal[]).length).toBe(tribunaux.length);
  });

  it('searches without accents or case', async () => {
    const { tribunaux } = await apiGet<{ tribunaux: Tribunal[] }>(individualToken, '/tribunaux');
    const withAccent = tribunaux.find((tribunal) => /[éèê]/.test(tribunal.nom));
    const word = fold(withAccent?.nom ?? '').split(/\s+/).find((part) => part.length > 4 && /[a-z]/.test(part)) ?? '';
    const accented = (withAccent?.nom ?? '').split(/\s+/).find((part) => fold(part) === word) ?? word;

    const result = await run(['tribunaux', 'list', '--json', '--search', accented.toUpperCase()]);
    const found = JSON.parse(result.stdout) as Tribunal[];

    expect(found.map((tribunal) => tribunal.siret)).toContain(withAccent?.siret);
    for (const tribunal of found) {
      expect(fold([tribunal.nom, tribunal.ville, tribunal.code_postal, tribunal.siret].join(' '))).toContain(word);
    }
  });

  it('finds a court by postal code', async () => {
    const { tribunaux } = await apiGet<{ tribunaux: Tribunal[] }>(individualToken, '/tribunaux');
    const target = tribunaux.find((tribunal) => tribunal.code_postal);
    const result = await run(['tribunaux', 'list', '--output', 'csv', '--search', target?.code_postal ?? '']);
    expect(result.stdout).toContain(target?.siret);
  });

  it('shows a table with French headers', async () => {
    const result = await run(['tribunaux', 'list', '--search', 'paris']);
    expect(result.stdout.split('\n')[0]).toMatch(/^SIRET +Nom +Code postal +Ville/);
  });

  it('says when no court matches', async () => {
    const result = await run(['tribunaux', 'list', '--search', 'zzzz-nowhere']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('No court matches');
  });
});
