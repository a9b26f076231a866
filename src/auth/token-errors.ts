import { AuthenticationError, ExitCode, UserError } from '../cli/errors.js';
import { loginCommand, profileCommand } from './login-command.js';

import type { TokenEndpointResult } from './token-endpoint.js';

type TokenFailure = Extract<TokenEndpointResult, { ok: false }>;

function clientCredentialsHint(profileName: string): string {
  return (
    `Check the client id (\`${profileCommand(profileName, 'config get clientId')}\`) and the ` +
    'client secret for this environment: set EMJPM_CLIENT_SECRET, or run ' +
    `\`${loginCommand(profileName)}\` to type it again.`
  );
}

/**
 * Converts a failed code exchange into the error shown to the user; every case fails the login.
 * `profileName` goes into the commands the hints suggest.
 */
export function codeExchangeError(failure: TokenFailure, profileName = 'default'): UserError {
  const detail = describeFailure(failure);
  const login = `\`${loginCommand(profileName)}\``;
  if (failure.error === 'invalid_client') {
    return new AuthenticationError(
      `eMJPM rejected the client id or client secret (${detail}).`,
      clientCredentialsHint(profileName),
    );
  }
  if (failure.error === 'invalid_grant') {
    return new AuthenticationError(
      `eMJPM rejected the authorization code (${detail}). Codes expire 5 minutes after consent.`,
      `Run ${login} again and approve within 5 minutes.`,
    );
  }
  if (failure.error === 'invalid_request') {
    const config = (key: string) => `\`${profileCommand(profileName, `config get ${key}`)}\``;
    return new AuthenticationError(
      `eMJPM rejected the token request (${detail}).`,
      `The redirect URI must be exactly the one registered for your editor; check ${config('port')} ` +
        `and ${config('path')}, then run ${login} again.`,
    );
  }
  if (failure.status === 503 && failure.error === 'server_error') {
    // eMJPM responds this way to an unknown or already used code, so a retry cannot succeed.
    return new AuthenticationError(
      `eMJPM did not accept the authorization code (${detail}), so the login failed.`,
      `Run ${login} again to get a new code.`,
    );
  }
  return tokenEndpointError(failure);
}

/** Converts a failed refresh, other than `invalid_grant`, into the error shown to the user. */
export function refreshError(failure: TokenFailure, profileName: string): UserError {
  if (failure.error === 'invalid_client') {
    return new AuthenticationError(
      `eMJPM rejected the client id or client secret while refreshing the token (${describeFailure(failure)}).`,
      clientCredentialsHint(profileName),
    );
  }
  return tokenEndpointError(failure);
}

function tokenEndpointError(failure: TokenFailure): UserError {
  return new UserError(`The eMJPM token endpoint failed (${describeFailure(failure)}).`, {
    exitCode: failure.status >= 500 ? ExitCode.api : ExitCode.authentication,
    hint: 'Try again later; `emjpm doctor` checks the connection.',
    code: `oauth_${failure.error}`,
  });
}

export function describeFailure(failure: TokenFailure): string {
  const description = failure.description ? `: ${failure.description}` : '';
  return `HTTP ${failure.status} ${failure.error}${description}`;
}
