import type { OutputSink } from '../output/sink.js';
import type { CredentialEntry, CredentialStore } from './types.js';

/** The server and client a token pair was issued for; tokens saved before it was recorded lack it. */
export interface TokenIssuer {
  /** API base URL of the token endpoint that issued the pair. */
  apiUrl?: string;
  /** Client id (editor id) the pair was issued to. */
  clientId?: number;
}

export interface AccessTokenRecord extends TokenIssuer {
  token: string;
  /** Epoch milliseconds, from the `expires_in` of the token response. */
  expiresAt: number;
}

export interface RefreshTokenRecord extends TokenIssuer {
  token: string;
  /** Epoch milliseconds when eMJPM issued it; a refresh token is used once, then replaced. */
  issuedAt: number;
  /** Epoch milliseconds: eMJPM keeps refresh tokens for 14 days and does not send this value. */
  expiresAt: number;
}

/** A profile's tokens; either part may be missing after a partial write or a corrupt entry. */
export interface StoredTokens {
  access: AccessTokenRecord | undefined;
  refresh: RefreshTokenRecord | undefined;
}

export const refreshTokenLifetimeMs = 14 * 24 * 60 * 60 * 1000;

/**
 * Reads and validates the profile's tokens. A corrupt entry is removed with a warning and read
 * as missing. Returns undefined when neither token is stored.
 */
export async function readTokens(
  store: CredentialStore,
  profileName: string,
  sink: OutputSink,
): Promise<StoredTokens | undefined> {
  const access = await readRecord(store, profileName, 'access-token', sink, parseAccessToken);
  const refresh = await readRecord(store, profileName, 'refresh-token', sink, parseRefreshToken);
  if (!access && !refresh) return undefined;
  return { access, refresh };
}

/**
 * Saves both tokens. The refresh token goes first: if the process dies in between, the new
 * refresh token is kept and the stale access token is simply refreshed on its first 401.
 */
export async function writeTokens(
  store: CredentialStore,
  profileName: string,
  tokens: { access: AccessTokenRecord; refresh: RefreshTokenRecord },
): Promise<void> {
  await store.set(profileName, 'refresh-token', serialise(tokens.refresh));
  await store.set(profileName, 'access-token', serialise(tokens.access));
}

/** Deletes both tokens; returns the entries that existed. */
export async function deleteTokens(
  store: CredentialStore,
  profileName: string,
): Promise<CredentialEntry[]> {
  const removed: CredentialEntry[] = [];
  for (const entry of ['access-token', 'refresh-token'] as const) {
    if (await store.delete(profileName, entry)) removed.push(entry);
  }
  return removed;
}

export async function readClientSecret(
  store: CredentialStore,
  profileName: string,
): Promise<string | undefined> {
  const secret = await store.get(profileName, 'client-secret');
  return secret && secret.trim() !== '' ? secret : undefined;
}

function serialise(record: AccessTokenRecord | RefreshTokenRecord): string {
  const copy: Record<string, unknown> = { ...record };
  for (const key of ['expiresAt', 'issuedAt']) {
    if (typeof copy[key] === 'number') copy[key] = new Date(copy[key]).toISOString();
  }
  return JSON.stringify(copy);
}

async function readRecord<T>(
  store: CredentialStore,
  profileName: string,
  entry: CredentialEntry,
  sink: OutputSink,
  parse: (data: Record<string, unknown>) => T | undefined,
): Promise<T | undefined> {
  const text = await store.get(profileName, entry);
  if (text === undefined) return undefined;
  const record = parseObject(text, parse);
  if (record) return record;

  sink.warn(`The stored ${entry} of profile "${profileName}" is corrupt and was removed.`);
  await store.delete(profileName, entry);
  return undefined;
}

function parseObject<T>(
  text: string,
  parse: (data: Record<string, unknown>) => T | undefined,
): T | undefined {
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
    return parse(data as Record<string, unknown>);
  } catch {
    return undefined;
  }
}

function parseAccessToken(data: Record<string, unknown>): AccessTokenRecord | undefined {
  const token = parseToken(data.token);
  const expiresAt = parseTime(data.expiresAt);
  const issuer = parseIssuer(data);
  if (token === undefined || expiresAt === undefined || issuer === undefined) return undefined;
  return { token, expiresAt, ...issuer };
}

function parseRefreshToken(data: Record<string, unknown>): RefreshTokenRecord | undefined {
  const token = parseToken(data.token);
  const issuedAt = parseTime(data.issuedAt);
  const expiresAt = parseTime(data.expiresAt);
  const issuer = parseIssuer(data);
  if (token === undefined || issuedAt === undefined || expiresAt === undefined) return undefined;
  if (issuer === undefined) return undefined;
  return { token, issuedAt, expiresAt, ...issuer };
}

/** Reads the optional issuer fields; returns undefined when one is present but invalid. */
function parseIssuer(data: Record<string, unknown>): TokenIssuer | undefined {
  const issuer: TokenIssuer = {};
  if (data.apiUrl !== undefined) {
    if (typeof data.apiUrl !== 'string' || data.apiUrl === '') return undefined;
    issuer.apiUrl = data.apiUrl;
  }
  if (data.clientId !== undefined) {
    if (!Number.isSafeInteger(data.clientId)) return undefined;
    issuer.clientId = data.clientId as number;
  }
  return issuer;
}

/** Accepts what can travel in an `Authorization: Bearer` header: visible ASCII, no spaces. */
function parseToken(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\x21-\x7e]{1,4096}$/.test(value) ? value : undefined;
}

function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : time;
}
