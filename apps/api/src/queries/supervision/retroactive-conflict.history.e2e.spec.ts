import { join } from 'node:path';
import { Auxiliary, envelopeOf, fold, retroactiveConflicts } from '@auxledger/domain';
import { SqliteEventStore } from '@auxledger/event-store';
import { generateHistory, loadRegionOrgans } from '@auxledger/history';
import { REGISTRY } from '@auxledger/statute';
import { type Api, startApi, tempDir } from '../../testing/api-fixture';

type Finding = { kind: string; ruleId: string; subject: { id: string }; details: { later: { index: number; type: string }; backdated: Array<{ index: number; type: string }>; violations: Array<{ ruleId: string }> } };

/**
 * The demo region's history has a warning recorded weeks after a promotion
 * and effective before it (libs/history: one promotion in 25); GET
 * /api/supervision shows the promotion as a RETROACTIVE_CONFLICT, and every
 * such finding is what the domain's retroactiveConflicts says of the stream.
 */
describe('RETROACTIVE_CONFLICT on a generated history', () => {
  const tmp = tempDir('auxledger-retroactive-history-');
  let api: Api;
  let store: SqliteEventStore;

  beforeAll(async () => {
    const path = join(tmp.dir, 'records.db');
    store = new SqliteEventStore({ path });
    await generateHistory(store, { seed: 11, events: 8000, organs: loadRegionOrgans() });
    await store.close();
    api = await startApi({ kind: 'sqlite', path });
    // The embedded projector catches up on its own; a read waits for it a while at a time (409 PROJECTION_BEHIND meanwhile).
    const head = await api.logHead();
    for (let tries = 0; (await api.get(`/api/organs?minPosition=${head}`)).status !== 200; tries++) if (tries > 60) throw new Error('the projector did not catch up');
    store = new SqliteEventStore({ path });
  }, 300_000);
  afterAll(async () => {
    await api.close();
    await store.close();
    tmp.remove();
  });

  it('the region shows a promotion made unlawful by a warning recorded after it, citing LEVEL-PROMOTE; each finding is the domain\'s judgement of the stream', async () => {
    // After the history's last day: every conflict it holds.
    const findings = (await api.get('/api/supervision?organ=nmg&kind=RETROACTIVE_CONFLICT&asOf=2029-12-31').expect(200)).body.findings as Finding[];
    const late = findings.filter((f) => f.details.later.type === 'AuxiliaryPromoted' && f.details.backdated.some((b) => b.type === 'DisciplineDecided'));
    expect(late.length).toBeGreaterThan(0);
    expect(late[0]?.details.violations.map((v) => v.ruleId)).toContain('LEVEL-PROMOTE');
    for (const id of new Set(findings.map((f) => f.subject.id))) {
      const domain = retroactiveConflicts(fold(Auxiliary, (await store.readStream(`auxiliary-${id}`)).map((e) => envelopeOf(e) as never)), REGISTRY);
      const mine = findings.filter((f) => f.subject.id === id).map((f) => [f.details.later.index, f.details.backdated.map((b) => b.index)]);
      expect(mine).toEqual(domain.map((c) => [c.later.index, c.backdated.map((b) => b.index)]));
    }
  });
});
