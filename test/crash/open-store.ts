import { type EventStore, PostgresEventStore, SqliteEventStore } from '@auxledger/event-store';

/** Opens the store a crash-test process writes to or checks. */
export async function openStore(kind: string, target: string): Promise<EventStore> {
  switch (kind) {
    case 'sqlite':
      return new SqliteEventStore({ path: target });
    case 'postgres':
      return PostgresEventStore.open({ connectionString: target, poolSize: 2 });
    default:
      throw new Error(`unknown store kind ${kind}`);
  }
}
