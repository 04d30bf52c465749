import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@auxledger/event-store';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import { PostgresReadModelStore, Projector, type ReadModelStore, SqliteReadModelStore } from '@auxledger/projection-engine';
import { auditTrailPage } from './audit-trail';
import { ALL_READ_MODELS } from './index';
import { buildWorld } from './testing/world';

/**
 * The audit trail's filters all apply together — above all `organ` with
 * `auxiliary` or `personKey`: an auditor reading one person's trail within an
 * organ gets that person's rows only, not every auxiliary of the organ.
 * (The world: aux-a serves xincheng, aux-b the police station under it.)
 */
function auditFilterSuite(name: string, open: () => Promise<ReadModelStore>): void {
  describe(`audit trail filters on ${name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'auxledger-audit-filters-'));
    let store: ReadModelStore;
    const closers: Array<() => Promise<void>> = [];

    beforeAll(async () => {
      const events = new SqliteEventStore({ path: join(dir, 'events.db') });
      store = await open();
      closers.push(() => events.close(), () => store.close());
      await buildWorld(events);
      const projector = new Projector({ name: 'auxledger', models: ALL_READ_MODELS, events, store, batchSize: 50 });
      await projector.open();
      await projector.catchUp();
    });
    afterAll(async () => {
      for (const close of closers.reverse()) await close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    });

    it('organ (with its subtree) and auxiliary: only that auxiliary’s rows', async () => {
      const both = await auditTrailPage(store, { organId: 'xincheng', includeSubtree: true, auxiliaryId: 'aux-b', limit: 1000 });
      expect(both.entries.length).toBeGreaterThan(0);
      expect(new Set(both.entries.map((e) => e.auxiliary_id))).toEqual(new Set(['aux-b']));
      const alone = await auditTrailPage(store, { auxiliaryId: 'aux-b', limit: 1000 });
      // Within the organ's subtree, aux-b's trail is all of aux-b's trail.
      expect(both.entries.map((e) => `${e.global_position}:${e.row_seq}`)).toEqual(alone.entries.map((e) => `${e.global_position}:${e.row_seq}`));
      const aOnly = await auditTrailPage(store, { organId: 'xincheng', includeSubtree: true, auxiliaryId: 'aux-a', limit: 1000 });
      expect(new Set(aOnly.entries.map((e) => e.auxiliary_id))).toEqual(new Set(['aux-a']));
    });

    it('organ and person key: only that person’s rows; an auxiliary outside the organ: none', async () => {
      const person = await auditTrailPage(store, { organId: 'xincheng', includeSubtree: true, personKey: 'pk-aux-a', limit: 1000 });
      expect(person.entries.length).toBeGreaterThan(0);
      expect(new Set(person.entries.map((e) => e.person_key))).toEqual(new Set(['pk-aux-a']));
      // aux-a serves xincheng, not the station below it.
      expect((await auditTrailPage(store, { organId: 'xincheng-pcs', auxiliaryId: 'aux-a', limit: 1000 })).entries).toEqual([]);
    });

    it('organ, auxiliary and command type together', async () => {
      const rows = await auditTrailPage(store, { organId: 'xincheng', includeSubtree: true, auxiliaryId: 'aux-a', commandType: 'Promote', limit: 1000 });
      expect(rows.entries.length).toBeGreaterThan(0);
      expect(rows.entries.every((e) => e.auxiliary_id === 'aux-a' && e.command_type === 'Promote')).toBe(true);
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'auxledger-audit-filters-rm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
auditFilterSuite('SQLite', async () => new SqliteReadModelStore({ path: join(dir, 'read-models.db') }));
describeWithPostgres('PostgreSQL', () => {
  auditFilterSuite('PostgreSQL', async () => PostgresReadModelStore.open({ connectionString: await createTestDatabase('audit_filters'), schema: 'rm_audit_filters', poolSize: 2 }));
});
