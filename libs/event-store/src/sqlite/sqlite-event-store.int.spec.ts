import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';
import { eventStoreContract, newEvent } from '../testing/contract';

const dir = mkdtempSync(join(tmpdir(), 'auxledger-sqlite-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

eventStoreContract('SQLite (file, WAL, synchronous=FULL)', {
  open: async () => new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 20 }),
});

describe('SQLite, opened read-only (an auditor reading a copy)', () => {
  it('reads the log, refuses appends, and refuses a file without a log (NOT_A_LOG) without writing into it', async () => {
    const path = join(dir, 'read-only.db');
    const writer = new SqliteEventStore({ path });
    await writer.appendToStream('organ-x', [newEvent({ n: 1 })], 'no_stream');
    await writer.close();

    const reader = new SqliteEventStore({ path, readOnly: true });
    expect(await reader.headPosition()).toBe(1);
    expect((await reader.readStream('organ-x')).map((e) => e.data)).toEqual([{ n: 1 }]);
    await expect(reader.appendToStream('organ-x', [newEvent({ n: 2 })], 0)).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    expect(await reader.headPosition()).toBe(1);
    await reader.close();

    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    expect(() => new SqliteEventStore({ path: empty, readOnly: true })).toThrow(expect.objectContaining({ code: 'NOT_A_LOG' }));
    expect(statSync(empty).size).toBe(0);
    expect(() => new SqliteEventStore({ path: join(dir, 'missing.db'), readOnly: true })).toThrow();
  });
});
