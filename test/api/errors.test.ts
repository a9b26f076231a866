import { describe, expect, it } from 'vitest';

import { errorFromNetworkFailure, errorFromResponse, flattenFieldErrors } from '../../src/api/errors.js';
import { ApiError, NetworkError } from '../../src/api/types.js';
import { AuthenticationError, ExitCode } from '../../src/cli/errors.js';

const now = Date.parse('2025-03-01T12:00:00Z');

function respond(status: number, body: unknown, headers: Record<string, string> = {}, path = '/api/editors/mesures') {
  return errorFromResponse({
    status,
    method: 'POST',
    path,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers,
    now,
  });
}

describe('flattenFieldErrors', () => {
  it('reads express-validator errors', () => {
    const errors = flattenFieldErrors({
      errors: [{ value: 'XX1', msg: 'Invalid value', param: 'etats[0].pays', location: 'body' }],
    });
    expect(errors).toEqual([{ value: 'XX1', msg: 'Invalid value', param: 'etats[0].pays' }]);
  });

  it('reads business errors without a param', () => {
    expect(flattenFieldErrors({ errors: [{ msg: 'datas.ressources is not iterable' }] })).toEqual([
      { msg: 'datas.ressources is not iterable' },
    ]);
  });

  it('merges tiErrors and antenneErrors of a batch', () => {
    const errors = flattenFieldErrors({
      errors: [{ msg: 'Invalid value', param: 'mesures[3].civilite', value: 'x' }],
      tiErrors: [{ msg: 'Le SIRET du Tribunal est invalide', param: 'tribunal_siret', value: '1' }],
      antenneErrors: [{ msg: 'antenne invalide', param: 'antenne_id', value: 9 }],
    });
    expect(errors.map((error) => error.param)).toEqual(['mesures[3].civilite', 'tribunal_siret', 'antenne_id']);
  });

  it('returns nothing for a body that is not an object', () => {
    expect(flattenFieldErrors('<html>')).toEqual([]);
  });
});

describe('errorFromResponse', () => {
  it('lists each field of a 422 with its path and value', () => {
    const error = respond(422, {
      errors: [
        { value: 'XX1', msg: 'Invalid value', param: 'etats[0].pays', location: 'body' },
        { value: '', msg: 'siret is not valid', param: 'tribunal_siret' },
      ],
    });
    expect(error.message).toContain('etats[0].pays: Invalid value (value: "XX1")');
    expect(error.message).toContain('tribunal_siret: siret is not valid (value: "")');
  });

  it('gives a 422 the invalid input exit code', () => {
    expect(respond(422, { errors: [{ msg: 'x' }] }).exitCode).toBe(ExitCode.invalidInput);
  });

  it('keeps the field errors on the ApiError', () => {
    const error = respond(422, { errors: [{ msg: 'Invalid value', param: 'civilite', value: 'x' }] });
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldErrors).toEqual([{ msg: 'Invalid value', param: 'civilite', value: 'x' }]);
  });

  it('names the id of a 404', () => {
    const error = respond(404, '', {}, '/api/editors/mesures/77');
    expect(error.message).toContain('Mesure 77 not found');
  });

  it('gives an unknown mesure id the invalid input exit code', () => {
    expect(respond(404, '', {}, '/api/editors/mesures/77').exitCode).toBe(ExitCode.invalidInput);
  });

  it('gives an unknown route the API exit code', () => {
    expect(respond(404, 'Cannot GET', {}, '/api/editors/nope').exitCode).toBe(ExitCode.api);
  });

  it('names the route of an unknown path', () => {
    const error = respond(404, '<pre>Cannot POST /api/editors/nope</pre>', {}, '/api/editors/nope');
    expect(error.message).toContain('no route POST /api/editors/nope');
  });

  it('says when to retry after a 429', () => {
    const error = respond(429, 'Too many requests, please try again later.', { 'retry-after': '60' });
    expect(error.hint).toContain('2025-03-01T12:01:00.000Z');
  });

  it('prefers the rate limit reset time when it is sooner', () => {
    const error = respond(429, 'Too many requests', {
      'retry-after': '60',
      'x-ratelimit-reset': String(now / 1000 + 10),
    });
    expect(error.hint).toContain('in 10 s');
  });

  it('shows the French body of a 500', () => {
    const error = respond(500, { error: 'Une erreur est survenue, veuillez réessayer plus tard' });
    expect(error.message).toContain('Une erreur est survenue, veuillez réessayer plus tard');
  });

  it('gives a 500 the API exit code', () => {
    expect(respond(500, {}).exitCode).toBe(ExitCode.api);
  });

  it('turns a 401 into an authentication error', () => {
    expect(respond(401, { error: 'invalid_token' })).toBeInstanceOf(AuthenticationError);
  });

  it('quotes the message of another 400', () => {
    const error = respond(400, { errors: [{ msg: "The content-type must be 'application/json'" }] });
    expect(error.message).toContain("The content-type must be 'application/json'");
  });

  it('never quotes a token found in a body', () => {
    const token = 'a'.repeat(40);
    const error = respond(400, `bad token ${token}`);
    expect(error.message).not.toContain(token);
  });
});

describe('errorFromNetworkFailure', () => {
  const request = { method: 'GET', path: '/api/editors/mesures', origin: 'https://api.example.test', timeoutMs: 500, attempts: 4 };

  it('points a certificate failure at NODE_EXTRA_CA_CERTS', () => {
    const cause = Object.assign(new Error('unable to verify the first certificate'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    const error = errorFromNetworkFailure(new TypeError('fetch failed', { cause }), request);
    expect(error.hint).toContain('NODE_EXTRA_CA_CERTS');
  });

  it('never suggests turning verification off', () => {
    const cause = Object.assign(new Error('self-signed'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' });
    const error = errorFromNetworkFailure(cause, request);
    expect(`${error.message} ${error.hint}`).not.toMatch(/NODE_TLS_REJECT_UNAUTHORIZED|rejectUnauthorized|insecure/i);
  });

  it('names the timeout of a request without answer', () => {
    const error = errorFromNetworkFailure(Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' }), request);
    expect(error.message).toContain('within 500 ms');
  });

  it('gives network failures the API exit code', () => {
    const error = errorFromNetworkFailure(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), request);
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.exitCode).toBe(ExitCode.api);
  });
});
