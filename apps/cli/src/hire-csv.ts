import { parse } from 'csv-parse/sync';
import type { ContractKind, Hire } from '@auxledger/domain';
import { type AuxiliaryCategory, type Bilingual, CONTRACT_CLAUSES, type ContractClause, isIsoDate } from '@auxledger/statute';
import { CliError } from './cli-error';

/**
 * Personnel files as CSV: one row, one Hire (聘用). The columns are the Hire
 * command's fields, flattened; `clauses` are `;`-separated; empty
 * `contractEnd` / `probationLastDay` mean none (open-ended contract, no
 * probation). Only the form is checked here — the rules are the command
 * path's.
 */
export const HIRE_COLUMNS = [
  'auxiliaryId', 'applicationId', 'personKey', 'usingOrganId', 'category', 'level', 'payLocality', 'monthlyBaseFen',
  'contractId', 'contractKind', 'contractStart', 'contractEnd', 'probationLastDay', 'clauses', 'effectiveDate',
] as const;

type Column = (typeof HIRE_COLUMNS)[number];

const OPTIONAL: readonly Column[] = ['contractEnd', 'probationLastDay'];
const CATEGORIES: readonly AuxiliaryCategory[] = ['DUTY', 'CIVILIAN'];
const CONTRACT_KINDS: readonly ContractKind[] = ['FIXED_TERM', 'OPEN_ENDED', 'TASK_BASED'];
/** As the API accepts ids: letters, digits and ._:- (starting with a letter or digit), at most 128. */
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
const ID_COLUMNS: readonly Column[] = ['auxiliaryId', 'applicationId', 'personKey', 'usingOrganId', 'contractId'];

export interface ColumnProblem {
  column: string;
  message: Bilingual;
}

/** One data row of the file: 1-based among the data rows (the header is not a row), and its line in the file. */
export type HireRow =
  | { row: number; line: number; ok: true; data: Hire['data']; effectiveDate: string }
  | { row: number; line: number; ok: false; auxiliaryId: string | null; problems: ColumnProblem[] };

/** Parses the file; a file that is not CSV, or whose header lacks a column, is refused whole. */
export function parseHireCsv(text: string | Buffer, file: string): HireRow[] {
  let records: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    records = parse(text, { columns: true, bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true });
  } catch (error) {
    throw new CliError('CSV_UNREADABLE', { zh: `${file} 不是可读的 CSV：${(error as Error).message}`, en: `${file} is not readable CSV: ${(error as Error).message}` });
  }
  const header = records[0] ? Object.keys(records[0].record) : [];
  const missing = HIRE_COLUMNS.filter((c) => records.length > 0 && !header.includes(c));
  if (missing.length > 0) {
    throw new CliError('CSV_COLUMNS_MISSING', { zh: `${file} 的表头缺少列：${missing.join('、')}`, en: `${file}: the header lacks the column(s) ${missing.join(', ')}` });
  }
  return records.map(({ record, info }, i) => toHireRow(record, i + 1, info.lines));
}

function toHireRow(record: Record<string, string>, row: number, line: number): HireRow {
  const problems: ColumnProblem[] = [];
  const problem = (column: Column, zh: string, en: string) => problems.push({ column, message: { zh, en } });
  const value = (column: Column) => record[column] ?? '';

  for (const column of HIRE_COLUMNS) {
    if (!OPTIONAL.includes(column) && value(column) === '') problem(column, '缺少取值', 'is empty');
  }
  for (const column of ID_COLUMNS) {
    if (value(column) !== '' && !IDENTIFIER.test(value(column))) problem(column, '须为 1–128 个字母、数字或 ._:-', 'must be 1–128 letters, digits or ._:-');
  }
  for (const column of ['contractStart', 'contractEnd', 'probationLastDay', 'effectiveDate'] as const) {
    if (value(column) !== '' && !isIsoDate(value(column))) problem(column, `须为日期 YYYY-MM-DD（收到 ${value(column)}）`, `must be a date, YYYY-MM-DD (got ${value(column)})`);
  }
  const category = value('category');
  if (category !== '' && !CATEGORIES.includes(category as AuxiliaryCategory)) problem('category', `须为 ${CATEGORIES.join(' 或 ')}`, `must be ${CATEGORIES.join(' or ')} (got ${category})`);
  const kind = value('contractKind');
  if (kind !== '' && !CONTRACT_KINDS.includes(kind as ContractKind)) problem('contractKind', `须为 ${CONTRACT_KINDS.join('、')} 之一`, `must be one of ${CONTRACT_KINDS.join(', ')} (got ${kind})`);
  const fen = value('monthlyBaseFen');
  if (fen !== '' && !/^\d+$/.test(fen)) problem('monthlyBaseFen', `须为非负整数（分）（收到 ${fen}）`, `must be a whole number of fen (got ${fen})`);
  const clauses = value('clauses').split(';').map((c) => c.trim()).filter((c) => c !== '');
  const unknown = clauses.filter((c) => !CONTRACT_CLAUSES.includes(c as ContractClause));
  if (unknown.length > 0) problem('clauses', `未知条款 ${unknown.join('、')}（可用：${CONTRACT_CLAUSES.join('、')}）`, `unknown clause(s) ${unknown.join(', ')} (known: ${CONTRACT_CLAUSES.join(', ')})`);

  if (problems.length > 0) return { row, line, ok: false, auxiliaryId: value('auxiliaryId') || null, problems };
  const orNull = (column: Column) => (value(column) === '' ? null : value(column));
  return {
    row,
    line,
    ok: true,
    effectiveDate: value('effectiveDate'),
    data: {
      auxiliaryId: value('auxiliaryId'),
      applicationId: value('applicationId'),
      personKey: value('personKey'),
      usingOrganId: value('usingOrganId'),
      category: category as AuxiliaryCategory,
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
    },
  };
}
