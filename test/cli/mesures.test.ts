import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

import { request } from 'undici';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { normaliseNumeroRg } from '../../src/mesure/numero-rg.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { removeTempHomes, runCli } from '../support/cli.js';
import { obtainAccessToken } from '../support/oauth.js';

import type { Sandbox } from '../../src/sandbox/index.js';
import type { CliOptions } from '../support/cli.js';

interface ListedMesure {
  id: number;
  status: string;
  numero_rg: string;
  date_fin_mesure: string | null;
  etats: { lieu_vie: string; date_changement_etat: string }[];
}

const mesureFile = {
  numero_rg: 'RG-24/042',
  numero_dossier: 'D-42',
  annee_naissance: 1950,
  civilite: 'madame',
  date_nomination: '2024-02-01',
  date_premier_mesure: null,
  date_protection_en_cours: null,
  date_fin_mesure: null,
  cause_sortie: null,
  resultat_revision: null,
  antenne_id: null,
  tribunal_siret: '',
  etats: [
    {
      date_changement_etat: '2024-02-01',
      nature_mesure: 'tutelle',
      champ_mesure: null,
      lieu_vie: 'domicile',
      type_etablissement: null,
      code_postal: '75001',
      ville: 'Paris',
      pays: 'FR',
    },
  ],
  ressources: [],
};

let sandbox: Sandbox;
let token: string;
let tribunalSiret: string;

beforeAll(async () => {
  sandbox = await startSandbox({ autoApprove: true });
  token = await obtainAccessToken(sandbox);
  const tribunaux = (await apiGet(token, '/tribunaux')) as { tribunaux: { siret: string }[] };
  tribunalSiret = tribunaux.tribunaux[0]?.siret ?? '';
});

afterAll(async () => {
  await sandbox.close();
  await removeTempHomes();
});

beforeEach(() => {
  sandbox.faults.clear();
});

function run(args: string[], options: CliOptions = {}) {
  return runCli(args, { ...options, sandbox, env: { EMJPM_ACCESS_TOKEN: token, ...options.env } });
}

async function apiGet(accessToken: string, path: string): Promise<unknown> {
  const response = await request(`${sandbox.apiUrl}/api/editors${path}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  const text = await response.body.text();
  return text === '' ? undefined : JSON.parse(text);
}

async function listJson(args: string[] = []): Promise<ListedMesure[]> {
  const result = await run(['mesures', 'list', '--json', ...args]);
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as ListedMesure[];
}

async function createMesure(overrides: Record<string, unknown> = {}): Promise<ListedMesure> {
  const body = JSON.stringify({ ...mesureFile, tribunal_siret: tribunalSiret, ...overrides });
  const result = await run(['mesures', 'create', '--file', '-', '--json'], { input: body });
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout) as ListedMesure;
}

describe('mesures list', () => {
  it('prints a table with French headers and labels', async () => {
    const result = await run(['mesures', 'list']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n')[0]).toMatch(/^ID +Statut +N° RG/);
    expect(result.stdout).toContain('En attente');
  });

  it('attaches the status of every mesure', async () => {
    const mesures = await listJson();
    const byStatus = await Promise.all(
      ['en_attente', 'en_cours', 'eteinte'].map(async (status) => {
        const answer = (await apiGet(token, `/mesures?status=${status}`)) as { mesures: { id: number }[] };
        return answer.mesures.map((mesure) => ({ id: mesure.id, status }));
      }),
    );
    const expected = byStatus.flat().sort((left, right) => left.id - right.id);
    expect(mesures.map(({ id, status }) => ({ id, status }))).toEqual(expected);
  });

  it('filters by status', async () => {
    const mesures = await listJson(['--status', 'en_attente']);
    expect(mesures.length).toBeGreaterThan(0);
    expect(new Set(mesures.map((mesure) => mesure.status))).toEqual(new Set(['en_attente']));
  });

  it('rejects an unknown status', async () => {
    const result = await run(['mesures', 'list', '--status', 'closed']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('en_attente, en_cours, eteinte');
  });

  it('writes CSV with a header row', async () => {
    const result = await run(['mesures', 'list', '--output', 'csv']);
    expect(result.stdout.split('\r\n')[0]).toMatch(/^id,status,numero_rg,/);
  });

  it('writes one JSON object per line in NDJSON', async () => {
    const result = await run(['mesures', 'list', '--output', 'ndjson']);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as ListedMesure).id)).toEqual((await listJson()).map((mesure) => mesure.id));
  });

  it('keeps stderr empty under --json', async () => {
    const result = await run(['mesures', 'list', '--json']);
    expect(result.stderr).toBe('');
  });
});

describe('mesures get', () => {
  it('shows the fields, états and ressources', async () => {
    const [first] = await listJson();
    const result = await run(['mesures', 'get', String(first?.id)]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(first?.numero_rg ?? '');
    expect(result.stdout).toContain('États');
  });

  it('prints the mesure as JSON', async () => {
    const [first] = await listJson();
    const result = await run(['mesures', 'get', String(first?.id), '--json']);
    expect((JSON.parse(result.stdout) as ListedMesure).id).toBe(first?.id);
  });

  it('names the id that is not found', async () => {
    const result = await run(['mesures', 'get', '987654']);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('Mesure 987654 not found');
  });

  it('rejects an id that is not a positive integer', async () => {
    const result = await run(['mesures', 'get', '12abc']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Invalid mesure id "12abc"');
  });
});

describe('mesures get status and antenne', () => {
  function serviceRun(args: string[]) {
    const service = sandbox.users.find((user) => user.kind === 'service');
    const serviceToken = sandbox.issueTokens(service?.login ?? '').access_token;
    return run(args, { env: { EMJPM_ACCESS_TOKEN: serviceToken } });
  }

  function csvRecord(stdout: string): Record<string, string> {
    const [header = '', row = ''] = stdout.split('\r\n');
    const values = row.split(',');
    return Object.fromEntries(header.split(',').map((name, index) => [name, values[index] ?? '']));
  }

  it('shows the status of a mesure en cours', async () => {
    const created = await createMesure({ numero_rg: 'ST-0001' });
    const result = await run(['mesures', 'get', String(created.id)]);
    expect(result.stdout).toMatch(/^Statut +En cours$/m);
  });

  it('shows the status of a pending mesure', async () => {
    const [pending] = await listJson(['--status', 'en_attente']);
    const result = await run(['mesures', 'get', String(pending?.id)]);
    expect(result.stdout).toMatch(/^Statut +En attente$/m);
  });

  it('fills the status in CSV', async () => {
    const created = await createMesure({ numero_rg: 'ST-0002', date_fin_mesure: '2024-03-01' });
    const result = await run(['mesures', 'get', String(created.id), '--output', 'csv']);
    expect(csvRecord(result.stdout).status).toBe('eteinte');
  });

  it('shows the creation time as dd/mm/yyyy HH:MM', async () => {
    const created = await createMesure({ numero_rg: 'ST-0003' });
    const result = await run(['mesures', 'get', String(created.id)]);
    expect(result.stdout).toMatch(/^Créée le +\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/m);
  });

  it("shows the antenne's name with its id", async () => {
    const listed = JSON.parse((await serviceRun(['mesures', 'list', '--json'])).stdout) as { id: number; antenne_id: number | null }[];
    const withAntenne = listed.find((mesure) => mesure.antenne_id !== null);
    const antennes = JSON.parse((await serviceRun(['antennes', 'list', '--json'])).stdout) as { id: number; nom: string }[];
    const antenne = antennes.find((candidate) => candidate.id === withAntenne?.antenne_id);
    const result = await serviceRun(['mesures', 'get', String(withAntenne?.id)]);
    const line = result.stdout.split('\n').find((text) => text.startsWith('Antenne '));
    expect(line?.replace(/^Antenne +/, '')).toBe(`${antenne?.nom} (${antenne?.id})`);
  });

  it('lists an Antenne column for service users', async () => {
    const result = await serviceRun(['mesures', 'list']);
    expect(result.stdout.split('\n')[0]).toMatch(/^ID +Statut +N° RG +Antenne /);
  });

  it('lists no Antenne column without antennes', async () => {
    const result = await run(['mesures', 'list']);
    expect(result.stdout.split('\n')[0]).not.toContain('Antenne');
  });
});

describe('mesures create', () => {
  it('creates a mesure from a file read on stdin', async () => {
    const created = await createMesure({ numero_rg: 'CR-0001' });
    const stored = (await apiGet(token, `/mesures/${created.id}`)) as ListedMesure;
    expect(stored.numero_rg).toBe(normaliseNumeroRg('CR-0001'));
  });

  it('creates a mesure from a file and shows it as a table', async () => {
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const folder = await mkdtemp(join(tmpdir(), 'emjpm-mesure-'));
    const path = join(folder, 'mesure.json');
    await writeFile(path, JSON.stringify({ ...mesureFile, numero_rg: 'CR-0002', tribunal_siret: tribunalSiret }));
    const result = await run(['mesures', 'create', '--file', path]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(normaliseNumeroRg('CR-0002'));
  });

  it('warns when the server truncates the numero RG', async () => {
    const result = await run(['mesures', 'create', '--file', '-'], {
      input: JSON.stringify({ ...mesureFile, numero_rg: 'rg-2020/1234', tribunal_siret: tribunalSiret }),
    });
    expect(result.stderr).toContain('drops "34"');
  });

  it('accepts a numeric numero RG with a warning', async () => {
    const result = await run(['mesures', 'create', '--file', '-', '--json'], {
      input: JSON.stringify({ ...mesureFile, numero_rg: 5123, tribunal_siret: tribunalSiret }),
    });
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as ListedMesure).numero_rg).toBe('00005123');
    expect(result.stderr).toContain('numero_rg 5123 is a number');
  });

  it('lists each invalid field and exits 4', async () => {
    const result = await run(['mesures', 'create', '--file', '-'], {
      input: JSON.stringify({ ...mesureFile, civilite: 'mme', tribunal_siret: tribunalSiret }),
    });
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('civilite');
  });

  it('reports the server field errors as JSON', async () => {
    const result = await run(['mesures', 'create', '--file', '-', '--json'], {
      input: JSON.stringify({ ...mesureFile, tribunal_siret: '12345678901234' }),
    });
    const error = (JSON.parse(result.stderr) as { error: { status: number; fieldErrors: { param: string }[] } }).error;
    expect(result.exitCode).toBe(4);
    expect(error.status).toBe(422);
    expect(error.fieldErrors[0]?.param).toBe('tribunal_siret');
  });

  it('rejects a file that is not JSON', async () => {
    const result = await run(['mesures', 'create', '--file', '-'], { input: '{not json' });
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('not valid JSON');
  });

  it('fails with exit 1 on a missing file', async () => {
    const result = await run(['mesures', 'create', '--file', '/nonexistent/mesure.json']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('no such file');
  });

  it('refuses to replace a mesure with the same RG without a terminal', async () => {
    const existing = await createMesure({ numero_rg: 'OW-0001' });
    const result = await run(['mesures', 'create', '--file', '-'], {
      input: JSON.stringify({ ...mesureFile, numero_rg: 'ow/0001', numero_dossier: 'other', tribunal_siret: tribunalSiret }),
    });
    const stored = (await apiGet(token, `/mesures/${existing.id}`)) as { numero_dossier: string };
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`This would replace mesure ${existing.id} (RG ${normaliseNumeroRg('OW-0001')}`);
    expect(result.stderr).toContain('its 1 état and 0 ressources');
    expect(result.stderr).toContain('--overwrite');
    expect(stored.numero_dossier).toBe(mesureFile.numero_dossier);
  });

  it('replaces a mesure with the same RG given --overwrite', async () => {
    const existing = await createMesure({ numero_rg: 'OW-0002' });
    const result = await run(['mesures', 'create', '--file', '-', '--overwrite'], {
      input: JSON.stringify({ ...mesureFile, numero_rg: 'OW-0002', numero_dossier: 'other', tribunal_siret: tribunalSiret }),
    });
    const stored = (await apiGet(token, `/mesures/${existing.id}`)) as { numero_dossier: string };
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain(`Mesure ${existing.id} replaced`);
    expect(stored.numero_dossier).toBe('other');
  });

  it('reports a new mesure as created', async () => {
    const result = await run(['mesures', 'create', '--file', '-'], {
      input: JSON.stringify({ ...mesureFile, numero_rg: 'OW-0003', tribunal_siret: tribunalSiret }),
    });
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toMatch(/Mesure \d+ created/);
  });

  it('fails with exit 1 when --file is a directory', async () => {
    const result = await run(['mesures', 'create', '--file', tmpdir()]);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('it is a directory');
  });

  it('accepts the README example file', async () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = /A `mesure\.json` for[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const result = await run(['mesures', 'create', '--file', '-', '--overwrite'], { input: example });
    expect(result.exitCode).toBe(0);
  });

  it('needs --file or --interactive', async () => {
    expect((await run(['mesures', 'create'])).exitCode).toBe(2);
  });

  it('refuses --interactive without a terminal', async () => {
    const result = await run(['mesures', 'create', '--interactive']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('needs a terminal');
  });
});

describe('mesures update', () => {
  it('changes one field and keeps the others', async () => {
    const created = await createMesure({ numero_rg: 'UP-0001' });
    const result = await run(['mesures', 'update', String(created.id), '--set', 'date_fin_mesure=2099-12-31', '--json']);
    const stored = (await apiGet(token, `/mesures/${created.id}`)) as ListedMesure;
    expect(result.exitCode).toBe(0);
    expect(stored.date_fin_mesure).toBe('2099-12-31');
    expect(stored.numero_rg).toBe(normaliseNumeroRg('UP-0001'));
  });

  it('changes the latest état with etat.FIELD', async () => {
    const created = await createMesure({ numero_rg: 'UP-0002' });
    await run(['mesures', 'update', String(created.id), '--set', 'etat.lieu_vie=sdf']);
    const stored = (await apiGet(token, `/mesures/${created.id}`)) as ListedMesure;
    expect(stored.etats.at(-1)?.lieu_vie).toBe('sdf');
  });

  it('accepts French dates and labels in --set', async () => {
    const created = await createMesure({ numero_rg: 'UP-0008' });
    const result = await run([
      'mesures', 'update', String(created.id),
      '--set', 'date_fin_mesure=31/12/2099',
      '--set', 'etat.lieu_vie=En établissement',
      '--set', 'etat.type_etablissement=etablissement hospitalier',
    ]);
    const stored = (await apiGet(token, `/mesures/${created.id}`)) as ListedMesure & { etats: { type_etablissement: string }[] };
    expect(result.exitCode).toBe(0);
    expect(stored.date_fin_mesure).toBe('2099-12-31');
    expect(stored.etats.at(-1)?.lieu_vie).toBe('etablissement');
    expect(stored.etats.at(-1)?.type_etablissement).toBe('etablissement_hospitalier');
  });

  it('names the mesure that already has the new RG', async () => {
    const holder = await createMesure({ numero_rg: 'DUP-0001' });
    const created = await createMesure({ numero_rg: 'DUP-0002' });
    const result = await run(['mesures', 'update', String(created.id), '--set', 'numero_rg=dup/0001']);
    const stored = (await apiGet(token, `/mesures/${created.id}`)) as ListedMesure;
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain(`Mesure ${holder.id} already has numero RG ${normaliseNumeroRg('DUP-0001')}`);
    expect(result.stderr).not.toContain('duplicate key');
    expect(stored.numero_rg).toBe(normaliseNumeroRg('DUP-0002'));
  });

  it('rejects a file whose RG another mesure has', async () => {
    const holder = await createMesure({ numero_rg: 'DUP-0003' });
    const created = await createMesure({ numero_rg: 'DUP-0004' });
    const replacement = { ...mesureFile, numero_rg: 'DUP-0003', tribunal_siret: tribunalSiret };
    const result = await run(['mesures', 'update', String(created.id), '--file', '-'], { input: JSON.stringify(replacement) });
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain(`Mesure ${holder.id} already has numero RG`);
  });

  it('keeps its own RG in a replacement file', async () => {
    const created = await createMesure({ numero_rg: 'DUP-0005' });
    const replacement = { ...mesureFile, numero_rg: 'dup-0005', tribunal_siret: tribunalSiret };
    const result = await run(['mesures', 'update', String(created.id), '--file', '-'], { input: JSON.stringify(replacement) });
    expect(result.exitCode).toBe(0);
  });

  it('replaces the mesure with a file', async () => {
    const created = await createMesure({ numero_rg: 'UP-0003' });
    const replacement = { ...mesureFile, numero_rg: 'UP-0003', numero_dossier: 'replaced', tribunal_siret: tribunalSiret };
    const result = await run(['mesures', 'update', String(created.id), '--file', '-'], { input: JSON.stringify(replacement) });
    const stored = (await apiGet(token, `/mesures/${created.id}`)) as { numero_dossier: string };
    expect(result.exitCode).toBe(0);
    expect(stored.numero_dossier).toBe('replaced');
  });

  it('rejects a value the server would reject', async () => {
    const created = await createMesure({ numero_rg: 'UP-0004' });
    const result = await run(['mesures', 'update', String(created.id), '--set', 'etat.lieu_vie=etablissement']);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('type_etablissement');
  });

  it('fails with exit 1 on a missing --file', async () => {
    const created = await createMesure({ numero_rg: 'UP-0005' });
    const result = await run(['mesures', 'update', String(created.id), '--file', '/nonexistent/mesure.json']);
    expect(result.exitCode).toBe(1);
  });

  it('exits 4 on a value that is not an integer', async () => {
    const created = await createMesure({ numero_rg: 'UP-0006' });
    const result = await run(['mesures', 'update', String(created.id), '--set', 'annee_naissance=abc']);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('annee_naissance="abc"');
  });

  it('exits 4 on a date that fails validation', async () => {
    const created = await createMesure({ numero_rg: 'UP-0007' });
    const result = await run(['mesures', 'update', String(created.id), '--set', 'date_fin_mesure=31/02/2025']);
    expect(result.exitCode).toBe(4);
  });

  it('rejects a malformed id with exit 2', async () => {
    const result = await run(['mesures', 'update', 'abc', '--set', 'numero_dossier=x']);
    expect(result.exitCode).toBe(2);
  });

  it('asks for --file or --set', async () => {
    const result = await run(['mesures', 'update', '1']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Give --file or --set to say what to change.');
  });

  it('rejects an unknown field', async () => {
    const result = await run(['mesures', 'update', '1', '--set', 'colour=red']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Unknown field "colour"');
  });
});

describe('mesures delete', () => {
  it('refuses without --yes when no terminal is attached', async () => {
    const created = await createMesure({ numero_rg: 'DL-0001' });
    const result = await run(['mesures', 'delete', String(created.id)]);
    expect(result.exitCode).toBe(2);
    expect(await apiGet(token, `/mesures/${created.id}`)).toMatchObject({ id: created.id });
  });

  it('rejects a malformed id with exit 2', async () => {
    const result = await run(['mesures', 'delete', 'abc', '--yes']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Invalid mesure id "abc"');
  });

  it('deletes own mesures with --yes', async () => {
    const created = await createMesure({ numero_rg: 'DL-0002' });
    const result = await run(['mesures', 'delete', String(created.id), '--yes', '--json']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ deleted: [created.id], notDeleted: [] });
    expect(await apiGet(token, `/mesures/${created.id}`)).toBeUndefined();
  });

  it('checks many ids against the listing', async () => {
    const created = await Promise.all(['DL-0010', 'DL-0011', 'DL-0012', 'DL-0013'].map((rg) => createMesure({ numero_rg: rg })));
    const ids = created.map((mesure) => String(mesure.id));
    const result = await run(['mesures', 'delete', ...ids, '--yes']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('Deleted 4 mesures.');
  });

  it("never sends the id of another user's mesure", async () => {
    const service = sandbox.users.find((user) => user.kind === 'service');
    const serviceToken = sandbox.issueTokens(service?.login ?? '').access_token;
    const theirs = (await apiGet(serviceToken, '/mesures?status=en_cours')) as { mesures: ListedMesure[] };
    const target = theirs.mesures[0];
    const before = await apiGet(serviceToken, `/mesures/${target?.id}`);

    const result = await run(['mesures', 'delete', String(target?.id), '--yes']);

    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain('not among your mesures');
    expect(await apiGet(serviceToken, `/mesures/${target?.id}`)).toEqual(before);
  });
});

describe('mesures purge', () => {
  let purgeSandbox: Sandbox;
  let purgeToken: string;

  beforeAll(async () => {
    purgeSandbox = await startSandbox({ autoApprove: true });
    purgeToken = await obtainAccessToken(purgeSandbox);
  });

  afterAll(async () => {
    await purgeSandbox.close();
  });

  function purge(args: string[]) {
    return runCli(['mesures', 'purge', ...args], { sandbox: purgeSandbox, env: { EMJPM_ACCESS_TOKEN: purgeToken } });
  }

  async function countStatus(status: string): Promise<number> {
    const response = await request(`${purgeSandbox.apiUrl}/api/editors/mesures?status=${status}`, {
      headers: { authorization: `Bearer ${purgeToken}` },
    });
    return ((await response.body.json()) as { mesures: unknown[] }).mesures.length;
  }

  it('refuses without --yes when no terminal is attached', async () => {
    const before = await countStatus('en_cours');
    const result = await purge([]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/by status: En attente: \d+, En cours: \d+, Éteinte: \d+/);
    expect(result.stderr).toMatch(/Delete \d+ mesures\? This cannot be undone\./);
    expect(result.stderr).not.toContain('mesure(s)');
    expect(await countStatus('en_cours')).toBe(before);
  });

  it('keeps en_attente mesures without --include-pending', async () => {
    const pending = await countStatus('en_attente');
    const result = await purge(['--yes']);
    expect(result.exitCode).toBe(0);
    expect(await countStatus('en_cours')).toBe(0);
    expect(await countStatus('eteinte')).toBe(0);
    expect(await countStatus('en_attente')).toBe(pending);
  });

  it('deletes everything with --include-pending', async () => {
    const result = await purge(['--include-pending', '--yes', '--json']);
    expect(result.exitCode).toBe(0);
    expect((JSON.parse(result.stdout) as { deleted: number }).deleted).toBeGreaterThan(0);
    expect(await countStatus('en_attente')).toBe(0);
  });

  it('says there is nothing left to delete', async () => {
    const result = await purge(['--include-pending']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toContain('Nothing to delete.');
  });
});
