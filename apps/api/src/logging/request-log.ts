import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';

/** Query parameters whose values are person keys (a salted hash of an ID number, PIPL): never written to the log. */
const PERSON_KEY_PARAMETER = /^personkey/i;
const REDACTED = '[REDACTED]';

/** The URL with the value of every person-key parameter replaced, the rest as sent. */
export function redactPersonKeysInUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const pairs = url.slice(q + 1).split('&').map((pair) => {
    const eq = pair.indexOf('=');
    const name = eq < 0 ? pair : pair.slice(0, eq);
    return PERSON_KEY_PARAMETER.test(decodeLeniently(name)) ? `${name}=${REDACTED}` : pair;
  });
  return `${url.slice(0, q)}?${pairs.join('&')}`;
}

function decodeLeniently(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text; // malformed escapes: the name as sent
  }
}

function redactQuery(query: unknown): unknown {
  if (query === null || typeof query !== 'object') return query;
  return Object.fromEntries(Object.entries(query).map(([name, value]) => [name, PERSON_KEY_PARAMETER.test(name) ? REDACTED : value]));
}

interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  query?: unknown;
  params?: unknown;
  headers?: unknown;
  remoteAddress?: string;
  remotePort?: number;
}

/** pino-http's request as logged: its standard fields, person keys redacted from the URL and the query. */
export function serializeRequest(req: SerializedRequest): SerializedRequest {
  return {
    id: req.id,
    method: req.method,
    url: typeof req.url === 'string' ? redactPersonKeysInUrl(req.url) : req.url,
    query: redactQuery(req.query),
    params: req.params,
    headers: req.headers,
    remoteAddress: req.remoteAddress,
    remotePort: req.remotePort,
  };
}

/** The request log (nestjs-pino): JSON lines, credentials and person keys redacted; a test may pass where the lines go. */
export function requestLogOptions(level: string, destination?: DestinationStream): Options | [Options, DestinationStream] {
  const options: Options = {
    level,
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    serializers: { req: serializeRequest },
    customProps: (req) => ({ keyId: (req as { principal?: { keyId: string } }).principal?.keyId }),
  };
  return destination ? [options, destination] : options;
}
