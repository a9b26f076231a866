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
import type { TableOptions } from './table.js';

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

/** Columns of `mesures list` in a table: what fits on one line per mesure. */
const tableColumns: Column<MesureWithStatus>[] = [
  field('id', 'ID'),
  statusColumn,
  field('numero_rg', 'N° RG'),
  field('numero_dossier', 'N° dossier'),
  field('civilite', 'Civilité', civiliteLabels),
  field('annee_naissance', 'Naissance'),
  etatField('nature_mesure', 'Nature', natureMesureLabels),
  etatField('lieu_vie', 'Lieu de vie', lieuVieLabels),
  placeColumn,
  dateField('date_nomination', 'Nomination'),
  dateField('date_fin_mesure', 'Fin'),
  field('tribunal_siret', 'Tribunal (SIRET)'),
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

/** Renders a list of mesures; the table leaves out the status column when no status is known. */
export function renderMesureList(mesures: MesureWithStatus[], format: OutputFormat, options: TableOptions = {}): string {
  const hasStatus = mesures.some((mesure) => mesure.status !== undefined);
  const columns = format === 'table' ? tableColumns : allColumns;
  return renderList(mesures, hasStatus ? columns : columns.filter((column) => column !== statusColumn), format, options);
}

/** Renders one mesure; on a terminal, its fields, then its états and ressources as tables. */
export function renderMesure(mesure: MesureWithStatus, format: OutputFormat, options: TableOptions = {}): string {
  const columns = allColumns.filter((column) => !column.name.startsWith('etat.') && (column !== statusColumn || mesure.status !== undefined));
  if (format !== 'table') return renderOne(mesure, format === 'json' ? columns : allColumns, format, options);

  const sections = [renderOne(mesure, columns, format, options)];
  sections.push(
    `\nÉtats\n${renderTable(
      ['Date', 'Nature', 'Champ', 'Lieu de vie', "Type d'établissement", 'Code postal', 'Ville', 'Pays'],
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
        ['Année', 'Niveau', 'Prestations sociales'],
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
