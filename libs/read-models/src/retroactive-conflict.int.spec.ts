import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CorrectRetroactiveConflict, type Discipline, Auxiliary, correctRetroactiveConflict, discipline, envelopeOf, fold, retroactiveConflicts } from '@auxledger/domain';
import { type EventStore, SqliteEventStore } from '@auxledger/event-store';
import { Projector, type ReadModelStore, SqliteReadModelStore } from '@auxledger/projection-engine';
import { ALL_READ_MODELS } from './index';
import { personFileModel, personTimeline } from './person-file';
import { type RetroactiveConflictRecord, retroactiveConflictModel } from './retroactive-conflict';
import { supervisionFindings } from './supervision';
import { REGISTRY, runCommand } from './testing/commands';
import { PROMOTED_ON, T, buildWorld } from './testing/world';

/**
 * 追溯冲突 in the read models (issue 11 item 6): the world of the read-model
 * suite (aux-a promoted on 2027-01-20, recorded late), then a warning recorded
 * afterwards but effective two days before the promotion — which Art. 36 ¶1
 * (LEVEL-PROMOTE: no promotion in a sanction's period) would have refused.
 * The record keeps both; supervision names the promotion, the warning and the
 * rule, as of any date from the promotion's, and only as known from the
 * warning's recording.
 */

const operator = { id: 'op-xincheng', role: 'operator' as const, organId: 'xincheng' };
const WARNED_ON = '2027-01-18';

describe('retroactive conflicts as supervision findings (SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-retroactive-'));
  let events: EventStore;
  let store: ReadModelStore;
  let projector: Projector;
  let warnedAt: string;

  beforeAll(async () => {
    events = new SqliteEventStore({ path: join(dir, 'events.db') });
    store = new SqliteReadModelStore({ path: join(dir, 'read-models.db') });
    await buildWorld(events);
    projector = new Projector({ name: 'auxledger', models: ALL_READ_MODELS, events, store, batchSize: 7 });
    await projector.open();
    await projector.catchUp();
  }, 60_000);
  afterAll(async () => {
    await store.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const conflictsOf = async (asOf: string) => (await supervisionFindings(store, { organId: 'hohhot', asOf, registry: REGISTRY })).filter((f) => f.kind === 'RETROACTIVE_CONFLICT');

  it('none while the record agrees with itself (a late promotion, a late suspension with no posting after it)', async () => {
    expect(await conflictsOf('2027-03-01')).toEqual([]);
    expect(await store.list(retroactiveConflictModel)).toEqual([]);
  });

  it('a warning recorded after the promotion and effective before it: the promotion is a finding naming both and LEVEL-PROMOTE (Art. 36 ¶1)', async () => {
    warnedAt = T(20);
    const outcome = await runCommand<Discipline, never>(events, discipline as never, 'Discipline', {
      auxiliaryId: 'aux-a', disciplineId: 'd-late', misconduct: 'BEYOND_AUTHORITY', description: '超越权限（不应出现在读模型中）', sanction: 'WARNING', decidingOrganId: 'xincheng', effectiveUntil: null,
    }, { effectiveDate: WARNED_ON, recordedAt: warnedAt, actor: operator });
    expect(outcome.status).toBe('accepted');
    await projector.catchUp();

    const [finding, ...more] = await conflictsOf('2027-03-01');
    expect(more).toEqual([]);
    expect(finding).toMatchObject({
      kind: 'RETROACTIVE_CONFLICT', ruleId: 'LEVEL-PROMOTE', subject: { kind: 'auxiliary', id: 'aux-a' }, organId: 'xincheng', since: PROMOTED_ON, ageDays: 40,
      citation: { zh: expect.stringContaining('第三十六条') },
    });
    const details = finding?.details as unknown as { later: { type: string; effectiveDate: string; commandId: string }; backdated: Array<{ type: string; effectiveDate: string; recordedAt: string }>; violations: Array<{ ruleId: string; citation: { zh: string } }> };
    expect(details.later).toMatchObject({ type: 'AuxiliaryPromoted', effectiveDate: PROMOTED_ON, commandId: expect.any(String) });
    expect(details.backdated).toEqual([expect.objectContaining({ type: 'DisciplineDecided', effectiveDate: WARNED_ON, recordedAt: warnedAt })]);
    expect(details.violations.map((v) => v.ruleId)).toContain('LEVEL-PROMOTE');
    expect(finding?.message.zh).toContain('晋升');
    expect(finding?.message.zh).toContain('处分');
    expect(finding?.message.en).toContain(`the sanction of ${WARNED_ON}`);
    // No free text of the decision in the row.
    expect(JSON.stringify(await store.list(retroactiveConflictModel))).not.toContain('超越权限');
  });

  it('as of a date: not before the promotion took effect; as known: not before the warning was recorded', async () => {
    expect(await conflictsOf('2027-01-19')).toEqual([]);
    expect(await conflictsOf(PROMOTED_ON)).toHaveLength(1);
    expect(await store.asOf(retroactiveConflictModel, '2027-03-01', { knownAt: T(19) })).toEqual([]);
    expect(await store.asOf(retroactiveConflictModel, '2027-03-01', { knownAt: warnedAt })).toHaveLength(1);
  });

  it('the read model says what the domain says of the stream (retroactiveConflicts), and a rebuild says the same', async () => {
    const domain = retroactiveConflicts(fold(Auxiliary, (await events.readStream('auxiliary-aux-a')).map((e) => envelopeOf(e) as never)), REGISTRY);
    const [row] = (await store.asOf(retroactiveConflictModel, '9999-12-30')) as unknown as RetroactiveConflictRecord[];
    expect(row?.conflicts.map((c) => ({ later: c.later.index, backdated: c.backdated.map((b) => b.index), rules: c.violations.map((v) => v.ruleId) }))).toEqual(
      domain.map((c) => ({ later: c.later.index, backdated: c.backdated.map((b) => b.index), rules: c.violations.map((v) => v.ruleId) })),
    );
    await projector.rebuild();
    expect((await conflictsOf('2027-03-01')).map((f) => f.ruleId)).toEqual(['LEVEL-PROMOTE']);
  });

  it("in the using organ's subtree only: the county and the city see it, another city and the police station below do not", async () => {
    const of = async (organId: string, includeSubtree = true) =>
      (await supervisionFindings(store, { organId, asOf: '2027-05-01', includeSubtree, registry: REGISTRY })).filter((f) => f.kind === 'RETROACTIVE_CONFLICT').map((f) => f.subject.id);
    expect(await of('xincheng', false)).toEqual(['aux-a']);
    expect(await of('nmg')).toEqual(['aux-a']);
    expect(await of('baotou')).toEqual([]);
    expect(await of('xincheng-pcs')).toEqual([]);
  });

  it('an organ corrects it (CorrectRetroactiveConflict): gone as of the correction, still there the day before, as known before it too', async () => {
    const [finding] = await conflictsOf('2027-03-01');
    const eventIndex = (finding?.details as { later: { index: number } }).later.index;
    const correctedAt = T(30);
    const outcome = await runCommand<CorrectRetroactiveConflict, never>(events, correctRetroactiveConflict as never, 'CorrectRetroactiveConflict', { auxiliaryId: 'aux-a', eventIndex, decisionRef: '新公纠字〔2027〕1号' }, {
      effectiveDate: '2027-03-10', recordedAt: correctedAt, actor: operator,
    });
    expect(outcome).toMatchObject({ status: 'accepted' });
    await projector.catchUp();
    expect(await conflictsOf('2027-03-10')).toEqual([]);
    expect(await conflictsOf('2027-03-09')).toHaveLength(1);
    expect(await store.asOf(retroactiveConflictModel, '2027-03-10', { knownAt: T(29) })).toHaveLength(1);
    // The promotion revoked: the person file is back at L1 from the correction.
    const [file] = await store.asOf(personFileModel, '2027-03-10', { where: { auxiliary_id: 'aux-a' } });
    expect(file?.level).toBe('L1');
    // The timeline says it in words.
    const timeline = await store.list(personTimeline, { where: { auxiliary_id: 'aux-a', event_type: 'RetroactiveConflictCorrected' } });
    expect(timeline.map((r) => [r.summary_zh, r.summary_en])).toEqual([[expect.stringContaining('纠正追溯冲突：撤销2027-01-20的晋升'), expect.stringContaining('the promotion of 2027-01-20 revoked')]]);
  });
});
