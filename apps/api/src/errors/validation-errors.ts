import { type ValidationError, getMetadataStorage } from 'class-validator';
import { createInstance } from 'i18next';
import { AppError } from './app-error';

/** One field that failed validation: its path in the body and every constraint it broke, in both languages. */
export interface FieldError {
  field: string;
  constraints: { rule: string; zh: string; en: string }[];
}

/**
 * The fields' messages in both languages, from class-validator's message
 * arguments (each constraint's `constraints`: limits, allowed values),
 * through i18next (resources per rule, interpolated): the Chinese carries the
 * same detail as the English. A field that is missing (undefined or null) gets
 * only 必填 / is required, never the checks its value would have failed.
 */
const MESSAGES = {
  zh: {
    required: '必填',
    whitelistValidation: '不允许的字段',
    isDefined: '必填',
    isNotEmpty: '不能为空',
    isString: '须为字符串',
    isBoolean: '须为布尔值',
    isInt: '须为整数',
    isNumber: '须为数字',
    min: '不得小于 {{c0}}',
    max: '不得大于 {{c0}}',
    isEnum: '须为以下值之一：{{values}}',
    isIn: '须为以下值之一：{{values}}',
    isArray: '须为数组',
    arrayMinSize: '至少须有 {{c0}} 项',
    arrayMaxSize: '至多 {{c0}} 项',
    arrayNotEmpty: '不能为空数组',
    arrayUnique: '数组元素不能重复',
    isObject: '须为对象',
    nestedValidation: '须为对象',
    isIsoDate: '须为有效日期（YYYY-MM-DD）',
    isInstant: '须为带时区的有效时刻（ISO-8601，如 2025-01-02T08:00:00Z；时为00–23，不早于1900-01-01）',
    isQueryDate: '须不早于1900-01-01',
    isIdentifier: '须为1至128位字母、数字或 ._:- 字符',
    matches: '格式无效（须符合 {{c0}}）',
    maxLength: '过长：至多 {{c0}} 个字符',
    minLength: '过短：至少 {{c0}} 个字符',
    isLength: '长度须在 {{c0}} 至 {{c1}} 个字符之间',
    unknownValue: '请求体须为 JSON 对象',
    isPlainText: '不得含双向控制符、零宽字符或控制字符{{where}}',
    invalid: '取值无效',
  },
  en: { required: 'is required' },
} as const;

const i18n = createInstance();
void i18n.init({
  initAsync: false,
  lng: 'zh',
  fallbackLng: false,
  resources: { zh: { translation: MESSAGES.zh }, en: { translation: MESSAGES.en } },
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** A constraint's arguments as class-validator declared them (`@Max(50)` → [50]; `@IsEnum(E)` → [E, its values]). */
function constraintArguments(error: ValidationError, rule: string): unknown[] {
  const target = error.target?.constructor;
  if (!target) return [];
  const found = getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === error.property && (m.name ?? m.type) === rule);
  return found?.constraints ?? [];
}

function allowedValues(rule: string, args: unknown[]): string {
  const values = rule === 'isEnum' ? (args[1] as unknown[] | undefined) ?? Object.values((args[0] as object | undefined) ?? {}) : (args[0] as unknown[] | undefined) ?? [];
  return values.map(String).join(', ');
}

function zhOf(error: ValidationError, rule: string, en: string): string {
  const args = constraintArguments(error, rule);
  const where = rule === 'isPlainText' ? /(U\+[0-9A-F]{4,6}) at position (\d+)/.exec(en) : null;
  return i18n.t(rule in MESSAGES.zh ? rule : 'invalid', {
    lng: 'zh',
    c0: String(args[0] ?? ''),
    c1: String(args[1] ?? ''),
    values: rule === 'isEnum' || rule === 'isIn' ? allowedValues(rule, args) : '',
    where: where ? `（第 ${where[2]} 位有 ${where[1]}，请删除）` : '',
  });
}

/** class-validator errors, flattened to dotted paths (`contract.endDate`, `equipmentIssued.0.serial`). */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix && e.property ? `${prefix}.${e.property}` : e.property || prefix || '(body)';
    const rules = Object.entries(e.constraints ?? {});
    const missing = rules.length > 0 && (e.value === undefined || e.value === null) && !rules.some(([rule]) => rule === 'whitelistValidation' || rule === 'unknownValue');
    const own: FieldError[] = missing
      ? [{ field, constraints: [{ rule: 'isDefined', zh: `${field}：${i18n.t('required', { lng: 'zh' })}`, en: `${field} ${i18n.t('required', { lng: 'en' })}` }] }]
      : rules.length > 0
        ? [{ field, constraints: rules.map(([rule, en]) => ({ rule, zh: `${field}：${zhOf(e, rule, en)}`, en })) }]
        : [];
    return [...own, ...fieldErrors(e.children ?? [], field === '(body)' ? '' : field)];
  });
}

export function validationFailed(errors: ValidationError[]): AppError {
  const fields = fieldErrors(errors);
  return new AppError(
    'INVALID_INPUT',
    'VALIDATION_FAILED',
    {
      zh: `请求内容有 ${fields.length} 处错误：${fields.map((f) => f.constraints.map((c) => c.zh).join('；')).join('；')}`,
      en: `The request has ${fields.length} invalid field(s): ${fields.map((f) => f.constraints.map((c) => c.en).join('; ')).join('; ')}`,
    },
    { fields },
  );
}
