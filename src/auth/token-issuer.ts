import { AuthenticationError } from '../cli/errors.js';
import { settingVariables } from '../config/profile.js';
import { loginCommand } from './login-command.js';

import type { ResolvedProfile } from '../config/types.js';
import type { StoredTokens, TokenIssuer } from '../credentials/tokens.js';

/**
 * Throws when the stored tokens were issued for another API URL or client id than the profile
 * now resolves to, as when EMJPM_API_URL is left pointing at another server. Sending them there
 * would get `invalid_token` and end in deleting tokens that are still valid where they came
 * from. Tokens saved before the issuer was recorded pass.
 */
export function checkTokenIssuer(
  profile: ResolvedProfile,
  tokens: StoredTokens,
  env: NodeJS.ProcessEnv,
): void {
  const issuer = recordedIssuer(tokens);
  const otherUrl = issuer.apiUrl !== undefined && issuer.apiUrl !== profile.apiUrl;
  const otherClient =
    issuer.clientId !== undefined &&
    profile.clientId !== undefined &&
    issuer.clientId !== profile.clientId;
  if (!otherUrl && !otherClient) return;

  const issued = describeIssuer(issuer.apiUrl ?? profile.apiUrl, issuer.clientId);
  const current = describeIssuer(profile.apiUrl, profile.clientId);
  const variables = (['apiUrl', 'clientId'] as const)
    .map((key) => settingVariables[key])
    .filter((variable): variable is string => Boolean(variable && env[variable]));
  const login = `run \`${loginCommand(profile.name)}\` to sign in to ${profile.apiUrl}`;
  let cause = ' The profile settings changed after the login.';
  let hint = `${capitalise(login)}, which replaces the stored tokens.`;
  if (variables.length > 0) {
    const assignments = variables.map((variable) => `${variable}=${env[variable]}`);
    cause = ` The environment sets ${assignments.join(' and ')}.`;
    hint = `Unset ${variables.join(' and ')} to use the stored tokens, or ${login} instead.`;
  }
  throw new AuthenticationError(
    `The stored tokens of profile "${profile.name}" were issued by ${issued}, but the profile ` +
      `now uses ${current}, so they were not sent.${cause}`,
    hint,
  );
}

/** Returns the issuer recorded with the refresh token, else with the access token. */
function recordedIssuer(tokens: StoredTokens): TokenIssuer {
  return {
    apiUrl: tokens.refresh?.apiUrl ?? tokens.access?.apiUrl,
    clientId: tokens.refresh?.clientId ?? tokens.access?.clientId,
  };
}

function describeIssuer(apiUrl: string, clientId: number | undefined): string {
  return clientId === undefined ? apiUrl : `${apiUrl} (client id ${clientId})`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
