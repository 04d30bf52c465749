import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './app-error';
import { bodyShapeRefusal } from './body-shape';

const MALFORMED_JSON = () => new AppError('INVALID_INPUT', 'MALFORMED_JSON', { zh: '请求体不是有效的 JSON 对象', en: 'The request body is not a valid JSON object' });
export const BODY_TOO_LARGE = () => new AppError('TOO_LARGE', 'BODY_TOO_LARGE', { zh: '请求体过大', en: 'The request body is too large' });
export const UNSUPPORTED_MEDIA_TYPE = () =>
  new AppError('UNSUPPORTED_MEDIA_TYPE', 'UNSUPPORTED_MEDIA_TYPE', { zh: '请求体须为 JSON（Content-Type: application/json）', en: 'The body must be JSON (Content-Type: application/json)' });
export const UNSUPPORTED_ENCODING = () => new AppError('INVALID_INPUT', 'UNSUPPORTED_ENCODING', { zh: '不支持的字符集或编码', en: 'Unsupported charset or content encoding' });

/**
 * A body as the API takes it, parsed once: a JSON object (a top-level array
 * is BODY_NOT_OBJECT, a bare value or broken JSON MALFORMED_JSON), nested no
 * deeper than MAX_BODY_DEPTH and without a field named like a member of
 * Object.prototype, at any depth (`body-shape.ts`, one iterative walk). An
 * empty body is no body.
 */
export function parseJsonObject(text: string): unknown {
  if (text === '') return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw MALFORMED_JSON();
  }
  if (Array.isArray(body)) throw new AppError('INVALID_INPUT', 'BODY_NOT_OBJECT', { zh: '请求体须为 JSON 对象', en: 'The request body must be a JSON object' });
  if (typeof body !== 'object' || body === null) throw MALFORMED_JSON();
  const refusal = bodyShapeRefusal(body);
  if (refusal) throw refusal;
  return body;
}

/**
 * Bodies are JSON (`application/json`, UTF-8), up to the server's body limit:
 * Fastify's own parsers are replaced by this one, so any other media type is
 * a 415 (FST_ERR_CTP_INVALID_MEDIA_TYPE), a body over the limit a 413
 * (FST_ERR_CTP_BODY_TOO_LARGE) — both answered by the error filter in the one
 * shape — and compressed or non-UTF-8 bodies are refused.
 */
export function acceptJsonObjectBodies(fastify: FastifyInstance): void {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request: FastifyRequest, text: string | Buffer, done: (error: Error | null, body?: unknown) => void) => {
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    const encoding = request.headers['content-encoding'];
    if ((charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') || (encoding !== undefined && encoding !== 'identity')) return done(UNSUPPORTED_ENCODING());
    try {
      done(null, parseJsonObject(typeof text === 'string' ? text : text.toString('utf8')));
    } catch (error) {
      done(error as Error);
    }
  });
}
