#!/usr/bin/env node
// Writes a file of invented mesures for tests, the demo and the benchmark. Courts and postal
// codes are real (fixtures/data/tribunaux.csv, src/import/data/codes-postaux.csv); people are
// not named, because the formats carry no names. The same seed always writes the same file.
//
//   node scripts/generate-fixture.js --rows 100000 --out /tmp/mesures.csv
//   node scripts/generate-fixture.js --rows 300 --format ndjson --out fixtures/mesures.ndjson
//
// Options: --rows N (default 300), --seed N (default 1), --format emjpm|native|ndjson
// (default emjpm), --delimiter ';'|tab|',' (default ';'), --encoding utf-8|windows-1252,
// --bom (UTF-8 byte-order mark), --crlf, --no-type-etablissement (the bare eMJPM template
// columns), --rg-prefix TEXT (numeros RG start with it, so two files do not collide), --out FILE
// (default stdout), --help. Run `npm run build` first: the native columns come from the built
// CLI.

import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

import iconv from 'iconv-lite';

import { nativeColumns as exportedColumns } from '../dist/import/native-columns.js';

const usage = readFileSync(new URL(import.meta.url), 'utf8')
  .split('\n')
  .slice(1)
  .filter((line) => line.startsWith('//'))
  .map((line) => line.replace(/^\/\/ ?/, ''))
  .join('\n');

let parsed;
try {
  parsed = parseArgs({ options: optionSpecs() });
} catch (error) {
  process.stderr.write(`${error.message}\n\n${usage}\n`);
  process.exit(2);
}
if (parsed.values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const options = parsed.values;

function optionSpecs() {
  return {
    help: { type: 'boolean', short: 'h', default: false },
    rows: { type: 'string', default: '300' },
    seed: { type: 'string', default: '1' },
    format: { type: 'string', default: 'emjpm' },
    delimiter: { type: 'string', default: ';' },
    encoding: { type: 'string', default: 'utf-8' },
    bom: { type: 'boolean', default: false },
    crlf: { type: 'boolean', default: false },
    'no-type-etablissement': { type: 'boolean', default: false },
    'rg-prefix': { type: 'string', default: '' },
    out: { type: 'string' },
  };
}

const rowCount = Number(options.rows);
const delimiter = options.delimiter === 'tab' ? '\t' : options.delimiter;
const lineEnd = options.crlf ? '\r\n' : '\n';
const random = mulberry32(Number(options.seed));

const courts = readTable(new URL('../fixtures/data/tribunaux.csv', import.meta.url));
const postalCodes = readTable(new URL('../src/import/data/codes-postaux.csv', import.meta.url));
const postalCodesByDepartement = new Map();
for (const entry of postalCodes) {
  const departement = departementOf(entry.code_postal);
  if (!postalCodesByDepartement.has(departement)) postalCodesByDepartement.set(departement, []);
  postalCodesByDepartement.get(departement).push(entry);
}

/** `type` labels of the eMJPM template, with how often each appears (weights). */
const types = [
  ['curatelle renforcée', 30, 'curatelle_renforcee', null],
  ['Curatelle renforcée aux biens et à la personne', 10, 'curatelle_renforcee', 'protection_bien_personne'],
  ['curatelle simple', 8, 'curatelle_simple', null],
  ['Curatelle simple à la personne', 2, 'curatelle_simple', 'protection_personne'],
  ['tutelle', 20, 'tutelle', null],
  ['Tutelle aux biens et à la personne', 10, 'tutelle', 'protection_bien_personne'],
  ['tutelle aux biens', 3, 'tutelle', 'protection_bien'],
  ['MAJ', 4, 'mesure_accompagnement_judiciaire', null],
  ['sauvegarde de justice', 4, 'sauvegarde_justice', null],
  ['Sauvegarde de justice avec mandat spécial', 3, 'sauvegarde_justice', null],
  ['mandat de protection future', 1, 'mandat_protection_future', null],
  ['mesure ad hoc', 1, 'mesure_ad_hoc', null],
  ['subrogé curateur', 2, 'subroge_curateur', null],
  ['subrogé tuteur', 2, 'subroge_tuteur', null],
];

/** `residence` forms of the template, with weights and the API value. */
const residences = [
  ['domicile', 40, 'domicile'],
  ['A domicile', 15, 'domicile'],
  ['en établissement', 25, 'etablissement'],
  ['En établissement avec conservation du domicile', 10, 'etablissement_conservation_domicile'],
  ['SDF', 2, 'sdf'],
];

const typesEtablissement = [
  'etablissement_personne_agee',
  'etablissement_handicapes',
  'etablissement_hospitalier',
  'etablissement_psychiatrique',
  'autre_etablissement_s_ms',
  'autre_etablissement',
];

const emjpmColumns = [
  'date_nomination',
  'type',
  'code_postal',
  'ville',
  'civilite',
  'annee',
  'numero_rg',
  'numero_dossier',
  'residence',
  'tribunal_siret',
  'tribunal_cabinet',
  ...(options['no-type-etablissement'] ? [] : ['type_etablissement']),
];

// The native columns without the read-only ones, which a file to import leaves out.
const nativeColumns = exportedColumns.slice(0, exportedColumns.indexOf('id'));

await writeOutput();

async function writeOutput() {
  const stream = options.out ? createWriteStream(options.out) : process.stdout;
  const encode = (text) => (options.encoding === 'windows-1252' ? iconv.encode(text, 'win1252') : Buffer.from(text, 'utf8'));
  const write = async (text) => {
    if (!stream.write(encode(text))) await once(stream, 'drain');
  };

  if (options.bom) stream.write(Buffer.from([0xef, 0xbb, 0xbf]));
  if (options.format === 'emjpm') await write(csvLine(emjpmColumns) + lineEnd);
  if (options.format === 'native') await write(csvLine(nativeColumns) + lineEnd);
  for (let index = 0; index < rowCount; index += 1) {
    const mesure = inventMesure(index);
    if (options.format === 'ndjson') await write(`${JSON.stringify(toApiMesure(mesure))}\n`);
    else if (options.format === 'native') await write(csvLine(nativeColumns.map((column) => nativeCell(mesure, column))) + lineEnd);
    else await write(csvLine(emjpmColumns.map((column) => emjpmCell(mesure, column))) + lineEnd);
  }
  if (options.out) {
    stream.end();
    await once(stream, 'close');
  }
}

function inventMesure(index) {
  const court = pick(courts);
  const place = pick(postalCodesByDepartement.get(court.departement_code) ?? postalCodes);
  const [typeLabel, , nature, champ] = weighted(types);
  const [residenceLabel, , lieuVie] = weighted(residences);
  const year = 2005 + Math.floor(random() * 20);
  const nomination = { year, month: 1 + Math.floor(random() * 12), day: 1 + Math.floor(random() * 28) };
  return {
    index,
    court,
    place,
    typeLabel,
    nature,
    champ,
    residenceLabel,
    lieuVie,
    typeEtablissement: lieuVie === 'domicile' || lieuVie === 'sdf' ? null : pick(typesEtablissement),
    nomination,
    civilite: random() < 0.55 ? 'F' : 'H',
    annee: 1925 + Math.floor(random() * 80),
    numeroRg: `${options['rg-prefix']}${String(year % 100).padStart(2, '0')}/${String(index).padStart(5, '0')}`,
    numeroDossier: `D-${String(index + 1).padStart(6, '0')}`,
    cabinet: random() < 0.3 ? `Cabinet ${1 + Math.floor(random() * 4)}` : '',
  };
}

function emjpmCell(mesure, column) {
  switch (column) {
    case 'date_nomination':
      return frenchDate(mesure.nomination);
    case 'type':
      return mesure.typeLabel;
    case 'code_postal':
      return mesure.place.code_postal;
    case 'ville':
      return mesure.place.commune;
    case 'civilite':
      return mesure.civilite;
    case 'annee':
      return String(mesure.annee);
    case 'numero_rg':
      return mesure.numeroRg;
    case 'numero_dossier':
      return mesure.numeroDossier;
    case 'residence':
      return mesure.residenceLabel;
    case 'tribunal_siret':
      return mesure.court.siret;
    case 'tribunal_cabinet':
      return mesure.cabinet;
    case 'type_etablissement':
      return mesure.typeEtablissement ?? '';
    default:
      return '';
  }
}

function toApiMesure(mesure) {
  const nomination = isoDate(mesure.nomination);
  const etats = [
    {
      date_changement_etat: nomination,
      nature_mesure: mesure.nature,
      champ_mesure: mesure.champ,
      lieu_vie: mesure.lieuVie,
      type_etablissement: mesure.typeEtablissement,
      code_postal: mesure.place.code_postal,
      ville: mesure.place.commune,
      pays: 'FR',
    },
  ];
  if (mesure.index % 4 === 0) {
    const later = { ...mesure.nomination, year: mesure.nomination.year + 1 };
    etats.push({ ...etats[0], date_changement_etat: isoDate(later), lieu_vie: 'etablissement', type_etablissement: 'etablissement_personne_agee' });
  }
  return {
    numero_rg: mesure.numeroRg,
    numero_dossier: mesure.numeroDossier,
    annee_naissance: mesure.annee,
    civilite: mesure.civilite === 'F' ? 'madame' : 'monsieur',
    date_nomination: nomination,
    date_premier_mesure: null,
    date_protection_en_cours: null,
    date_fin_mesure: null,
    cause_sortie: null,
    resultat_revision: null,
    antenne_id: null,
    tribunal_siret: mesure.court.siret,
    etats,
    ressources:
      mesure.index % 3 === 0
        ? [{ annee: 2024, niveau_ressource: 900 + Math.floor(random() * 1500), prestations_sociales: random() < 0.5 ? ['AAH'] : ['APL', 'ASPA'] }]
        : [],
  };
}

function nativeCell(mesure, column) {
  const api = toApiMesure(mesure);
  const current = api.etats[api.etats.length - 1];
  const value = column in current ? current[column] : api[column];
  if (column === 'tribunal_cabinet') return mesure.cabinet;
  return value === null || value === undefined ? '' : String(value);
}

function csvLine(cells) {
  return cells
    .map((cell) => (cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
    .join(delimiter);
}

function frenchDate({ year, month, day }) {
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

function isoDate({ year, month, day }) {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function departementOf(code) {
  if (code.startsWith('97')) return code.slice(0, 3);
  if (code.startsWith('20')) return Number(code) < 20200 ? '2A' : '2B';
  return code.slice(0, 2);
}

function readTable(url) {
  const [header, ...lines] = readFileSync(url, 'utf8').trim().split('\n');
  const columns = header.split(';');
  return lines.map((line) => Object.fromEntries(line.split(';').map((cell, index) => [columns[index], cell])));
}

function pick(list) {
  return list[Math.floor(random() * list.length)];
}

function weighted(entries) {
  const total = entries.reduce((sum, entry) => sum + entry[1], 0);
  let target = random() * total;
  for (const entry of entries) {
    target -= entry[1];
    if (target < 0) return entry;
  }
  return entries[entries.length - 1];
}

/** A small seeded pseudo-random generator (mulberry32), so fixtures are reproducible. */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}
