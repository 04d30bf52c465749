import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { EventStore } from '@auxledger/event-store';
import { type AuditRow, auditRow } from '@auxledger/read-models';
import { CliError, UsageError } from './cli-error';
import { dateOption } from './date-option';
import { type LogLocation, openLog } from './open-log';
import { type Output, progressBar } from './output';
import { type NameReader, openNameReader } from './person-names';

/**
 * `auxledger audit export`: every accepted event and every refused command
 * (`CommandRefused` in `command-<id>`) of the log, one record each — who
 * (actor, role, organ), what (event or command type, stream, auxiliary,
 * person), when (effective date, recorded at), under which rule-set revision,
 * and for a refusal its rule ids and citations. The record is the audit trail
 * read model's (`auditRow`), computed here from the log itself.
 *
 * Streamed: the log is read in batches (`readAll`) and each batch written
 * before the next is read, waiting for the output to drain — memory stays flat
 * however long the log. JSON is NDJSON: one object per line.
 *
 * CSV is for Excel by default (issue 16): UTF-8 with a byte-order mark and
 * CRLF line ends, or Excel on a Chinese Windows reads the UTF-8 as GBK and
 * shows mojibake; `--no-bom` gives plain UTF-8 with LF for other programs.
 */

export interface AuditFilters {
  /** The organ concerned, or the organ the actor acted for. */
  organ?: string;
  /** The auxiliary id or the person key concerned. */
  person?: string;
  actor?: string;
  /** The event type or the command type (`Hire`, `AuxiliaryHired`, `CommandRefused` …). */
  type?: string;
  /** Effective dates, inclusive. */
  from?: string;
  to?: string;
}

export type AuditFormat = 'csv' | 'json';

/** One exported record: the audit trail's row (`auditRow`, as the read model has it) with its position and times. */
export type AuditRecord = AuditRow & { global_position: number; effective_date: string; recorded_at: string };

export const CSV_COLUMNS = [
  'global_position', 'outcome', 'event_type', 'command_type', 'command_id', 'stream_id', 'actor_id', 'actor_role', 'actor_organ_id',
  'organ_id', 'auxiliary_id', 'person_key', 'effective_date', 'recorded_at', 'rule_set_revision', 'refusal_kind', 'refusal_code',
  'rule_ids', 'citations_zh', 'citations_en', 'message_zh', 'message_en',
] as const;

/** With `--names`: who the person is, for one who holds the key store (each person's read recorded); shredded people as shredded. */
export const NAME_COLUMNS = ['person_status', 'person_name', 'person_id_number_masked'] as const;
export type NamedAuditRecord = AuditRecord & { person_status?: 'READABLE' | 'SHREDDED' | null; person_name?: string | null; person_id_number_masked?: string | null };

const PERSON_KEY_HIDDEN = '(hidden)';

export async function auditExportCommand(
  options: LogLocation & AuditFilters & { format?: string; out?: string; showPersonKey?: boolean; bom?: boolean; names?: boolean; reader?: string; peopleDb?: string; wrapKey?: string },
  io: Output,
): Promise<number> {
  const format = options.format ?? 'csv';
  if (format !== 'csv' && format !== 'json') throw new UsageError('INVALID_FORMAT', { zh: `--format 须为 csv 或 json（收到 ${format}）`, en: `--format takes csv or json (got ${format})` });
  const { organ, person, actor, type } = options;
  const filters: AuditFilters = { organ, person, actor, type, from: dateOption('--from', options.from), to: dateOption('--to', options.to) };
  if (filters.from && filters.to && filters.from > filters.to) {
    throw new UsageError('EMPTY_PERIOD', { zh: `--from ${filters.from} 晚于 --to ${filters.to}`, en: `--from ${filters.from} is after --to ${filters.to}` });
  }
  // Names (ADR 0006): the key store beside the log, each person's read recorded as `cli:<reader>`; checked before anything is written.
  const names = options.names ? await openNameReader({ db: options.db, actor: options.reader, peopleDb: options.peopleDb, wrapKey: options.wrapKey, flag: '--reader' }) : undefined;
  const store = await openLog(options).catch(async (error: unknown) => {
    await names?.close();
    throw error;
  });
  const bar = progressBar(io, 'exporting', undefined);
  try {
    const sink = options.out ? await openFile(options.out) : (io.stdout ?? throughOut(io));
    const done = await exportAudit(store, sink, { filters, format, excel: options.bom !== false, showPersonKey: options.showPersonKey === true, names, onBatch: (n) => bar.advance(n) }).catch((error: unknown) => {
      // The reader of a pipe stopped (`| head`): like any Unix filter, stop quietly.
      if ((error as { code?: string }).code === 'EPIPE' && sink === io.stdout) return null;
      throw error;
    });
    if (sink !== io.stdout) {
      sink.end();
      await once(sink, 'finish');
    }
    bar.stop();
    if (done) io.err(`audit export: ${done.written} of ${done.read} records${options.out ? ` written to ${options.out}` : ''} (${format === 'json' ? 'NDJSON' : 'CSV'})\n`);
    return 0;
  } finally {
    bar.stop();
    await store.close();
    await names?.close();
  }
}

/** Reads the log batch by batch and writes the records that pass the filters, waiting for `sink` to drain. */
export async function exportAudit(
  store: EventStore,
  sink: Writable,
  options: { filters: AuditFilters; format: AuditFormat; showPersonKey: boolean; excel?: boolean; batchSize?: number; onBatch?: (events: number) => void; names?: NameReader },
): Promise<{ read: number; written: number }> {
  const { filters, format, showPersonKey } = options;
  let read = 0;
  let written = 0;
  // Excel: a UTF-8 byte-order mark first, CRLF between records (RFC 4180's own line end).
  const csv = options.excel ? { bom: true, record_delimiter: 'windows' as const } : {};
  const names = options.names;
  const columns: readonly string[] = names ? [...CSV_COLUMNS, ...NAME_COLUMNS] : CSV_COLUMNS;
  if (format === 'csv') await write(sink, stringify([[...columns]], csv));
  for (let after = 0; ; ) {
    const batch = await store.readAll({ after, maxCount: options.batchSize ?? 1000 });
    if (batch.length === 0) break;
    after = (batch[batch.length - 1] as (typeof batch)[number]).globalPosition;
    read += batch.length;
    const kept = batch
      .flatMap((event): AuditRecord[] => {
        const row = auditRow(event);
        return row ? [{ ...row, global_position: event.globalPosition, effective_date: event.metadata.effectiveDate, recorded_at: event.metadata.recordedAt }] : [];
      })
      .filter((r) => passes(r, filters));
    const named: NamedAuditRecord[] = [];
    for (const r of kept) {
      if (!names) {
        named.push(r);
        continue;
      }
      const shown = r.person_key ? await names.nameOf(r.person_key, r.organ_id ?? r.actor_organ_id) : null;
      named.push({ ...r, person_status: shown?.status ?? null, person_name: shown?.name ?? null, person_id_number_masked: shown?.idNumberMasked ?? null });
    }
    const records = named.map((r) => (showPersonKey ? r : withoutPersonKey(r)));
    written += records.length;
    if (records.length > 0) await write(sink, format === 'csv' ? stringify(records.map((r) => csvRow(r, columns)), { ...csv, bom: false }) : records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    options.onBatch?.(batch.length);
  }
  return { read, written };
}

function passes(r: AuditRecord, f: AuditFilters): boolean {
  return (
    (!f.organ || r.organ_id === f.organ || r.actor_organ_id === f.organ) &&
    (!f.person || r.auxiliary_id === f.person || r.person_key === f.person) &&
    (!f.actor || r.actor_id === f.actor) &&
    (!f.type || r.event_type === f.type || r.command_type === f.type) &&
    (!f.from || r.effective_date >= f.from) &&
    (!f.to || r.effective_date <= f.to)
  );
}

/** PIPL: the salted person key identifies a natural person across records; shown only on request. */
function withoutPersonKey<R extends AuditRecord>(r: R): R {
  if (r.person_key === null) return r;
  const stream = r.stream_id === `person-${r.person_key}` ? `person-${PERSON_KEY_HIDDEN}` : r.stream_id;
  return { ...r, person_key: PERSON_KEY_HIDDEN, stream_id: stream };
}

function csvRow(r: NamedAuditRecord, columns: readonly string[]): unknown[] {
  const flat: Record<string, unknown> = {
    ...r,
    rule_ids: r.rule_ids?.join(';') ?? '',
    citations_zh: r.citations?.map((c) => `${c.ruleId} ${c.zh}`).join(' | ') ?? '',
    citations_en: r.citations?.map((c) => `${c.ruleId} ${c.en}`).join(' | ') ?? '',
  };
  return columns.map((column) => flat[column] ?? '');
}

async function write(sink: Writable, chunk: string): Promise<void> {
  if (sink.errored) throw sink.errored;
  if (!sink.write(chunk)) await once(sink, 'drain');
}

async function openFile(path: string): Promise<Writable> {
  const file = createWriteStream(path);
  try {
    await once(file, 'open');
  } catch (error) {
    throw new CliError('OUTPUT_UNWRITABLE', { zh: `无法写入 ${path}：${(error as Error).message}`, en: `cannot write ${path}: ${(error as Error).message}` });
  }
  // A later failure is read from `errored` by the next write.
  file.on('error', () => undefined);
  return file;
}

/** In-process callers (tests) without a real stdout: the text goes to `io.out`. */
function throughOut(io: Output): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      io.out(chunk.toString('utf8'));
      done();
    },
  });
}
