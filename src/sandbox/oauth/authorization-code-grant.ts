import { createRequire } from 'node:module';

import type OAuth2Server from '@node-oauth/oauth2-server';

type EngineRequest = OAuth2Server.Request;
type Client = OAuth2Server.Client;
type AuthorizationCode = OAuth2Server.AuthorizationCode;

/** The steps of the engine's authorization_code grant that the production order reuses. */
interface EngineAuthorizationCodeGrant {
  getAuthorizationCode(request: EngineRequest, client: Client): Promise<AuthorizationCode>;
  validateRedirectUri(request: EngineRequest, code: AuthorizationCode): void;
  revokeAuthorizationCode(code: AuthorizationCode): Promise<AuthorizationCode>;
  saveToken(
    user: OAuth2Server.User,
    client: Client,
    authorizationCode: string,
    scope: string[] | undefined,
  ): Promise<OAuth2Server.Token>;
}

// The package exports no grant class by name, but its CommonJS files load directly.
const require = createRequire(import.meta.url);
const EngineGrant = require(
  '@node-oauth/oauth2-server/lib/grant-types/authorization-code-grant-type.js',
) as new (options: object) => EngineAuthorizationCodeGrant;

/**
 * The authorization_code grant in the order of oauth2-server 3, which production runs: the
 * redirect URI is checked before the code is revoked, so a request with a wrong redirect_uri
 * leaves the code usable. Version 5 revokes first and checks PKCE, which production lacks.
 */
export class ProductionAuthorizationCodeGrant extends EngineGrant {
  async handle(request: EngineRequest, client: Client): Promise<OAuth2Server.Token> {
    const code = await this.getAuthorizationCode(request, client);
    this.validateRedirectUri(request, code);
    await this.revokeAuthorizationCode(code);
    return this.saveToken(code.user, client, code.authorizationCode, code.scope);
  }
}
