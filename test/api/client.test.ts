import { createServer } from 'node:http';

import { afterEach, describe, expect, it } from 'vitest';

import { createApiClient } from '../../src/api/client.js';
import { ApiError, NetworkError } from '../../src/api/types.js';
import { AuthenticationError, InvalidInputError } from '../../src/cli/errors.js';
import { createMemorySink } from '../../src/output/sink.js';

import type { IncomingMessage, Server, ServerResponse } from 'node:http';

import type { ApiClient } from '../../src/api/types.js';
import type { TokenProvider } from '../../src/auth/types.js';
import type { MesurePayload } from '../../src/mesure/types.js';

type Handler = (request: IncomingMessage & { body: string }, response: ServerResponse) => void;

interface TestServer {
  url: string;
  requests: { method: string; url: string; authorization?: string; contentType?: string; body: string }[];
  /** Handlers used in turn, one per request; the last one repeats. */
  handlers: Handler[];
  server: Server;
}

const servers: Server[] = [];
const clients: ApiClient[] = [];

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function startServer(...handlers: Handler[]): Promise<TestServer> {
  const state: TestServer = { url: '', requests: [], handlers, server: createServer() };
  state.server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      state.requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        contentType: request.headers['content-type'],
        body,
      });
      const index = Math.min(state.requests.length - 1, state.handlers.length - 1);
      state.handlers[index]?.(Object.assign(request, { body }), response);
    });
  });
  servers.push(state.server);
  await new Promise<void>((resolve) => state.server.listen(0, '127.0.0.1', resolve));
  const address = state.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  state.url = `http://127.0.0.1:${address.port}`;
  return state;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
}

const neverAnswer: Handler = () => undefined;

function fakeTokens(tokens: string[]): TokenProvider & { rejected: string[] } {
  let current = 0;
  const rejected: string[] = [];
  return {
    rejected,
    source: 'test',
    getAccessToken: async () => tokens[current] ?? '',
    refreshAfterRejection: async (token) => {
      rejected.push(token);
      current += 1;
      const next = tokens[current];
      if (next === undefined) throw new AuthenticationError('No more tokens.');
      return next;
    },
  };
}

const tokenA = 'a1'.repeat(20);
const tokenB = 'b2'.repeat(20);

function client(server: TestServer, options: { timeoutMs?: number; tokens?: TokenProvider; sleeps?: number[] } = {}) {
  const sink = createMemorySink();
  const api = createApiClient({
    apiUrl: server.url,
    tokens: options.tokens ?? fakeTokens([tokenA]),
    sink,
    settings: { timeoutMs: options.timeoutMs ?? 2000, requestsPerMinute: 6000, maxRetryDelayMs: 1000 },
    random: () => 0,
    sleep: async (ms) => {
      options.sleeps?.push(ms);
    },
  });
  clients.push(api);
  return { api, sink };
}

const mesure = { id: 1, numero_rg: '00012345', etats: [], ressources: [] };

const payload: MesurePayload = {
  numero_rg: '12345',
  numero_dossier: null,
  annee_naissance: 1950,
  civilite: 'madame',
  date_nomination: '2024-01-10',
  date_premier_mesure: null,
  date_protection_en_cours: null,
  date_fin_mesure: null,
  cause_sortie: null,
  resultat_revision: null,
  antenne_id: null,
  tribunal_siret: '17750111100013',
  etats: [],
  ressources: [],
};

describe('createApiClient lists', () => {
  it('reads the server object shape', async () => {
    const server = await startServer(json(200, { mesures: [mesure] }));
    expect(await client(server).api.listMesures()).toEqual([mesure]);
  });

  it('reads the documented bare array', async () => {
    const server = await startServer(json(200, [mesure]));
    expect(await client(server).api.listMesures()).toEqual([mesure]);
  });

  it('sends the status filter', async () => {
    const server = await startServer(json(200, { mesures: [] }));
    await client(server).api.listMesures('eteinte');
    expect(server.requests[0]?.url).toBe('/api/editors/mesures?status=eteinte');
  });

  it('reads antennes and tribunaux in both shapes', async () => {
    const server = await startServer(json(200, { antennes: [{ id: 3 }] }), json(200, [{ siret: '1' }]));
    const { api } = client(server);
    expect(await api.listAntennes()).toEqual([{ id: 3 }]);
    expect(await api.listTribunaux()).toEqual([{ siret: '1' }]);
  });

  it('sends the bearer token', async () => {
    const server = await startServer(json(200, { mesures: [] }));
    await client(server).api.listMesures();
    expect(server.requests[0]?.authorization).toBe(`Bearer ${tokenA}`);
  });
});

describe('createApiClient writes', () => {
  it('sends JSON with its content type', async () => {
    const server = await startServer(json(201, mesure));
    await client(server).api.createMesure(payload);
    expect(server.requests[0]?.contentType).toMatch(/^application\/json/);
  });

  it('never sends strictNumeroRG', async () => {
    const server = await startServer(json(201, mesure));
    await client(server).api.createMesure({ ...payload, strictNumeroRG: true } as MesurePayload);
    expect(JSON.parse(server.requests[0]?.body ?? '{}')).not.toHaveProperty('strictNumeroRG');
  });

  it('returns the affected rows of a delete', async () => {
    const server = await startServer(json(200, { affected_rows: 1 }));
    expect(await client(server).api.deleteMesure(4)).toBe(1);
  });

  it('rejects a non-integer id before sending', async () => {
    const server = await startServer(json(200, { affected_rows: 1 }));
    const { api } = client(server);
    await expect(api.deleteMesure(Number('abc'))).rejects.toBeInstanceOf(InvalidInputError);
    expect(api.requestCount).toBe(0);
  });

  it('rejects a batch item with an antenne before sending', async () => {
    const server = await startServer(json(201, { mesures: [] }));
    const { api } = client(server);
    await expect(api.createMesuresBatch([{ ...payload, antenne_id: 5 }])).rejects.toThrow(/antenne_id/);
    expect(server.requests).toHaveLength(0);
  });

  it('rejects a batch above 1000 items', async () => {
    const server = await startServer(json(201, { mesures: [] }));
    const { api } = client(server);
    await expect(api.createMesuresBatch(Array.from({ length: 1001 }, () => payload))).rejects.toThrow(/at most 1000/);
  });

  it('maps a 422 to field errors', async () => {
    const server = await startServer(json(422, { errors: [{ msg: 'Invalid value', param: 'civilite', value: 'x' }] }));
    const error = await client(server).api.createMesure(payload).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).fieldErrors[0]?.param).toBe('civilite');
  });
});

describe('createApiClient retries', () => {
  it('recovers from two 500 answers', async () => {
    const server = await startServer(json(500, { error: 'x' }), json(500, { error: 'x' }), json(200, { mesures: [] }));
    const { api } = client(server);
    await api.listMesures();
    expect(api.requestCount).toBe(3);
  });

  it('stops after four attempts', async () => {
    const server = await startServer(json(500, { error: 'Une erreur est survenue, veuillez réessayer plus tard' }));
    const { api } = client(server);
    await expect(api.listMesures()).rejects.toThrow(/Une erreur est survenue/);
    expect(server.requests).toHaveLength(4);
  });

  it('waits as long as a 429 asks', async () => {
    const sleeps: number[] = [];
    const server = await startServer(json(429, {}, { 'retry-after': '1' }), json(200, { mesures: [] }));
    await client(server, { sleeps }).api.listMesures();
    expect(sleeps).toContain(1000);
  });

  it('does not retry a 422', async () => {
    const server = await startServer(json(422, { errors: [{ msg: 'x' }] }));
    await client(server).api.createMesure(payload).catch(() => undefined);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up on a request that never gets an answer', async () => {
    const server = await startServer(neverAnswer);
    const { api } = client(server, { timeoutMs: 150 });
    const error = await api.listMesures().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NetworkError);
    expect(server.requests).toHaveLength(4);
  });

  it('retries at once a request whose reused socket was reset', async () => {
    const sleeps: number[] = [];
    const ports: number[] = [];
    const resetSocket: Handler = (request) => {
      ports.push(request.socket.remotePort ?? 0);
      request.socket.destroy();
    };
    const firstAnswer = json(200, { mesures: [] });
    const answerAndRecordPort: Handler = (request, response) => {
      ports.push(request.socket.remotePort ?? 0);
      firstAnswer(request, response);
    };
    const server = await startServer(answerAndRecordPort, resetSocket, json(200, { mesures: [] }));
    const { api } = client(server, { sleeps });
    await api.listMesures();
    // undici opens a second connection when the next request starts before the first socket is
    // back in the pool, so wait for it: the reset must hit a reused connection.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await api.listMesures();
    expect(ports[1]).toBe(ports[0]);
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([0]);
  });
});

describe('createApiClient authentication', () => {
  it('refreshes once after a 401 and retries with the new token', async () => {
    const tokens = fakeTokens([tokenA, tokenB]);
    const server = await startServer(json(401, { error: 'invalid_token' }), json(200, { mesures: [] }));
    await client(server, { tokens }).api.listMesures();
    expect(tokens.rejected).toEqual([tokenA]);
    expect(server.requests[1]?.authorization).toBe(`Bearer ${tokenB}`);
  });

  it('fails with an authentication error on a second 401', async () => {
    const tokens = fakeTokens([tokenA, tokenB]);
    const server = await startServer(json(401, { error: 'invalid_token' }));
    const error = await client(server, { tokens }).api.listMesures().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(server.requests).toHaveLength(2);
  });
});

describe('createApiClient debug trace', () => {
  it('traces method, URL and status', async () => {
    const server = await startServer(json(200, { mesures: [] }));
    const { api, sink } = client(server);
    await api.listMesures();
    expect(sink.lines.some((line) => line.includes(`← 200 GET ${server.url}/api/editors/mesures`))).toBe(true);
  });

  it('never writes the token', async () => {
    const tokens = fakeTokens([tokenA, tokenB]);
    const server = await startServer(json(401, { error: 'invalid_token' }), json(200, { mesures: [] }));
    const { api, sink } = client(server, { tokens });
    await api.listMesures();
    const trace = sink.lines.join('\n');
    expect(trace).not.toContain(tokenA);
    expect(trace).not.toContain(tokenB);
  });
});

describe('createApiClient proxies', () => {
  /** Starts an HTTP proxy that tunnels CONNECT requests and counts them. */
  async function startProxy(): Promise<{ url: string; tunnels: string[] }> {
    const { connect } = await import('node:net');
    const tunnels: string[] = [];
    const proxy = createServer();
    proxy.on('connect', (request: IncomingMessage, clientSocket: import('node:net').Socket, head: Buffer) => {
      tunnels.push(request.url ?? '');
      const [host, port] = (request.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        clientSocket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(clientSocket);
        clientSocket.pipe(upstream);
      });
      upstream.on('error', () => clientSocket.destroy());
      clientSocket.on('error', () => upstream.destroy());
    });
    servers.push(proxy);
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const address = proxy.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return { url: `http://127.0.0.1:${address.port}`, tunnels };
  }

  function proxiedClient(server: TestServer, env: NodeJS.ProcessEnv) {
    const api = createApiClient({
      apiUrl: server.url,
      tokens: fakeTokens([tokenA]),
      sink: createMemorySink(),
      settings: { timeoutMs: 2000, requestsPerMinute: 6000, maxRetryDelayMs: 1000 },
      env,
    });
    clients.push(api);
    return api;
  }

  it('sends requests through HTTP_PROXY', async () => {
    const server = await startServer(json(200, { mesures: [] }));
    const proxy = await startProxy();
    await proxiedClient(server, { HTTP_PROXY: proxy.url }).listMesures();
    expect(proxy.tunnels).toEqual([new URL(server.url).host]);
  });

  it('bypasses the proxy for NO_PROXY hosts', async () => {
    const server = await startServer(json(200, { mesures: [] }));
    const proxy = await startProxy();
    await proxiedClient(server, { HTTP_PROXY: proxy.url, NO_PROXY: '127.0.0.1' }).listMesures();
    expect(proxy.tunnels).toEqual([]);
  });
});
