import { PassThrough } from 'node:stream';

import { describe, expect, it } from 'vitest';

import { confirmDestructiveAction } from '../../src/cli/confirm.js';
import { InterruptedError, UsageError } from '../../src/cli/errors.js';
import { promptMesure } from '../../src/cli/prompts/mesure-prompts.js';
import { createMemorySink } from '../../src/output/sink.js';

import type { ApiClient } from '../../src/api/types.js';
import type { AppContext } from '../../src/cli/context.js';
import type { Antenne, Tribunal } from '../../src/mesure/types.js';

const tribunaux: Tribunal[] = [
  { siret: '17690111100016', nom: 'Tribunal judiciaire de Lyon', adresse: null, code_postal: '69003', ville: 'Lyon', latitude: null, longitude: null },
  { siret: '17750111101763', nom: 'Tribunal judiciaire de Paris', adresse: null, code_postal: '75017', ville: 'Paris', latitude: null, longitude: null },
];

const enter = '\r';
const down = '\u001b[B';

/** Creates a terminal on streams, whose `answer` waits for a prompt in the output and then types keys. */
function terminal(options: { interactive?: boolean; antennes?: Antenne[] } = {}) {
  const input = new PassThrough();
  const output = new PassThrough();
  // Each prompt ends its output stream when done; process.stderr ignores that, so the test
  // stream does too, or the second prompt would write nowhere.
  output.end = () => output;
  let screen = '';
  let readUpTo = 0;
  output.on('data', (chunk: Buffer) => {
    screen += chunk.toString('utf8');
  });

  const api = {
    listTribunaux: async () => tribunaux,
    listAntennes: async () => options.antennes ?? [],
  } as unknown as ApiClient;
  const sink = createMemorySink();
  const app: AppContext = {
    env: {},
    stdin: input,
    stdout: new PassThrough(),
    stderr: output,
    interactive: options.interactive ?? true,
    globals: () => ({ profile: undefined, json: false, output: 'table', debug: false, color: false }),
    sink: () => sink,
    profile: async () => {
      throw new Error('not used');
    },
    api: async () => api,
  };

  async function answer(prompt: string, ...keys: string[]): Promise<void> {
    for (let waited = 0; !screen.slice(readUpTo).includes(prompt); waited += 10) {
      if (waited > 5000) throw new Error(`Prompt "${prompt}" not shown; screen:\n${screen.slice(readUpTo)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    readUpTo = screen.lastIndexOf(prompt);
    for (const key of keys) {
      input.write(key);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  return { app, answer, screen: () => screen, sink };
}

describe('promptMesure', () => {
  it('builds a mesure from the answers', async () => {
    const { app, answer } = terminal();
    const result = promptMesure(app);

    await answer('Numéro RG', 'rg-1/5', enter);
    await answer('Numéro de dossier', enter);
    await answer('Civilité', down, enter);
    await answer('Année de naissance', '12', enter);
    await answer('Saisissez une année entre', '\u007f\u007f1950', enter);
    await answer('Tribunal', 'paris');
    await answer('Tribunal judiciaire de Paris', enter);
    await answer('Date de nomination', '10/01/2024', enter);
    await answer('Date de première mesure', enter);
    await answer('Nature de la mesure', enter);
    await answer('Champ de la mesure', enter);
    await answer('Lieu de vie', down, enter);
    await answer("Type d'établissement", enter);
    await answer('Code postal', '75001', enter);
    await answer('Ville', 'Paris', enter);
    await answer('Pays', enter);
    await answer('Envoyer cette mesure à eMJPM ?', enter);
    const payload = await result;

    expect(payload.numero_rg).toBe('rg-1/5');
    expect(payload.civilite).toBe('monsieur');
    expect(payload.annee_naissance).toBe(1950);
    expect(payload.tribunal_siret).toBe('17750111101763');
    expect(payload.date_nomination).toBe('2024-01-10');
    expect(payload.etats[0]).toEqual({
      date_changement_etat: '2024-01-10',
      nature_mesure: 'curatelle_renforcee',
      champ_mesure: null,
      lieu_vie: 'etablissement',
      type_etablissement: 'autre_etablissement',
      code_postal: '75001',
      ville: 'Paris',
      pays: 'FR',
    });
  });

  it('shows the payload before sending', async () => {
    const { app, answer, screen } = terminal();
    const result = promptMesure(app);
    await answer('Numéro RG', '12345', enter);
    await answer('Numéro de dossier', 'D1', enter);
    await answer('Civilité', enter);
    await answer('Année de naissance', '1960', enter);
    await answer('Tribunal', 'lyon');
    await answer('Tribunal judiciaire de Lyon', enter);
    await answer('Date de nomination', '2023-05-02', enter);
    await answer('Date de première mesure', enter);
    await answer('Nature de la mesure', enter);
    await answer('Champ de la mesure', enter);
    await answer('Lieu de vie', enter);
    await answer('Code postal', enter);
    await answer('Ville', enter);
    await answer('Pays', enter);
    const outcome = result.catch((error: unknown) => error);
    await answer('Envoyer cette mesure à eMJPM ?', 'n', enter);

    expect(await outcome).toBeInstanceOf(InterruptedError);
    expect(screen()).toContain('"numero_dossier": "D1"');
  });

  it('asks every question in French', async () => {
    const { app, answer, screen } = terminal();
    const result = promptMesure(app);
    await answer('Numéro RG', '12345', enter);
    await answer('Numéro de dossier', enter);
    await answer('Civilité', enter);
    await answer('Année de naissance', '1960', enter);
    await answer('Tribunal', 'lyon');
    await answer('Tribunal judiciaire de Lyon', enter);
    await answer('Date de nomination', '2023-05-02', enter);
    await answer('Date de première mesure', '31/02/2023', enter);
    await answer('Saisissez une date', '\u007f'.repeat(10), '01/02/2023', enter);
    await answer('Nature de la mesure', enter);
    await answer('Champ de la mesure', enter);
    await answer('Lieu de vie', enter);
    await answer('Code postal', enter);
    await answer('Ville', enter);
    await answer('Pays', enter);
    const outcome = result.catch((error: unknown) => error);
    await answer('Envoyer cette mesure à eMJPM ?', 'n', enter);
    await outcome;

    expect(screen()).not.toMatch(/optional|Enter |Send /);
    expect(screen()).toContain('"date_premier_mesure": "2023-02-01"');
  });
});

describe('confirmDestructiveAction', () => {
  it('proceeds with --yes without asking', async () => {
    const { app, screen } = terminal({ interactive: false });
    await confirmDestructiveAction(app, { question: 'Delete 2 mesures?', yes: true });
    expect(screen()).toBe('');
  });

  it('needs --yes without a terminal', async () => {
    const { app } = terminal({ interactive: false });
    await expect(confirmDestructiveAction(app, { question: 'Delete 2 mesures?', yes: false })).rejects.toBeInstanceOf(UsageError);
  });

  it('accepts the typed count', async () => {
    const { app, answer } = terminal();
    const confirmation = confirmDestructiveAction(app, { question: 'Delete 7 mesures?', yes: false, typedAnswer: '7' });
    await answer('Type 7 to confirm', '7', enter);
    await expect(confirmation).resolves.toBeUndefined();
  });

  it('clears progress before asking', async () => {
    const { app, answer, sink } = terminal();
    sink.progress('Listing mesures by status', 3, 3);
    const confirmation = confirmDestructiveAction(app, { question: 'Delete 7 mesures?', yes: false, typedAnswer: '7' });
    await answer('Type 7 to confirm', '7', enter);
    await confirmation;
    expect(sink.lines.at(-1)).toBe('endProgress');
  });

  it('cancels on another typed text', async () => {
    const { app, answer } = terminal();
    const confirmation = confirmDestructiveAction(app, { question: 'Delete 7 mesures?', yes: false, typedAnswer: '7' });
    const outcome = confirmation.catch((error: unknown) => error);
    await answer('Type 7 to confirm', 'yes', enter);
    expect(await outcome).toBeInstanceOf(InterruptedError);
  });

  it('cancels when the user says no', async () => {
    const { app, answer } = terminal();
    const confirmation = confirmDestructiveAction(app, { question: 'Delete 1 mesure?', yes: false });
    const outcome = confirmation.catch((error: unknown) => error);
    await answer('Delete 1 mesure?', 'n', enter);
    expect(await outcome).toBeInstanceOf(InterruptedError);
  });
});
