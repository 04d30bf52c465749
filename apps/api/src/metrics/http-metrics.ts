import type { FastifyInstance } from 'fastify';
import type { Metrics } from './metrics';

/**
 * Every request's latency into auxledger_http_request_duration_seconds
 * (Fastify's onRequest and onResponse hooks), labelled by the route's pattern
 * (`/api/people/:auxiliaryId`, never the id itself) — `unmatched` for a path
 * no route serves, so that scanners cannot multiply the series.
 */
export function measureHttp(fastify: FastifyInstance, metrics: Metrics): void {
  const timers = new WeakMap<object, ReturnType<Metrics['httpDuration']['startTimer']>>();
  fastify.addHook('onRequest', (request, _reply, done) => {
    timers.set(request, metrics.httpDuration.startTimer());
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const route = request.is404 ? undefined : request.routeOptions.url;
    timers.get(request)?.({ method: request.method, route: typeof route === 'string' ? route : 'unmatched', status_code: String(reply.statusCode) });
    done();
  });
}
