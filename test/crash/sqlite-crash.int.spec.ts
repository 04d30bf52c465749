import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@auxledger/event-store';
import { crashCycles, runCrashCycles } from './crash-cycles';

describe(`crash safety: SQLite writer killed with SIGKILL ${crashCycles()} times`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every acknowledged append whole, leaves no half-written append, and the chain verifies', async () => {
    const path = join(dir, 'events.db');
    const outcome = await runCrashCycles('sqlite', path, async () => new SqliteEventStore({ path }));
    expect(outcome.storedEvents).toBeGreaterThanOrEqual(outcome.acknowledgedEvents);
    process.stdout.write(`SQLite crash test: ${JSON.stringify(outcome)}\n`);
  }, 600_000);
});
