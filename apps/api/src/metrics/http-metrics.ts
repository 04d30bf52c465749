import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Metrics } from './metrics';

/**
 * Express middleware: every request's latency into
 * auxledger_http_request_duration_seconds, labelled by the route's pattern
 * (`/api/people/:auxiliaryId`, never the id itself) — `unmatched` for a
 * path no route serves, so that scanners cannot multiply the series.
 */
export function httpMetrics(metrics: Metrics) {
  return (req: IncomingMessage & { route?: { path?: unknown }; baseUrl?: string }, res: ServerResponse, next: () => void): void => {
    const end = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const route = req.route?.path;
      end({ method: req.method ?? '', route: typeof route === 'string' ? `${req.baseUrl ?? ''}${route}` : 'unmatched', status_code: String(res.statusCode) });
    });
    next();
  };
}
