import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import etag from '@fastify/etag';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { type AppOptions, AppModule } from './app.module';
import { acceptJsonObjectBodies } from './errors/body-parser-errors';
import type { ApiConfig } from './config/api-config';
import { addSecurityHeaders, limitedFastifyAdapter, recordRoutes } from './http-server';
import { RequestLog, addRouteLiterals } from './logging/request-log';
import { measureHttp } from './metrics/http-metrics';
import { Metrics } from './metrics/metrics';
import { serveWebApp } from './web/web-app';
import { CLOCK, RULE_SETS } from './infrastructure/tokens';
import { completeDocument } from './openapi/complete-document';
import { todayInShanghai } from './time/today-in-shanghai';

export const DOCS_PATH = 'api/docs';

/** The application as `main.ts` runs it and the e2e tests drive it: not yet listening. */
export async function createApp(config: ApiConfig, options: AppOptions = {}): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, options), limitedFastifyAdapter(config.server, config.bodyLimit), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  const requestLog = app.get(RequestLog);
  recordRoutes(fastify, (path) => addRouteLiterals(requestLog.routeLiterals, path));
  fastify.addHook('onRequest', requestLog.onRequest);
  measureHttp(fastify, app.get(Metrics));
  addSecurityHeaders(fastify);
  // Every 200 answer carries an ETag, so a client's conditional GET is answered 304 when nothing changed.
  await app.register(etag);
  acceptJsonObjectBodies(fastify);
  app.enableShutdownHooks();
  serveWebApp(app);

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('AuxLedger operator API')
      .setDescription(
        'Commands on the records of auxiliary police personnel under 内蒙古自治区公安机关警务辅助人员条例 (2024). ' +
          'Every command is judged by the regulation in force on its effective date; an accepted one answers 201 with its events, ' +
          'a refused one 422 (the regulation, with every violated clause) or 409 (the state of the record). ' +
          'Errors: `{ error: { code, message: { zh, en }, details? } }`, each status with its example. ' +
          'Authentication: `Authorization: Bearer <API key>` (an API key `axl_<id>_<secret>`, not a JWT). ' +
          'Versioned: every path below is served under `/api/v1` too (`POST /api/v1/commands/hire`), the version to use; the unversioned `/api/…` paths are aliases kept for now. ' +
          'Command ids are global: leave `commandId` out (a new UUID is drawn) or send an id of your own, once — an id used before answers its first outcome, or 409 COMMAND_ID_REUSED.',
      )
      .setVersion('0.1.0')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'axl_<id>_<secret>', description: 'An API key: `axl_<id>_<secret>` (opaque, not a JWT)' })
      .build(),
  );
  completeDocument(document, app.get(RULE_SETS), todayInShanghai(app.get(CLOCK)));
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: `${DOCS_PATH}-json` });
  return app;
}
