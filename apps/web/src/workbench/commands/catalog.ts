/**
 * The command catalog as the API serves it (GET /api/catalog/commands, apps/api/src/queries/command-catalog) and the
 * pure rules a form is built by: which input renders each field, how form values become the command's body, and
 * how an error answer (a refusal, a bad request) is read. No React here, so the coverage test runs it under jest.
 */
export type Bilingual = { zh: string; en: string };

export interface EnumValue {
  value: string;
  label?: Bilingual;
  citation?: Bilingual;
  citedText?: string | null;
  needsLeadingOfficer?: boolean;
  needsQualification?: string | null;
  needsInsurance?: boolean;
  forbidden?: boolean;
  [extra: string]: unknown;
}

export interface CatalogField {
  name: string;
  type: string;
  required: boolean;
  nullable?: boolean;
  description?: string;
  example?: unknown;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  enum?: EnumValue[];
  fields?: CatalogField[];
  items?: Omit<CatalogField, 'name' | 'required'>;
}

export interface CatalogParameter {
  key: string;
  description: Bilingual | null;
  value: unknown;
  source: string;
  isDefault: boolean;
}

export interface CatalogCommand {
  commandType: string;
  operationId: string;
  method: 'POST';
  path: string;
  group: string | null;
  roles: string[];
  title: Bilingual;
  description: string;
  dryRun: boolean;
  fields: CatalogField[];
  parameters: CatalogParameter[];
}

export interface CommandCatalog {
  asOf: string;
  ruleSet: { id: string; title: Bilingual } | null;
  groups: Array<{ id: string; title: Bilingual }>;
  commands: CatalogCommand[];
}

/** The endpoint key of a command: the last segment of its path (`/api/commands/hire` → `hire`). */
export const endpointOf = (c: Pick<CatalogCommand, 'path'>): string => c.path.replace(/^\/api\/commands\//, '');

/** The inputs the form renderer has; every field of the catalog must map to one of them. */
export type FieldKind = 'commandId' | 'text' | 'integer' | 'number' | 'boolean' | 'date' | 'select' | 'multiSelect' | 'object' | 'list' | 'tags' | 'numberTags';

/** The input a field is rendered by, or null when the renderer has none for it (the coverage test fails on null). */
export function fieldKind(f: Omit<CatalogField, 'name' | 'required'> & { name?: string }, topLevel = false): FieldKind | null {
  if (topLevel && f.name === 'commandId' && f.type === 'string') return 'commandId';
  switch (f.type) {
    case 'string':
      return 'text';
    case 'integer':
      return 'integer';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'enum':
      return f.enum && f.enum.length > 0 ? 'select' : null;
    case 'object':
      return f.fields && f.fields.every((g) => fieldKind(g) !== null) ? 'object' : null;
    case 'array': {
      const it = f.items;
      if (!it) return null;
      if (it.type === 'enum') return it.enum && it.enum.length > 0 ? 'multiSelect' : null;
      if (it.type === 'string') return 'tags';
      if (it.type === 'integer' || it.type === 'number') return 'numberTags';
      if (it.type === 'object') return it.fields && it.fields.every((g) => fieldKind(g) !== null) ? 'list' : null;
      if (it.type === 'date') return 'list';
      return null;
    }
    default:
      return null;
  }
}

/** Every field of a command that the renderer cannot show, by its dotted path (empty: the form is complete). */
export function unrenderable(c: Pick<CatalogCommand, 'fields'>): string[] {
  const out: string[] = [];
  const walk = (fields: CatalogField[], prefix: string, top: boolean) => {
    for (const f of fields) {
      const path = prefix ? `${prefix}.${f.name}` : f.name;
      if (fieldKind(f, top) === null) out.push(`${path}: ${f.type}${f.items ? `<${f.items.type}>` : ''}`);
      if (f.fields) walk(f.fields, path, false);
      if (f.items?.fields) walk(f.items.fields, `${path}[]`, false);
    }
  };
  walk(c.fields, '', true);
  return out;
}

/** A date-like value of the form (a dayjs, a Date or a string) as 'YYYY-MM-DD'. */
export type DateLike = { format: (f: string) => string };
const isDateLike = (v: unknown): v is DateLike => typeof v === 'object' && v !== null && typeof (v as DateLike).format === 'function';

/**
 * The command's body from the form's values: empty inputs are left out (the API's defaults apply), dates become
 * 'YYYY-MM-DD', an emptied nullable field becomes null, nested objects and lists follow their fields.
 */
export function bodyOf(fields: CatalogField[], values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = valueOf(f, values[f.name]);
    if (v !== undefined) out[f.name] = v;
    else if (f.nullable && values[f.name] === null) out[f.name] = null;
  }
  return out;
}

function valueOf(f: Omit<CatalogField, 'name' | 'required'>, v: unknown): unknown {
  if (v === undefined || v === null || v === '') return undefined;
  switch (f.type) {
    case 'date':
      return isDateLike(v) ? v.format('YYYY-MM-DD') : String(v);
    case 'integer':
    case 'number':
      return typeof v === 'number' ? v : Number(v);
    case 'object': {
      if (typeof v !== 'object') return undefined;
      const inner = bodyOf(f.fields ?? [], v as Record<string, unknown>);
      return Object.keys(inner).length > 0 ? inner : undefined;
    }
    case 'array': {
      if (!Array.isArray(v)) return undefined;
      const it = f.items;
      if (!it) return v;
      return v.map((x) => valueOf(it, x)).filter((x) => x !== undefined);
    }
    default:
      return v;
  }
}

/** An error answer read for the form: a refusal by the statute, a refusal by the record's state, field errors, or other. */
export interface Violation {
  ruleId: string;
  kind: string;
  citation: { law: string; revision: string; article: number; paragraph?: number; item?: number; sentence?: number };
  citationText: Bilingual;
  alsoCited?: Array<{ citation: Violation['citation']; text: Bilingual }>;
  message: Bilingual;
  observed: unknown;
  expected: unknown;
  parameters?: Array<{ key: string; value: unknown; source: string | null; isDefault: boolean | null }>;
}
export interface FieldError {
  field: string;
  constraints: Array<{ rule: string; zh: string; en: string }>;
}
export type Problem =
  | { kind: 'statute'; status: number; code: string; message: Bilingual; violations: Violation[]; dryRun: boolean }
  | { kind: 'state'; status: number; code: string; message: Bilingual; context: unknown; dryRun: boolean }
  | { kind: 'fields'; status: number; code: string; message: Bilingual; fields: FieldError[] }
  | { kind: 'other'; status: number; code: string; message: Bilingual };

export function problemOf(status: number, body: unknown): Problem {
  const b = (body ?? {}) as { error?: { code?: string; message?: Bilingual; details?: Record<string, unknown> } };
  const code = b.error?.code ?? `HTTP_${status}`;
  const message = b.error?.message ?? { zh: `HTTP ${status}`, en: `HTTP ${status}` };
  const d = b.error?.details ?? {};
  const dryRun = d['dryRun'] === true;
  if (d['refusal'] === 'STATUTE' && Array.isArray(d['violations'])) return { kind: 'statute', status, code, message, violations: d['violations'] as Violation[], dryRun };
  if (d['refusal'] === 'STATE') return { kind: 'state', status, code, message, context: d['context'] ?? null, dryRun };
  if (Array.isArray(d['fields'])) return { kind: 'fields', status, code, message, fields: d['fields'] as FieldError[] };
  return { kind: 'other', status, code, message };
}

/** A field error's path (`contract.endDate`, `leadingOfficerIds.0`) as an antd form name path. */
export const namePathOf = (field: string): Array<string | number> => field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/** The citation's key for the article-text lookup (`NMG-AUX@2024:23.1.2`). */
export const citationKey = (c: Violation['citation']): string => `${c.law}@${c.revision}:${c.article}${c.paragraph !== undefined ? `.${c.paragraph}` : ''}${c.item !== undefined ? `.${c.item}` : ''}`;

/** A value for the eye: strings as they are, the rest as compact JSON. */
export const shown = (v: unknown): string => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

/** Every code a command's fields offer, with its words: to show a refusal's observed and expected values in words. */
export function codeLabelsOf(c: Pick<CatalogCommand, 'fields'>): Map<string, Bilingual> {
  const out = new Map<string, Bilingual>();
  const walk = (fields: CatalogField[]) => {
    for (const f of fields) {
      for (const v of [...(f.enum ?? []), ...(f.items?.enum ?? [])]) if (v.label && !out.has(v.value)) out.set(v.value, v.label);
      walk([...(f.fields ?? []), ...(f.items?.fields ?? [])]);
    }
  };
  walk(c.fields);
  return out;
}

/** A value in words where it is a code (or a list of codes) the command knows: `文职辅警（CIVILIAN）`; else as shown(). */
export function inWords(v: unknown, labels: Map<string, Bilingual>, en: boolean): string {
  const one = (x: string) => {
    const l = labels.get(x);
    return l ? `${en ? l.en : l.zh}（${x}）` : x;
  };
  if (typeof v === 'string') return one(v);
  if (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string')) return (v as string[]).map(one).join(en ? ', ' : '、');
  return shown(v);
}
