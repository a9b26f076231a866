import type { ServerResponse } from 'node:http';

/** The body production sends for malformed JSON, oversized bodies and unexpected failures. */
export const INTERNAL_ERROR_BODY = {
  error: 'Une erreur est survenue, veuillez réessayer plus tard',
};

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.setHeader('Content-Length', Buffer.byteLength(text));
  response.end(text);
}

/** Ends a response with a status and no body at all. */
export function sendEmpty(response: ServerResponse, status: number): void {
  response.statusCode = status;
  response.setHeader('Content-Length', 0);
  response.end();
}

export function sendHtml(response: ServerResponse, status: number, html: string): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'text/html; charset=utf-8');
  response.setHeader('Content-Length', Buffer.byteLength(html));
  response.end(html);
}

export function sendInternalError(response: ServerResponse): void {
  sendJson(response, 500, INTERNAL_ERROR_BODY);
}

/** Sends express-rate-limit's response past the limit: HTML text, always `Retry-After: 60`. */
export function sendTooManyRequests(response: ServerResponse): void {
  response.setHeader('Retry-After', '60');
  sendHtml(response, 429, 'Too many requests, please try again later.');
}

export function redirect(response: ServerResponse, status: number, location: string): void {
  response.statusCode = status;
  response.setHeader('Location', location);
  response.setHeader('Content-Length', 0);
  response.end();
}

/** Sends Express's default 404 page, "Cannot METHOD /path", for a route that does not exist. */
export function sendNotFound(response: ServerResponse, method: string, pathname: string): void {
  const html =
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n' +
    `</head>\n<body>\n<pre>Cannot ${escapeHtml(method)} ${escapeHtml(pathname)}</pre>\n</body>\n</html>\n`;
  response.setHeader('Content-Security-Policy', "default-src 'none'");
  response.setHeader('X-Content-Type-Options', 'nosniff');
  sendHtml(response, 404, html);
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
