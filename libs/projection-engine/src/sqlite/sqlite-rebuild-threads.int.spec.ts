import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SqliteEventStore } from '@auxledger/event-store';
import { Projector } from '../projector';
import { TOY_MODELS, toNewEvent } from '../testing/toy-models';
import { SqliteReadModelStore } from './sqlite-read-model-store';

/**
 * A reader in another thread (its own connection, truly concurrent with the
 * writer) queries the views in a tight loop while a rebuild runs in the same
 * file as the event log: every answer is a whole generation.
 */
const READER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { readonly: true });
db.pragma('busy_timeout = 5000');
let stop = false;
parentPort.on('message', () => { stop = true; });
const seen = new Set();
const errors = [];
let reads = 0;
function loop() {
  for (let i = 0; i < 50; i++) {
    try {
      const row = db.prepare('SELECT (SELECT sum(count) FROM stream_counter) AS c, (SELECT count(*) FROM audit_trail) AS a').get();
      seen.add(row.c);
      seen.add(row.a);
      reads++;
    } catch (error) {
      errors.push(String(error.message));
    }
  }
  if (stop) parentPort.postMessage({ seen: [...seen], reads, errors: errors.slice(0, 5) });
  else setImmediate(loop);
}
loop();
`;

describe('SQLite rebuild with a reader in another thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-rm-threads-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('never shows a partial generation, in the event log’s own file', async () => {
    const path = join(dir, 'auxledger.db');
    const events = new SqliteEventStore({ path });
    const store = new SqliteReadModelStore({ path });
    const total = 1500;
    for (let i = 0; i < total; i += 50) {
      await events.appendToStream(
        `s${i % 7}`,
        Array.from({ length: 50 }, (_, j) =>
          toNewEvent({ stream: `s${i % 7}`, type: 'Counted', data: { amount: 1 }, effectiveDate: '2024-01-01', recordedAt: new Date(Date.UTC(2024, 0, 1, 0, i + j)).toISOString() }),
        ),
        'any',
      );
    }
    const live = new Projector({ name: 'toys', models: TOY_MODELS, events, store, batchSize: 500 });
    await live.open();
    await live.catchUp();

    const worker = new Worker(READER, { eval: true, workerData: { path, driver: require.resolve('better-sqlite3') } });
    const report = new Promise<{ seen: number[]; reads: number; errors: string[] }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await new Promise((r) => setTimeout(r, 50));
    const rebuilt = await new Projector({ name: 'toys', models: TOY_MODELS, events, store, batchSize: 40 }).rebuild();
    await new Promise((r) => setTimeout(r, 50));
    worker.postMessage('stop');
    const { seen, reads, errors } = await report;
    await worker.terminate();
    expect(errors).toEqual([]);
    expect(seen).toEqual([total]);
    expect(reads).toBeGreaterThan(20);
    expect(rebuilt).toEqual({ generation: 2, position: total });
    await store.close();
    await events.close();
  });
});
