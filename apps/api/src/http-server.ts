import { type Server, createServer } from 'node:http';
import type { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from './config/api-config';
import { answerClientError } from './errors/client-error';

/**
 * Nest's Express adapter with an HTTP server that cuts slow and idle clients
 * off (`ServerLimits`): Node takes the request and headers timeouts only when
 * the server is created (and checks them every `connectionsCheckingInterval`,
 * 30 s unless told), so the server is created here with them rather than
 * adjusted afterwards. Errors the server answers before the application sees
 * a request (408, 431, 400) carry the one error shape (`clientError`).
 */
export class LimitedExpressAdapter extends ExpressAdapter {
  constructor(private readonly limits: ServerLimits = DEFAULT_SERVER_LIMITS) {
    super();
  }

  override initHttpServer(options: NestApplicationOptions): void {
    if (options.httpsOptions || options.forceCloseConnections) throw new Error('LimitedExpressAdapter serves plain HTTP (TLS ends in front of the API)');
    const { requestTimeoutMs, headersTimeoutMs, keepAliveTimeoutMs, maxConnections } = this.limits;
    const server: Server = createServer(
      {
        requestTimeout: requestTimeoutMs,
        headersTimeout: headersTimeoutMs,
        keepAliveTimeout: keepAliveTimeoutMs,
        // How often the timeouts are checked: a late client is cut off at most this long after its deadline.
        connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(headersTimeoutMs / 4))),
      },
      this.getInstance(),
    );
    server.maxConnections = maxConnections;
    server.on('clientError', answerClientError);
    this.httpServer = server;
  }
}
