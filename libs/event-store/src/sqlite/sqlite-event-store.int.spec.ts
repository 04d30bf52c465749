import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';
import { eventStoreContract } from '../testing/contract';

const dir = mkdtempSync(join(tmpdir(), 'auxledger-sqlite-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

eventStoreContract('SQLite (file, WAL, synchronous=FULL)', {
  open: async () => new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 20 }),
});
