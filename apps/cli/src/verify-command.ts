import { readFileSync, writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import {
  type LogCheckpoint,
  type TreeCheckpoint,
  type VerifyReport,
  digestLog,
  SqliteEventStore,
  isMerkleLogStore,
  parseCheckpoint,
  signLogCheckpoint,
  verifyLog,
} from '@auxledger/event-store';
import { type SigningKeyOptions, bilingual, loadSigner, readCheckpointFile, readSignedCheckpoint, verifierKeys } from './checkpoint-keys';
import { UsageError } from './cli-error';
import { type LogLocation, openLog, openLogForWriting } from './open-log';
import { L } from './lang';
import type { Output } from './output';

/**
 * `auxledger verify`: walks the whole log, checks every hash link, the
 * Merkle tree the store keeps and, given checkpoints saved earlier, that the
 * log still gives them: signed checkpoints (their signatures first: an altered
 * one is refused as such), each the root of the log's first N events; with a
 * series, where the log stops matching; or today's JSON chain checkpoint.
 * Exit 0 when intact, 1 when anything is broken (each break named: kind,
 * position, stream, event).
 */
export async function verifyCommand(
  location: LogLocation & SigningKeyOptions & { against?: string[] | string; key?: string[]; json?: boolean },
  io: Output,
): Promise<number> {
  const files = location.against === undefined ? [] : ([] as string[]).concat(location.against);
  const chainFiles = files.filter((f) => readCheckpointFile(f).trimStart().startsWith('{'));
  if (chainFiles.length > 1) {
    throw new UsageError('ONE_CHAIN_CHECKPOINT', { zh: '旧式 JSON 检查点一次只能给一个 --against', en: 'give at most one old-style JSON checkpoint with --against' });
  }
  const against = chainFiles[0] ? readCheckpoint(chainFiles[0]) : undefined;
  const signedFiles = files.filter((f) => !chainFiles.includes(f));
  const keys = signedFiles.length > 0 ? verifierKeys(location, io) : [];
  const signed = signedFiles.map((file) => readSignedCheckpoint(file, keys));
  const checkpoints: TreeCheckpoint[] = signed.map((c) => ({ treeSize: c.treeSize, rootHash: c.rootHash, label: `${c.file}${c.time ? `, signed ${c.time}` : ''}` }));
  const store = await openLog(location);
  const bar = io.progress ? new SingleBar({ format: 'verifying |{bar}| {value} events', stream: process.stderr }) : undefined;
  bar?.start(0, 0);
  let report: VerifyReport;
  try {
    const scan = () =>
      verifyLog(store, {
        ...(against ? { against } : {}),
        ...(checkpoints.length > 0 ? { checkpoints } : {}),
        onProgress: (checked) => {
          bar?.setTotal(checked);
          bar?.update(checked);
        },
      });
    // A live SQLite database (the API writing): the whole scan reads one snapshot, one read transaction.
    report = store instanceof SqliteEventStore ? await store.readConsistently(scan) : await scan();
  } finally {
    bar?.stop();
    await store.close();
  }
  if (location.json) {
    io.out(`${JSON.stringify(report, null, 2)}\n`);
  } else if (report.ok) {
    const { eventsChecked: events, streamsChecked: streams } = report;
    const { digest, position } = report.checkpoint;
    io.out(
      L(
        `完好：${streams} 个流中的 ${events} 条事件；日志摘要 ${digest}，位置 ${position}${against ? '——与保存的检查点一致' : ''}\n`,
        `intact: ${events} events in ${streams} streams; log digest ${digest} at position ${position}${against ? ' — matches the saved checkpoint' : ''}\n`,
      ),
    );
    const { rootHash, treeSize } = report.treeHead;
    const compared = report.storedTree === 'compared';
    io.out(
      L(
        `默克尔树根 ${rootHash}，覆盖 ${treeSize} 条事件${compared ? '（存储的树逐节点一致）' : '（由日志计算）'}\n`,
        `Merkle root ${rootHash} over ${treeSize} events${compared ? ' (the stored tree agrees node by node)' : ' (computed from the log)'}\n`,
      ),
    );
    const sizes = report.treeCheckpoints.map((c) => `${c.treeSize} ${L('条事件', 'events')} (${c.label})`).join('; ');
    if (signed.length > 0) io.out(L(`与 ${signed.length} 个已签名检查点一致：${sizes}\n`, `matches ${signed.length} signed checkpoint(s): ${sizes}\n`));
    if (!against && signed.length === 0) {
      io.out(
        L(
          '（没有保存的检查点或 --against 时，无法分辨被截短或整体重写的日志）\n',
          '(without a saved checkpoint, --against, a log cut short or rewritten whole cannot be told from another log)\n',
        ),
      );
    }
  } else {
    io.out(L(`已损坏：${report.eventsChecked} 条事件中有 ${report.breaks.length} 处断裂（BROKEN）\n`, `BROKEN: ${report.breaks.length} break(s) in ${report.eventsChecked} events\n`));
    for (const b of report.breaks) {
      const where = `${b.globalPosition ?? '?'}${b.streamId ? ` (${b.streamId} ${L('版本', 'revision')} ${b.streamRevision})` : ''}`;
      io.out(L(`  ${b.kind}，位置 ${where}：${b.message}\n`, `  ${b.kind} at position ${where}: ${b.message}\n`));
    }
    if (report.divergence) io.out(L(`分歧处：${report.divergence.message}\n`, `where: ${report.divergence.message}\n`));
  }
  return report.ok ? 0 : 1;
}

/**
 * `auxledger digest`: the latest signed checkpoint the log holds, for an
 * auditor to keep outside the database; `--new` (or none held) signs one now
 * with the deployment's key and stores it; `--chain` gives today's JSON chain
 * checkpoint instead.
 */
export async function digestCommand(location: LogLocation & SigningKeyOptions & { out?: string; new?: boolean; chain?: boolean }, io: Output): Promise<number> {
  if (location.chain) return chainDigest(location, io);
  let note: string | undefined;
  let stored = false;
  if (!location.new) {
    const reader = await openLog(location);
    try {
      note = isMerkleLogStore(reader) ? (await reader.latestCheckpoint())?.note : undefined;
    } finally {
      await reader.close();
    }
  }
  if (note === undefined) {
    const signer = loadSigner(location);
    const store = await openLogForWriting(location);
    try {
      note = (await signLogCheckpoint(store, signer, new Date())).note;
      stored = true;
    } catch (error) {
      throw bilingual(error);
    } finally {
      await store.close();
    }
  }
  const parsed = parseCheckpoint(note);
  if (location.out) writeFileSync(location.out, note);
  const summary = `signed checkpoint${stored ? ' (new, stored in the log)' : ''}: ${parsed.origin}, ${parsed.treeSize} events, root ${parsed.rootHash.toString('base64')}${parsed.time ? `, signed ${parsed.time}` : ''}`;
  io.out(location.out ? `${summary}\nwritten to ${location.out}\n` : note);
  if (!location.out) io.err(`${summary}\n`);
  return 0;
}

/** Today's JSON checkpoint of the hash chain (ADR 0002). */
async function chainDigest(location: LogLocation & { out?: string }, io: Output): Promise<number> {
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
