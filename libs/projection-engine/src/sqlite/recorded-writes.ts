import type { ReadModel } from '../model';
import { CheckpointMoved, type ProjectionTx, type Steps, step } from '../store';

/**
 * A write-only transaction's calls, recorded to be applied elsewhere (on the
 * SQLite flush thread, `sqlite-flush-thread.ts`): the checkpoint's move and
 * the rows. The models are sent as their data only (a model's functions do
 * not cross threads; the writes need its name, columns and keys).
 */
export type RecordedWrite =
  | { method: 'advance'; args: Parameters<ProjectionTx['advance']> }
  | { method: 'writeCurrent'; args: Parameters<ProjectionTx['writeCurrent']> }
  | { method: 'appendLog'; args: Parameters<ProjectionTx['appendLog']> }
  | { method: 'writeTemporal'; args: Parameters<ProjectionTx['writeTemporal']> }
  | { method: 'writeEvents'; args: Parameters<ProjectionTx['writeEvents']> };

/**
 * Runs `steps` against a transaction that records its writes instead of
 * making them; its checkpoint moves are taken as done (the recorded `advance`
 * is checked where the writes are applied). Reads are refused: only a
 * transaction that writes, like a bulk load's flush, can be recorded.
 */
export function recordWrites<T>(steps: (tx: ProjectionTx) => Steps<T>): { value: T; writes: RecordedWrite[]; rows: number } {
  const writes: RecordedWrite[] = [];
  let rows = 0;
  const refuse = (): never => {
    throw new Error('a recorded transaction only writes');
  };
  const tx: ProjectionTx = {
    advance: (...args) => {
      writes.push({ method: 'advance', args });
      return true;
    },
    writeCurrent: (...args) => {
      rows += args[2].length + args[3].length;
      writes.push({ method: 'writeCurrent', args });
    },
    appendLog: (...args) => {
      rows += args[2].length;
      writes.push({ method: 'appendLog', args });
    },
    writeTemporal: (...args) => {
      const w = args[2];
      rows += w.remove.length + w.close.length + w.insert.length + w.refs.length;
      writes.push({ method: 'writeTemporal', args });
    },
    writeEvents: (...args) => {
      rows += args[0].length;
      writes.push({ method: 'writeEvents', args });
    },
    loadCurrent: refuse,
    loadOpenVersions: refuse,
    loadRefs: refuse,
    loadEvents: refuse,
  };
  const generator = steps(tx);
  let next = generator.next();
  while (!next.done) next = generator.next(next.value);
  return { value: next.value, writes, rows };
}

/** Applies recorded writes in a transaction's steps; a checkpoint that is no longer where it was rolls them back (`CheckpointMoved`). */
export function* replayWrites(tx: ProjectionTx, writes: readonly RecordedWrite[]): Steps<void> {
  for (const write of writes) {
    switch (write.method) {
      case 'advance': {
        const [projector, generation] = write.args;
        if (!(yield* step(tx.advance(...write.args)))) throw new CheckpointMoved(projector, generation);
        break;
      }
      case 'writeCurrent':
        yield* step(tx.writeCurrent(...write.args));
        break;
      case 'appendLog':
        yield* step(tx.appendLog(...write.args));
        break;
      case 'writeTemporal':
        yield* step(tx.writeTemporal(...write.args));
        break;
      case 'writeEvents':
        yield* step(tx.writeEvents(...write.args));
        break;
    }
  }
}

const modelData = new WeakMap<ReadModel, ReadModel>();

/** The writes with each model replaced by its data (what a structured clone can carry to another thread). */
export function portableWrites(writes: readonly RecordedWrite[]): RecordedWrite[] {
  return writes.map((write) => {
    if (write.method === 'advance' || write.method === 'writeEvents') return write;
    const [model, ...rest] = write.args;
    let data = modelData.get(model);
    if (!data) modelData.set(model, (data = JSON.parse(JSON.stringify(model)) as ReadModel));
    return { method: write.method, args: [data, ...rest] } as RecordedWrite;
  });
}
