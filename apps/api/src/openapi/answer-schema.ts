import { ApiOkResponse, type SchemaObject } from '@nestjs/swagger';
import { type ReadModel, systemColumns } from '@auxledger/projection-engine';

/**
 * The 200 answers of the queries as OpenAPI 3.0 schemas: strict — every
 * member named is required unless said optional, and no other member is
 * allowed — so that a client generated from the document, and the test that
 * validates real answers against it (`query-answers.e2e.spec.ts` beside this file),
 * see what the API really answers. Read-model rows are described from the
 * models' own column definitions, so a new column is in the document at once.
 */
export type Schema = SchemaObject;

export const text = (description?: string, extra: Schema = {}): Schema => ({ type: 'string', ...(description ? { description } : {}), ...extra });
export const integer = (description?: string): Schema => ({ type: 'integer', ...(description ? { description } : {}) });
export const number = (description?: string): Schema => ({ type: 'number', ...(description ? { description } : {}) });
export const boolean = (description?: string): Schema => ({ type: 'boolean', ...(description ? { description } : {}) });
/** A calendar date, `YYYY-MM-DD`. */
export const date = (description?: string): Schema => text(description, { format: 'date' });
/** An instant, ISO-8601 UTC (`2025-01-02T08:00:00.000Z`). */
export const instant = (description?: string): Schema => text(description, { format: 'date-time' });
export const codes = (values: readonly string[], description?: string): Schema => text(description, { enum: [...values] });
/** Any JSON value (a read model's JSON column, an event's data): its shape is the model's or the event's, documented in docs/read-models.md. */
export const json = (description?: string): Schema => (description ? { description } : {});
export const nullable = (schema: Schema): Schema => ({ ...schema, nullable: true });
/** Null alone, in a `oneOf` (OpenAPI 3.0 has no null type). */
export const NULL: Schema = { type: 'object', nullable: true, enum: [null], description: 'null' };
export const arrayOf = (items: Schema, description?: string): Schema => ({ type: 'array', items, ...(description ? { description } : {}) });
/** An object keyed by codes or ids (`byStatus`, `byOrgan` …), each value of one schema. */
export const record = (values: Schema, description?: string): Schema => ({ type: 'object', additionalProperties: values, ...(description ? { description } : {}) });
export const counts = (description?: string): Schema => record({ type: 'integer', minimum: 0 }, description);

/** An object with exactly these members; all required but `optional` ones. */
export function object(properties: Record<string, Schema>, options: { optional?: readonly string[]; description?: string; title?: string } = {}): Schema {
  const optional = new Set(options.optional ?? []);
  return {
    type: 'object',
    ...(options.title ? { title: options.title } : {}),
    ...(options.description ? { description: options.description } : {}),
    properties,
    required: Object.keys(properties).filter((name) => !optional.has(name)),
    additionalProperties: false,
  };
}

/** `{ zh, en }`: the words in Chinese and in English. */
export const BILINGUAL: Schema = object({ zh: text('中文'), en: text('English') });

/** A citation as rendered: `{ zh, en }` (《…条例》第二十七条第二款 / Art. 27 ¶2 of …). */
export const RENDERED_CITATION: Schema = object({ zh: text('引用（中文）'), en: text('Citation (English)') });

/** Which projection position the answer reflects (every read-model answer). */
export const AS_OF_POSITION: Schema = { type: 'integer', minimum: 0, description: 'The answer reflects at least every event up to this global position (read-your-writes: pass it as `minPosition`)' };

/** The members every answer about an organ as of a date opens with: what it reflects, which organ, the subtree, the date and the instant. */
export const ORGAN_AS_OF: Record<string, Schema> = {
  asOfPosition: AS_OF_POSITION,
  organId: text('机关 The organ asked about'),
  subtree: boolean('With the organs under it'),
  asOf: date('有效日期 The effective date answered for'),
  knownAt: nullable(instant('As known at this instant; null: as known now')),
};

/** A person as answers show them (ADR 0006): the name and the ID number masked, every read recorded; after shredding, nothing. */
export const SHOWN_PERSON: Schema = {
  description: '人员 Who the person is, joined from the identity store (each read recorded); null when no identity was registered under the person key',
  oneOf: [
    object({ status: codes(['READABLE']), name: text('姓名 Name'), gender: text('性别 Gender'), idNumberMasked: text('身份证号（遮盖） ID number, masked: 1501**********231X'), nationality: text('国籍 Nationality') }),
    object({ status: codes(['SHREDDED'], '已销毁 Shredded: the data key was erased'), name: nullable(text()), gender: nullable(text()), idNumberMasked: nullable(text()) }),
    NULL,
  ],
};

const COLUMN: Record<string, () => Schema> = {
  text: () => text(),
  integer: () => integer(),
  real: () => number(),
  boolean: () => boolean(),
  date: () => date(),
  // An instant (ISO-8601 UTC), or `infinity` for a version still known now (known_to).
  timestamp: () => text('An instant, ISO-8601 UTC; `infinity`: still so'),
  json: () => json(),
};

/**
 * A read model's row as answers carry it: its columns (docs/read-models.md)
 * and the columns the store adds for its kind (valid and known time for a
 * temporal model, position and dates for a log), every one present; a value
 * may be null unless it is the row's key or a system column.
 */
export function rowOf(
  model: ReadModel,
  options: { columns?: Record<string, Schema>; extra?: Record<string, Schema>; notNull?: readonly string[]; description?: string; withSystem?: boolean } = {},
): Schema {
  const notNull = new Set([...(options.notNull ?? []), ...(model.kind === 'temporal' ? [model.entityColumn ?? 'entity_id'] : []), ...(model.kind === 'current' ? model.primaryKey : [])]);
  const properties: Record<string, Schema> = {};
  for (const [column, type] of Object.entries(model.columns)) {
    const schema = options.columns?.[column] ?? (COLUMN[type] ?? json)();
    properties[column] = notNull.has(column) || type === 'json' ? schema : nullable(schema);
  }
  if (options.withSystem !== false) for (const [column, type] of Object.entries(systemColumns(model))) properties[column] = (COLUMN[type] ?? json)();
  return object({ ...properties, ...(options.extra ?? {}) }, { description: options.description ?? `A row of the \`${model.name}\` read model (docs/read-models.md)` });
}

/** The 200 answer of a query endpoint: its schema, and what it is in the domain's words. */
export const QueryAnswer = (schema: Schema, description: string) => ApiOkResponse({ description, schema });
