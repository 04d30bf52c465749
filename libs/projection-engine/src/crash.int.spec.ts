import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresEventStore, SqliteEventStore } from '@auxledger/event-store';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import { projectorCrashCycles, runProjectorCrashCycles, seedLog } from './testing/crash-cycles';

const EVENTS = 2500;

describe(`projection exactly-once: SQLite projector killed with SIGKILL ${projectorCrashCycles()} times`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-projector-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('applies no effect twice: counters equal the true counts, one audit row per event, as-of equals replay', async () => {
    const eventsPath = join(dir, 'events.db');
    const events = new SqliteEventStore({ path: eventsPath });
    await seedLog(events, EVENTS);
    await events.close();
    const outcome = await runProjectorCrashCycles('sqlite', eventsPath, join(dir, 'read-models.db'));
    expect(outcome.killedMidRun).toBeGreaterThan(0);
    process.stdout.write(`SQLite projector crash test: ${JSON.stringify(outcome)}\n`);
  }, 120_000);
});

describeWithPostgres(`projection exactly-once: PostgreSQL projector killed with SIGKILL ${projectorCrashCycles()} times`, () => {
  it('applies no effect twice: counters equal the true counts, one audit row per event, as-of equals replay', async () => {
    const url = await createTestDatabase('pcrash');
    const events = await PostgresEventStore.open({ connectionString: url, poolSize: 2 });
    await seedLog(events, EVENTS);
    await events.close();
    const outcome = await runProjectorCrashCycles('postgres', url, 'read_models');
    expect(outcome.killedMidRun).toBeGreaterThan(0);
    process.stdout.write(`PostgreSQL projector crash test: ${JSON.stringify(outcome)}\n`);
  }, 120_000);
});
