import { AppError } from './app-error';
import { bodyShapeRefusal } from './body-shape';

/**
 * Express error middleware right after the JSON body parser: its failures
 * (malformed JSON, too large, wrong charset) become AppErrors, so the one
 * filter answers them in the one shape with stable codes.
 */
export function bodyParserErrors(error: unknown, _req: unknown, _res: unknown, next: (error?: unknown) => void): void {
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  switch (type) {
    case 'entity.parse.failed':
      return next(new AppError('INVALID_INPUT', 'MALFORMED_JSON', { zh: '请求体不是有效的 JSON 对象', en: 'The request body is not a valid JSON object' }));
    case 'entity.too.large':
      return next(new AppError('TOO_LARGE', 'BODY_TOO_LARGE', { zh: '请求体过大', en: 'The request body is too large' }));
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return next(new AppError('INVALID_INPUT', 'UNSUPPORTED_ENCODING', { zh: '不支持的字符集或编码', en: 'Unsupported charset or content encoding' }));
    default:
      return next(error);
  }
}

interface BodyRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  is(type: string): string | false | null;
}

/**
 * Bodies are JSON objects: another media type is a 415, a top-level array a
 * 400 (express.json's strict mode already refuses bare values), and so is a
 * body nested deeper than MAX_BODY_DEPTH or a field named like a member of
 * Object.prototype, at any depth (`body-shape.ts`, one iterative walk).
 */
export function jsonObjectBodies(req: BodyRequest, _res: unknown, next: (error?: unknown) => void): void {
  const hasBody = req.headers['transfer-encoding'] !== undefined || (req.headers['content-length'] ?? '0') !== '0';
  if (!hasBody || !['POST', 'PUT', 'PATCH'].includes(req.method)) return next();
  if (!req.is('application/json')) {
    return next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'UNSUPPORTED_MEDIA_TYPE', { zh: '请求体须为 JSON（Content-Type: application/json）', en: 'The body must be JSON (Content-Type: application/json)' }));
  }
  if (Array.isArray(req.body)) {
    return next(new AppError('INVALID_INPUT', 'BODY_NOT_OBJECT', { zh: '请求体须为 JSON 对象', en: 'The request body must be a JSON object' }));
  }
  return next(bodyShapeRefusal(req.body) ?? undefined);
}
