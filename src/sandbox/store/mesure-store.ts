import type { StoredMesure } from './types.js';

/**
 * The mesures table, indexed by id, by owner, by (owner, court, normalised RG) for the upsert,
 * and by (editor, service, numero_dossier) for that unique constraint. Maps keep insertion
 * order, which plays the part of PostgreSQL's physical order: a replaced mesure moves to the end.
 */
export class MesureStore {
  private readonly byId = new Map<number, StoredMesure>();
  private readonly byOwner = new Map<string, Map<number, StoredMesure>>();
  private readonly byCaseKey = new Map<string, StoredMesure>();
  private readonly byDossierKey = new Map<string, StoredMesure>();
  private nextId: number;

  constructor(mesures: StoredMesure[], nextId: number) {
    // A hand-edited data file may carry a next id already in use, so ids continue after the max.
    this.nextId = mesures.reduce((next, mesure) => Math.max(next, mesure.id + 1), nextId);
    for (const mesure of mesures) {
      this.put(mesure);
    }
  }

  /** Reserves the next mesure id. */
  allocateId(): number {
    const id = this.nextId;
    this.nextId += 1;
    return id;
  }

  get nextMesureId(): number {
    return this.nextId;
  }

  get(id: number): StoredMesure | undefined {
    return this.byId.get(id);
  }

  list(owner: string): StoredMesure[] {
    return [...(this.byOwner.get(owner)?.values() ?? [])];
  }

  all(): StoredMesure[] {
    return [...this.byId.values()];
  }

  findByCase(owner: string, tribunalId: number, numeroRg: string): StoredMesure | undefined {
    return this.byCaseKey.get(caseKey(owner, tribunalId, numeroRg));
  }

  /** Finds the mesure holding a numero_dossier; only service mesures carry that constraint. */
  findByDossier(
    mesure: Pick<StoredMesure, 'owner' | 'editor_id' | 'numero_dossier'>,
  ): StoredMesure | undefined {
    const key = dossierKey(mesure);
    return key === undefined ? undefined : this.byDossierKey.get(key);
  }

  /** Inserts a mesure or replaces the one with the same id, moving it to the end of the table. */
  put(mesure: StoredMesure): void {
    this.remove(mesure.id);
    this.byId.set(mesure.id, mesure);
    let owned = this.byOwner.get(mesure.owner);
    if (!owned) {
      owned = new Map();
      this.byOwner.set(mesure.owner, owned);
    }
    owned.set(mesure.id, mesure);
    this.byCaseKey.set(caseKey(mesure.owner, mesure.tribunal_id, mesure.numero_rg), mesure);
    const key = dossierKey(mesure);
    if (key !== undefined) {
      this.byDossierKey.set(key, mesure);
    }
  }

  /** Deletes a mesure; returns whether it existed. */
  remove(id: number): boolean {
    const mesure = this.byId.get(id);
    if (!mesure) {
      return false;
    }
    this.byId.delete(id);
    this.byOwner.get(mesure.owner)?.delete(id);
    this.byCaseKey.delete(caseKey(mesure.owner, mesure.tribunal_id, mesure.numero_rg));
    const key = dossierKey(mesure);
    if (key !== undefined && this.byDossierKey.get(key) === mesure) {
      this.byDossierKey.delete(key);
    }
    return true;
  }

  /** Deletes every mesure of an owner; returns how many there were. */
  removeOwner(owner: string): number {
    const ids = [...(this.byOwner.get(owner)?.keys() ?? [])];
    for (const id of ids) {
      this.remove(id);
    }
    return ids.length;
  }
}

function caseKey(owner: string, tribunalId: number, numeroRg: string): string {
  return `${owner}|${tribunalId}|${numeroRg}`;
}

function dossierKey(
  mesure: Pick<StoredMesure, 'owner' | 'editor_id' | 'numero_dossier'>,
): string | undefined {
  if (!mesure.owner.startsWith('service:') || mesure.numero_dossier === null) {
    return undefined;
  }
  return `${mesure.editor_id}|${mesure.owner}|${mesure.numero_dossier}`;
}
