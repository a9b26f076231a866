import { createServer } from 'node:http';

import { createRequestHandler } from './app.js';
import { FaultInjector } from './faults.js';
import { FixedWindowRateLimiter } from './http/rate-limit.js';
import {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  createOAuthModel,
  generateToken,
  storeTokenPair,
} from './oauth/model.js';
import { createOAuthServer } from './oauth/routes.js';
import { loadReferenceData } from './reference-data.js';
import { SandboxStatsRecorder } from './stats.js';
import { MesureStore } from './store/mesure-store.js';
import {
  DebouncedSaver,
  readStateFile,
  removeStaleTemporaryFiles,
  writeStateFile,
} from './store/persistence.js';
import { seedState } from './store/seed.js';

import type { AddressInfo } from 'node:net';

import type { SandboxContext } from './context.js';
import type { FaultSettings, SandboxFaults } from './faults.js';
import type { SandboxStats } from './stats.js';
import type { Account, SandboxState } from './store/types.js';

export type { FaultSettings, SandboxFaults } from './faults.js';
export type { SandboxStats } from './stats.js';

/** The redirect URI every sandbox registers for its editor, before any extra ones. */
export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1:8765/callback';

export interface SandboxOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** Consent given without the page: true for the first seeded user (individual), or a login. */
  autoApprove?: boolean | string;
  /** Requests per minute per client IP; default 360; 0 disables the limit. */
  rateLimit?: number;
  /** JSON file to load the state from and save it to, with a temporary file and a rename. */
  dataFile?: string;
  /** Redirect URIs registered for the editor besides DEFAULT_REDIRECT_URI. */
  redirectUris?: string[];
  /** Clock in epoch milliseconds; drives token, code and status expiry. */
  now?: () => number;
  /** Receives one line per request (method, path, status, duration) and every save failure. */
  log?: (line: string) => void;
  /** Fault injection to start with; see SandboxFaults. */
  faults?: FaultSettings;
}

/** A seeded user the sandbox can log in. */
export interface SandboxUser {
  login: string;
  password: string;
  kind: 'individuel' | 'service';
  name: string;
}

/** Tokens issued without the browser flow, as the token endpoint would return them. */
export interface IssuedTokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
}

export interface Sandbox {
  /** API base, such as http://127.0.0.1:PORT; the editors routes are under /api/editors. */
  apiUrl: string;
  /** Web app base; the consent page is at /application/authorization. Equals apiUrl. */
  appUrl: string;
  editor: { clientId: number; clientSecret: string; name: string; redirectUris: string[] };
  /** The individual mandataire first, then the service member. */
  users: SandboxUser[];
  faults: SandboxFaults;
  stats: SandboxStats;
  /** Issues a token pair for a user, revoking that user's previous pair like a login would. */
  issueTokens(login: string): IssuedTokens;
  /** Stops listening, ends every open request (including hanging ones) and saves the data file. */
  close(): Promise<void>;
}

/** Starts an eMJPM API server on the loopback interface, seeded or loaded from `dataFile`. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const now = options.now ?? Date.now;
  const reference = loadReferenceData();
  if (options.dataFile) {
    await removeStaleTemporaryFiles(options.dataFile);
  }
  const loaded = options.dataFile ? await readStateFile(options.dataFile) : undefined;
  const state = loaded ?? seedState(reference, now());
  const mesures = new MesureStore(state.mesures, state.nextMesureId);
  const redirectUris = [...new Set([DEFAULT_REDIRECT_URI, ...(options.redirectUris ?? [])])];

  const snapshot = (): SandboxState => ({
    ...state,
    mesures: mesures.all(),
    nextMesureId: mesures.nextMesureId,
  });
  const dataFile = options.dataFile;
  if (dataFile && !loaded) {
    await writeFirstState(dataFile, snapshot());
  }
  const saver = dataFile
    ? new DebouncedSaver(
        () => writeStateFile(dataFile, snapshot()),
        (error) => options.log?.(`Saving ${dataFile} failed: ${String(error)}`),
      )
    : undefined;

  const context: SandboxContext = {
    state,
    mesures,
    reference,
    now,
    redirectUris,
    sessions: new Map(),
    autoApproveAccount: resolveAutoApprove(state.accounts, options.autoApprove),
    stats: new SandboxStatsRecorder(),
    markChanged: () => saver?.schedule(),
  };
  const limiter = new FixedWindowRateLimiter(options.rateLimit ?? 360, now);
  const faults = new FaultInjector(context, limiter);
  if (options.faults) {
    faults.set(options.faults);
  }
  const oauth = createOAuthServer(createOAuthModel(context));

  const server = createServer(
    createRequestHandler({ context, oauth, faults, limiter, log: options.log }),
  );
  // Production closes a connection idle for 5 s and sends `Keep-Alive: timeout=5`.
  server.keepAliveTimeout = 5000;
  await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');

  const baseUrl = urlOf(server.address() as AddressInfo);
  return {
    apiUrl: baseUrl,
    appUrl: baseUrl,
    editor: {
      clientId: state.editor.id,
      clientSecret: state.editor.secret,
      name: state.editor.name,
      redirectUris,
    },
    users: state.accounts.map(({ login, password, kind, name }) => ({
      login,
      password,
      kind,
      name,
    })),
    faults,
    stats: context.stats,
    issueTokens(login) {
      const account = state.accounts.find((candidate) => candidate.login === login);
      if (!account) {
        throw new Error(`No sandbox user has the login ${login}.`);
      }
      const pair = storeTokenPair(context, state.editor.id, account, generateToken());
      return {
        access_token: pair.accessToken,
        refresh_token: pair.refreshToken,
        expires_in: ACCESS_TOKEN_LIFETIME_SECONDS - 1,
      };
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await saver?.flush();
    },
  };
}

/** Writes a fresh state before the server starts, so that an unwritable path fails the start. */
async function writeFirstState(dataFile: string, state: SandboxState): Promise<void> {
  try {
    await writeStateFile(dataFile, state);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot write the sandbox data file ${dataFile}: ${reason}`);
  }
}

function resolveAutoApprove(
  accounts: Account[],
  autoApprove: boolean | string | undefined,
): Account | undefined {
  if (autoApprove === undefined || autoApprove === false) {
    return undefined;
  }
  if (autoApprove === true) {
    return accounts[0];
  }
  const account = accounts.find((candidate) => candidate.login === autoApprove);
  if (!account) {
    const logins = accounts.map((candidate) => candidate.login).join(', ');
    throw new Error(`autoApprove names no sandbox user: ${autoApprove} (users: ${logins}).`);
  }
  return account;
}

function listen(
  server: ReturnType<typeof createServer>,
  port: number,
  host: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: NodeJS.ErrnoException): void => {
      if (error.code === 'EADDRINUSE') {
        const message = `Cannot listen on ${host}:${port} because the port is already in use.`;
        reject(new Error(`${message} Choose another port, or 0 for a free one.`));
      } else {
        reject(error);
      }
    };
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      resolve();
    });
  });
}

function urlOf(address: AddressInfo): string {
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  let host = wildcard ? '127.0.0.1' : address.address;
  if (host.includes(':')) {
    host = `[${host}]`;
  }
  return `http://${host}:${address.port}`;
}
