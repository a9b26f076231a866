import { HttpClient } from './http.js';
import { requireMesureId } from './ids.js';
import { hasMesureShape, readList, readMesure, readObject } from './lists.js';
import { batchBody, requestBody } from './payloads.js';

import type { MesureStatus } from '../mesure/enums.js';
import type { Antenne, Mesure, MesurePayload, Tribunal } from '../mesure/types.js';
import type { HttpClientOptions, HttpRequest } from './http.js';
import type { ApiClient } from './types.js';

const editorsPath = '/api/editors';

/** Builds the `ApiClient` of one profile; call `close()` when done so the process can exit. */
export function createApiClient(options: HttpClientOptions): ApiClient {
  const http = new HttpClient(options);

  async function call(request: HttpRequest): Promise<string> {
    return (await http.send({ ...request, path: editorsPath + request.path })).body;
  }

  function route(method: string, path: string): { method: string; path: string } {
    return { method, path: editorsPath + path };
  }

  return {
    get requestCount() {
      return http.requestCount;
    },

    async listMesures(status?: MesureStatus) {
      const query = status === undefined ? undefined : { status };
      const body = await call({ method: 'GET', path: '/mesures', query });
      return readList<Mesure>(body, 'mesures', route('GET', '/mesures'), hasMesureShape);
    },

    async getMesure(id: number) {
      const path = `/mesures/${requireMesureId(id)}`;
      return readMesure<Mesure>(await call({ method: 'GET', path }), route('GET', path));
    },

    async createMesure(payload: MesurePayload) {
      const body = await call({ method: 'POST', path: '/mesures', json: requestBody(payload) });
      return readMesure<Mesure>(body, route('POST', '/mesures'));
    },

    async updateMesure(id: number, payload: MesurePayload) {
      const path = `/mesures/${requireMesureId(id)}`;
      const body = await call({ method: 'PUT', path, json: requestBody(payload) });
      return readMesure<Mesure>(body, route('PUT', path));
    },

    async deleteMesure(id: number) {
      const path = `/mesures/${requireMesureId(id)}`;
      return affectedRows(await call({ method: 'DELETE', path }), route('DELETE', path));
    },

    async purgeMesures() {
      return affectedRows(await call({ method: 'DELETE', path: '/mesures' }), route('DELETE', '/mesures'));
    },

    async createMesuresBatch(payloads: MesurePayload[]) {
      const json = batchBody(payloads);
      const body = await call({ method: 'POST', path: '/mesures/batch', json });
      return readList<Mesure>(body, 'mesures', route('POST', '/mesures/batch'), hasMesureShape);
    },

    async listAntennes() {
      const body = await call({ method: 'GET', path: '/service-antennes' });
      return readList<Antenne>(body, 'antennes', route('GET', '/service-antennes'));
    },

    async listTribunaux() {
      const body = await call({ method: 'GET', path: '/tribunaux' });
      return readList<Tribunal>(body, 'tribunaux', route('GET', '/tribunaux'));
    },

    close: () => http.close(),
  };
}

function affectedRows(body: string, where: { method: string; path: string }): number {
  const response = readObject<{ affected_rows?: unknown }>(body, 'an affected_rows count', where);
  return typeof response.affected_rows === 'number' ? response.affected_rows : 0;
}
