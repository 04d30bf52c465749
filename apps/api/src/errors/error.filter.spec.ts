import { type ArgumentsHost, Logger } from '@nestjs/common';
import { EventStoreError } from '@auxledger/event-store';
import { CommandOutcomes } from '../logging/command-outcomes';
import { RequestLog } from '../logging/request-log';
import { Metrics } from '../metrics/metrics';
import { ErrorFilter } from './error.filter';

/** Runs the filter on one exception and returns what it would send. */
function answerTo(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  const response = {
    sent: false,
    header: () => undefined,
    code: (code: number) => ({ send: (body: Record<string, unknown>) => Object.assign(sent, { status: code, body }) }),
  };
  const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ url: '/api/commands/hire', headers: {} }) }) } as unknown as ArgumentsHost;
  new ErrorFilter(new CommandOutcomes(new Metrics(), new RequestLog('silent'))).catch(exception, host);
  return sent;
}

describe('ErrorFilter: the log store’s own errors', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['log', 'error', 'warn']));

  it('a server that cannot take the write (UNSUPPORTED, e.g. KurrentDB < 25.1) answers 503 with the store’s bilingual message, not a 500', () => {
    const { status, body } = answerTo(new EventStoreError('UNSUPPORTED', { zh: '需要 KurrentDB 25.1 或更高版本（多流追加）；此服务器为 24.10', en: 'KurrentDB 25.1 or later is needed (multi-stream append); this server is 24.10' }));
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 503, code: 'UNSUPPORTED', error: { code: 'UNSUPPORTED', message: { zh: expect.stringContaining('25.1'), en: expect.stringContaining('25.1') } } });
  });

  it('an unavailable store answers 503; an unexpected store error stays a generic 500 with no detail', () => {
    expect(answerTo(new EventStoreError('STORE_UNAVAILABLE', { zh: '存储不可用', en: 'the store is unreachable' })).status).toBe(503);
    const internal = answerTo(new EventStoreError('CORRUPT_LOG' as never, { zh: '第 7 行被篡改', en: 'row 7 was altered' }));
    expect(internal.status).toBe(500);
    expect(JSON.stringify(internal.body)).not.toContain('row 7');
  });
});
