import { parse } from 'csv-parse/sync';
import type { ContractKind, RecordExistingService, TrainingTopic } from '@auxledger/domain';
import { type AuxiliaryCategory, CONTRACT_CLAUSES, type ContractClause, type InsuranceKind, isIsoDate } from '@auxledger/statute';
import { CliError } from './cli-error';
import type { ColumnProblem } from './hire-csv';

/**
 * Existing staff as CSV (`auxledger import --existing`, issue 11 item 8): one
 * row, one RecordExistingService — a service that began before the record
 * (hired before 2024-09-01, or before the organ's record began), recorded as
 * found. `clauses`, `annualTrainingYears` and `insuranceKinds` are
 * `;`-separated; empty optional columns mean none on file. Only the form is
 * checked here — the rules are the command path's.
 */
export const EXISTING_COLUMNS = [
  'auxiliaryId', 'personKey', 'usingOrganId', 'category', 'hiredOn', 'level', 'payLocality', 'monthlyBaseFen',
  'contractId', 'contractKind', 'contractStart', 'contractEnd', 'probationLastDay', 'clauses', 'probationCompletedOn',
  'preJobTrainingOn', 'annualTrainingYears', 'insuranceKinds', 'insuranceEnrolledOn', 'insuranceRef', 'sourceRef', 'effectiveDate',
] as const;

type Column = (typeof EXISTING_COLUMNS)[number];

const OPTIONAL: readonly Column[] = ['contractEnd', 'probationLastDay', 'clauses', 'probationCompletedOn', 'preJobTrainingOn', 'annualTrainingYears', 'insuranceKinds', 'insuranceEnrolledOn', 'insuranceRef'];
const DATES: readonly Column[] = ['hiredOn', 'contractStart', 'contractEnd', 'probationLastDay', 'probationCompletedOn', 'preJobTrainingOn', 'insuranceEnrolledOn', 'effectiveDate'];
const CATEGORIES: readonly AuxiliaryCategory[] = ['DUTY', 'CIVILIAN'];
const CONTRACT_KINDS: readonly ContractKind[] = ['FIXED_TERM', 'OPEN_ENDED', 'TASK_BASED'];
const INSURANCE_KINDS: readonly InsuranceKind[] = ['PENSION', 'MEDICAL', 'MATERNITY', 'WORK_INJURY', 'UNEMPLOYMENT', 'HOUSING_FUND', 'PERSONAL_ACCIDENT'];
/** Art. 35 ¶1: 政治教育、法治教育、纪律教育、职业道德教育和保密教育 — what a training on file is taken to have covered. */
const ART_35_TOPICS: readonly TrainingTopic[] = ['POLITICS', 'LAW', 'DISCIPLINE', 'ETHICS', 'SECRECY'];
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const ID_COLUMNS: readonly Column[] = ['auxiliaryId', 'personKey', 'usingOrganId', 'contractId'];

export type ExistingRow =
  | { row: number; line: number; ok: true; data: RecordExistingService['data']; effectiveDate: string }
  | { row: number; line: number; ok: false; auxiliaryId: string | null; problems: ColumnProblem[] };

const listOf = (text: string) => text.split(';').map((c) => c.trim()).filter((c) => c !== '');

/** Parses the file; a file that is not CSV, or whose header lacks a column, is refused whole. */
export function parseExistingCsv(text: string | Buffer, file: string): ExistingRow[] {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, { columns: true, bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true });
  } catch (error) {
    throw new CliError('CSV_UNREADABLE', { zh: `${file} 不是可读的 CSV：${(error as Error).message}`, en: `${file} is not readable CSV: ${(error as Error).message}` });
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const missing = EXISTING_COLUMNS.filter((c) => records.length > 0 && !header.includes(c));
  if (missing.length > 0) {
    throw new CliError('CSV_COLUMNS_MISSING', { zh: `${file} 的表头缺少列：${missing.join('、')}`, en: `${file}: the header lacks the column(s) ${missing.join(', ')}` });
  }
  return records.map(({ record, info }, i) => toExistingRow(record, i + 1, info.lines));
}

function toExistingRow(record: Record<string, string>, row: number, line: number): ExistingRow {
  const problems: ColumnProblem[] = [];
  const problem = (column: Column, zh: string, en: string) => problems.push({ column, message: { zh, en } });
  const value = (column: Column) => record[column] ?? '';

  for (const column of EXISTING_COLUMNS) {
    if (!OPTIONAL.includes(column) && value(column) === '') problem(column, '缺少取值', 'is empty');
  }
  for (const column of ID_COLUMNS) {
    if (value(column) !== '' && !IDENTIFIER.test(value(column))) problem(column, '须为 1–128 个字母、数字或 ._:-', 'must be 1–128 letters, digits or ._:-');
  }
  for (const column of DATES) {
    if (value(column) !== '' && !isIsoDate(value(column))) problem(column, `须为日期 YYYY-MM-DD（收到 ${value(column)}）`, `must be a date, YYYY-MM-DD (got ${value(column)})`);
  }
  const category = value('category');
  if (category !== '' && !CATEGORIES.includes(category as AuxiliaryCategory)) problem('category', `须为 ${CATEGORIES.join(' 或 ')}`, `must be ${CATEGORIES.join(' or ')} (got ${category})`);
  const kind = value('contractKind');
  if (kind !== '' && !CONTRACT_KINDS.includes(kind as ContractKind)) problem('contractKind', `须为 ${CONTRACT_KINDS.join('、')} 之一`, `must be one of ${CONTRACT_KINDS.join(', ')} (got ${kind})`);
  const fen = value('monthlyBaseFen');
  if (fen !== '' && !/^\d+$/.test(fen)) problem('monthlyBaseFen', `须为非负整数（分）（收到 ${fen}）`, `must be a whole number of fen (got ${fen})`);
  const clauses = listOf(value('clauses'));
  const unknownClauses = clauses.filter((c) => !CONTRACT_CLAUSES.includes(c as ContractClause));
  if (unknownClauses.length > 0) problem('clauses', `未知条款 ${unknownClauses.join('、')}（可用：${CONTRACT_CLAUSES.join('、')}）`, `unknown clause(s) ${unknownClauses.join(', ')} (known: ${CONTRACT_CLAUSES.join(', ')})`);
  const years = listOf(value('annualTrainingYears'));
  const badYears = years.filter((y) => !/^(19|20)\d\d$/.test(y));
  if (badYears.length > 0) problem('annualTrainingYears', `须为年份，以 ; 分隔（收到 ${badYears.join('、')}）`, `must be years, ;-separated (got ${badYears.join(', ')})`);
  const kinds = listOf(value('insuranceKinds'));
  const unknownKinds = kinds.filter((k) => !INSURANCE_KINDS.includes(k as InsuranceKind));
  if (unknownKinds.length > 0) problem('insuranceKinds', `未知险种 ${unknownKinds.join('、')}（可用：${INSURANCE_KINDS.join('、')}）`, `unknown insurance kind(s) ${unknownKinds.join(', ')} (known: ${INSURANCE_KINDS.join(', ')})`);
  if ((kinds.length > 0) !== (value('insuranceEnrolledOn') !== '') || (kinds.length > 0) !== (value('insuranceRef') !== '')) {
    problem('insuranceKinds', 'insuranceKinds、insuranceEnrolledOn、insuranceRef 须同时填写或同时留空', 'insuranceKinds, insuranceEnrolledOn and insuranceRef are given together or not at all');
  }

  if (problems.length > 0) return { row, line, ok: false, auxiliaryId: value('auxiliaryId') || null, problems };
  const orNull = (column: Column) => (value(column) === '' ? null : value(column));
  const auxiliaryId = value('auxiliaryId');
  const effectiveDate = value('effectiveDate');
  const yearEnd = (y: string) => (`${y}-12-31` < effectiveDate ? `${y}-12-31` : effectiveDate);
  return {
    row,
    line,
    ok: true,
    effectiveDate,
    data: {
      auxiliaryId,
      personKey: value('personKey'),
      usingOrganId: value('usingOrganId'),
      category: category as AuxiliaryCategory,
      hiredOn: value('hiredOn'),
      level: value('level'),
      pay: { locality: value('payLocality'), monthlyBaseFen: Number(fen) },
      contract: {
        contractId: value('contractId'),
        kind: kind as ContractKind,
        startDate: value('contractStart'),
        endDate: orNull('contractEnd'),
        probationLastDay: orNull('probationLastDay'),
        clauses: clauses as ContractClause[],
      },
      probationCompletedOn: orNull('probationCompletedOn'),
      trainings: [
        ...(value('preJobTrainingOn') === '' ? [] : [{ trainingId: `${auxiliaryId}-pre-job`, kind: 'PRE_JOB' as const, year: null, topics: [...ART_35_TOPICS], completedOn: value('preJobTrainingOn') }]),
        ...years.map((y) => ({ trainingId: `${auxiliaryId}-annual-${y}`, kind: 'ANNUAL' as const, year: Number(y), topics: [...ART_35_TOPICS], completedOn: yearEnd(y) })),
      ],
      insurance: kinds.length === 0 ? [] : [{ kinds: kinds as InsuranceKind[], enrolledOn: value('insuranceEnrolledOn'), reference: value('insuranceRef') }],
      sourceRef: value('sourceRef'),
    },
  };
}
