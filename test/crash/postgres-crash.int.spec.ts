import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import { openStore } from './open-store';
import { crashCycles, runCrashCycles } from './crash-cycles';

describeWithPostgres(`crash safety: PostgreSQL writer killed with SIGKILL ${crashCycles()} times`, () => {
  it('keeps every acknowledged append whole, leaves no half-written append, and the chain verifies', async () => {
    const url = await createTestDatabase('crash');
    const outcome = await runCrashCycles('postgres', url, () => openStore('postgres', url));
    expect(outcome.storedEvents).toBeGreaterThanOrEqual(outcome.acknowledgedEvents);
    process.stdout.write(`PostgreSQL crash test: ${JSON.stringify(outcome)}\n`);
  }, 600_000);
});
