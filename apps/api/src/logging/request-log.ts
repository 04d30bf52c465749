import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream, Logger } from 'pino';
import { type Options, pinoHttp } from 'pino-http';
import { requestId } from './request-id';

const REDACTED = '[REDACTED]';

/** Query parameters whose values are person keys (a salted hash of an ID number, PIPL): named so, in any spelling. */
const PERSON_KEY_PARAMETER = /^person[-_]?key/i;

/**
 * The query parameters whose values are logged: those that cannot hold a
 * person key or any other value about a person — dates and instants, organs,
 * enums, flags, sizes, log positions. Every other parameter (`auxiliary`,
 * `personKey`, `actor`, `cursor` — a roster cursor is an auxiliary id —, and
 * any parameter the API does not know, a typo included) is logged by name
 * with its value redacted: a person key a client put anywhere never reaches
 * the log.
 */
const LOGGED_PARAMETERS = new Set([
  'asOf', 'knownAt', 'organ', 'subtree', 'status', 'category', 'kind', 'root', 'commandType', 'outcome',
  'recordedFrom', 'recordedTo', 'effectiveFrom', 'effectiveTo', 'order', 'limit', 'minPosition',
]);

/**
 * The headers whose values are logged: an allow-list, because a credential can
 * come in any header (`Authorization`, `Proxy-Authorization`, `Cookie`,
 * `X-Api-Key`, `X-Auth-Token`, a proxy's own …). Every other header is logged
 * by name with its value redacted; so are `Set-Cookie` and the rest of the
 * answer's headers beyond these.
 */
const LOGGED_HEADERS = new Set([
  'host', 'user-agent', 'accept', 'accept-encoding', 'accept-language', 'content-type', 'content-length', 'content-encoding',
  'transfer-encoding', 'connection', 'keep-alive', 'idempotency-key', 'x-request-id', 'x-forwarded-for', 'x-forwarded-proto', 'origin', 'referer',
  'cache-control', 'etag', 'date', 'vary', 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after',
]);

function decodeLeniently(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text; // malformed escapes: the name as sent
  }
}

const logsValueOf = (parameter: string) => LOGGED_PARAMETERS.has(parameter) && !PERSON_KEY_PARAMETER.test(parameter);

/** The query string with the value of every parameter not on the allow-list replaced. */
function redactQueryString(query: string): string {
  return query
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      return logsValueOf(decodeLeniently(name)) ? pair : `${name}=${REDACTED}`;
    })
    .join('&');
}

/**
 * The path as logged: a segment is kept when it is a literal of some route
 * the application serves (`api`, `people`, `commands`, `hire` …); any other
 * segment — an auxiliary id, a key id, a person key sent by mistake, a path
 * no route matches — is redacted. (The request is logged as it arrives,
 * before routing: the route it will match is not known yet.)
 */
function redactPath(path: string, literals: ReadonlySet<string> | null): string {
  return path
    .split('/')
    .map((segment) => (segment === '' || literals?.has(decodeLeniently(segment)) ? segment : REDACTED))
    .join('/');
}

/** The URL as logged: the query's values off the allow-list redacted; given the routes' literals, the path's other segments too. */
export function redactUrl(url: string, literals: ReadonlySet<string> | null = null): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const redactedPath = literals === null ? path : redactPath(path, literals);
  return q < 0 ? redactedPath : `${redactedPath}?${redactQueryString(url.slice(q + 1))}`;
}

/** The literal segments of a route's pattern (`/api/people/:auxiliaryId` → api, people), added to `literals`. */
export function addRouteLiterals(literals: Set<string>, path: string): void {
  for (const segment of path.split('/')) if (segment && !/[:*{}()?]/.test(segment)) literals.add(segment);
}

/** The query of a raw request's URL, as its parameters' last values (the raw request has no parsed query). */
function queryOf(url: unknown): Record<string, string> {
  const q = typeof url === 'string' ? url.indexOf('?') : -1;
  return q < 0 ? {} : Object.fromEntries(new URLSearchParams((url as string).slice(q + 1)));
}

function redactQuery(query: unknown): unknown {
  if (query === null || typeof query !== 'object') return query;
  return Object.fromEntries(Object.entries(query).map(([name, value]) => [name, logsValueOf(name) ? value : REDACTED]));
}

export function redactHeaders(headers: unknown): unknown {
  if (headers === null || typeof headers !== 'object') return headers;
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, LOGGED_HEADERS.has(name.toLowerCase()) ? value : REDACTED]));
}

interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  query?: unknown;
  headers?: unknown;
  remoteAddress?: string;
  remotePort?: number;
}

/**
 * pino-http's request as logged: its standard fields without credentials or
 * person keys — and without `params`, which at that moment are a
 * middleware's, not the route's.
 */
export function serializeRequest(req: SerializedRequest, literals: ReadonlySet<string>): SerializedRequest {
  return {
    id: req.id,
    method: req.method,
    url: typeof req.url === 'string' ? redactUrl(req.url, literals) : req.url,
    query: redactQuery(typeof req.query === 'object' && req.query !== null ? req.query : queryOf(req.url)),
    headers: redactHeaders(req.headers),
    remoteAddress: req.remoteAddress,
    remotePort: req.remotePort,
  };
}

/** pino-http's answer as logged: the status, the headers (allow-listed, as the request's). */
export function serializeResponse(res: { statusCode?: number; headers?: unknown }): { statusCode?: number; headers?: unknown } {
  return { statusCode: res.statusCode, headers: redactHeaders(res.headers) };
}

/**
 * The request log (nestjs-pino): JSON lines, credentials and person keys
 * redacted; a test may pass where the lines go. Each request has an id — the
 * client's X-Request-Id if acceptable, else a new UUID, sent back in
 * X-Request-Id — as `reqId` on every line logged for it (`req.log`: the
 * command outcome line too) and `req.id` on the "request completed" line.
 */
export function requestLogOptions(level: string, destination?: DestinationStream, literals: ReadonlySet<string> = new Set()): Options | [Options, DestinationStream] {
  const options: Options = {
    level,
    genReqId: requestId,
    quietReqLogger: true,
    // Belt and braces: the serializers already log these headers' values as [REDACTED].
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["proxy-authorization"]', 'req.headers["x-api-key"]', 'res.headers["set-cookie"]'], censor: REDACTED },
    serializers: { req: (req: SerializedRequest) => serializeRequest(req, literals), res: serializeResponse },
    customProps: (req) => ({ keyId: (REQUESTS.get(req) as { principal?: { keyId: string } } | undefined)?.principal?.keyId }),
  };
  return destination ? [options, destination] : options;
}

/** The request id's key on every line logged for a request (pino-http's default). */
const REQUEST_ID_KEY = 'reqId';

type Middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Fastify's request of a raw one (the guard sets the principal on Fastify's). */
const REQUESTS = new WeakMap<IncomingMessage, object>();

/** The part of a Fastify request the request log sets: its id and logger, the raw request's. */
interface FrameworkRequest {
  raw: IncomingMessage;
  id: unknown;
  log: unknown;
}

/**
 * The request log as the application mounts it (`app.factory.ts`, Fastify's
 * first onRequest hook): every request gets its id (`X-Request-Id`, `req.id`) and a
 * `req.log` that stamps the id on each line. At `info` and finer it is
 * pino-http: a "request completed" line for each answer. At a quieter level
 * (`warn`, `error`, `silent`) no such line would be written, so nothing is
 * prepared for one: no serializers, no finish listener, and `req.log` is
 * made only when something asks for it (an error line).
 */
export class RequestLog {
  /** The root logger: Nest's own log lines (`Logger`) go through it too. */
  readonly logger: Logger;
  /** On the raw request and answer (pino-http's). */
  readonly middleware: Middleware;
  /** Whether info lines (the request and command lines) are written at all. */
  readonly logsRequests: boolean;
  /** The literal segments of the routes served (`addRouteLiterals`): the rest of a path logged is redacted. */
  readonly routeLiterals = new Set<string>();

  constructor(level: string, destination?: DestinationStream) {
    const options = requestLogOptions(level, destination, this.routeLiterals);
    const http = Array.isArray(options) ? pinoHttp(...options) : pinoHttp(options);
    this.logger = http.logger;
    this.logsRequests = this.logger.isLevelEnabled('info');
    this.middleware = this.logsRequests ? (req, res, next) => http(req, res, next) : quietRequestLog(this.logger);
  }

  /** Fastify's onRequest hook: the middleware on the raw request, its id and logger then Fastify's request's too. */
  readonly onRequest = (request: FrameworkRequest, reply: { raw: ServerResponse }, done: () => void): void => {
    const raw = request.raw as IncomingMessage & { id?: unknown; log?: Logger };
    REQUESTS.set(raw, request);
    this.middleware(raw, reply.raw, () => {
      request.id = raw.id;
      Object.defineProperty(request, 'log', { configurable: true, get: () => raw.log, set: (value: Logger) => (raw.log = value) });
      done();
    });
  };
}

/** The request id and a `req.log` made on first use: what a quiet log needs of a request. */
function quietRequestLog(root: Logger): Middleware {
  return (req, res, next) => {
    const id = requestId(req, res);
    let log: Logger | undefined;
    Object.assign(req, { id });
    Object.defineProperty(req, 'log', {
      configurable: true,
      get: () => (log ??= root.child({ [REQUEST_ID_KEY]: id })),
      set: (value: Logger) => (log = value),
    });
    next();
  };
}
