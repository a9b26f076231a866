import { InvalidInputError } from '../cli/errors.js';
import { describeNumeroRgNormalisation } from '../mesure/numero-rg.js';
import { validateMesure } from '../mesure/validate.js';

import type { MesurePayload } from '../mesure/types.js';
import type { OutputSink } from '../output/sink.js';

/** Most validation issues listed in one error message. */
const maxListedIssues = 20;

/**
 * Checks a mesure body with the server's rules and returns it typed, or throws
 * `InvalidInputError` listing each broken rule with its field path and value. Warns when the
 * server's numero RG normalisation would drop characters.
 */
export function checkMesurePayload(payload: unknown, source: string, sink: OutputSink): MesurePayload {
  convertNumericNumeroRg(payload, source, sink);
  const issues = validateMesure(payload);
  if (issues.length > 0) {
    const lines = issues
      .slice(0, maxListedIssues)
      .map((issue) => `  - ${issue.param || '(mesure)'}: ${issue.detail} (value: ${preview(issue.value)})`);
    if (issues.length > maxListedIssues) lines.push(`  … and ${issues.length - maxListedIssues} more`);
    throw new InvalidInputError(
      [`${source} is not a valid mesure:`, ...lines].join('\n'),
      'Fix these fields; the eMJPM server rejects the mesure otherwise.',
    );
  }

  const mesure = payload as MesurePayload;
  const normalisation = describeNumeroRgNormalisation(String(mesure.numero_rg));
  if (normalisation.truncated !== '') {
    sink.warn(
      `numero_rg "${mesure.numero_rg}" is stored as "${normalisation.value}": the server keeps 8 characters and drops "${normalisation.truncated}", so another RG with the same first 8 characters at the same court would overwrite this mesure.`,
    );
  }
  return mesure;
}

/**
 * Replaces a numero RG written as a JSON number (`"numero_rg": 5`) with its digits as a string,
 * with a warning, because the server requires a string and the validation would report it missing.
 */
function convertNumericNumeroRg(payload: unknown, source: string, sink: OutputSink): void {
  if (typeof payload !== 'object' || payload === null) return;
  const record = payload as Record<string, unknown>;
  if (typeof record.numero_rg !== 'number' || !Number.isSafeInteger(record.numero_rg)) return;
  const text = String(record.numero_rg);
  sink.warn(`${source}: numero_rg ${text} is a number; it is sent as the string "${text}". Write it in quotes.`);
  record.numero_rg = text;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length <= 80 ? text : `${text.slice(0, 79)}…`;
}
