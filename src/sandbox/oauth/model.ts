import { randomBytes } from 'node:crypto';

import OAuth2Server from '@node-oauth/oauth2-server';

import { parseInteger } from '../editors/postgres-input.js';

import type { SandboxContext } from '../context.js';
import type { Account, TokenPair } from '../store/types.js';

export const AUTHORIZATION_CODE_LIFETIME_SECONDS = 5 * 60;
export const ACCESS_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
export const REFRESH_TOKEN_LIFETIME_SECONDS = 14 * 24 * 60 * 60;

type Model = OAuth2Server.AuthorizationCodeModel & OAuth2Server.RefreshTokenModel;

/**
 * Thrown by the model where production never responds. The route catches it and leaves the
 * request hanging.
 */
export class UnansweredRequestError extends Error {}

/** Generates an opaque 40-hex token, the format production issues. */
export function generateToken(): string {
  return randomBytes(20).toString('hex');
}

/**
 * Builds the oauth2-server model over the sandbox state. The engine compares expiry dates with
 * the real clock, so dates handed to it are shifted by the offset between the sandbox clock
 * and the real one: an injected clock then drives every expiry.
 */
export function createOAuthModel(context: SandboxContext): Model {
  const toEngineDate = (sandboxMs: number): Date =>
    new Date(Date.now() + (sandboxMs - context.now()));
  const clientOf = (): OAuth2Server.Client => ({
    id: String(context.state.editor.id),
    name: context.state.editor.name,
    grants: ['authorization_code', 'refresh_token'],
    redirectUris: context.redirectUris,
  });
  const accountOf = (id: number): Account | undefined =>
    context.state.accounts.find((account) => account.id === id);
  const tokenOf = (
    pair: TokenPair,
    account: Account,
  ): OAuth2Server.Token & OAuth2Server.RefreshToken => ({
    accessToken: pair.accessToken,
    accessTokenExpiresAt: toEngineDate(pair.accessTokenExpiresAt),
    refreshToken: pair.refreshToken,
    refreshTokenExpiresAt: toEngineDate(pair.refreshTokenExpiresAt),
    client: clientOf(),
    user: account,
  });

  return {
    generateAccessToken: async () => generateToken(),
    generateRefreshToken: async () => generateToken(),
    generateAuthorizationCode: async () => generateToken(),

    async getClient(clientId, clientSecret) {
      const editor = context.state.editor;
      // The authorize step passes no secret; the token step always passes one.
      const authorizing = clientSecret === null;
      // Production reads client_id as an integer column, so `01` names editor 1, and at the
      // authorize step a value PostgreSQL cannot read makes the request hang.
      // NOTE: at the token step such a value gets invalid_client here, but production's
      // response there is not recorded.
      const id = parseInteger(clientId);
      if (id === undefined && authorizing) {
        throw new UnansweredRequestError(`client_id ${clientId} is not an integer`);
      }
      if (id !== editor.id) {
        return null;
      }
      if (!authorizing && clientSecret !== editor.secret) {
        return null;
      }
      return clientOf();
    },

    async saveAuthorizationCode(code, client, user) {
      // Any PKCE challenge is dropped: production runs an engine without PKCE.
      const record = {
        code: code.authorizationCode,
        expiresAt: context.now() + AUTHORIZATION_CODE_LIFETIME_SECONDS * 1000,
        redirectUri: code.redirectUri,
        editorId: Number(client.id),
        accountId: (user as Account).id,
        used: false,
      };
      pruneExpiredCodes(context);
      context.state.codes.push(record);
      context.markChanged();
      return {
        authorizationCode: record.code,
        expiresAt: toEngineDate(record.expiresAt),
        redirectUri: record.redirectUri,
        client,
        user,
      };
    },

    async getAuthorizationCode(authorizationCode) {
      const record = context.state.codes.find((candidate) => candidate.code === authorizationCode);
      const account = record && accountOf(record.accountId);
      if (!record || !account) {
        // Production crashes on an unknown code, so the engine wraps this into 503 server_error.
        throw new TypeError("Cannot read properties of undefined (reading 'expires_at')");
      }
      return {
        authorizationCode: record.code,
        expiresAt: toEngineDate(record.expiresAt),
        redirectUri: record.redirectUri,
        client: { ...clientOf(), id: String(record.editorId) },
        user: account,
      };
    },

    async revokeAuthorizationCode(code) {
      // Codes are single-use here as RFC 6749 requires; production accepts a code again until
      // it expires, so clients must never rely on either behaviour.
      const record = context.state.codes.find(
        (candidate) => candidate.code === code.authorizationCode,
      );
      if (!record || record.used) {
        return false;
      }
      record.used = true;
      context.markChanged();
      return true;
    },

    async saveToken(token, client, user) {
      const account = user as Account;
      const pair = storeTokenPair(
        context,
        Number(client.id),
        account,
        token.accessToken,
        token.refreshToken,
      );
      const saved = tokenOf(pair, account);
      // The engine derives expires_in from this date. Production's database round trip makes
      // it 86399, never 86400, and one millisecond less reproduces that.
      saved.accessTokenExpiresAt = new Date(saved.accessTokenExpiresAt!.getTime() - 1);
      return saved;
    },

    async getAccessToken(accessToken) {
      const pair = context.state.tokens.find((candidate) => candidate.accessToken === accessToken);
      const account = pair && accountOf(pair.accountId);
      return pair && account ? tokenOf(pair, account) : null;
    },

    async getRefreshToken(refreshToken) {
      const pair = context.state.tokens.find(
        (candidate) => candidate.refreshToken === refreshToken,
      );
      const account = pair && accountOf(pair.accountId);
      return pair && account ? tokenOf(pair, account) : null;
    },

    async revokeToken(token) {
      // Revoking a refresh token also revokes its access token at once.
      const before = context.state.tokens.length;
      context.state.tokens = context.state.tokens.filter(
        (pair) => pair.refreshToken !== token.refreshToken,
      );
      if (context.state.tokens.length === before) {
        // The message of oauth2-server 3, where version 5 adds "or could not be revoked".
        throw new OAuth2Server.InvalidGrantError('Invalid grant: refresh token is invalid');
      }
      context.markChanged();
      return true;
    },
  };
}

/**
 * Stores a new token pair with production's lifetimes. Only one pair lives per (editor, user),
 * so a new pair logs out every previous one.
 */
export function storeTokenPair(
  context: SandboxContext,
  editorId: number,
  account: Account,
  accessToken: string,
  refreshToken = generateToken(),
): TokenPair {
  const now = context.now();
  context.state.tokens = context.state.tokens.filter(
    (pair) => !(pair.editorId === editorId && pair.accountId === account.id),
  );
  const pair: TokenPair = {
    accessToken,
    accessTokenExpiresAt: now + ACCESS_TOKEN_LIFETIME_SECONDS * 1000,
    refreshToken,
    refreshTokenExpiresAt: now + REFRESH_TOKEN_LIFETIME_SECONDS * 1000,
    editorId,
    accountId: account.id,
  };
  context.state.tokens.push(pair);
  context.markChanged();
  return pair;
}

function pruneExpiredCodes(context: SandboxContext): void {
  const now = context.now();
  context.state.codes = context.state.codes.filter((code) => code.expiresAt > now);
}
