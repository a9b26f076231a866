import {
  causeSortieLabels,
  champMesureLabels,
  civiliteLabels,
  lieuVieLabels,
  mesureStatusLabels,
  natureMesureLabels,
  resultatRevisionLabels,
  typeEtablissementLabels,
} from '../mesure/enums.js';
import { cell, frenchDate, frenchDateTime, label, renderList, renderOne } from './render.js';
import { renderTable } from './table.js';

import type { MesureWithStatus } from '../api/types.js';
import type { OutputFormat } from '../cli/context.js';
import type { Etat, Mesure } from '../mesure/types.js';
import type { Column } from './render.js';
import type { TableHeader, TableOptions } from './table.js';

/** Returns the latest état by `date_changement_etat`, which contains the current nature and lieu de vie. */
export function lastEtat(mesure: Pick<Mesure, 'etats'>): Etat | undefined {
  const etats = mesure.etats ?? [];
  return etats.reduce<Etat | undefined>(
    (latest, etat) => (latest === undefined || etat.date_changement_etat >= latest.date_changement_etat ? etat : latest),
    undefined,
  );
}

function field(name: keyof MesureWithStatus, title: string, labels?: Record<string, string>): Column<MesureWithStatus> {
  return {
    name,
    label: title,
    value: (mesure) => cell(mesure[name]),
    display: labels ? (mesure) => label(labels, mesure[name]) : undefined,
  };
}

function dateField(name: keyof Mesure, title: string): Column<MesureWithStatus> {
  return { name, label: title, value: (mesure) => cell(mesure[name]), display: (mesure) => frenchDate(mesure[name]) };
}

function etatField(name: keyof Etat, title: string, labels?: Record<string, string>): Column<MesureWithStatus> {
  return {
    name: `etat.${name}`,
    label: title,
    value: (mesure) => cell(lastEtat(mesure)?.[name]),
    display: labels ? (mesure) => label(labels, lastEtat(mesure)?.[name]) : undefined,
  };
}

const statusColumn = field('status', 'Statut', mesureStatusLabels);

/** Builds the antenne column: the id in CSV, the name and id in tables when `antenneNames` has it. */
function antenneColumn(antenneNames: Map<number, string>): Column<MesureWithStatus> {
  return {
    name: 'antenne_id',
    label: 'Antenne',
    value: (mesure) => cell(mesure.antenne_id),
    display: (mesure) => {
      if (mesure.antenne_id === null || mesure.antenne_id === undefined) return '';
      const name = antenneNames.get(mesure.antenne_id);
      return name === undefined ? String(mesure.antenne_id) : `${name} (${mesure.antenne_id})`;
    },
  };
}

const createdAtColumn: Column<MesureWithStatus> = {
  name: 'created_at',
  label: 'Créée le',
  value: (mesure) => cell(mesure.created_at),
  display: (mesure) => frenchDateTime(mesure.created_at),
};

const placeColumn: Column<MesureWithStatus> = {
  name: 'etat.ville',
  label: 'Ville',
  value: (mesure) => cell(lastEtat(mesure)?.ville),
  display: (mesure) => [lastEtat(mesure)?.code_postal, lastEtat(mesure)?.ville].filter(Boolean).join(' '),
};

/**
 * Sets how a column behaves in a narrow table: `priority` orders hiding (highest first, undefined
 * never hides) and `truncate: false` marks values that are useless once cut.
 */
function fit(column: Column<MesureWithStatus>, priority: number | undefined, truncate = true): Column<MesureWithStatus> {
  return { ...column, priority, truncate };
}

/**
 * Columns of `mesures list` in a table: what fits on one line per mesure. The id and numero RG
 * always stay; the others are hidden from the highest priority number down on a narrow terminal.
 */
const tableColumns: Column<MesureWithStatus>[] = [
  fit(field('id', 'ID'), undefined, false),
  fit(statusColumn, 2, false),
  fit(field('numero_rg', 'N° RG'), undefined, false),
  fit(field('numero_dossier', 'N° dossier'), 8, false),
  fit(field('civilite', 'Civilité', civiliteLabels), 10, false),
  fit(field('annee_naissance', 'Naissance'), 7, false),
  fit(etatField('nature_mesure', 'Nature', natureMesureLabels), 1),
  fit(etatField('lieu_vie', 'Lieu de vie', lieuVieLabels), 5),
  fit(placeColumn, 9),
  fit(dateField('date_nomination', 'Nomination'), 3, false),
  fit(dateField('date_fin_mesure', 'Fin'), 4, false),
  fit(field('tribunal_siret', 'Tribunal (SIRET)'), 6, false),
];

/**
 * Returns the columns of every scalar field of a mesure and of its latest état, for CSV and the
 * detail view.
 */
function allColumns(antenneNames: Map<number, string>): Column<MesureWithStatus>[] {
  return [
  field('id', 'ID'),
  statusColumn,
  field('numero_rg', 'N° RG'),
  field('numero_dossier', 'N° dossier'),
  field('civilite', 'Civilité', civiliteLabels),
  field('annee_naissance', 'Année de naissance'),
  dateField('date_nomination', 'Date de nomination'),
  dateField('date_premier_mesure', 'Date de première mesure'),
  dateField('date_protection_en_cours', 'Date de protection en cours'),
  dateField('date_fin_mesure', 'Date de fin'),
  field('cause_sortie', 'Cause de sortie', causeSortieLabels),
  field('resultat_revision', 'Résultat de révision', resultatRevisionLabels),
  field('tribunal_siret', 'Tribunal (SIRET)'),
  antenneColumn(antenneNames),
  etatField('nature_mesure', 'Nature', natureMesureLabels),
  etatField('champ_mesure', 'Champ', champMesureLabels),
  etatField('lieu_vie', 'Lieu de vie', lieuVieLabels),
  etatField('type_etablissement', "Type d'établissement", typeEtablissementLabels),
  etatField('code_postal', 'Code postal'),
  etatField('ville', 'Ville'),
  etatField('pays', 'Pays'),
  field('latitude', 'Latitude'),
  field('longitude', 'Longitude'),
  field('editor_id', 'Éditeur'),
  createdAtColumn,
  ];
}

/** Headers of the états table in `mesures get`, hidden from the highest priority down. */
const etatHeaders: TableHeader[] = [
  { label: 'Date', truncate: false },
  { label: 'Nature' },
  { label: 'Champ', priority: 4 },
  { label: 'Lieu de vie', priority: 1 },
  { label: "Type d'établissement", priority: 2 },
  { label: 'Code postal', priority: 5, truncate: false },
  { label: 'Ville', priority: 3 },
  { label: 'Pays', priority: 6, truncate: false },
];

/** Extra data a mesure view shows beside the mesure itself. */
export interface MesureViewOptions {
  /** Antenne names by id, shown beside `antenne_id` in tables. */
  antenneNames?: Map<number, string>;
}

/**
 * Renders a list of mesures. The table leaves out the status column when no status is known, and
 * shows an Antenne column only when a mesure has an antenne.
 */
export function renderMesureList(
  mesures: MesureWithStatus[],
  format: OutputFormat,
  options: TableOptions = {},
  view: MesureViewOptions = {},
): string {
  const antenneNames = view.antenneNames ?? new Map<number, string>();
  const hasStatus = mesures.some((mesure) => mesure.status !== undefined);
  const hasAntenne = mesures.some((mesure) => mesure.antenne_id !== null && mesure.antenne_id !== undefined);
  let columns = allColumns(antenneNames);
  if (format === 'table') columns = tableColumnsWith(hasAntenne ? antenneNames : undefined);
  return renderList(mesures, hasStatus ? columns : columns.filter((column) => column.name !== 'status'), format, options);
}

/** Returns the table columns, with the antenne after the numero RG when `antenneNames` is given. */
function tableColumnsWith(antenneNames: Map<number, string> | undefined): Column<MesureWithStatus>[] {
  if (antenneNames === undefined) return tableColumns;
  const antenne = fit(antenneColumn(antenneNames), 8);
  const afterRg = tableColumns.findIndex((column) => column.name === 'numero_rg') + 1;
  return [...tableColumns.slice(0, afterRg), antenne, ...tableColumns.slice(afterRg)];
}

/** Renders one mesure; on a terminal, its fields, then its états and ressources as tables. */
export function renderMesure(
  mesure: MesureWithStatus,
  format: OutputFormat,
  options: TableOptions = {},
  view: MesureViewOptions = {},
): string {
  const every = allColumns(view.antenneNames ?? new Map<number, string>());
  const columns = every.filter((column) => !column.name.startsWith('etat.') && (column.name !== 'status' || mesure.status !== undefined));
  if (format !== 'table') return renderOne(mesure, format === 'json' ? columns : every, format, options);

  const sections = [renderOne(mesure, columns, format, options)];
  sections.push(
    `\nÉtats\n${renderTable(
      etatHeaders,
      (mesure.etats ?? []).map((etat) => [
        frenchDate(etat.date_changement_etat),
        label(natureMesureLabels, etat.nature_mesure),
        label(champMesureLabels, etat.champ_mesure),
        label(lieuVieLabels, etat.lieu_vie),
        label(typeEtablissementLabels, etat.type_etablissement),
        cell(etat.code_postal),
        cell(etat.ville),
        cell(etat.pays),
      ]),
      options,
    )}`,
  );
  if ((mesure.ressources ?? []).length > 0) {
    sections.push(
      `\nRessources\n${renderTable(
        [{ label: 'Année', truncate: false }, 'Niveau', 'Prestations sociales'],
        mesure.ressources.map((ressource) => [
          cell(ressource.annee),
          cell(ressource.niveau_ressource),
          cell(ressource.prestations_sociales),
        ]),
        options,
      )}`,
    );
  }
  return sections.join('');
}
