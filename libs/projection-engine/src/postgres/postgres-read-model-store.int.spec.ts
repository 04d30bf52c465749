import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import { readModelStoreContract } from '../testing/store-contract';
import { PostgresReadModelStore } from './postgres-read-model-store';

describeWithPostgres('PostgresReadModelStore', () => {
  let url: Promise<string> | undefined;
  let n = 0;
  const database = () => (url ??= createTestDatabase('projections'));

  readModelStoreContract('PostgreSQL (a schema per store)', {
    open: async () => {
      const schema = `rm_${++n}`;
      const store = await PostgresReadModelStore.open({ connectionString: await database(), schema, poolSize: 3 });
      return { store, target: schema };
    },
    reopen: async (schema) => PostgresReadModelStore.open({ connectionString: await database(), schema, poolSize: 3 }),
    propertyRuns: 12,
  });
});
