import { STATUS_CODES } from 'node:http';
import type { OpenAPIObject } from '@nestjs/swagger';
import { DUTIES, type RuleSetRegistry, type RulesInForce, parameterOn, ruleSetInForce } from '@auxledger/statute';
import type { ErrorBody } from '../errors/app-error';
import { problemOf } from '../errors/problem';

type Schema = {
  $ref?: string;
  type?: string;
  example?: unknown;
  enum?: unknown[];
  nullable?: boolean;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  'x-enum-descriptions'?: Record<string, string>;
  additionalProperties?: boolean | Schema;
};
type Response = { description?: string; content?: Record<string, { schema?: Schema; example?: unknown; examples?: unknown }> };
type Operation = { responses?: Record<string, Response>; requestBody?: { content?: Record<string, { schema?: Schema; example?: unknown }> } };

const ERROR_REF = '#/components/schemas/ErrorBodyDto';

/** An error body as the API answers it, for the examples. */
const err = (code: string, zh: string, en: string, details?: Record<string, unknown>) => ({ error: { code, message: { zh, en }, ...(details ? { details } : {}) } });

/** One example per status — what the API really answers with that status (the commands' 409 and 422 with their refusal details). */
const ERROR_EXAMPLES: Record<string, unknown> = {
  '400': err('VALIDATION_FAILED', '请求内容有 2 处错误：level：必填；category：须为以下值之一：DUTY, CIVILIAN', 'The request has 2 invalid field(s): level is required; category must be one of the following values: DUTY, CIVILIAN', {
    fields: [
      { field: 'level', constraints: [{ rule: 'isDefined', zh: 'level：必填', en: 'level is required' }] },
      { field: 'category', constraints: [{ rule: 'isEnum', zh: 'category：须为以下值之一：DUTY, CIVILIAN', en: 'category must be one of the following values: DUTY, CIVILIAN' }] },
    ],
  }),
  '401': err('UNAUTHENTICATED', '需要有效的 API 密钥', 'A valid API key is required'),
  '403': err('ORGAN_OUT_OF_SCOPE', '该密钥无权操作机关 baotou', 'This key may not act for organ baotou', { organId: 'baotou' }),
  '404': err('ORGAN_NOT_FOUND', '没有机关 nosuch', 'No organ nosuch', { organId: 'nosuch' }),
  '408': err('REQUEST_TIMEOUT', '请求超时', 'The request took too long'),
  '409': err('AUXILIARY_NOT_HIRED', '该辅警尚未聘用', 'The auxiliary is not hired', { commandId: 'cmd-2025-0001', commandType: 'AssignDuty', refusal: 'STATE' }),
  '410': err(
    'SHRED_MOVED',
    '此路径已停用，未销毁任何密钥：请用 POST /api/commands/shred-personal-data（记录 PersonalDataShredded 后销毁数据密钥）',
    'This path is gone and erased nothing: use POST /api/commands/shred-personal-data (records PersonalDataShredded, then erases the data key)',
  ),
  '413': err('BODY_TOO_LARGE', '请求体过大', 'The request body is too large'),
  '415': err('UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型', 'Unsupported media type'),
  '422': err('REFUSED_BY_STATUTE', '《内蒙古自治区公安机关警务辅助人员条例》不允许该指令：1 处违反（PAY-LEVEL）', 'The regulation refuses this command: 1 violation(s) of PAY-LEVEL', {
    commandId: 'cmd-2025-0002',
    commandType: 'Hire',
    refusal: 'STATUTE',
    effectiveDate: '2025-01-02',
    violations: [
      {
        ruleId: 'PAY-LEVEL',
        kind: 'VIOLATION',
        citation: { instrument: 'nmg-2024', article: 27, paragraph: 2 },
        message: { zh: '月基本工资低于该层级的薪酬标准', en: 'The monthly base pay is below the standard of the level' },
        observed: 123,
        expected: 400000,
      },
    ],
  }),
  '429': err('TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试', 'Too many requests; try again later'),
  '500': err('INTERNAL_ERROR', '服务器内部错误', 'Internal server error'),
  '503': err('NOT_READY', '服务未就绪', 'The service is not ready'),
};

/** The example of a status as the API serves it: problem details around the error body. */
function problemExample(status: string, path: string): unknown {
  const body = ERROR_EXAMPLES[status] as ErrorBody | undefined;
  return body ? problemOf(Number(status), body, { url: path.replace(/\{[^}]+\}/g, 'x') }) : undefined;
}

const ACCEPTED = {
  description:
    'Accepted: the events written, with the rule set and parameters the decision read. A command id (or Idempotency-Key) sent again answers its first outcome, `replayed: true`, without new events.',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/CommandAcceptedDto' } } },
};

/**
 * What @nestjs/swagger cannot be told through decorators, set on the document
 * once at start (issue 16):
 *
 * - every command's 201 answer described and typed (CommandAcceptedDto);
 *   every other answer without a description gets its status text;
 * - every error answer an example of its own status (not a 422 body under 409),
 *   as `application/problem+json` (RFC 9457);
 * - every command's request body an example built from its fields' examples
 *   **without a command id**: ids are global, and one id shared by every
 *   example would be used up by the first "Try it out" for the whole deployment;
 * - codes as enums with their names: duty codes from the statute's catalog
 *   (Arts. 12–16), sanctions and assessment grades from this deployment's
 *   parameters in force today (they are local measures, Arts. 34, 36);
 * - every GET's 200 schema made from a DTO class closed (no member it does
 *   not name), as the query answers' own schemas are (answer-schema.ts);
 *   query-answers.e2e.spec.ts checks real answers against them.
 */
export function completeDocument(document: OpenAPIObject, registry: RuleSetRegistry<RulesInForce>, today: string): OpenAPIObject {
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  enumerateCodes(schemas, registry, today);
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Operation>)) {
      if (typeof operation !== 'object' || operation === null || !operation.responses) continue;
      const isCommand = method === 'post' && path.startsWith('/api/commands/');
      for (const [status, response] of Object.entries(operation.responses)) {
        if (isCommand && status === '201') {
          operation.responses[status] = ACCEPTED;
          continue;
        }
        if (!response.description) response.description = STATUS_CODES[Number(status)] ?? status;
        const json = response.content?.['application/json'];
        if (json?.schema && method === 'get' && status === '200') closeComponents(json.schema, schemas);
        if (response.content && json?.schema?.$ref === ERROR_REF) {
          // Errors are problem details (RFC 9457), under their own media type.
          const example = json.example ?? problemExample(status, path);
          delete response.content['application/json'];
          response.content['application/problem+json'] = { ...json, ...(example !== undefined ? { example } : {}) };
        }
      }
      const body = operation.requestBody?.content?.['application/json'];
      if (isCommand && body?.schema && body.example === undefined) {
        const example = exampleOf(body.schema, schemas) as Record<string, unknown> | undefined;
        if (example && typeof example === 'object') {
          delete example['commandId'];
          body.example = example;
        }
      }
    }
  }
  return document;
}

/** The DTO components an answer's schema refers to, and theirs, and its inline objects refuse members they do not name. */
function closeComponents(schema: Schema, schemas: Record<string, Schema>, seen = new Set<string>()): void {
  const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
  if (ref) {
    const name = ref.split('/').pop() as string;
    const component = schemas[name];
    if (!component || seen.has(name)) return;
    seen.add(name);
    if (component.properties && component.additionalProperties === undefined) component.additionalProperties = false;
    closeComponents(component, schemas, seen);
    return;
  }
  // An inline object (e.g. the readiness check's) likewise.
  if (schema.properties && schema.additionalProperties === undefined) schema.additionalProperties = false;
  for (const property of Object.values(schema.properties ?? {})) closeComponents(property, schemas, seen);
  if (typeof schema.additionalProperties === 'object') closeComponents(schema.additionalProperties, schemas, seen);
  if (schema.items) closeComponents(schema.items, schemas, seen);
  for (const option of schema.oneOf ?? []) closeComponents(option, schemas, seen);
}

/** A value from a schema's examples: every property that has one (nested objects likewise). */
export function exampleOf(schema: Schema, schemas: Record<string, Schema>, depth = 0): unknown {
  if (depth > 8) return undefined;
  const ref = schema.$ref ?? schema.allOf?.[0]?.$ref;
  if (ref) return exampleOf(schemas[ref.split('/').pop() as string] ?? {}, schemas, depth + 1);
  if (schema.example !== undefined) return schema.example;
  if (schema.properties) {
    const out: Record<string, unknown> = {};
    for (const [name, property] of Object.entries(schema.properties)) {
      const value = exampleOf(property, schemas, depth + 1);
      if (value !== undefined) out[name] = value;
    }
    return out;
  }
  if (schema.type === 'array' && schema.items) {
    const item = exampleOf(schema.items, schemas, depth + 1);
    return item === undefined ? undefined : [item];
  }
  if (schema.enum) return schema.enum[0];
  return undefined;
}

function enumerateCodes(schemas: Record<string, Schema>, registry: RuleSetRegistry<RulesInForce>, today: string): void {
  const duties = schemas['AssignDutyRequestDto']?.properties?.['dutyCodes'];
  if (duties?.items) {
    duties.items.enum = DUTIES.map((d) => d.code);
    duties.items['x-enum-descriptions'] = Object.fromEntries(DUTIES.map((d) => [d.code, `${d.title.zh} ${d.title.en} (${d.category})`]));
  }
  const ruleSet = ruleSetInForce(registry, today);
  if (!ruleSet) return;
  const sanction = schemas['DisciplineRequestDto']?.properties?.['sanction'];
  const sanctions = parameterOn(ruleSet.parameters, 'discipline.sanctions', today)?.value;
  if (sanction && Array.isArray(sanctions) && sanctions.length > 0) {
    sanction.enum = sanctions.map((s) => s.code);
    sanction['x-enum-descriptions'] = Object.fromEntries(sanctions.map((s) => [s.code, `${s.zh} ${s.en}`]));
    sanction.description = `${sanction.description ?? ''} This deployment's sanctions in force on ${today} (the discipline.sanctions parameter, Art. 34 ¶1); a promotion cannot be judged against another (no blocking period).`.trim();
  }
  const grade = schemas['RecordAssessmentRequestDto']?.properties?.['grade'];
  const grades = parameterOn(ruleSet.parameters, 'assessment.grades', today)?.value;
  if (grade && Array.isArray(grades) && grades.length > 0) {
    grade.enum = [...grades];
    grade.description = `${grade.description ?? ''} This deployment's grades in force on ${today}, best first (the assessment.grades parameter, Art. 36 ¶2); another is refused by the regulation.`.trim();
  }
}
