import { readFileSync } from 'node:fs';

/** A court a mesure may name, as listed by `GET /tribunaux`. */
export interface Court {
  id: number;
  siret: string;
  nom: string;
  adresse: string;
  code_postal: string;
  ville: string;
  latitude: number;
  longitude: number;
  /** Id of the tribunal judiciaire an old court was merged into, if any. */
  actualCourtId: number | null;
}

interface PostalCodeEntry {
  /** The commune as the table spells it; normalised only when its postal code is looked up. */
  commune: string;
  latitude: number;
  longitude: number;
}

/** The courts and postal codes of the production database's reference tables. */
export interface ReferenceData {
  courts: Court[];
  /** Finds the court a SIRET names, following a merged court to its successor. */
  findCourt(siret: string): Court | undefined;
  /** Looks up coordinates for a postal code, preferring the entry whose commune matches. */
  locate(
    codePostal: string | null,
    ville: string | null,
  ): { latitude: number; longitude: number } | null;
}

let cached: ReferenceData | undefined;

/**
 * Loads the reference tables once per process. The files stay in `src/sandbox/data`, and the
 * relative URL below resolves to them from both `src/sandbox/` and `dist/sandbox/`.
 */
export function loadReferenceData(): ReferenceData {
  if (cached) {
    return cached;
  }
  const courts = parseCourts(readDataFile('tribunaux.csv'));
  const postalCodes = parsePostalCodes(readDataFile('codes_postaux.csv'));
  cached = buildReferenceData(courts, postalCodes);
  return cached;
}

function readDataFile(name: string): string {
  return readFileSync(new URL(`../../src/sandbox/data/${name}`, import.meta.url), 'utf8');
}

function csvRows(text: string): string[][] {
  // Neither file quotes a field or contains a comma inside one, so a plain split is exact.
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.length > 0)
    .map((line) => line.split(','));
}

function parseCourts(text: string): Court[] {
  return csvRows(text).map((fields) => {
    const [id, siret, nom, , adresse, codePostal, ville, latitude, longitude, , actual] = fields;
    return {
      id: Number(id),
      siret: siret ?? '',
      nom: nom ?? '',
      adresse: adresse ?? '',
      code_postal: codePostal ?? '',
      ville: ville ?? '',
      latitude: Number(latitude),
      longitude: Number(longitude),
      actualCourtId: actual ? Number(actual) : null,
    };
  });
}

function parsePostalCodes(text: string): Map<string, PostalCodeEntry[]> {
  const byCode = new Map<string, PostalCodeEntry[]>();
  for (const [code, latitude, longitude, commune] of csvRows(text)) {
    if (!code) {
      continue;
    }
    const entries = byCode.get(code) ?? [];
    entries.push({
      commune: commune ?? '',
      latitude: Number(latitude),
      longitude: Number(longitude),
    });
    byCode.set(code, entries);
  }
  return byCode;
}

/** Reduces a city name to the postal table's spelling: upper case, no accents, ST for SAINT. */
function normaliseCommune(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim()
    .replace(/\bSAINTE\b/g, 'STE')
    .replace(/\bSAINT\b/g, 'ST');
}

function buildReferenceData(
  courts: Court[],
  postalCodes: Map<string, PostalCodeEntry[]>,
): ReferenceData {
  const bySiret = new Map(courts.map((court) => [court.siret, court]));
  const byId = new Map(courts.map((court) => [court.id, court]));

  return {
    courts,
    findCourt(siret) {
      const court = bySiret.get(siret);
      if (court?.actualCourtId != null) {
        return byId.get(court.actualCourtId) ?? court;
      }
      return court;
    },
    locate(codePostal, ville) {
      const entries = codePostal ? postalCodes.get(codePostal) : undefined;
      if (!entries || entries.length === 0) {
        return null;
      }
      const commune = normaliseCommune(ville ?? '');
      const entry =
        entries.find((candidate) => normaliseCommune(candidate.commune) === commune) ??
        entries[0]!;
      return { latitude: entry.latitude, longitude: entry.longitude };
    },
  };
}
