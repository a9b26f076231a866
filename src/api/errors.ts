import { AuthenticationError, ExitCode } from '../cli/errors.js';
import { redactBody } from '../output/redact.js';
import { parseRateLimitReset, parseRetryAfter } from './retry.js';
import { ApiError, NetworkError } from './types.js';

import type { UserError } from '../cli/errors.js';
import type { FieldError } from './types.js';

/** A response that ended the retries, as the error mapping needs it. */
export interface FailedResponse {
  status: number;
  method: string;
  /** Path below the API base, without the query, such as `/api/editors/mesures/12`. */
  path: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  now: number;
}

/** Maximum length of a response body quoted in an error message. */
const maxQuotedBodyLength = 300;

/** Converts an error response into the error shown to the user, with the next step as its hint. */
export function errorFromResponse(response: FailedResponse): UserError {
  const { status, method, path } = response;
  const json = parseJson(response.body);
  const route = `${method} ${path}`;

  if (status === 401) {
    return new AuthenticationError(
      `The eMJPM API rejected the access token (401 on ${route}).`,
      'Run `emjpm login` to sign in again.',
    );
  }

  if (status === 422) {
    const fieldErrors = flattenFieldErrors(json);
    const lines = fieldErrors.map((error) => `  - ${describeFieldError(error)}`);
    const message = [`The eMJPM API rejected the data (422 on ${route}):`, ...lines].join('\n');
    return new ApiError(fieldErrors.length > 0 ? message : `${message} no details given.`, {
      status,
      method,
      path,
      fieldErrors,
      hint: 'Fix the fields listed above and send the mesure again.',
    });
  }

  if (status === 404) {
    const id = /\/mesures\/(\d+)$/.exec(path)?.[1];
    if (id !== undefined) {
      return new ApiError(`Mesure ${id} not found: it does not exist or belongs to another user.`, {
        status,
        method,
        path,
        hint: 'Run `emjpm mesures list` to see the ids of your mesures.',
        // The id came from the user, so this is their input to fix, not an API failure.
        exitCode: ExitCode.invalidInput,
      });
    }
    return new ApiError(`The eMJPM API has no route ${route} (404).`, {
      status,
      method,
      path,
      hint: 'Check the API address of the profile (`emjpm config get apiUrl`) or EMJPM_API_URL.',
    });
  }

  if (status === 429) {
    const waitMs = retryWaitMs(response);
    const retryAt = new Date(response.now + waitMs).toISOString();
    return new ApiError(
      `The eMJPM rate limit of 360 requests per minute is reached (429 on ${route}), and it was still reached after the retries.`,
      {
        status,
        method,
        path,
        hint: `Retry after ${retryAt} (in ${Math.ceil(waitMs / 1000)} s). Other programs on the same IP address share this limit.`,
      },
    );
  }

  if (status >= 500) {
    const serverMessage = errorText(json) ?? quote(response.body);
    return new ApiError(
      `The eMJPM server failed (${status} on ${route})${serverMessage ? `: ${serverMessage}` : '.'}`,
      {
        status,
        method,
        path,
        hint:
          'The request was tried 4 times. Try again later; if it keeps failing, run with --debug and send the trace (it contains no token) to eMJPM support.',
      },
    );
  }

  const details = flattenFieldErrors(json).map(describeFieldError).join('; ') || errorText(json) || quote(response.body);
  return new ApiError(
    `The eMJPM API rejected ${route} with status ${status}${details ? `: ${details}` : '.'}`,
    { status, method, path },
  );
}

/**
 * Flattens the three shapes of validation errors (`errors`, `tiErrors` for unknown courts,
 * `antenneErrors` for antennes) into one list.
 */
export function flattenFieldErrors(body: unknown): FieldError[] {
  if (!isRecord(body)) return [];
  const fieldErrors: FieldError[] = [];
  for (const key of ['errors', 'tiErrors', 'antenneErrors']) {
    const list = body[key];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (!isRecord(item)) continue;
      const fieldError: FieldError = { msg: typeof item.msg === 'string' ? item.msg : JSON.stringify(item.msg) };
      if (typeof item.param === 'string' && item.param !== '') fieldError.param = item.param;
      if ('value' in item) fieldError.value = item.value;
      fieldErrors.push(fieldError);
    }
  }
  return fieldErrors;
}

/** Formats one field error as `path: message (value: …)`. */
export function describeFieldError(error: FieldError): string {
  const parts = [error.param ? `${error.param}: ${error.msg}` : error.msg];
  if (error.value !== undefined) parts.push(`(value: ${truncate(JSON.stringify(error.value), 120)})`);
  return parts.join(' ');
}

/** TLS error codes raised when the server's certificate chain cannot be verified. */
const certificateErrorCodes = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const timeoutCodes = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** Turns a failure without a response into a `NetworkError` explaining the likely cause. */
export function errorFromNetworkFailure(
  error: unknown,
  request: { method: string; path: string; origin: string; timeoutMs: number; attempts: number },
): NetworkError {
  const code = errorCode(error) ?? 'unknown';
  const route = `${request.method} ${request.path}`;
  const tries = request.attempts === 1 ? 'once' : `${request.attempts} times`;
  const details = { method: request.method, path: request.path, cause: error };

  if (certificateErrorCodes.has(code)) {
    return new NetworkError(
      `The TLS certificate of ${request.origin} could not be verified (${code}).`,
      {
        ...details,
        hint:
          'When a company proxy or a private certificate authority signs HTTPS traffic, save its CA certificate as a PEM file and set NODE_EXTRA_CA_CERTS=/path/to/ca.pem. Otherwise check the date of this machine.',
      },
    );
  }
  if (timeoutCodes.has(code)) {
    return new NetworkError(
      `No response from ${request.origin} within ${request.timeoutMs} ms (${route}, tried ${tries}).`,
      {
        ...details,
        hint: 'The server may be overloaded; try again later, or raise EMJPM_TIMEOUT_MS (milliseconds).',
      },
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new NetworkError(`The host of ${request.origin} could not be resolved (${code}).`, {
      ...details,
      hint: 'Check the API address (EMJPM_API_URL or the profile), the DNS, and HTTPS_PROXY when a proxy is required.',
    });
  }
  if (code === 'ECONNREFUSED') {
    return new NetworkError(`${request.origin} refused the connection (${route}, tried ${tries}).`, {
      ...details,
      hint: 'Check the API address (EMJPM_API_URL or the profile) and HTTPS_PROXY / NO_PROXY.',
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new NetworkError(`The request ${route} to ${request.origin} failed (${code}: ${reason}), tried ${tries}.`, {
    ...details,
    hint: 'Check the network connection and the proxy settings (HTTPS_PROXY, NO_PROXY), then try again.',
  });
}

/** Returns the `code` of an error or of its cause (undici wraps socket errors). */
export function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current != null; depth += 1) {
    if (isRecord(current) && typeof current.code === 'string') return current.code;
    current = isRecord(current) ? current.cause : undefined;
  }
  return undefined;
}

function retryWaitMs(response: FailedResponse): number {
  const retryAfter = parseRetryAfter(headerValue(response.headers['retry-after']), response.now);
  const reset = parseRateLimitReset(headerValue(response.headers['x-ratelimit-reset']), response.now);
  const candidates = [retryAfter, reset].filter((value): value is number => value !== undefined);
  return candidates.length === 0 ? 60_000 : Math.min(...candidates);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function errorText(json: unknown): string | undefined {
  if (!isRecord(json)) return undefined;
  const parts = [json.error, json.error_description, json.message].filter(
    (part): part is string => typeof part === 'string' && part !== '',
  );
  return parts.length === 0 ? undefined : parts.join(': ');
}

function quote(body: string): string {
  const text = redactBody(body)
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return truncate(text, maxQuotedBodyLength);
}

function truncate(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
