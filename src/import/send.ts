import { ApiError } from '../api/types.js';
import { mesureKey } from './payload.js';
import type { IssueLog } from './issues.js';
import type { ImportPlan, PlannedWrite } from './plan.js';
import type { ApiClient, FieldError } from '../api/types.js';
import type { Mesure, MesurePayload } from '../mesure/types.js';
import type { OutputSink } from '../output/sink.js';

/** The server rejects batches of more than 1000 mesures. */
export const maxBatchSize = 1000;
/** Bodies above 10 MB are refused by the server; batches stay far below. */
const maxBatchBytes = 4 * 1024 * 1024;

export interface SendOptions {
  api: ApiClient;
  batchSize: number;
  /** Batches (or single requests) in flight at once. */
  concurrency: number;
  log: IssueLog;
  sink: OutputSink;
}

/** Counts of what the server accepted, and the error that stopped the run, if any. */
export interface SendResult {
  created: number;
  updated: number;
  deleted: number;
  /** Rows the server rejected (422), each logged with the server's message. */
  failed: number;
  /** The API or network failure (after the client's retries) that stopped sending. */
  failure?: Error;
}

/**
 * Applies a plan. Creates and updates go through `POST /mesures/batch`, an upsert on court and
 * RG, always with `antenne_id` null because the server hangs on any other value. The server
 * rejects a whole batch (422) for one bad mesure, so a rejected batch is split in halves until
 * the rejected rows are isolated.
 * Mesures that must carry an antenne are written with `PUT /mesures/{id}` instead, after the batch
 * for new ones, because only PUT stores an antenne and a batch upsert would clear it. Deletes go
 * one by one by id. Every step is idempotent, so running the same import again after a crash
 * converges to the same state.
 */
export async function sendPlan(plan: ImportPlan, options: SendOptions): Promise<SendResult> {
  const result: SendResult = { created: 0, updated: 0, deleted: 0, failed: 0 };
  const total = plan.creates.length + plan.updates.length + plan.deletes.length;
  let done = 0;
  const advance = (count: number) => {
    done += count;
    options.sink.progress('Sending to eMJPM (mesures)', done, total);
  };

  try {
    const viaPut = plan.updates.filter((write) => write.payload.antenne_id != null);
    const viaBatch = [
      ...plan.creates,
      ...plan.updates.filter((write) => write.payload.antenne_id == null),
    ];
    const createKeys = new Set(plan.creates.map((write) => write.key));
    const antennePuts: PlannedWrite[] = [];

    await runPool(
      splitIntoBatches(viaBatch, options.batchSize),
      options.concurrency,
      async (batch) => {
        const saved = await sendBatch(batch, options, result);
        for (const write of batch) {
          const mesure = saved.get(write.key);
          if (!mesure) continue;
          if (!createKeys.has(write.key)) result.updated += 1;
          else if (write.payload.antenne_id == null) result.created += 1;
          else antennePuts.push({ ...write, id: mesure.id });
        }
        advance(batch.length);
      },
    );

    await runPool([...antennePuts, ...viaPut], options.concurrency, async (write) => {
      if (await putMesure(write, options, result)) {
        if (createKeys.has(write.key)) result.created += 1;
        else result.updated += 1;
      }
      if (!createKeys.has(write.key)) advance(1);
    });

    await runPool(plan.deletes, options.concurrency, async (mesure) => {
      await options.api.deleteMesure(mesure.id);
      result.deleted += 1;
      advance(1);
    });
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    result.failure = error;
  }
  return result;
}

/**
 * Sends one batch and returns the saved mesures by key. On a 422 the batch is split in two and
 * each half sent again, down to single mesures whose rejection is logged with the server's message.
 */
async function sendBatch(
  batch: PlannedWrite[],
  options: SendOptions,
  result: SendResult,
): Promise<Map<string, Mesure>> {
  const saved = new Map<string, Mesure>();
  try {
    const mesures = await options.api.createMesuresBatch(
      batch.map((write) => batchBody(write.payload)),
    );
    for (const mesure of mesures) saved.set(mesureKey(mesure), mesure);
    return saved;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 422) throw error;
    if (batch.length === 1) {
      reject(batch[0]!, error, options.log);
      result.failed += 1;
      return saved;
    }
    const middle = Math.ceil(batch.length / 2);
    for (const half of [batch.slice(0, middle), batch.slice(middle)]) {
      for (const [key, mesure] of await sendBatch(half, options, result)) saved.set(key, mesure);
    }
    return saved;
  }
}

/** Sends one `PUT /mesures/{id}`; returns false when the server rejected it (logged). */
async function putMesure(
  write: PlannedWrite,
  options: SendOptions,
  result: SendResult,
): Promise<boolean> {
  try {
    await options.api.updateMesure(write.id as number, write.payload);
    return true;
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 422) throw error;
    reject(write, error, options.log);
    result.failed += 1;
    return false;
  }
}

function reject(write: PlannedWrite, error: ApiError, log: IssueLog): void {
  const fieldErrors: FieldError[] =
    error.fieldErrors.length > 0 ? error.fieldErrors : [{ msg: error.message }];
  for (const fieldError of fieldErrors) {
    const param = (fieldError.param ?? '').replace(/^mesures\[\d+\]\.?/, '') || 'mesure';
    log.error(write.line, param, fieldError.value, `rejected by eMJPM: ${fieldError.msg}`);
  }
}

/** Cuts writes into batches of at most `size` mesures and a few megabytes of JSON. */
export function splitIntoBatches(writes: PlannedWrite[], size: number): PlannedWrite[][] {
  const batches: PlannedWrite[][] = [];
  let current: PlannedWrite[] = [];
  let bytes = 0;
  for (const write of writes) {
    const writeBytes = Buffer.byteLength(JSON.stringify(write.payload));
    if (current.length >= size || (current.length > 0 && bytes + writeBytes > maxBatchBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(write);
    bytes += writeBytes + 1;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/**
 * Runs `task` over `items` with at most `concurrency` in flight. After the first failure no new
 * item starts; the tasks in flight finish, then the failure is thrown.
 */
export async function runPool<T>(
  items: T[],
  concurrency: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker),
  );
  if (failure !== undefined) throw failure;
}

/** Returns the body sent in a batch, which never carries an antenne. */
function batchBody(payload: MesurePayload): MesurePayload {
  return { ...payload, antenne_id: null };
}
