import { AppError } from './app-error';

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
