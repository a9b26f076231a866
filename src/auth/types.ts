/** Supplies a valid access token to the API client, refreshing it when needed. */
export interface TokenProvider {
  /** Returns a token valid for at least the clock-skew margin, refreshing first if needed. */
  getAccessToken(): Promise<string>;
  /**
   * Called once after the server responded 401 `invalid_token` to `rejectedToken`. Returns a token
   * to retry with (another process may already have refreshed), or throws `AuthenticationError`.
   */
  refreshAfterRejection(rejectedToken: string): Promise<string>;
  /** Origin of the token, for `--debug` and `auth status` (never the token itself). */
  readonly source: string;
}
