import { STATUS_CODES } from 'node:http';
import type { Bilingual } from '@auxledger/statute';
import type { ErrorBody } from './app-error';

/** RFC 9457's media type: every error answer is served as problem details. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

/** The problem type of a code: a URN (RFC 9457 §3.1.1 allows a URI that is not dereferenceable); the codes are listed in the OpenAPI document. */
export const problemType = (code: string) => `urn:auxledger:problem:${code}`;

/**
 * RFC 9457 problem details, our members kept (issue 16): `type` (one per
 * code), `title` (the status's phrase), `status`, `detail` (the message in
 * the language the client asked for — Accept-Language zh…, else English),
 * `instance` (the path, without the query: a query may hold a person key),
 * then `code`, `message: { zh, en }` and, for a refusal or a malformed body,
 * `violations` (the statute's violations, or the fields' errors); and the
 * `error` member of the one error shape, as before, for the clients that read it.
 */
export interface Problem extends ErrorBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: string;
  message: Bilingual;
  violations?: unknown[];
}

export function problemOf(status: number, body: ErrorBody, request?: { url?: string; headers?: Record<string, unknown> }): Problem {
  const { code, message, details } = body.error;
  const d = details as { violations?: unknown; fields?: unknown } | undefined;
  const violations = Array.isArray(d?.violations) ? d.violations : Array.isArray(d?.fields) ? d.fields : undefined;
  const path = typeof request?.url === 'string' ? request.url.split('?')[0] : undefined;
  return {
    type: problemType(code),
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail: prefersChinese(request?.headers?.['accept-language']) ? message.zh : message.en,
    ...(path ? { instance: path } : {}),
    code,
    message,
    ...(violations ? { violations } : {}),
    error: body.error,
  };
}

/** Accept-Language: Chinese when a zh range comes before any English one (q-values honoured). */
export function prefersChinese(header: unknown): boolean {
  if (typeof header !== 'string' || header.trim() === '') return false;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.q > 0 && (r.tag.startsWith('zh') || r.tag.startsWith('en')))
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranges[0]?.tag.startsWith('zh') ?? false;
}
