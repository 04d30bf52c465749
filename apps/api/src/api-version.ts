import type { IncomingMessage, ServerResponse } from 'node:http';

/** The API's version prefix: `/api/v1/…` is the API; `/api/…` (unversioned) are aliases of the same routes, kept for now. */
export const API_V1 = '/api/v1';

/**
 * Express middleware, first of all: a request to `/api/v1/<path>` is served
 * by the route of `/api/<path>` — one set of routes, two prefixes; nothing
 * else is rewritten (`/api/v10/…` and `/api/v1x` stay as they are and find no route).
 */
export function apiVersionAliases(req: IncomingMessage, _res: ServerResponse, next: () => void): void {
  const url = req.url ?? '';
  if (url === API_V1 || url.startsWith(`${API_V1}/`) || url.startsWith(`${API_V1}?`)) req.url = `/api${url.slice(API_V1.length)}`;
  next();
}
