import type { ValidationError } from 'class-validator';
import { AppError } from './app-error';

/** One field that failed validation: its path in the body and every constraint it broke, in both languages. */
export interface FieldError {
  field: string;
  constraints: { rule: string; zh: string; en: string }[];
}

/** Per rule, in Chinese; a function when the English message carries a detail to repeat (the character found). */
const ZH: Record<string, string | ((en: string) => string)> = {
  whitelistValidation: '不允许的字段',
  isDefined: '必填',
  isNotEmpty: '不能为空',
  isString: '须为字符串',
  isBoolean: '须为布尔值',
  isInt: '须为整数',
  min: '数值过小',
  max: '数值过大',
  isEnum: '取值不在允许范围内',
  isArray: '须为数组',
  arrayMinSize: '数组元素过少',
  arrayMaxSize: '数组元素过多',
  arrayUnique: '数组元素不能重复',
  isObject: '须为对象',
  nestedValidation: '须为对象',
  isIsoDate: '须为有效日期（YYYY-MM-DD）',
  isInstant: '须为带时区的有效时刻（ISO-8601，如 2025-01-02T08:00:00Z；时为00–23，不早于1900-01-01）',
  isQueryDate: '须不早于1900-01-01',
  isIn: '取值不在允许范围内',
  isIdentifier: '须为1至128位字母、数字或 ._:- 字符',
  matches: '格式无效',
  maxLength: '过长',
  minLength: '过短',
  unknownValue: '请求体须为 JSON 对象',
  isPlainText: (en) => {
    const m = /(U\+[0-9A-F]{4,6}) at position (\d+)/.exec(en);
    return `不得含双向控制符、零宽字符或控制字符${m ? `（第 ${m[2]} 位有 ${m[1]}，请删除）` : ''}`;
  },
};

function zhOf(rule: string, en: string): string {
  const zh = ZH[rule];
  return typeof zh === 'function' ? zh(en) : (zh ?? '取值无效');
}

/** class-validator errors, flattened to dotted paths (`contract.endDate`, `equipmentIssued.0.serial`). */
export function fieldErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix && e.property ? `${prefix}.${e.property}` : e.property || prefix || '(body)';
    const own: FieldError[] = e.constraints
      ? [{ field, constraints: Object.entries(e.constraints).map(([rule, en]) => ({ rule, zh: `${field}：${zhOf(rule, en)}`, en })) }]
      : [];
    return [...own, ...fieldErrors(e.children ?? [], field === '(body)' ? '' : field)];
  });
}

export function validationFailed(errors: ValidationError[]): AppError {
  const fields = fieldErrors(errors);
  return new AppError(
    'INVALID_INPUT',
    'VALIDATION_FAILED',
    { zh: `请求内容有 ${fields.length} 处错误`, en: `The request has ${fields.length} invalid field(s)` },
    { fields },
  );
}
