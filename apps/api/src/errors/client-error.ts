import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Bilingual } from '@auxledger/statute';
import type { ErrorBody } from './app-error';
import { PROBLEM_CONTENT_TYPE, problemOf } from './problem';

/** What Node's HTTP parser and timers refuse before the application sees a request, by the error's code. */
const CLIENT_ERRORS: Record<string, { status: number; code: string; message: Bilingual }> = {
  HPE_HEADER_OVERFLOW: { status: 431, code: 'HEADERS_TOO_LARGE', message: { zh: '请求头过大', en: 'The request headers are too large' } },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, code: 'CHUNK_EXTENSIONS_TOO_LARGE', message: { zh: '分块扩展过大', en: 'The chunk extensions are too large' } },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'REQUEST_TIMEOUT', message: { zh: '请求超时：未在时限内收到完整请求', en: 'Request timeout: the whole request did not arrive in time' } },
};
const MALFORMED = { status: 400, code: 'BAD_REQUEST', message: { zh: '请求不是有效的 HTTP 请求', en: 'The request is not valid HTTP' } };

/** The raw HTTP answer to a client error, the body in the one error shape. */
export function clientErrorResponse(errorCode: string | undefined): string {
  const { status, code, message } = CLIENT_ERRORS[errorCode ?? ''] ?? MALFORMED;
  const body: ErrorBody = { error: { code, message } };
  const json = JSON.stringify(problemOf(status, body));
  return [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    `Content-Type: ${PROBLEM_CONTENT_TYPE}`,
    `Content-Length: ${Buffer.byteLength(json)}`,
    'Connection: close',
    '',
    json,
  ].join('\r\n');
}

/**
 * The server's `clientError` listener: Node's own answers (431 for large
 * headers, 408 for a request not received in time, 400 for what is not HTTP)
 * have no body; these carry the one error shape. As Node does, nothing is
 * written once an answer to the request has started, nor to a socket already
 * gone; the connection is closed either way.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex & { _httpMessage?: { headersSent?: boolean } }): void {
  if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  // Flushed, then closed; a client that does not read its answer is let go of after a second.
  socket.end(clientErrorResponse(error.code), () => socket.destroy());
  setTimeout(() => socket.destroy(), 1000).unref();
}
