import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const REQUEST_ID_HEADER = 'X-Request-Id';

/** What a client's or a proxy's request id may be: letters, digits and `._:-`, up to 128 characters (nothing that could forge a log line). */
const ACCEPTABLE = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request id (pino-http's `genReqId`): the client's or the proxy's
 * `X-Request-Id` when it is acceptable, else a new UUID; sent back on the
 * answer either way, and bound to every log line of the request.
 */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const sent = req.headers['x-request-id'];
  const given = Array.isArray(sent) ? sent[0] : sent;
  const id = given !== undefined && ACCEPTABLE.test(given) ? given : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}
