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
import { cell, frenchDate, label, renderList, renderOne } from './render.js';
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

/** Every scalar field of a mesure and of its latest état, for CSV and the detail view. */
const allColumns: Column<MesureWithStatus>[] = [
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
  field('antenne_id', 'Antenne'),
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
  field('created_at', 'Créée le'),
];

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

/** Renders a list of mesures; the table leaves out the status column when no status is known. */
export function renderMesureList(mesures: MesureWithStatus[], format: OutputFormat, options: TableOptions = {}): string {
  const hasStatus = mesures.some((mesure) => mesure.status !== undefined);
  const columns = format === 'table' ? tableColumns : allColumns;
  return renderList(mesures, hasStatus ? columns : columns.filter((column) => column.name !== 'status'), format, options);
}

/** Renders one mesure; on a terminal, its fields, then its états and ressources as tables. */
export function renderMesure(mesure: MesureWithStatus, format: OutputFormat, options: TableOptions = {}): string {
  const columns = allColumns.filter((column) => !column.name.startsWith('etat.') && (column !== statusColumn || mesure.status !== undefined));
  if (format !== 'table') return renderOne(mesure, format === 'json' ? columns : allColumns, format, options);

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
