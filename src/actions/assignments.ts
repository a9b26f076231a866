import { InvalidInputError, UsageError } from '../cli/errors.js';
import {
  causeSortieLabels,
  champMesureLabels,
  civiliteLabels,
  lieuVieLabels,
  natureMesureLabels,
  resultatRevisionLabels,
  typeEtablissementLabels,
} from '../mesure/enums.js';
import { lastEtat } from '../output/mesure-view.js';
import { parseDateInput, parseEnumInput } from './field-input.js';

import type { Etat, MesurePayload } from '../mesure/types.js';

/**
 * Kind of value a field takes: free text, an integer, a date (`yyyy-MM-dd` or `dd/mm/yyyy`), or
 * an enumeration given by its labels (API value or French label).
 */
type FieldKind = 'text' | 'integer' | 'date' | Record<string, string>;

/** Mesure fields that `--set` may change, with the kind of value each takes. */
const mesureFields: Record<string, FieldKind> = {
  numero_rg: 'text',
  numero_dossier: 'text',
  annee_naissance: 'integer',
  civilite: civiliteLabels,
  date_nomination: 'date',
  date_premier_mesure: 'date',
  date_protection_en_cours: 'date',
  date_fin_mesure: 'date',
  cause_sortie: causeSortieLabels,
  resultat_revision: resultatRevisionLabels,
  antenne_id: 'integer',
  tribunal_siret: 'text',
  tribunal_cabinet: 'text',
};

/** État fields that `--set etat.FIELD=…` or `--set etats[N].FIELD=…` may change. */
const etatFieldKinds: Record<string, FieldKind> = {
  date_changement_etat: 'date',
  nature_mesure: natureMesureLabels,
  champ_mesure: champMesureLabels,
  lieu_vie: lieuVieLabels,
  type_etablissement: typeEtablissementLabels,
  code_postal: 'text',
  ville: 'text',
  pays: 'text',
};

const etatFields = Object.keys(etatFieldKinds);

/**
 * Applies `field=value` assignments to a copy of `payload` and returns it. A field is a mesure
 * field, `etat.FIELD` for the latest état, or `etats[N].FIELD` (also `etats.N.FIELD`). `null` or
 * an empty value sets null. Values are checked by the mesure validation afterwards.
 */
export function applyAssignments(payload: MesurePayload, assignments: string[]): MesurePayload {
  const result: MesurePayload = structuredClone(payload);
  for (const assignment of assignments) {
    const separator = assignment.indexOf('=');
    if (separator <= 0) {
      throw new UsageError(
        `Invalid --set "${assignment}": expected field=value.`,
        'Example: --set date_fin_mesure=2025-06-30 --set etat.lieu_vie=domicile',
      );
    }
    const path = assignment.slice(0, separator).trim();
    const text = assignment.slice(separator + 1);
    assign(result, path, text);
  }
  return result;
}

function assign(payload: MesurePayload, path: string, text: string): void {
  const etatMatch = /^(?:etat|etats\[(\d+)\]|etats\.(\d+))\.(\w+)$/.exec(path);
  if (etatMatch) {
    const [, bracketIndex, dotIndex, field = ''] = etatMatch;
    const kind = fieldKind(etatFieldKinds, field);
    if (kind === undefined) throw unknownField(path);
    const etat = findEtat(payload, bracketIndex ?? dotIndex, path);
    (etat as unknown as Record<string, unknown>)[field] = convert(nullable(text), kind, path);
    return;
  }

  const kind = fieldKind(mesureFields, path);
  if (kind === undefined) throw unknownField(path);
  (payload as unknown as Record<string, unknown>)[path] = convert(nullable(text), kind, path);
}

/** Returns the kind of a listed field; inherited names such as `constructor` are not fields. */
function fieldKind(fields: Record<string, FieldKind>, name: string): FieldKind | undefined {
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
}

/**
 * Converts a value to what the API expects. A date or label that matches nothing is kept as
 * typed, so the mesure validation reports it with the field's rule.
 */
function convert(value: string | null, kind: FieldKind, path: string): string | number | null {
  if (value === null || kind === 'text') return value;
  if (kind === 'integer') return integer(value, path);
  if (kind === 'date') return parseDateInput(value) ?? value;
  return parseEnumInput(kind, value) ?? value;
}

function findEtat(payload: MesurePayload, indexText: string | undefined, path: string): Etat {
  const etats = payload.etats ?? [];
  if (indexText === undefined) {
    const latest = lastEtat(payload);
    if (latest === undefined) throw new UsageError(`Cannot set ${path}: the mesure has no état.`);
    return latest;
  }
  const etat = etats[Number(indexText)];
  if (etat === undefined) {
    throw new UsageError(`Cannot set ${path}: the mesure has ${etats.length} ${etats.length === 1 ? 'état' : 'états'}, numbered from 0.`);
  }
  return etat;
}

function nullable(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' || trimmed === 'null' ? null : trimmed;
}

function integer(text: string, path: string): number {
  if (!/^\d+$/.test(text)) throw new InvalidInputError(`Invalid --set ${path}="${text}": expected an integer.`);
  return Number(text);
}

function unknownField(path: string): UsageError {
  return new UsageError(
    `Unknown field "${path}" for --set.`,
    `Fields: ${Object.keys(mesureFields).join(', ')}; état fields as etat.FIELD (latest état) or etats[N].FIELD: ${etatFields.join(', ')}.`,
  );
}
