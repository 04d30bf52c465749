import { existsSync, readdirSync, rmSync } from 'node:fs';
import { SqliteEventStore } from '@auxledger/event-store';
import { HISTORY_GENERATOR_VERSION, cachedHistoryPath, ensureCachedHistory } from './cached-history';
import { scratchDir } from './scratch';

const dir = scratchDir('auxledger-history-cache');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cached benchmark histories', () => {
  it('generates a history once under a name of version, seed and size, then reuses it without generating', async () => {
    const said: string[] = [];
    const path = await ensureCachedHistory({ seed: 3, events: 300, dir, log: (line) => said.push(line) });
    expect(path).toBe(cachedHistoryPath({ seed: 3, events: 300, dir }));
    expect(path).toContain(`history-v${HISTORY_GENERATOR_VERSION}-seed3-300.db`);
    expect(said).toHaveLength(1);
    expect(said[0]).toContain('Generating a history of 300 events');
    expect(readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);

    const store = new SqliteEventStore({ path });
    try {
      expect((await store.readAll({ after: 0, maxCount: 1000 })).length).toBeGreaterThanOrEqual(300);
    } finally {
      await store.close();
    }

    const again = await ensureCachedHistory({ seed: 3, events: 300, dir, log: (line) => said.push(line) });
    expect(again).toBe(path);
    expect(said).toHaveLength(1);
    expect(existsSync(cachedHistoryPath({ seed: 4, events: 300, dir }))).toBe(false);
  }, 120_000);
});
