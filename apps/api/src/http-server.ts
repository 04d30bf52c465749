import { type Server, createServer } from 'node:http';
import { parse as parseBytes } from 'bytes';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { type FastifyInstance, LogController } from 'fastify';
import helmet from 'helmet';
import { API_V1 } from './api-version';
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from './config/api-config';
import { answerClientError } from './errors/client-error';

/** A body-parser style size (`256kb`, `1mb`, `1024`) in bytes (the `bytes` package, body-parser's own notation). */
export function bytesOf(limit: string): number {
  const size = parseBytes(limit);
  if (size === null || !Number.isFinite(size) || size < 0) throw new Error(`Not a size: ${limit} (e.g. 256kb)`);
  return Math.floor(size);
}

/**
 * `/api/v1/<path>` is served by the route of `/api/<path>` (Fastify's
 * `rewriteUrl`, before routing) — one set of routes, two prefixes; nothing
 * else is rewritten (`/api/v10/…` and `/api/v1x` stay as they are and find no route).
 */
export function apiVersionAlias(url: string): string {
  return url === API_V1 || url.startsWith(`${API_V1}/`) || url.startsWith(`${API_V1}?`) ? `/api${url.slice(API_V1.length)}` : url;
}

/**
 * Nest's Fastify adapter on an HTTP server that cuts slow and idle clients
 * off (`ServerLimits`): Node takes the request and headers timeouts only when
 * the server is created (and checks them every `connectionsCheckingInterval`,
 * 30 s unless told), so the server is created here with them (Fastify's
 * `serverFactory`) rather than adjusted afterwards. Errors the server answers
 * before the application sees a request (408, 431, 400) carry the one error
 * shape (`answerClientError`). Fastify's own request logging is off: the
 * request log is pino-http's (`RequestLog`).
 */
export function limitedFastifyAdapter(limits: ServerLimits = DEFAULT_SERVER_LIMITS, bodyLimit = '256kb'): FastifyAdapter {
  const { requestTimeoutMs, headersTimeoutMs, keepAliveTimeoutMs, maxConnections } = limits;
  return new FastifyAdapter({
    bodyLimit: bytesOf(bodyLimit),
    logController: new LogController({ disableRequestLogging: true }),
    // `__proto__` and `constructor` fields are kept by the parser and refused by the one body check (body-shape.ts), as any field named like a member of Object.prototype.
    onProtoPoisoning: 'ignore',
    onConstructorPoisoning: 'ignore',
    rewriteUrl: (req: { url?: string }) => apiVersionAlias(req.url ?? ''),
    clientErrorHandler: answerClientError,
    serverFactory: (handler: Parameters<typeof createServer>[1]) => {
      const server: Server = createServer(
        {
          requestTimeout: requestTimeoutMs,
          headersTimeout: headersTimeoutMs,
          keepAliveTimeout: keepAliveTimeoutMs,
          // How often the timeouts are checked: a late client is cut off at most this long after its deadline.
          connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
        },
        handler,
      );
      server.maxConnections = maxConnections;
      return server;
    },
  });
}

const ROUTES = new WeakMap<FastifyInstance, string[]>();

/**
 * Records every route of the application as it is added (`GET
 * /api/people/:auxiliaryId`), for `servedRoutes`; `onPath` sees each one's
 * path. The files served by @fastify/static (the web app, Swagger UI's
 * assets: one hidden route a file) are no routes of the application.
 */
export function recordRoutes(fastify: FastifyInstance, onPath: (path: string) => void = () => undefined): void {
  const routes: string[] = [];
  ROUTES.set(fastify, routes);
  fastify.addHook('onRoute', (route) => {
    if ((route.schema as { hide?: boolean } | undefined)?.hide) return;
    for (const method of [route.method].flat()) routes.push(`${method} ${route.url}`);
    onPath(route.url);
  });
}

/** Every route the application serves (`METHOD /path`, Fastify's `:param` names), Fastify's implicit HEAD routes left out. */
export function servedRoutes(fastify: FastifyInstance): string[] {
  return [...new Set((ROUTES.get(fastify) ?? []).filter((route) => !route.startsWith('HEAD ')))].sort();
}

/**
 * Helmet's security headers (its defaults: Content-Security-Policy,
 * Strict-Transport-Security, X-Content-Type-Options …, no X-Powered-By) on
 * every answer, the web app's files and errors included: its middleware made
 * once, at start, and run on the raw answer in Fastify's onRequest hook — as
 * under Express — rather than @fastify/helmet's, which builds the middleware
 * again for every request (the directives parsed, a promise hook beside it).
 */
export function addSecurityHeaders(fastify: FastifyInstance): void {
  const secure = helmet();
  fastify.addHook('onRequest', (request, reply, done) => secure(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined)));
}
