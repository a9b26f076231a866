import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { normaliseNumeroRg } from '../../src/mesure/numero-rg.js';
import {
  duplicateKeys,
  emjpm,
  endState,
  fixture,
  parseImport,
  remoteMesures,
  serviceLogin,
  startEmjpm,
  useImportTargets,
  writeRequests,
} from './import-support.js';

import type { ImportTarget } from './import-support.js';

const generator = fileURLToPath(new URL('../../scripts/generate-fixture.js', import.meta.url));
const templateHeader =
  'date_nomination;type;code_postal;ville;civilite;annee;numero_rg;numero_dossier;residence;tribunal_siret;tribunal_cabinet;antenne';

const { target, folder } = useImportTargets('emjpm-sync-');

/**
 * Time limits of the tests that run the CLI many times on large files. They take a few seconds
 * alone but several times longer when the whole suite shares 2 cores, so the default 30 s test
 * limit and 20 s run limit failed them now and then without any bug.
 */
const longTestMs = 240_000;
const longRun = { timeoutMs: 120_000 };

/** Writes the first `count` data rows of the eMJPM fixture to a new file. */
async function firstRows(count: number): Promise<string> {
  const lines = (await readFile(fixture('mesures-emjpm.csv'), 'utf8')).split('\r\n');
  const path = join(folder(), `first-${count}.csv`);
  await writeFile(path, lines.slice(0, count + 1).join('\r\n'));
  return path;
}

/** Ids of the remote mesures that the first `count` rows of the eMJPM fixture name. */
async function firstRowIds(started: ImportTarget, count: number): Promise<number[]> {
  const lines = (await readFile(fixture('mesures-emjpm.csv'), 'utf8'))
    .split('\r\n')
    .slice(1, count + 1);
  const keys = new Set(
    lines.map((line) => {
      const cells = line.split(';');
      return `${cells[9]}/${normaliseNumeroRg(cells[6] ?? '')}`;
    }),
  );
  return (await remoteMesures(started))
    .filter((mesure) => keys.has(`${mesure.tribunal_siret}/${mesure.numero_rg}`))
    .map((mesure) => mesure.id);
}

describe('mesures import --prune', () => {
  it('refuses past the default limit', async () => {
    const started = await target();
    await emjpm(started, ['mesures', 'import', fixture('mesures-emjpm.csv')]);
    const before = await remoteMesures(started);
    const pending = await remoteMesures(started, 'en_attente');
    const absent = before.length - 250 - pending.length;
    const limit = Math.floor(before.length / 10);
    started.sandbox.stats.reset();
    const result = await emjpm(started, [
      'mesures',
      'import',
      await firstRows(250),
      '--prune',
      '--yes',
    ]);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain(
      `--prune would delete ${absent} mesures, more than the limit of 10 % of your ${before.length} mesures, that is ${limit}. Nothing was sent.`,
    );
    expect(writeRequests(started.sandbox)).toBe(0);
    expect((await remoteMesures(started)).length).toBe(before.length);
  });

  it('refuses past an explicit limit', async () => {
    const started = await target();
    await emjpm(started, ['mesures', 'import', fixture('mesures-emjpm.csv')]);
    const absent =
      (await remoteMesures(started)).length -
      290 -
      (await remoteMesures(started, 'en_attente')).length;
    const result = await emjpm(started, [
      'mesures',
      'import',
      await firstRows(290),
      '--prune',
      '--max-delete',
      '5',
      '--yes',
    ]);
    expect(result.exitCode).toBe(4);
    expect(result.stderr).toContain(
      `--prune would delete ${absent} mesures, more than the limit of 5. Nothing was sent.`,
    );
  });

  it('deletes absent mesures but keeps en_attente', async () => {
    const started = await target();
    await emjpm(started, ['mesures', 'import', fixture('mesures-emjpm.csv')]);
    const pending = await remoteMesures(started, 'en_attente');
    const absent = (await remoteMesures(started)).length - 250 - pending.length;
    started.sandbox.stats.reset();
    const result = await emjpm(started, [
      'mesures',
      'import',
      await firstRows(250),
      '--prune',
      '--max-delete',
      '60',
      '--yes',
      '--json',
    ]);
    expect(result.exitCode).toBe(0);
    expect(parseImport(result).summary).toMatchObject({ deleted: absent, unchanged: 250 });
    expect(pending.length).toBeGreaterThan(0);
    expect((await remoteMesures(started)).map((mesure) => mesure.id).sort()).toEqual(
      [...(await firstRowIds(started, 250)), ...pending.map((mesure) => mesure.id)].sort(),
    );
    expect(started.sandbox.stats.editorsRequests['DELETE /mesures/:id']).toBe(absent);
  });

  it('asks for --yes without a terminal', async () => {
    const started = await target();
    await emjpm(started, ['mesures', 'import', fixture('mesures-emjpm.csv')]);
    started.sandbox.stats.reset();
    const result = await emjpm(started, ['mesures', 'import', await firstRows(295), '--prune']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('Add --yes to confirm from a script.');
    expect(writeRequests(started.sandbox)).toBe(0);
  });

  it('lists deletions on a dry run', async () => {
    const started = await target();
    await emjpm(started, ['mesures', 'import', fixture('mesures-emjpm.csv')]);
    started.sandbox.stats.reset();
    const absent =
      (await remoteMesures(started)).length -
      295 -
      (await remoteMesures(started, 'en_attente')).length;
    const result = await emjpm(started, [
      'mesures',
      'import',
      await firstRows(295),
      '--prune',
      '--dry-run',
    ]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.match(/^delete {2}id \d+ {2}\d{14}\/\w{8}$/gm)).toHaveLength(absent);
    expect(writeRequests(started.sandbox)).toBe(0);
  });
});

describe('mesures import for a service', () => {
  it('sets antennes by name', async () => {
    const started = await target(serviceLogin);
    const file = join(folder(), 'antennes.csv');
    await writeFile(
      file,
      `${templateHeader}\n` +
        '12/01/2021;tutelle;69003;LYON 03;F;1941;21/01001;S-1;domicile;17690111400403;;Antenne de Lyon\n' +
        '12/01/2021;curatelle;38200;VIENNE;H;1951;21/01002;S-2;domicile;17690111400403;;antenne de vienne\n' +
        '12/01/2021;curatelle;38200;VIENNE;H;1951;21/01003;S-3;domicile;17690111400403;;\n',
    );
    const result = await emjpm(started, ['mesures', 'import', file, '--json']);
    expect(result.exitCode).toBe(0);
    expect(parseImport(result).summary).toMatchObject({ created: 3 });
    const byRg = new Map(
      (await remoteMesures(started)).map((mesure) => [mesure.numero_rg, mesure.antenne_id]),
    );
    expect([byRg.get('02101001'), byRg.get('02101002'), byRg.get('02101003')]).toEqual([
      301,
      303,
      null,
    ]);
    expect(started.sandbox.stats.editorsRequests['PUT /mesures/:id']).toBe(2);
  });

  it('sends no writes again with antennes', async () => {
    const started = await target(serviceLogin);
    const file = join(folder(), 'antennes-again.csv');
    await writeFile(
      file,
      `${templateHeader}\n12/01/2021;tutelle;69003;LYON 03;F;1941;21/01101;T-1;domicile;17690111400403;;Antenne de Lyon\n`,
    );
    const first = await emjpm(started, ['mesures', 'import', file]);
    expect(first.exitCode, first.stderr).toBe(0);
    started.sandbox.stats.reset();
    const again = await emjpm(started, ['mesures', 'import', file, '--json']);
    expect(writeRequests(started.sandbox), again.stdout).toBe(0);
  });

  it('rejects an unknown antenne', async () => {
    const started = await target(serviceLogin);
    const file = join(folder(), 'unknown-antenne.csv');
    await writeFile(
      file,
      `${templateHeader}\n12/01/2021;tutelle;69003;LYON 03;F;1941;21/01201;U-1;domicile;17690111400403;;Antenne de Paris\n`,
    );
    const result = await emjpm(started, ['mesures', 'import', file, '--json']);
    expect(result.exitCode).toBe(4);
    expect(parseImport(result).issues[0]?.message).toBe(
      'antenne "Antenne de Paris" is not one of your antennes: your antennes are "Antenne de Lyon", "Antenne de Villeurbanne", "Antenne de Vienne"',
    );
  });

  it('rejects only the bad row of a batch', async () => {
    const started = await target(serviceLogin);
    const rows = Array.from({ length: 10 }, (_, index) => {
      const dossier = index === 6 ? 'V-5' : `V-${index}`;
      return `12/01/2021;tutelle;69003;LYON 03;F;1941;21/02${String(index).padStart(3, '0')};${dossier};domicile;17690111400403;;`;
    });
    const file = join(folder(), 'dossier.csv');
    await writeFile(file, `${templateHeader}\n${rows.join('\n')}\n`);
    const result = await emjpm(started, ['mesures', 'import', file, '--json']);
    const output = parseImport(result);
    expect(result.exitCode).toBe(4);
    expect(output.summary).toMatchObject({ valid: 10, created: 9, failed: 1 });
    expect(output.issues.map((issue) => [issue.line, issue.severity])).toEqual([[8, 'error']]);
    expect(output.issues[0]?.message).toMatch(/^rejected by eMJPM: /);
  });
});

describe('mesures import resilience', () => {
  it('exits 5 when the API keeps failing', async () => {
    const started = await target();
    started.sandbox.faults.set({ failRate: 1, seed: 1 });
    const result = await emjpm(started, ['mesures', 'import', fixture('mesures-emjpm.csv')]);
    expect(result.exitCode).toBe(5);
    expect(writeRequests(started.sandbox)).toBe(0);
  });

  it('reaches the same state despite faults', async () => {
    const clean = await target();
    const cleanRun = await emjpm(
      clean,
      ['mesures', 'import', fixture('mesures-emjpm.csv'), '--batch-size', '50'],
      longRun,
    );
    expect(cleanRun.exitCode).toBe(0);

    const faulty = await target();
    faulty.sandbox.faults.set({ failRate: 0.2, resetRate: 0.1, seed: 7 });
    faulty.sandbox.faults.failNext(2, 429);
    const exitCodes: (number | null)[] = [];
    for (let attempt = 0; attempt < 5 && exitCodes.at(-1) !== 0; attempt += 1) {
      const result = await emjpm(
        faulty,
        ['mesures', 'import', fixture('mesures-emjpm.csv'), '--batch-size', '50'],
        longRun,
      );
      exitCodes.push(result.exitCode);
    }
    faulty.sandbox.faults.clear();
    expect(exitCodes.at(-1), `exit codes ${exitCodes.join(', ')}`).toBe(0);
    expect(faulty.sandbox.stats.faultsInjected).toBeGreaterThan(0);
    expect(await endState(faulty)).toEqual(await endState(clean));
  }, longTestMs);

  it('converges after being killed', async () => {
    const file = join(folder(), 'large.csv');
    await promisify(execFile)(process.execPath, [
      generator,
      '--rows',
      '3000',
      '--seed',
      '5',
      '--out',
      file,
    ]);
    const clean = await target();
    const cleanRun = await emjpm(clean, ['mesures', 'import', file, '--batch-size', '100'], longRun);
    expect(cleanRun.exitCode).toBe(0);

    const killed = await target();
    // Three kills at random points between start-up and the end of a run (about 1.5 s here).
    const delaysMs = Array.from({ length: 3 }, () => 150 + Math.floor(Math.random() * 1350));
    for (const delayMs of delaysMs) {
      const { child, result } = await startEmjpm(
        killed,
        ['mesures', 'import', file, '--batch-size', '50', '--concurrency', '1'],
        longRun,
      );
      const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
      await result;
      clearTimeout(timer);
    }
    const final = await emjpm(killed, ['mesures', 'import', file, '--batch-size', '100'], longRun);
    expect(final.exitCode, `killed after ${delaysMs.join(', ')} ms`).toBe(0);
    expect(
      duplicateKeys(await remoteMesures(killed)),
      `killed after ${delaysMs.join(', ')} ms`,
    ).toEqual([]);
    expect(await endState(killed), `killed after ${delaysMs.join(', ')} ms`).toEqual(
      await endState(clean),
    );

    killed.sandbox.stats.reset();
    await emjpm(killed, ['mesures', 'import', file, '--batch-size', '100'], longRun);
    expect(writeRequests(killed.sandbox)).toBe(0);
  }, longTestMs);
});
