import type { ReferenceData } from './reference-data.js';
import type { SandboxStatsRecorder } from './stats.js';
import type { MesureStore } from './store/mesure-store.js';
import type { Account, SandboxState } from './store/types.js';

/** The state and services shared by every route of the sandbox. */
export interface SandboxContext {
  /** Accounts, services, tokens and codes; mesures live in `mesures`. */
  state: SandboxState;
  mesures: MesureStore;
  reference: ReferenceData;
  /** Clock in epoch milliseconds. */
  now: () => number;
  /** The editor's registered redirect URIs, in order: the first is the default. */
  redirectUris: string[];
  /** Web-app session tokens, by value, with the account they log in. */
  sessions: Map<string, number>;
  /** Account whose consent is given without showing the page, if any. */
  autoApproveAccount: Account | undefined;
  stats: SandboxStatsRecorder;
  /** Records that the state changed, so that the data file gets saved. */
  markChanged(): void;
}

/** Finds an account by login. */
export function findAccount(context: SandboxContext, login: string): Account | undefined {
  return context.state.accounts.find((account) => account.login === login);
}
