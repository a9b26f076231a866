import type { CallbackOutcome } from './callback.js';

/** Returns the status and HTML page shown in the browser after the redirect. */
export function renderCallbackPage(outcome: CallbackOutcome): { status: number; html: string } {
  if (outcome.kind === 'code') {
    return page(
      200,
      'Connexion réussie',
      'You are signed in to eMJPM. You can close this tab and return to the terminal.',
    );
  }
  if (outcome.kind === 'denied') {
    const detail = outcome.description ? ` (${outcome.description})` : '';
    return page(403, 'Accès refusé', `Access was refused${detail}. You can close this tab.`);
  }
  return page(
    400,
    'Échec de la connexion',
    `Login failed: ${outcome.reason}. The terminal shows how to try again.`,
  );
}

function page(status: number, title: string, message: string): { status: number; html: string } {
  const html =
    '<!doctype html><html lang="fr"><head><meta charset="utf-8">' +
    `<title>emjpm – ${escapeHtml(title)}</title></head>` +
    `<body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>\n`;
  return { status, html };
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
