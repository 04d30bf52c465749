import { Controller, Get, Param, Query, type Type, applyDecorators } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation } from '@nestjs/swagger';
import { type ApiRole, CurrentPrincipal, type Principal, Roles } from '../../auth/principal';
import { declareParamTypes, named } from '../../commands/shared/endpoint-classes';
import { QueryAnswer, type Schema } from '../../openapi/answer-schema';
import { QueryEndpoint } from './query-endpoint';
import type { ReadQuery } from './read-query';

export interface QueryEndpointSpec<P extends object, R> {
  /** The bus query its handler takes (`GetRoster`, handled by `GetRosterHandler` beside it): the endpoint is named after it without `Get` (`RosterHttpController`). */
  query: new (params: P, principal: Principal) => ReadQuery<P, R>;
  /** `GET /<path>`: `api/roster`, `api/people/:auxiliaryId`. */
  path: string;
  operationId: string;
  roles: readonly ApiRole[];
  /** The query-string DTO (validated like a command body: unknown, repeated or malformed parameters are 400). */
  request: Type<object>;
  /** The path parameters' DTO, when the path has some. */
  pathParams?: Type<object>;
  /** Chinese, then English: `花名册 Roster of an organ as of a date`. */
  summary: string;
  description: string;
  /** The 200 answer (answer-schema.ts), and what it is. */
  answer: { schema: Schema; description: string };
  /** More documented answers of this endpoint (e.g. its own 404). */
  responses?: MethodDecorator[];
}

/** One query endpoint as Nest wires it: its HTTP controller, and what the docs and tests read. */
export interface QueryEndpointDefinition {
  /** `Roster` (from `GetRoster`). */
  name: string;
  path: string;
  operationId: string;
  controller: Type;
}

/**
 * One query use case from one declaration, as a command's is
 * (`defineCommandEndpoint`): `GET /<path>` validates the query string with the
 * request DTO (and the path with its own) and sends the bus query; the
 * handler — hand-written beside the declaration, `Get<Name>Handler` — opens
 * with `QueryOpening` and answers. The controller class is made here, named
 * `<Name>HttpController`.
 */
export function defineQueryEndpoint<P extends object, R>(spec: QueryEndpointSpec<P, R>): QueryEndpointDefinition {
  const name = spec.query.name.replace(/^Get/, '');

  @QueryEndpoint()
  @Controller()
  class HttpController {
    constructor(private readonly queryBus: QueryBus) {}

    @Get(spec.path)
    @Roles(...spec.roles)
    @ApiOperation({ operationId: spec.operationId, summary: spec.summary, description: spec.description })
    @QueryAnswer(spec.answer.schema, spec.answer.description)
    @applyDecorators(...(spec.responses ?? []))
    read(@Param() params: Record<string, string>, @Query() query: P, @CurrentPrincipal() principal: Principal): Promise<R> {
      return this.queryBus.execute(new spec.query({ ...query, ...(spec.pathParams ? params : {}) }, principal));
    }
  }
  // The emitted parameter types see only the type parameter P; the ValidationPipe and OpenAPI must see this query's DTOs.
  declareParamTypes(HttpController, 'read', [spec.pathParams ?? Object, spec.request, Object]);

  return { name, path: spec.path, operationId: spec.operationId, controller: named(HttpController, `${name}HttpController`) };
}
