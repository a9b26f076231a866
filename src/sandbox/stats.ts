/** Counters that tests read to check what a client sent. */
export interface SandboxStats {
  /** `POST /api/oauth/token` requests by `grant_type` (`(missing)` when absent). */
  readonly tokenRequests: Record<string, number>;
  /** `POST /api/oauth/authorize` requests and auto-approved authorization pages. */
  readonly authorizeRequests: number;
  /** `/api/editors` requests by method and route, such as `POST /mesures/batch`. */
  readonly editorsRequests: Record<string, number>;
  /** Editors requests that changed mesures and succeeded. */
  readonly writes: number;
  /** Mesures created, updated or deleted by those requests. */
  readonly mesuresWritten: number;
  /** Requests rejected with 429 by the rate limit. */
  readonly rateLimited: number;
  /** Requests failed or cut by fault injection. */
  readonly faultsInjected: number;
  /** Sets every counter back to zero. */
  reset(): void;
}

/** The counters with the methods the routes use to increment them. */
export class SandboxStatsRecorder implements SandboxStats {
  tokenRequests: Record<string, number> = {};
  authorizeRequests = 0;
  editorsRequests: Record<string, number> = {};
  writes = 0;
  mesuresWritten = 0;
  rateLimited = 0;
  faultsInjected = 0;

  reset(): void {
    this.tokenRequests = {};
    this.authorizeRequests = 0;
    this.editorsRequests = {};
    this.writes = 0;
    this.mesuresWritten = 0;
    this.rateLimited = 0;
    this.faultsInjected = 0;
  }

  countTokenRequest(grantType: string): void {
    this.tokenRequests[grantType] = (this.tokenRequests[grantType] ?? 0) + 1;
  }

  countEditorsRequest(route: string): void {
    this.editorsRequests[route] = (this.editorsRequests[route] ?? 0) + 1;
  }

  countWrite(mesureCount: number): void {
    this.writes += 1;
    this.mesuresWritten += mesureCount;
  }
}
