import { join } from 'node:path';
import { SqliteEventStore } from '@auxledger/event-store';
import { generateHistory, loadRegionOrgans } from '@auxledger/history';
import { type Api, startApi, tempDir } from '../../testing/api-fixture';

type Finding = { kind: string; ruleId: string | null; subject: { id: string }; citation: { zh: string; en: string } };

/**
 * The demo region (libs/history with `migratedOrgan`, as `npm run demo` sets
 * it) has a migrated organ of pre-2024 staff (issue 11 item 8): through the
 * API its auxiliaries show migrated on the roster and in their files, hired
 * before 2024-09-01 with no application, and supervision lists what they
 * still lack under today's rules (pre-job training, insurance), with citations.
 */
describe('a migrated organ of pre-2024 staff on a generated history', () => {
  const tmp = tempDir('auxledger-migrated-history-');
  let api: Api;
  // The first city's 看守所 (libs/history/src/migrated-organ.ts).
  const ORGAN = 'hohhot-kss';

  beforeAll(async () => {
    const path = join(tmp.dir, 'records.db');
    const store = new SqliteEventStore({ path });
    await generateHistory(store, { seed: 5, events: 1500, organs: loadRegionOrgans(), migratedOrgan: true });
    await store.close();
    api = await startApi({ kind: 'sqlite', path });
    const head = await api.logHead();
    for (let tries = 0; (await api.get(`/api/organs?minPosition=${head}`)).status !== 200; tries++) if (tries > 60) throw new Error('the projector did not catch up');
  }, 300_000);
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it('its staff show migrated on the roster and in the person file: hired before the regulation, no application', async () => {
    const roster = (await api.get(`/api/roster?organ=${ORGAN}&asOf=2024-10-01`).expect(200)).body.entries as Array<{ auxiliary_id: string; hired_on: string; migrated_from: string | null }>;
    expect(roster.length).toBe(8);
    for (const r of roster) {
      expect(r.migrated_from).toBe('2024-09-03');
      expect(r.hired_on < '2024-09-01').toBe(true);
    }
    const file = (await api.get(`/api/people/${roster[0]?.auxiliary_id}?asOf=2024-10-01`).expect(200)).body;
    expect(file.state).toMatchObject({ application_id: '', migrated_from: '2024-09-03', migration_source_ref: expect.stringContaining('迁移') });
    expect(file.timeline[0].summary_en).toContain('migrated');
    // The audit trail names the command that recorded it.
    const audit = await api.get(`/api/audit?auxiliary=${roster[0]?.auxiliary_id}&commandType=RecordExistingService`).expect(200);
    expect(JSON.stringify(audit.body)).toContain('RecordExistingService');
  });

  it('supervision shows what they still lack under today\'s rules, with citations', async () => {
    const findings = (await api.get(`/api/supervision?organ=${ORGAN}&asOf=2024-10-01`).expect(200)).body.findings as Finding[];
    const kinds = new Set(findings.map((f) => f.kind));
    expect([...kinds]).toEqual(expect.arrayContaining(['PRE_JOB_TRAINING_MISSING', 'INSURANCE_MISSING']));
    expect(findings.find((f) => f.kind === 'PRE_JOB_TRAINING_MISSING')?.citation.zh).toContain('第三十五条');
  });
});
