import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import { ApplicationError } from '@auxledger/application';
import { EventStoreError, JsonProblem } from '@auxledger/event-store';
import type { Bilingual } from '@auxledger/statute';
import { type CommandRequest, CommandOutcomes } from '../logging/command-outcomes';
import { AppError, type AppErrorKind, type ErrorBody } from './app-error';
import { BODY_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE } from './body-parser-errors';
import { PROBLEM_CONTENT_TYPE, problemOf } from './problem';

const STATUS: Record<AppErrorKind, number> = {
  INVALID_INPUT: HttpStatus.BAD_REQUEST,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  CONFLICT: HttpStatus.CONFLICT,
  REFUSED_BY_STATUTE: HttpStatus.UNPROCESSABLE_ENTITY,
  TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
};

/** Nest's own HTTP exceptions (unknown route, throttling …) and Fastify's errors, by status. */
const HTTP_CODES: Record<number, { code: string; message: Bilingual }> = {
  400: { code: 'BAD_REQUEST', message: { zh: '请求格式错误', en: 'The request is malformed' } },
  401: { code: 'UNAUTHENTICATED', message: { zh: '需要有效的 API 密钥', en: 'A valid API key is required' } },
  403: { code: 'FORBIDDEN', message: { zh: '无权执行此操作', en: 'Not allowed' } },
  404: { code: 'NOT_FOUND', message: { zh: '资源不存在', en: 'Not found' } },
  405: { code: 'METHOD_NOT_ALLOWED', message: { zh: '不支持该请求方法', en: 'Method not allowed' } },
  413: { code: 'BODY_TOO_LARGE', message: { zh: '请求体过大', en: 'The request body is too large' } },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: { zh: '不支持的内容类型', en: 'Unsupported media type' } },
  429: { code: 'TOO_MANY_REQUESTS', message: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' } },
  503: { code: 'UNAVAILABLE', message: { zh: '服务暂不可用', en: 'The service is unavailable' } },
};

/** The part of Fastify's reply this filter uses. */
interface HttpResponse {
  sent: boolean;
  statusCode: number;
  raw: { once(event: 'finish', listener: () => void): unknown };
  header(name: string, value: string): unknown;
  code(status: number): { send(body: unknown): unknown };
}

/** Fastify's own refusals (before a route runs), as the API's errors. */
const FASTIFY_ERRORS: Record<string, () => AppError> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: UNSUPPORTED_MEDIA_TYPE,
  FST_ERR_CTP_BODY_TOO_LARGE: BODY_TOO_LARGE,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => new AppError('INVALID_INPUT', 'BAD_REQUEST', { zh: '请求体长度与 Content-Length 不符', en: 'The body does not match its Content-Length' }),
};

const INTERNAL = { code: 'INTERNAL_ERROR', message: { zh: '服务器内部错误', en: 'Internal server error' } };

/**
 * The one place that knows HTTP for errors: every failure becomes
 * `{ error: { code, message: { zh, en }, details? } }`, served as RFC 9457
 * problem details (`application/problem+json`: type, title, status, detail,
 * instance, code, message, violations — problem.ts). Anything unexpected is
 * a 500 with a generic message; its stack goes to the log, never to the client.
 * A command endpoint's failure is also the command's outcome (CommandOutcomes).
 */
@Catch()
@Injectable()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  constructor(private readonly outcomes: CommandOutcomes) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<HttpResponse>();
    this.outcomes.failed(exception, host.switchToHttp().getRequest<CommandRequest | undefined>(), response);
    const [status, body] = this.toAnswer(exception);
    if (status >= 500 && status !== HttpStatus.SERVICE_UNAVAILABLE) {
      const message = exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
      // The request's own logger stamps its id on the line (RequestLog); an error before the request log had the request goes through Nest's.
      const log = host.switchToHttp().getRequest<{ log?: { error(bindings: object, message: string): void } } | undefined>()?.log;
      if (log) log.error({ context: ErrorFilter.name }, message);
      else this.logger.error(message);
    }
    if (response.sent) return;
    response.header('Content-Type', PROBLEM_CONTENT_TYPE);
    response.code(status).send(problemOf(status, body, requestOf(host)));
  }

  private toAnswer(thrown: unknown): [number, ErrorBody] {
    const fastifyError = FASTIFY_ERRORS[String((thrown as { code?: unknown } | null)?.code)];
    const exception = fastifyError ? fastifyError() : thrown;
    const answer = (status: number, code: string, message: Bilingual, details?: unknown): [number, ErrorBody] => [
      status,
      { error: { code, message, ...(details === undefined ? {} : { details }) } },
    ];
    if (exception instanceof AppError) return answer(STATUS[exception.kind], exception.code, exception.messages, exception.details);
    if (exception instanceof ApplicationError) {
      if (exception.code === 'EMPTY_DECISION') return answer(500, INTERNAL.code, INTERNAL.message);
      if (exception.code === 'EFFECTIVE_DATE_IN_FUTURE' || exception.code === 'EFFECTIVE_DATE_BEYOND_HORIZON') {
        return answer(HttpStatus.BAD_REQUEST, exception.code, exception.messages, exception.details);
      }
      return answer(HttpStatus.CONFLICT, exception.code, exception.messages, exception.details);
    }
    if (exception instanceof EventStoreError) {
      const message = exception.messages;
      switch (exception.code) {
        case 'INVALID_EVENT':
          return answer(HttpStatus.BAD_REQUEST, exception.code, message);
        case 'EVENT_TOO_LARGE':
          return answer(HttpStatus.PAYLOAD_TOO_LARGE, exception.code, message);
        // UNSUPPORTED: the log's server cannot take this write (e.g. KurrentDB older than 25.1: no multi-stream append); its message names what it needs.
        case 'STORE_UNAVAILABLE':
        case 'UNSUPPORTED':
          return answer(HttpStatus.SERVICE_UNAVAILABLE, exception.code, message);
        default:
          return answer(500, INTERNAL.code, INTERNAL.message);
      }
    }
    if (exception instanceof JsonProblem) {
      // Text the log cannot keep exactly (a lone surrogate, NUL): the client's input, not our fault.
      return answer(HttpStatus.BAD_REQUEST, 'INVALID_JSON_VALUE', { zh: `请求内容无法记录：${exception.reasonZh}`, en: `The request cannot be recorded: it ${exception.reason}` }, { where: exception.where });
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const known = HTTP_CODES[status];
      if (status === HttpStatus.SERVICE_UNAVAILABLE) {
        return answer(status, 'NOT_READY', { zh: '服务未就绪', en: 'The service is not ready' }, exception.getResponse());
      }
      if (known) return answer(status, known.code, known.message);
      if (status < 500) return answer(status, 'CLIENT_ERROR', { zh: '请求无法处理', en: 'The request cannot be processed' });
      return answer(500, INTERNAL.code, INTERNAL.message);
    }
    // Fastify's other errors carry their status.
    const status = statusOf(exception);
    if (status !== null && status >= 400 && status < 500) {
      const known = HTTP_CODES[status];
      return known ? answer(status, known.code, known.message) : answer(400, 'BAD_REQUEST', { zh: '请求格式错误', en: 'The request is malformed' });
    }
    return answer(500, INTERNAL.code, INTERNAL.message);
  }
}

function requestOf(host: ArgumentsHost): { url?: string; headers?: Record<string, unknown> } {
  const req = host.switchToHttp().getRequest<{ originalUrl?: string; url?: string; headers?: Record<string, unknown> } | undefined>();
  return { url: req?.originalUrl ?? req?.url, headers: req?.headers };
}

function statusOf(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const s = (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
  return typeof s === 'number' ? s : null;
}
