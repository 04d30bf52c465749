import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ApplicationError } from '@auxledger/application';
import { JsonProblem } from '@auxledger/event-store';
import type { Logger } from 'pino';
import { type Observable, catchError, tap, throwError } from 'rxjs';
import { AppError } from '../errors/app-error';
import { type CommandOutcome, Metrics } from '../metrics/metrics';
import { RequestLog } from './request-log';

const CONTROLLER_SUFFIX = 'HttpController';

interface Outcome {
  outcome: CommandOutcome;
  commandId: string | null;
  ruleIds: string[];
  code: string | null;
  replayed?: boolean;
}

interface CommandRequest {
  id?: unknown;
  body?: unknown;
  log?: Logger;
  principal?: { keyId?: string; role?: string };
}

interface CommandResponse {
  statusCode: number;
  once(event: 'finish', listener: () => void): unknown;
}

/**
 * Every command's outcome, once: counted in /metrics (by type and outcome,
 * and each refusal by rule id) and logged as one JSON line — request id,
 * command id, type, outcome, HTTP status, rule ids, the key — when the
 * answer has been sent. (The request log's "request completed" line says
 * nothing of what the command did; this one does.) Applies to the command
 * endpoints only (`POST /api/commands/<name>`: the controllers named
 * `<Type>HttpController` by defineCommandEndpoint).
 */
@Injectable()
export class CommandOutcomeInterceptor implements NestInterceptor {
  constructor(
    private readonly metrics: Metrics,
    private readonly requestLog: RequestLog,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const controller = context.getClass().name;
    const http = context.switchToHttp();
    const req = http.getRequest<CommandRequest & { route?: { path?: unknown } }>();
    const route = req.route?.path;
    if (context.getType() !== 'http' || !controller.endsWith(CONTROLLER_SUFFIX) || typeof route !== 'string' || !route.startsWith('/api/commands/')) return next.handle();
    // A dry run records nothing, and is no command outcome either.
    if ((req as { query?: Record<string, unknown> }).query?.['dryRun'] === 'true') return next.handle();
    const commandType = controller.slice(0, -CONTROLLER_SUFFIX.length);
    const res = http.getResponse<CommandResponse>();
    const sentId = typeof (req.body as { commandId?: unknown } | undefined)?.commandId === 'string' ? (req.body as { commandId: string }).commandId : null;
    const settle = (outcome: Outcome) => this.record(commandType, outcome, req, res);
    return next.handle().pipe(
      tap((answer) => {
        const a = answer as { commandId?: unknown; replayed?: unknown } | null;
        const replayed = a?.replayed === true;
        settle({ outcome: replayed ? 'replayed' : 'accepted', commandId: typeof a?.commandId === 'string' ? a.commandId : sentId, ruleIds: [], code: null, replayed });
      }),
      catchError((error: unknown) => {
        settle(classify(error, sentId));
        return throwError(() => error);
      }),
    );
  }

  private record(commandType: string, o: Outcome, req: CommandRequest, res: CommandResponse): void {
    this.metrics.commands.inc({ command_type: commandType, outcome: o.outcome });
    if (o.outcome === 'refused_statute') for (const ruleId of o.ruleIds) this.metrics.refusalsByRule.inc({ command_type: commandType, rule_id: ruleId, kind: 'STATUTE' });
    if (o.outcome === 'refused_state' && o.code) this.metrics.refusalsByRule.inc({ command_type: commandType, rule_id: o.code, kind: 'STATE' });
    if (!this.requestLog.logsRequests) return;
    res.once('finish', () => {
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
