import { eventStoreContract } from '../testing/contract';
import { EventStoreDbEventStore } from './eventstoredb-event-store';

/**
 * The contract against a real EventStoreDB (≥ 22.6), e.g.
 *   docker compose up -d eventstoredb
 *   AUXLEDGER_ESDB_URL='esdb://127.0.0.1:2113?tls=false' npx jest --config libs/event-store/jest.config.js eventstoredb
 * Without the variable the suite is reported as skipped, never as passed.
 * A `kurrentdb://` URL names a KurrentDB for the KurrentDB adapter's suites
 * (libs/event-store/src/kurrentdb): the two adapters keep different event-id
 * indexes, so this legacy suite runs on `esdb://` URLs only.
 */
const url = process.env['AUXLEDGER_ESDB_URL'];
const connectionString = url?.startsWith('esdb') ? url : undefined;

if (connectionString) {
  eventStoreContract(`EventStoreDB (${connectionString})`, {
    open: async () => new EventStoreDbEventStore({ connectionString }),
    multiStreamAppend: false,
  });
} else {
  describe.skip(`EventStoreDB 6.x-client contract — SKIPPED: set AUXLEDGER_ESDB_URL to an esdb:// URL${url ? ` (got a KurrentDB URL: the KurrentDB adapter's suites run on it)` : ''} (no EventStoreDB server on this machine; docker compose up eventstoredb)`, () => {
    it('runs the event store contract against a live EventStoreDB', () => undefined);
  });
}
