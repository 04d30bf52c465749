import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModelStoreContract } from '../testing/store-contract';
import { SqliteReadModelStore } from './sqlite-read-model-store';

const dir = mkdtempSync(join(tmpdir(), 'auxledger-rm-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

readModelStoreContract('SQLite (file, WAL, synchronous=FULL)', {
  open: async () => {
    const target = join(dir, `read-models-${++n}.db`);
    return { store: new SqliteReadModelStore({ path: target }), target };
  },
  reopen: async (target) => new SqliteReadModelStore({ path: target }),
  propertyRuns: 30,
});
