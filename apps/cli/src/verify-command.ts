import { readFileSync, writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { type LogCheckpoint, type VerifyReport, digestLog, verifyLog } from '@auxledger/event-store';
import { UsageError } from './cli-error';
import { type LogLocation, openLog } from './open-log';
import type { Output } from './output';

/**
 * `auxledger verify`: walks the whole log, checks every hash link and, given a
 * checkpoint saved earlier, that the log still gives it. Exit 0 when intact,
 * 1 when anything is broken (each break named: kind, position, stream, event).
 */
export async function verifyCommand(location: LogLocation & { against?: string; json?: boolean }, io: Output): Promise<number> {
  const against = location.against ? readCheckpoint(location.against) : undefined;
  const store = await openLog(location);
  const bar = io.progress ? new SingleBar({ format: 'verifying |{bar}| {value} events', stream: process.stderr }) : undefined;
  bar?.start(0, 0);
  let report: VerifyReport;
  try {
    report = await verifyLog(store, {
      ...(against ? { against } : {}),
      onProgress: (checked) => {
        bar?.setTotal(checked);
        bar?.update(checked);
      },
    });
  } finally {
    bar?.stop();
    await store.close();
  }
  if (location.json) {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
  } else if (report.ok) {
    io.out(`intact: ${report.eventsChecked} events in ${report.streamsChecked} streams; log digest ${report.checkpoint.digest} at position ${report.checkpoint.position}${against ? ' — matches the saved checkpoint' : ''}\n`);
    if (!against) io.out('(without a saved checkpoint, --against, a log cut short cannot be told from a shorter one)\n');
  } else {
    io.out(`BROKEN: ${report.breaks.length} break(s) in ${report.eventsChecked} events\n`);
    for (const b of report.breaks) io.out(`  ${b.kind} at position ${b.globalPosition ?? '?'}${b.streamId ? ` (${b.streamId} revision ${b.streamRevision})` : ''}: ${b.message}\n`);
  }
  return report.ok ? 0 : 1;
}

/** `auxledger digest`: the checkpoint of the log as it is now, for an auditor to keep. */
export async function digestCommand(location: LogLocation & { out?: string }, io: Output): Promise<number> {
  const store = await openLog(location);
  let checkpoint: LogCheckpoint;
  try {
    checkpoint = await digestLog(store);
  } finally {
    await store.close();
  }
  const text = `${JSON.stringify(checkpoint, null, 2)}\n`;
  if (location.out) writeFileSync(location.out, text);
  io.out(location.out ? `checkpoint written to ${location.out}: ${checkpoint.eventCount} events, digest ${checkpoint.digest}\n` : text);
  return 0;
}

function readCheckpoint(path: string): LogCheckpoint {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError('CHECKPOINT_UNREADABLE', { zh: `无法读取检查点 ${path}：${(error as Error).message}`, en: `cannot read the checkpoint ${path}: ${(error as Error).message}` });
  }
  const c = parsed as Partial<LogCheckpoint>;
  if (c.algorithm !== 'sha256-chain-v1' || typeof c.position !== 'number' || typeof c.eventCount !== 'number' || typeof c.digest !== 'string') {
    throw new UsageError('NOT_A_CHECKPOINT', { zh: `${path} 不是记录库检查点（应含 algorithm、position、eventCount、digest）`, en: `${path} is not a log checkpoint (expected algorithm, position, eventCount, digest)` });
  }
  return c as LogCheckpoint;
}
