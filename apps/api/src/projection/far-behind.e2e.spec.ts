import { join } from 'node:path';
import { type EventStore, PostgresEventStore, SqliteEventStore } from '@auxledger/event-store';
import { generateHistory, loadRegionOrgans } from '@auxledger/history';
import { type GenerationInfo, PostgresReadModelStore, Projector, type ReadModelStore, type Row, SqliteReadModelStore } from '@auxledger/projection-engine';
import { ALL_READ_MODELS } from '@auxledger/read-models';
import { createTestDatabase, describeWithPostgres } from '@auxledger/test-support';
import type { ReadModelsConfig, StoreConfig } from '../config/api-config';
import { type Api, readSideFor, startApi, tempDir } from '../testing/api-fixture';
import { EmbeddedProjector } from './embedded-projector';
import { PROJECTOR_NAME } from './read-model-store';

/**
 * The embedded projector started far behind a log of some thousands of
 * events (AUXLEDGER_PROJECTOR_REBUILD_BEHIND set low): it rebuilds the read
 * models on a worker thread while the API answers — liveness, readiness
 * saying the read side is behind, commands — then catches up what came
 * since and follows; its read models equal a plain catch-up's of the same
 * log. Stopped while the thread builds, the API closes, leaving the building
 * generation, which the next start drops and builds again.
 */
function farBehindSuite(name: string, setup: (dir: string) => Promise<{ store: StoreConfig; events: EventStore }>): void {
  describe(`a first start far behind the log (${name})`, () => {
    const tmp = tempDir('auxledger-far-behind-');
    let store: StoreConfig;
    let readModels: ReadModelsConfig;
    /** The read models as another process sees them. */
    let observer: ReadModelStore;
    /** The building generation the stopped start left. */
    let stopped: Array<Pick<GenerationInfo, 'generation' | 'status' | 'position'>> = [];

    beforeAll(async () => {
      const made = await setup(tmp.dir);
      store = made.store;
      readModels = readSideFor(store).store;
      // Long enough that the thread's first pass takes a while (some 20 000 positions).
      await generateHistory(made.events, { seed: 3, events: 12_000, organs: loadRegionOrgans() });
      await made.events.close();
      observer = await openReadModels();
    }, 300_000);
    afterAll(async () => {
      await observer?.close();
      tmp.remove();
    });

    const start = () => startApi(store, { readSide: { ...readSideFor(store), rebuildBehind: 500 } });
    const openReadModels = async (): Promise<ReadModelStore> =>
      readModels.kind === 'sqlite' ? new SqliteReadModelStore({ path: readModels.path }) : PostgresReadModelStore.open({ connectionString: readModels.url, schema: readModels.schema });
    const generations = async (): Promise<Array<Pick<GenerationInfo, 'generation' | 'status' | 'position'>>> =>
      (await observer.generations(PROJECTOR_NAME)).map(({ generation, status, position }) => ({ generation, status, position }));
    /** Until the projector is rebuilding on its thread (it must start in `rebuilding`: a catch-up in slices fails the test). */
    const rebuilding = async (api: Api) => {
      const projector = api.app.get(EmbeddedProjector);
      const live = async () => (await generations()).find((g) => g.status === 'live')?.position ?? 0;
      while ((projector.state === 'starting' || projector.state === 'running') && (await live()) === 0) await pause(10);
      expect(projector.state).toBe('rebuilding');
      return projector;
    };

    it('is stopped cleanly while its thread builds: the building generation is left, the live one untouched', async () => {
      const api = await start();
      await rebuilding(api);
      // The thread has made its generation and written some of it.
      const projector = api.app.get(EmbeddedProjector);
      while (projector.state === 'rebuilding' && !(await generations()).some((g) => g.status === 'building' && g.position > 0)) await pause(10);
      expect(projector.state).toBe('rebuilding');
      await api.close();
      expect(api.app.get(EmbeddedProjector).state).toBe('stopped');
      const left = await generations();
      expect(left.filter((g) => g.status === 'live')).toEqual([{ generation: 1, status: 'live', position: 0 }]);
      expect(left.filter((g) => g.status === 'building')).toHaveLength(1);
      stopped = left.filter((g) => g.status === 'building');
    }, 120_000);

    it('rebuilds on its thread while the API answers, catches up what came meanwhile, follows, and equals a plain catch-up', async () => {
      const api = await start();
      try {
        const projector = await rebuilding(api);
        // Meanwhile: live, not ready (the read models are behind, and say why), and commands are taken.
        await api.get('/health', null).expect(200, { status: 'ok' });
        const ready = await api.get('/health/ready', null).expect(503);
        expect(ready.body.error.details.error.readModels).toMatchObject({ status: 'down', projector: 'rebuilding', position: 0 });
        expect(ready.body.error.details.error.readModels.lag).toBeGreaterThan(1000);
        await api
          .post('/api/commands/register-organ', { organId: 'far-behind-1', name: '追赶测试派出所', level: 'COUNTY', kind: 'PUBLIC_SECURITY', parentId: 'hohhot', effectiveDate: '2024-09-02' })
          .expect(201);
        const head = await api.logHead();
        const organs = await api.get(`/api/organs?minPosition=${head}`).expect(200);
        expect(JSON.stringify(organs.body)).toContain('far-behind-1');
        // The thread ends just after its switch (its connections closed).
        while (projector.state === 'rebuilding') await Promise.race([projector.nextChange(), pause(20)]);
        expect(projector.state).toBe('running');
        await api.get('/health/ready', null).expect(200);
        // One live generation, at the head: the empty first one retired and dropped at the switch. The building one the
        // stopped start left is dropped by the store once its lease has run out, or at once (`dropGenerations`): none other.
        const now = await generations();
        expect(now.filter((g) => g.status === 'live')).toEqual([{ generation: expect.any(Number), status: 'live', position: head }]);
        expect(now.filter((g) => g.status !== 'live')).toEqual(now.some((g) => g.status === 'building') ? stopped : []);
        // Following: a command after the switch is projected once.
        await api
          .post('/api/commands/register-organ', { organId: 'far-behind-2', name: '追赶测试派出所二', level: 'COUNTY', kind: 'PUBLIC_SECURITY', parentId: 'hohhot', effectiveDate: '2024-09-02' })
          .expect(201);
        await api.get(`/api/organs?minPosition=${await api.logHead()}`).expect(200);
      } finally {
        await api.close();
      }
      expect(await snapshotOf(openReadModels)).toEqual(await plainCatchUp(store, tmp.dir));
    }, 300_000);
  });
}

/** Every read model's rows, model by model. */
async function snapshotOf(open: () => Promise<ReadModelStore>): Promise<Map<string, Row[]>> {
  const rm = await open();
  try {
    const out = new Map<string, Row[]>();
    for (const model of ALL_READ_MODELS) out.set(model.name, await rm.list(model));
    return out;
  } finally {
    await rm.close();
  }
}

/** The same log caught up in full batches on this thread, as `auxledger project` does, into read models of its own. */
async function plainCatchUp(store: StoreConfig, dir: string): Promise<Map<string, Row[]>> {
  const events: EventStore = store.kind === 'sqlite' ? new SqliteEventStore({ path: store.path }) : await PostgresEventStore.open({ connectionString: (store as { url: string }).url });
  const open = async (): Promise<ReadModelStore> =>
    store.kind === 'sqlite' ? new SqliteReadModelStore({ path: join(dir, 'plain.read-models.db') }) : PostgresReadModelStore.open({ connectionString: (store as { url: string }).url, schema: 'plain_read_models' });
  const rm = await open();
  try {
    const projector = new Projector({ name: PROJECTOR_NAME, models: ALL_READ_MODELS, events, store: rm, sliceMs: 0 });
    await projector.open();
    await projector.catchUp();
  } finally {
    await rm.close();
    await events.close();
  }
  return snapshotOf(open);
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

farBehindSuite('SQLite', async (dir) => {
  const path = join(dir, 'records.db');
  return { store: { kind: 'sqlite', path }, events: new SqliteEventStore({ path }) };
});

describeWithPostgres('PostgreSQL', () => {
  farBehindSuite('PostgreSQL', async () => {
    const url = await createTestDatabase('far_behind');
    return { store: { kind: 'postgres', url }, events: await PostgresEventStore.open({ connectionString: url }) };
  });
});
