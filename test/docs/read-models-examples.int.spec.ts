import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { SqliteEventStore } from '@auxledger/event-store';
import { generateHistory, loadRegionOrgans } from '@auxledger/history';
import { PostgresReadModelStore, Projector, type ReadModelStore, SqliteReadModelStore } from '@auxledger/projection-engine';
import { ALL_READ_MODELS } from '@auxledger/read-models';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';

/**
 * Every ```sql block of docs/read-models.md runs as written — on SQLite and on PostgreSQL — against read models
 * projected from a generated region, and answers rows: a reporting tool can copy them.
 */
const DOC = resolve(__dirname, '..', '..', 'docs', 'read-models.md');
const PARAMS = { d: '2025-12-31', k: '2026-06-30T00:00:00.000Z', organ: 'nmg' } as const;

function sqlExamples(markdown: string): string[] {
  return [...markdown.matchAll(/```sql\n([\s\S]*?)```/g)].map((m) => (m[1] as string).trim());
}

/** `:name` → `$n` for PostgreSQL, in order of first use. */
function numbered(sql: string): { text: string; values: string[] } {
  const names: string[] = [];
  const text = sql.replace(/(?<!:):([a-z]+)\b/g, (_, name: string) => {
    if (!names.includes(name)) names.push(name);
    return `$${names.indexOf(name) + 1}`;
  });
  return { text, values: names.map((n) => PARAMS[n as keyof typeof PARAMS]) };
}

const examples = sqlExamples(readFileSync(DOC, 'utf8'));
const dir = mkdtempSync(join(tmpdir(), 'auxledger-docs-'));
const log = join(dir, 'records.db');
let generated: Promise<void> | undefined;

async function project(store: ReadModelStore): Promise<void> {
  await (generated ??= (async () => {
    const events = new SqliteEventStore({ path: log });
    await generateHistory(events, { seed: 11, events: 2500, headcount: 60, organs: loadRegionOrgans() });
    await events.close();
  })());
  const events = new SqliteEventStore({ path: log });
  const projector = new Projector({ name: 'docs', models: ALL_READ_MODELS, events, store, sliceMs: 0 });
  await projector.open();
  await projector.catchUp();
  await store.close();
  await events.close();
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('docs/read-models.md: every example query', () => {
  it('the file has the examples (a heading and its blocks did not go missing)', () => {
    expect(examples.length).toBeGreaterThanOrEqual(8);
    expect(examples.filter((sql) => /FROM roster\b/.test(sql)).length).toBeGreaterThanOrEqual(2);
  });

  it('runs on SQLite and answers rows', async () => {
    const path = join(dir, 'read-models.db');
    await project(new SqliteReadModelStore({ path }));
    const db = new Database(path, { readonly: true });
    try {
      for (const sql of examples) {
        const statement = db.prepare(sql);
        const used = Object.fromEntries(Object.entries(PARAMS).filter(([name]) => new RegExp(`(?<!:):${name}\\b`).test(sql)));
        expect([sql, statement.all(used).length > 0]).toEqual([sql, true]);
      }
    } finally {
      db.close();
    }
  }, 180_000);
});

describeWithPostgres('docs/read-models.md on PostgreSQL', () => {
  it('every example runs on PostgreSQL (search_path = the schema) and answers rows', async () => {
    const url = await createTestDatabase('docs_examples');
    await project(await PostgresReadModelStore.open({ connectionString: url, schema: 'read_models' }));
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('SET search_path TO read_models');
      for (const sql of examples) {
        const { text, values } = numbered(sql);
        const rows = (await client.query(text, values)).rows;
        expect([sql, rows.length > 0]).toEqual([sql, true]);
      }
    } finally {
      await client.end();
    }
  }, 180_000);
});
