import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from './sqlite-event-store';
import { tamperContract } from '../testing/tamper';

const dir = mkdtempSync(join(tmpdir(), 'auxledger-sqlite-tamper-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

tamperContract('SQLite rows edited directly', {
  open: async () => {
    const path = join(dir, `events-${++files}.db`);
    const store = new SqliteEventStore({ path });
    const db = new Database(path);
    return {
      store,
      raw: {
        update: async (position, fields) => {
          if (fields.data) db.prepare('UPDATE events SET data = ? WHERE global_position = ?').run(JSON.stringify(fields.data), position);
          if (fields.hash) db.prepare('UPDATE events SET hash = ? WHERE global_position = ?').run(fields.hash, position);
          if (fields.prevHash !== undefined) db.prepare('UPDATE events SET prev_hash = ? WHERE global_position = ?').run(fields.prevHash, position);
          if (fields.logDigest) db.prepare('UPDATE events SET log_digest = ? WHERE global_position = ?').run(fields.logDigest, position);
        },
        delete: async (position) => {
          db.prepare('DELETE FROM events WHERE global_position = ?').run(position);
        },
        swap: async (a, b) => {
          db.transaction(() => {
            db.prepare('UPDATE events SET global_position = -1 WHERE global_position = ?').run(a);
            db.prepare('UPDATE events SET global_position = ? WHERE global_position = ?').run(a, b);
            db.prepare('UPDATE events SET global_position = ? WHERE global_position = -1').run(b);
          })();
        },
        truncateAfter: async (position) => {
          db.prepare('DELETE FROM events WHERE global_position > ?').run(position);
          // And the subtrees over the removed events: those ending after the position.
          db.prepare('DELETE FROM merkle_nodes WHERE (idx + 1) * (1 << level) > ?').run(position);
        },
        replaceMerkleNodes: async (nodes) => {
          db.transaction(() => {
            db.prepare('DELETE FROM merkle_nodes').run();
            const insert = db.prepare('INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)');
            for (const n of nodes) insert.run(n.level, n.index, n.hash);
          })();
        },
      },
      close: async () => {
        db.close();
        await store.close();
      },
    };
  },
});
