import { todayIsoDate } from '../mesure/dates.js';

import type { ApiClient, MesureWithStatus } from '../api/types.js';
import type { MesureStatus } from '../mesure/enums.js';
import type { Antenne, Mesure } from '../mesure/types.js';

/**
 * Fetches one mesure with its status. The server never returns the status, so one listing of
 * `en_attente` mesures finds a pending one, and any other gets the status the server derives
 * from `date_fin_mesure`: `eteinte` when that date is today or past, `en_cours` otherwise.
 */
export async function getMesureWithStatus(api: ApiClient, id: number): Promise<MesureWithStatus> {
  const mesure = await api.getMesure(id);
  const pending = await api.listMesures('en_attente');
  if (pending.some((candidate) => candidate.id === id)) return { ...mesure, status: 'en_attente' };
  return { ...mesure, status: derivedStatus(mesure) };
}

/**
 * Returns the status the server derives from the end date.
 * NOTE: the server compares with its own date, so on the end date itself a client in another
 * time zone may disagree for a few hours.
 */
export function derivedStatus(mesure: Pick<Mesure, 'date_fin_mesure'>, today = todayIsoDate()): MesureStatus {
  const end = mesure.date_fin_mesure;
  return end !== null && end !== undefined && end <= today ? 'eteinte' : 'en_cours';
}

/**
 * Fetches the antenne names by id with one `GET /service-antennes`. It sends no request when no
 * mesure has an antenne, as for an individual mandataire.
 */
export async function findAntenneNames(api: ApiClient, mesures: Mesure[]): Promise<Map<number, string>> {
  if (!mesures.some((mesure) => mesure.antenne_id !== null && mesure.antenne_id !== undefined)) return new Map();
  const antennes: Antenne[] = await api.listAntennes();
  return new Map(antennes.map((antenne) => [antenne.id, antenne.nom]));
}
