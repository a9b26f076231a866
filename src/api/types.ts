import { ExitCode, UserError } from '../cli/errors.js';
import type { ExitCodeValue } from '../cli/errors.js';
import type { MesureStatus } from '../mesure/enums.js';
import type { Antenne, Mesure, MesurePayload, Tribunal } from '../mesure/types.js';

/** One typed function per route of the eMJPM editors API (`{apiUrl}/api/editors`). */
export interface ApiClient {
  /** `GET /mesures`, accepting both the documented bare array and the real `{mesures}` object. */
  listMesures(status?: MesureStatus): Promise<Mesure[]>;
  getMesure(id: number): Promise<Mesure>;
  /** `POST /mesures`: an upsert on (tribunal, normalised numero RG), so safe to retry. */
  createMesure(payload: MesurePayload): Promise<Mesure>;
  /** `PUT /mesures/{id}`: a full replacement. */
  updateMesure(id: number, payload: MesurePayload): Promise<Mesure>;
  /** `DELETE /mesures/{id}`; returns the number of rows the server deleted (0 or 1). */
  deleteMesure(id: number): Promise<number>;
  /** `DELETE /mesures`: deletes every mesure of the user, en_attente included. */
  purgeMesures(): Promise<number>;
  /** `POST /mesures/batch`: at most 1000 items, all-or-nothing on the server. */
  createMesuresBatch(payloads: MesurePayload[]): Promise<Mesure[]>;
  listAntennes(): Promise<Antenne[]>;
  listTribunaux(): Promise<Tribunal[]>;
  /** Number of HTTP requests sent so far, retries included; import reports it. */
  readonly requestCount: number;
  close(): Promise<void>;
}

/** One validation error of a 422 response, whichever of the server's three shapes it came in. */
export interface FieldError {
  /** Path of the field, such as `etats[0].pays` or `mesures[3].civilite`, when the server gave one. */
  param?: string;
  msg: string;
  value?: unknown;
}

/** The server responded with an error status after any retries. */
export class ApiError extends UserError {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  /** The validation errors of a 422 response, flattened from `errors`, `tiErrors` and `antenneErrors`. */
  readonly fieldErrors: FieldError[];

  constructor(
    message: string,
    details: {
      status: number;
      method: string;
      path: string;
      fieldErrors?: FieldError[];
      hint?: string;
      /** Overrides the default: invalid input for a 422, API failure for everything else. */
      exitCode?: ExitCodeValue;
    },
  ) {
    const exitCode =
      details.exitCode ?? (details.status === 422 ? ExitCode.invalidInput : ExitCode.api);
    super(message, { exitCode, hint: details.hint, code: `http_${details.status}` });
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.fieldErrors = details.fieldErrors ?? [];
  }
}

/** The request failed without an HTTP answer (DNS, refused, reset, TLS, timeout) after retries. */
export class NetworkError extends UserError {
  readonly method: string;
  readonly path: string;

  constructor(message: string, details: { method: string; path: string; hint?: string; cause?: unknown }) {
    super(message, { exitCode: ExitCode.api, hint: details.hint, code: 'network', cause: details.cause });
    this.method = details.method;
    this.path = details.path;
  }
}

/**
 * A mesure with the status under which the server listed it. The server derives the status from
 * `date_fin_mesure` (and the court's request for `en_attente`) but never returns it as a field.
 */
export type MesureWithStatus = Mesure & { status?: MesureStatus };
