import { randomBytes } from 'node:crypto';

import { escapeHtml, redirect, sendHtml } from '../http/respond.js';
import { bodyFields } from '../http/exchange.js';
import { handleAuthorize } from './routes.js';

import type OAuth2Server from '@node-oauth/oauth2-server';

import type { SandboxContext } from '../context.js';
import type { Exchange } from '../http/exchange.js';
import type { Account } from '../store/types.js';

export const AUTHORIZATION_PAGE_PATH = '/application/authorization';

const SESSION_COOKIE = 'emjpm_sandbox_session';

/**
 * `GET /application/authorization?client_id&redirect_uri&state`: the web app's page. It shows a
 * login form, then the consent card whose *Autoriser* posts to `/api/oauth/authorize` with the
 * session token in `access_token`. With auto-approval it redirects at once with a code.
 */
export async function showAuthorizationPage(
  context: SandboxContext,
  oauth: OAuth2Server,
  exchange: Exchange,
): Promise<void> {
  if (context.autoApproveAccount) {
    // The web app's form always sends response_type=code; a query value still takes part.
    const fields = exchange.query.response_type === undefined ? { response_type: 'code' } : {};
    await handleAuthorize(context, oauth, exchange, fields, context.autoApproveAccount);
    return;
  }
  const returnQuery = new URL(exchange.request.url ?? '/', 'http://sandbox').search.slice(1);
  const session = readSession(context, exchange);
  if (!session) {
    sendPage(exchange, loginForm(returnQuery, false));
    return;
  }
  sendPage(exchange, consentCard(context, exchange.query, session, returnQuery));
}

/** `POST /application/authorization`: the login form, or *Changer de compte*. */
export function submitLoginForm(context: SandboxContext, exchange: Exchange): void {
  const fields = bodyFields(exchange);
  const returnQuery = typeof fields.return_query === 'string' ? fields.return_query : '';
  const pageUrl = `${AUTHORIZATION_PAGE_PATH}?${returnQuery}`;

  if (fields.action === 'logout') {
    const session = readSession(context, exchange);
    if (session) {
      context.sessions.delete(session.token);
    }
    exchange.response.setHeader(
      'Set-Cookie',
      `${SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax`,
    );
    redirect(exchange.response, 303, pageUrl);
    return;
  }

  const account = context.state.accounts.find(
    (candidate) => candidate.login === fields.login && candidate.password === fields.password,
  );
  if (!account) {
    sendPage(exchange, loginForm(returnQuery, true));
    return;
  }
  const token = randomBytes(20).toString('hex');
  context.sessions.set(token, account.id);
  exchange.response.setHeader(
    'Set-Cookie',
    `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax`,
  );
  redirect(exchange.response, 303, pageUrl);
}

function readSession(
  context: SandboxContext,
  exchange: Exchange,
): { token: string; account: Account } | undefined {
  const cookies = (exchange.request.headers.cookie ?? '').split(';').map((part) => part.trim());
  const token = cookies
    .find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))
    ?.slice(SESSION_COOKIE.length + 1);
  const accountId = token ? context.sessions.get(token) : undefined;
  const account = context.state.accounts.find((candidate) => candidate.id === accountId);
  return token && account ? { token, account } : undefined;
}

function loginForm(returnQuery: string, failed: boolean): string {
  return `<h1>Connexion à eMJPM</h1>
${failed ? '<p class="error" role="alert">Identifiant ou mot de passe incorrect.</p>' : ''}
<form method="post" action="${AUTHORIZATION_PAGE_PATH}">
<input type="hidden" name="return_query" value="${escapeHtml(returnQuery)}">
<label for="login">Identifiant</label>
<input id="login" name="login" autocomplete="username" required>
<label for="password">Mot de passe</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Se connecter</button>
</form>`;
}

function consentCard(
  context: SandboxContext,
  query: Exchange['query'],
  session: { token: string; account: Account },
  returnQuery: string,
): string {
  const single = (name: string): string | undefined => {
    const value = query[name];
    return typeof value === 'string' ? value : undefined;
  };
  const editor = context.state.editor;
  const clientId = single('client_id');
  if (clientId !== String(editor.id)) {
    return `<h1>Application inconnue</h1>
<p class="error" role="alert">Le client_id ${escapeHtml(clientId ?? '(absent)')} ne correspond à aucune application enregistrée.</p>`;
  }

  const redirectUri = single('redirect_uri');
  const hidden = (name: string, value: string): string =>
    `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  const denyTarget = redirectUri || context.redirectUris[0] || '';
  const separator = denyTarget.includes('?') ? '&' : '?';
  // The web app sends a refusal without state.
  const denyUrl = `${denyTarget}${separator}error_reason=user_denied&error=access_denied&error_description=Permissions+error`;

  return `<h1>Autoriser ${escapeHtml(editor.name)} à accéder à votre compte eMJPM</h1>
<p>Connecté en tant que ${escapeHtml(session.account.name)} (${escapeHtml(session.account.login)}).</p>
<p>${escapeHtml(editor.name)} pourra lire, créer, modifier et supprimer vos mesures.</p>
<div class="actions">
<form method="post" action="/api/oauth/authorize">
${hidden('response_type', 'code')}
${hidden('client_id', clientId)}
${redirectUri === undefined ? '' : hidden('redirect_uri', redirectUri)}
${hidden('state', single('state') ?? '')}
${hidden('access_token', session.token)}
<button type="submit" id="authorize">Autoriser</button>
</form>
<a class="secondary" id="deny" href="${escapeHtml(denyUrl)}">Refuser</a>
</div>
<form method="post" action="${AUTHORIZATION_PAGE_PATH}" class="switch">
${hidden('action', 'logout')}
${hidden('return_query', returnQuery)}
<button type="submit" class="link">Changer de compte</button>
</form>`;
}

function sendPage(exchange: Exchange, content: string): void {
  const html = `<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>eMJPM (bac à sable)</title>
<style>
body { font-family: system-ui, sans-serif; background: #f2f4f8; margin: 0; padding: 3rem 1rem; }
main { max-width: 32rem; margin: auto; background: #fff; border-radius: 8px; padding: 2rem; box-shadow: 0 1px 4px #0002; }
.banner { background: #fff4d6; padding: .5rem; border-radius: 4px; font-size: .9rem; }
h1 { font-size: 1.3rem; }
label, input { display: block; width: 100%; box-sizing: border-box; margin-bottom: .6rem; }
input { padding: .5rem; }
.actions { display: flex; gap: 1rem; align-items: center; }
button, a.secondary { padding: .6rem 1.2rem; border-radius: 4px; border: 1px solid #1f3b8f; font-size: 1rem; }
button { background: #1f3b8f; color: #fff; cursor: pointer; }
a.secondary { color: #1f3b8f; text-decoration: none; }
button.link { background: none; border: none; color: #555; text-decoration: underline; padding: 0; margin-top: 1.5rem; }
.error { color: #b00020; }
</style>
</head>
<body>
<main>
<p class="banner">Bac à sable eMJPM : serveur local de test, sans données réelles.</p>
${content}
</main>
</body>
</html>
`;
  exchange.response.setHeader('Cache-Control', 'no-store');
  exchange.response.setHeader('Referrer-Policy', 'no-referrer');
  exchange.response.setHeader('X-Frame-Options', 'DENY');
  exchange.response.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  );
  sendHtml(exchange.response, 200, html);
}
