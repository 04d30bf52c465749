import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import { PostgresReadModelStore } from '../postgres/postgres-read-model-store';
import { SqliteReadModelStore } from '../sqlite/sqlite-read-model-store';
import { readModelSuite } from './testing/read-model-suite';

const dir = mkdtempSync(join(tmpdir(), 'auxledger-rm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

readModelSuite('SQLite (file)', {
  open: async () => new SqliteReadModelStore({ path: join(dir, `read-models-${++n}.db`) }),
});

describeWithPostgres('read models on PostgreSQL', () => {
  let url: Promise<string> | undefined;
  let schemas = 0;
  readModelSuite('PostgreSQL (a schema)', {
    open: async () => PostgresReadModelStore.open({ connectionString: await (url ??= createTestDatabase('read_models')), schema: `rm_${++schemas}`, poolSize: 3 }),
  });
});
