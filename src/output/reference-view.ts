import { cell, renderList } from './render.js';

import type { OutputFormat } from '../cli/context.js';
import type { Antenne, Tribunal } from '../mesure/types.js';
import type { Column } from './render.js';
import type { TableOptions } from './table.js';

const antenneColumns: Column<Antenne>[] = [
  { name: 'id', label: 'ID', value: (antenne) => cell(antenne.id) },
  { name: 'nom', label: 'Nom', value: (antenne) => cell(antenne.nom) },
  { name: 'adresse', label: 'Adresse', value: (antenne) => cell(antenne.adresse) },
  { name: 'code_postal', label: 'Code postal', value: (antenne) => cell(antenne.code_postal) },
  { name: 'ville', label: 'Ville', value: (antenne) => cell(antenne.ville) },
];

const tribunalColumns: Column<Tribunal>[] = [
  { name: 'siret', label: 'SIRET', value: (tribunal) => cell(tribunal.siret) },
  { name: 'nom', label: 'Nom', value: (tribunal) => cell(tribunal.nom) },
  { name: 'code_postal', label: 'Code postal', value: (tribunal) => cell(tribunal.code_postal) },
  { name: 'ville', label: 'Ville', value: (tribunal) => cell(tribunal.ville) },
  { name: 'adresse', label: 'Adresse', value: (tribunal) => cell(tribunal.adresse) },
];

/** Coordinates are useful to scripts but too wide for a terminal table. */
const tribunalCoordinateColumns: Column<Tribunal>[] = [
  { name: 'latitude', label: 'Latitude', value: (tribunal) => cell(tribunal.latitude) },
  { name: 'longitude', label: 'Longitude', value: (tribunal) => cell(tribunal.longitude) },
];

export function renderAntennes(antennes: Antenne[], format: OutputFormat, options: TableOptions = {}): string {
  return renderList(antennes, antenneColumns, format, options);
}

export function renderTribunaux(tribunaux: Tribunal[], format: OutputFormat, options: TableOptions = {}): string {
  const columns = format === 'table' ? tribunalColumns : [...tribunalColumns, ...tribunalCoordinateColumns];
  return renderList(tribunaux, columns, format, options);
}
