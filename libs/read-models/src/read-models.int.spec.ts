import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import { PostgresReadModelStore, SqliteReadModelStore } from '@auxledger/projection-engine';
import { readModelProperty } from './testing/property';
import { readModelSuite } from './testing/read-model-suite';
import { serviceRecordSuite } from './testing/service-record-suite';

const dir = mkdtempSync(join(tmpdir(), 'auxledger-rm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

readModelSuite('SQLite (file)', {
  open: async () => new SqliteReadModelStore({ path: join(dir, `read-models-${++n}.db`) }),
});
serviceRecordSuite('SQLite (file)', {
  open: async () => new SqliteReadModelStore({ path: join(dir, `read-models-${++n}.db`) }),
});

describeWithPostgres('read models on PostgreSQL', () => {
  let url: Promise<string> | undefined;
  let schemas = 0;
  readModelSuite('PostgreSQL (a schema)', {
    open: async () => PostgresReadModelStore.open({ connectionString: await (url ??= createTestDatabase('read_models')), schema: `rm_${++schemas}`, poolSize: 3 }),
  });
  serviceRecordSuite('PostgreSQL (a schema)', {
    open: async () => PostgresReadModelStore.open({ connectionString: await (url ??= createTestDatabase('read_models')), schema: `rm_${++schemas}`, poolSize: 3 }),
  });
});

readModelProperty('SQLite (file)', { open: async () => new SqliteReadModelStore({ path: join(dir, `property-${++n}.db`) }), runs: 20 });

describeWithPostgres('read models on PostgreSQL, property', () => {
  let url: Promise<string> | undefined;
  let schemas = 0;
  readModelProperty('PostgreSQL (a schema)', {
    open: async () => PostgresReadModelStore.open({ connectionString: await (url ??= createTestDatabase('read_models_property')), schema: `rmp_${++schemas}`, poolSize: 2 }),
    runs: 8,
  });
});
