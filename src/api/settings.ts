import { UsageError } from '../cli/errors.js';

/** Client settings that the environment may change; each has a documented default. */
export interface ClientSettings {
  /** Maximum wait for connecting, for the response headers, and between body chunks. */
  timeoutMs: number;
  /** Requests per minute the client allows itself (`EMJPM_RATE_LIMIT`). */
  requestsPerMinute: number;
  /** Maximum single wait between two attempts (`EMJPM_RETRY_MAX_DELAY_MS`). */
  maxRetryDelayMs: number;
}

export const defaultClientSettings: ClientSettings = {
  timeoutMs: 30_000,
  requestsPerMinute: 360,
  maxRetryDelayMs: 60_000,
};

/**
 * Reads `EMJPM_TIMEOUT_MS`, `EMJPM_RATE_LIMIT` and `EMJPM_RETRY_MAX_DELAY_MS`. Throws
 * `UsageError` naming the variable when a value is not a positive integer.
 */
export function clientSettingsFromEnv(env: NodeJS.ProcessEnv): ClientSettings {
  return {
    timeoutMs: readPositiveInteger(env, 'EMJPM_TIMEOUT_MS') ?? defaultClientSettings.timeoutMs,
    requestsPerMinute:
      readPositiveInteger(env, 'EMJPM_RATE_LIMIT') ?? defaultClientSettings.requestsPerMinute,
    maxRetryDelayMs:
      readPositiveInteger(env, 'EMJPM_RETRY_MAX_DELAY_MS') ?? defaultClientSettings.maxRetryDelayMs,
  };
}

function readPositiveInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const text = env[name]?.trim();
  if (text === undefined || text === '') return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new UsageError(
      `Invalid ${name} "${text}": expected a positive integer.`,
      `Set ${name} to a whole number, or unset it to use the default.`,
    );
  }
  return Number(text);
}
