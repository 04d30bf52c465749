import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import { PostgresEventStore } from './postgres-event-store';
import { eventStoreContract } from '../testing/contract';

describeWithPostgres('PostgresEventStore', () => {
  eventStoreContract('PostgreSQL', {
    open: async () => PostgresEventStore.open({ connectionString: await createTestDatabase('contract'), pollIntervalMs: 20 }),
  });
});
