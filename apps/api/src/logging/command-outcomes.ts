import { Injectable } from '@nestjs/common';
import { ApplicationError } from '@auxledger/application';
import { JsonProblem } from '@auxledger/event-store';
import type { Logger } from 'pino';
import { AppError } from '../errors/app-error';
import { type CommandOutcome, Metrics } from '../metrics/metrics';
import { RequestLog } from './request-log';

const COMMAND_ROUTE = '/api/commands/';

interface Outcome {
  outcome: CommandOutcome;
  commandId: string | null;
  ruleIds: string[];
  code: string | null;
  replayed?: boolean;
}

/** What of a Fastify request the outcomes read. */
export interface CommandRequest {
  id?: unknown;
  body?: unknown;
  log?: Logger;
  principal?: { keyId?: string; role?: string };
  query?: Record<string, unknown>;
  /** The route's pattern (`/api/commands/hire`). */
  routeOptions?: { url?: unknown };
  /** Set by the API-key guard once every guard let the request through (`admitRequest`). */
  admitted?: true;
}

/** What of a Fastify reply the outcomes read: the status, and the raw answer's end. */
export interface CommandResponse {
  statusCode: number;
  raw: { once(event: 'finish', listener: () => void): unknown };
}

/** Marks a request that passed every guard: from here on, a command route's error is the command's outcome. */
export function admitRequest(request: object): void {
  (request as CommandRequest).admitted = true;
}

/** `/api/commands/record-health-check` → `RecordHealthCheck` (the inverse of defineCommandEndpoint's path), or null off the command routes. */
export function commandTypeOfRoute(route: unknown): string | null {
  if (typeof route !== 'string' || !route.startsWith(COMMAND_ROUTE)) return null;
  const path = route.slice(COMMAND_ROUTE.length);
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(path)) return null;
  return path.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());
}

/**
 * Every command's outcome, once: counted in /metrics (by type and outcome,
 * and each refusal by rule id) and logged as one JSON line — request id,
 * command id, type, outcome, HTTP status, rule ids, the key — when the
 * answer has been sent. (The request log's "request completed" line says
 * nothing of what the command did; this one does.) For the command
 * endpoints only (`POST /api/commands/<name>`) and never for a dry run
 * (`?dryRun=true` records nothing). An accepted command is reported by its
 * endpoint (`accepted`); a failure by the error filter (`failed`), for
 * requests the guards let through (admitRequest): a refused key, role or
 * rate is no command outcome. No interceptor: Nest wraps every route of an
 * application with one in several observables and async resources.
 */
@Injectable()
export class CommandOutcomes {
  constructor(
    private readonly metrics: Metrics,
    private readonly requestLog: RequestLog,
  ) {}

  /** The endpoint's answer to `req` (through `res`), before it is sent. */
  accepted(commandType: string, answer: unknown, req: CommandRequest, res: CommandResponse): void {
    if (req.query?.['dryRun'] === 'true') return;
    const a = answer as { commandId?: unknown; replayed?: unknown } | null;
    const replayed = a?.replayed === true;
    this.record(commandType, { outcome: replayed ? 'replayed' : 'accepted', commandId: typeof a?.commandId === 'string' ? a.commandId : sentIdOf(req), ruleIds: [], code: null, replayed }, req, res);
  }

  /** An error answered to `req`: a command's outcome when it came after the guards on a command route. */
  failed(error: unknown, req: CommandRequest | undefined, res: CommandResponse): void {
    if (!req?.admitted || req.query?.['dryRun'] === 'true') return;
    const commandType = commandTypeOfRoute(req.routeOptions?.url);
    if (commandType === null) return;
    this.record(commandType, classify(error, sentIdOf(req)), req, res);
  }

  private record(commandType: string, o: Outcome, req: CommandRequest, res: CommandResponse): void {
    this.metrics.commands.inc({ command_type: commandType, outcome: o.outcome });
    if (o.outcome === 'refused_statute') for (const ruleId of o.ruleIds) this.metrics.refusalsByRule.inc({ command_type: commandType, rule_id: ruleId, kind: 'STATUTE' });
    if (o.outcome === 'refused_state' && o.code) this.metrics.refusalsByRule.inc({ command_type: commandType, rule_id: o.code, kind: 'STATE' });
    if (!this.requestLog.logsRequests) return;
    res.raw.once('finish', () => {
      const line = {
        event: 'command',
        requestId: typeof req.id === 'string' ? req.id : String(req.id ?? ''),
        commandId: o.commandId,
        commandType,
        outcome: o.outcome,
        status: res.statusCode,
        ruleIds: o.ruleIds,
        ...(o.code ? { code: o.code } : {}),
        ...(o.replayed ? { replayed: true } : {}),
        keyId: req.principal?.keyId ?? null,
      };
      req.log?.info(line, `command ${commandType} ${o.outcome}`);
    });
  }
}

function sentIdOf(req: CommandRequest): string | null {
  const sent = (req.body as { commandId?: unknown } | undefined)?.commandId;
  return typeof sent === 'string' ? sent : null;
}

/** What a command endpoint's error says about the command. */
function classify(error: unknown, sentId: string | null): Outcome {
  const details = (error as { details?: Record<string, unknown> } | null)?.details;
  const commandId = typeof details?.['commandId'] === 'string' ? details['commandId'] : sentId;
  const code = typeof (error as { code?: unknown } | null)?.code === 'string' ? (error as { code: string }).code : null;
  if (error instanceof AppError) {
    if (error.kind === 'REFUSED_BY_STATUTE') {
      const violations = Array.isArray(details?.['violations']) ? (details['violations'] as Array<{ ruleId?: unknown }>) : [];
      return { outcome: 'refused_statute', commandId, ruleIds: [...new Set(violations.map((v) => String(v.ruleId)))], code };
    }
    if (error.kind === 'CONFLICT' && details?.['refusal'] === 'STATE') return { outcome: 'refused_state', commandId, ruleIds: [], code };
    if (error.kind === 'CONFLICT') return { outcome: 'conflict', commandId, ruleIds: [], code };
    if (error.kind === 'INVALID_INPUT' || error.kind === 'TOO_LARGE') return { outcome: 'invalid', commandId, ruleIds: [], code };
    if (error.kind === 'FORBIDDEN' || error.kind === 'NOT_FOUND') return { outcome: 'forbidden', commandId, ruleIds: [], code };
    return { outcome: 'error', commandId, ruleIds: [], code };
  }
  if (error instanceof ApplicationError) {
    const invalid = error.code === 'EFFECTIVE_DATE_IN_FUTURE' || error.code === 'EFFECTIVE_DATE_BEYOND_HORIZON';
    return { outcome: invalid ? 'invalid' : error.code === 'EMPTY_DECISION' ? 'error' : 'conflict', commandId, ruleIds: [], code };
  }
  if (error instanceof JsonProblem) return { outcome: 'invalid', commandId, ruleIds: [], code: 'INVALID_JSON_VALUE' };
  const status = (error as { getStatus?: () => number } | null)?.getStatus?.();
  return { outcome: typeof status === 'number' && status < 500 ? 'invalid' : 'error', commandId, ruleIds: [], code };
}
