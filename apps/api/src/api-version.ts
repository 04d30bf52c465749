/** The API's version prefix: `/api/v1/…` is the API; `/api/…` (unversioned) are aliases of the same routes, kept for now (`apiVersionAlias`, http-server.ts). */
export const API_V1 = '/api/v1';
