import { validateMesure } from '../mesure/validate.js';
import { mergeRowIntoPayload } from './merge.js';
import { changedFields, mesureKey, payloadFromMesure } from './payload.js';
import type { IssueLog } from './issues.js';
import type { PreparedRow } from './prepare.js';
import type { Mesure, MesurePayload, Tribunal } from '../mesure/types.js';

/** One create or update to send. */
export interface PlannedWrite {
  line: number;
  key: string;
  payload: MesurePayload;
  /** The remote mesure's id, for updates. */
  id?: number;
  /** Fields that change, for updates. */
  changes: string[];
}

/** A remote mesure to delete with `--prune`. */
export interface PlannedDelete {
  id: number;
  key: string;
  numero_rg: string;
  tribunal_siret: string;
}

/** The changes an import makes, computed before anything is sent. */
export interface ImportPlan {
  creates: PlannedWrite[];
  updates: PlannedWrite[];
  unchanged: number;
  deletes: PlannedDelete[];
  /** Number of remote mesures the plan was computed against. */
  remoteCount: number;
  /** Reason for deleting nothing when `--prune` was requested but cannot run safely. */
  pruneSkipped?: string;
  /** Rows whose update failed validation once merged with the remote mesure. */
  invalid: number;
}

export interface PlanOptions {
  remote: Mesure[];
  /** Ids of the remote mesures with status en_attente, which `--prune` never deletes. */
  awaitingIds: ReadonlySet<number>;
  prune: boolean;
  fileKeys: ReadonlySet<string>;
  /** Invalid rows whose mesure could not be identified. `--prune` is skipped when there are any. */
  unidentifiedRows: number;
  tribunaux: readonly Tribunal[];
  today: string;
  log: IssueLog;
}

/**
 * Compares the valid rows with the user's remote mesures: rows without a remote mesure are
 * created, rows whose merged body differs are updated, the rest are unchanged. With `prune`,
 * remote mesures that no row names are deleted, except en_attente ones.
 */
export function planImport(rows: Iterable<PreparedRow>, options: PlanOptions): ImportPlan {
  const remoteByKey = new Map<string, Mesure>();
  for (const mesure of options.remote) {
    const key = mesureKey(mesure);
    if (!remoteByKey.has(key)) remoteByKey.set(key, mesure);
  }

  const plan: ImportPlan = {
    creates: [],
    updates: [],
    unchanged: 0,
    deletes: [],
    remoteCount: options.remote.length,
    invalid: 0,
  };
  for (const prepared of rows) {
    const remote = remoteByKey.get(prepared.key);
    if (!remote) {
      plan.creates.push({
        line: prepared.line,
        key: prepared.key,
        payload: prepared.payload,
        changes: [],
      });
      continue;
    }
    const base = payloadFromMesure(remote);
    const payload = mergeRowIntoPayload(base, prepared.row, options.today);
    const changes = changedFields(base, payload);
    if (changes.length === 0) {
      plan.unchanged += 1;
    } else if (reportMergeIssues(prepared, payload, options)) {
      plan.invalid += 1;
    } else {
      plan.updates.push({
        line: prepared.line,
        key: prepared.key,
        payload,
        id: remote.id,
        changes,
      });
    }
  }

  if (options.prune) planDeletes(plan, remoteByKey, options);
  return plan;
}

/** Logs the broken rules of a merged update body; returns whether there were any. */
function reportMergeIssues(
  prepared: PreparedRow,
  payload: MesurePayload,
  options: PlanOptions,
): boolean {
  const issues = validateMesure(payload, { tribunaux: options.tribunaux });
  for (const issue of issues) {
    options.log.error(
      prepared.line,
      issue.param,
      issue.value,
      `${issue.detail} once merged with the mesure already on eMJPM (server message: ${issue.msg})`,
    );
  }
  return issues.length > 0;
}

function planDeletes(
  plan: ImportPlan,
  remoteByKey: Map<string, Mesure>,
  options: PlanOptions,
): void {
  if (options.unidentifiedRows > 0) {
    plan.pruneSkipped = `${options.unidentifiedRows} invalid rows have no readable numero RG or tribunal, so emjpm cannot tell which mesures the file keeps: fix them and import again to prune`;
    return;
  }
  for (const [key, mesure] of remoteByKey) {
    if (options.fileKeys.has(key) || options.awaitingIds.has(mesure.id)) continue;
    plan.deletes.push({
      id: mesure.id,
      key,
      numero_rg: mesure.numero_rg,
      tribunal_siret: mesure.tribunal_siret,
    });
  }
}
