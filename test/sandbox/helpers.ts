import { request } from 'undici';

import { startSandbox } from '../../src/sandbox/index.js';

import type { Sandbox, SandboxOptions } from '../../src/sandbox/index.js';

export const PARIS = '17750111101763';
export const LYON = '17690111400403';
export const BORDEAUX = '17330111000529';
export const REDIRECT_URI = 'http://127.0.0.1:8765/callback';

export interface ApiResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: () => any;
}

export interface CallOptions {
  token?: string;
  /** Sent as JSON unless `rawBody` is given. */
  body?: unknown;
  rawBody?: string | Buffer;
  contentType?: string | null;
  headers?: Record<string, string>;
}

/** Sends one request to the sandbox and reads the whole response. */
export async function call(
  sandbox: Sandbox,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) {
    headers.authorization = `Bearer ${options.token}`;
  }
  let payload: string | Buffer | undefined = options.rawBody;
  if (payload === undefined && options.body !== undefined) {
    payload = JSON.stringify(options.body);
  }
  if (payload !== undefined && options.contentType !== null) {
    headers['content-type'] = options.contentType ?? 'application/json';
  }
  const response = await request(`${sandbox.apiUrl}${path}`, {
    method: method as 'GET',
    headers,
    body: payload,
  });
  const text = await response.body.text();
  return {
    status: response.statusCode,
    headers: response.headers,
    text,
    json: () => JSON.parse(text),
  };
}

/** Calls an editors route: `path` is below /api/editors. */
export function editors(
  sandbox: Sandbox,
  token: string,
  method: string,
  path: string,
  options: Omit<CallOptions, 'token'> = {},
): Promise<ApiResponse> {
  return call(sandbox, method, `/api/editors${path}`, { ...options, token });
}

/** Posts a form to the token endpoint. */
export function tokenRequest(
  sandbox: Sandbox,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<ApiResponse> {
  return call(sandbox, 'POST', '/api/oauth/token', {
    rawBody: new URLSearchParams(fields).toString(),
    contentType: 'application/x-www-form-urlencoded',
    headers,
  });
}

/** Starts a sandbox without rate limit, for tests that do not check it. */
export function startTestSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  return startSandbox({ rateLimit: 0, ...options });
}

/** Starts a test sandbox with an access token for each seeded user. */
export async function startWithTokens(
  options: SandboxOptions = {},
): Promise<{ sandbox: Sandbox; individualToken: string; serviceToken: string }> {
  const sandbox = await startTestSandbox(options);
  const tokenOf = (kind: string): string =>
    sandbox.issueTokens(sandbox.users.find((user) => user.kind === kind)!.login).access_token;
  return { sandbox, individualToken: tokenOf('individuel'), serviceToken: tokenOf('service') };
}

/**
 * Tells whether a request is still unanswered after `waitMs`. The request is expected to fail
 * later, when the sandbox closes, and that failure is ignored.
 */
export async function isStillPending(pending: Promise<unknown>, waitMs = 300): Promise<boolean> {
  pending.catch(() => undefined);
  const outcome = await Promise.race([
    pending.then(
      () => 'answered',
      () => 'failed',
    ),
    new Promise((resolve) => setTimeout(() => resolve('pending'), waitMs)),
  ]);
  return outcome === 'pending';
}

/** Returns a generator of numero_rg values that no other test file uses, such as `C0000001`. */
export function rgSequence(prefix: string): () => string {
  let serialNumber = 0;
  return () => {
    serialNumber += 1;
    return `${prefix}${String(serialNumber).padStart(8 - prefix.length, '0')}`;
  };
}

/** Builds a valid mesure body. `overrides` replace fields, and an `undefined` value removes one. */
export function mesureBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = {
    numero_rg: '24/00001',
    numero_dossier: null,
    tribunal_siret: PARIS,
    annee_naissance: 1950,
    civilite: 'madame',
    date_nomination: '2024-01-10',
    date_premier_mesure: null,
    date_protection_en_cours: null,
    date_fin_mesure: null,
    cause_sortie: null,
    resultat_revision: null,
    etats: [
      {
        date_changement_etat: '2024-01-10',
        nature_mesure: 'tutelle',
        champ_mesure: 'protection_bien_personne',
        lieu_vie: 'domicile',
        type_etablissement: null,
        code_postal: '75015',
        ville: 'PARIS 15',
        pays: 'FR',
      },
    ],
    ressources: [],
    ...overrides,
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) {
      delete body[key];
    }
  }
  return body;
}

/** Builds an état with the given date and fields. */
export function etat(
  date: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    date_changement_etat: date,
    nature_mesure: 'curatelle_simple',
    champ_mesure: null,
    lieu_vie: 'domicile',
    type_etablissement: null,
    code_postal: '33000',
    ville: 'BORDEAUX',
    pays: 'FR',
    ...overrides,
  };
}
