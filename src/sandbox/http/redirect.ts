import { escapeHtml } from './respond.js';

import type { IncomingMessage, ServerResponse } from 'node:http';

/** The bodies Express 4's `res.redirect` offers, in its order of preference on a tie. */
const FORMATS = [
  { name: 'text', type: 'text/plain' },
  { name: 'html', type: 'text/html' },
] as const;

type Format = (typeof FORMATS)[number];

/**
 * Sends a 302 as Express 4's `res.redirect` does, which production uses for the authorize step:
 * `Found. Redirecting to URL` as text, or as an HTML paragraph when `Accept` prefers HTML, or
 * an empty body when `Accept` allows neither.
 */
export function sendExpressRedirect(
  request: IncomingMessage,
  response: ServerResponse,
  location: string,
): void {
  const format = preferredFormat(request.headers.accept);
  let body = '';
  if (format?.name === 'text') {
    body = `Found. Redirecting to ${location}`;
  } else if (format?.name === 'html') {
    const escaped = escapeHtml(location);
    body = `<p>Found. Redirecting to <a href="${escaped}">${escaped}</a></p>`;
  }

  response.statusCode = 302;
  response.setHeader('Location', location);
  response.setHeader('Vary', 'Accept');
  if (format) {
    response.setHeader('Content-Type', `${format.type}; charset=utf-8`);
  }
  response.setHeader('Content-Length', Buffer.byteLength(body));
  response.end(body);
}

interface AcceptEntry {
  type: string;
  subtype: string;
  quality: number;
  index: number;
}

/**
 * Picks the format as the `negotiator` package does for Express: each format takes its most
 * specific matching `Accept` entry, then the highest quality wins, then the more specific match,
 * then the earlier entry, then the earlier format. An absent or empty header means the first.
 */
function preferredFormat(accept: string | undefined): Format | undefined {
  if (!accept) {
    return FORMATS[0];
  }
  const entries = parseAccept(accept);
  const ranked = FORMATS.map((format, formatIndex) => {
    const [type, subtype] = format.type.split('/');
    let best: { entry: AcceptEntry; specificity: number } | undefined;
    for (const entry of entries) {
      const typeMatches = entry.type === type || entry.type === '*';
      const subtypeMatches = entry.subtype === subtype || entry.subtype === '*';
      if (!typeMatches || !subtypeMatches) {
        continue;
      }
      const specificity = (entry.type === type ? 4 : 0) + (entry.subtype === subtype ? 2 : 0);
      if (!best || specificity > best.specificity) {
        best = { entry, specificity };
      } else if (specificity === best.specificity && entry.quality > best.entry.quality) {
        best = { entry, specificity };
      }
    }
    return best && { format, formatIndex, ...best };
  });
  const acceptable = ranked.filter((candidate) => candidate && candidate.entry.quality > 0);
  acceptable.sort(
    (a, b) =>
      b!.entry.quality - a!.entry.quality ||
      b!.specificity - a!.specificity ||
      a!.entry.index - b!.entry.index ||
      a!.formatIndex - b!.formatIndex,
  );
  return acceptable[0]?.format;
}

function parseAccept(accept: string): AcceptEntry[] {
  return accept.split(',').flatMap((part, index) => {
    const [range = '', ...parameters] = part.split(';').map((piece) => piece.trim());
    const [type, subtype] = range.toLowerCase().split('/');
    if (!type || !subtype) {
      return [];
    }
    const qualityParameter = parameters.find((parameter) => /^q\s*=/i.test(parameter));
    const quality = qualityParameter ? Number(qualityParameter.split('=')[1]) : 1;
    return [{ type, subtype, quality: Number.isFinite(quality) ? quality : 0, index }];
  });
}
