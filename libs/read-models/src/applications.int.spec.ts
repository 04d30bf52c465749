import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type DomainEvent, applicationRegistered, examsPassed, fineImposed, finePaid, medicalExaminationPassed, qualificationReviewPassed, recruitmentStageFailed,
} from '@auxledger/domain';
import { SqliteEventStore } from '@auxledger/event-store';
import { pastEvents } from '@auxledger/event-store/testing';
import { Projector, SqliteReadModelStore } from '@auxledger/projection-engine';
import { applications, applicationsOf } from './applications';
import { fines, finesOf } from './fines';
import { streamIndex, streamsOf } from './streams';

/**
 * The application model is bitemporal: a stage recorded late shows from its
 * effective date, and "as known at" an instant before it was recorded the
 * board shows the earlier stage. The organ is the targeted opening's, else
 * the plan's only opening organ. Fines and the stream index beside it.
 */
const dir = mkdtempSync(join(tmpdir(), 'auxledger-applications-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const registered = (applicationId: string, extra: Partial<Parameters<typeof applicationRegistered>[0]> = {}) =>
  applicationRegistered({
    applicationId, planId: 'plan-1', personKey: `pk-${applicationId}`,
    applicant: { birthDate: '2000-05-17', nationality: 'CN', education: 'JUNIOR_COLLEGE', educationRelaxation: null },
    preferenceCategories: [], targetedOpeningId: null, targetedOrganId: null, openingOrganIds: ['xincheng'],
    recruitingOrganId: 'hohhot', recruitingOrganLevel: 'CITY', announcedOn: '2024-10-01', postConditions: [], ...extra,
  });
const reviewed = (applicationId: string) =>
  qualificationReviewPassed({
    applicationId, clearedFindings: [], postConditionsMet: [], serviceRecordsChecked: 0,
    politicalAttestation: { conclusion: 'MEETS', attestedBy: 'r-1', attestedOn: '2024-10-20', materialRefs: [] },
  });

describe('the application, fine and stream_index read models (SQLite)', () => {
  let store: SqliteReadModelStore;
  let events: SqliteEventStore;

  beforeAll(async () => {
    events = new SqliteEventStore({ path: join(dir, 'events.db') });
    const a: Array<[string, DomainEvent]> = [
      ['2024-10-10', registered('app-a')],
      ['2024-10-20', reviewed('app-a')],
      ['2024-11-01', examsPassed({ applicationId: 'app-a', scores: { written: 80, physical: 80, interview: 80, total: 80 } })],
      ['2024-12-05', medicalExaminationPassed({ applicationId: 'app-a', reportRef: 'MED-1' })],
    ];
    const recorded = pastEvents(a);
    // The exams of 1 November were recorded on 1 December.
    const exams = recorded[2];
    if (!exams) throw new Error('fixture');
    exams.metadata = { ...exams.metadata, recordedAt: '2024-12-01T08:00:00.000Z' };
    await events.appendToStream('application-app-a', recorded, 'no_stream');
    await events.appendToStream('application-app-b', pastEvents([
      ['2024-10-11', registered('app-b')],
      ['2024-10-15', recruitmentStageFailed({ applicationId: 'app-b', stage: 2, reason: 'WITHDRAWN', reasonRef: null })],
    ]), 'no_stream');
    await events.appendToStream('application-app-c', pastEvents([
      ['2024-10-12', registered('app-c', { targetedOpeningId: 'open-2', targetedOrganId: 'saihan', openingOrganIds: ['xincheng', 'saihan'] })],
    ]), 'no_stream');
    await events.appendToStream('fine-f-1', pastEvents([
      ['2025-03-01', fineImposed({ fineId: 'f-1', decidingOrganId: 'xincheng', partyKey: 'party-1', decisionNumber: 'D-1', conduct: 'HOLD', item: 'UNIFORM', confiscated: true, amountFen: 80_000, illegalIncomeFen: null })],
      ['2025-03-05', finePaid({ fineId: 'f-1', amountFen: 80_000, receiptRef: 'R-1' })],
    ]), 'no_stream');
    store = new SqliteReadModelStore({ path: join(dir, 'read-models.db') });
    const projector = new Projector({ name: 'lists', models: [applications, fines, streamIndex], events, store });
    await projector.open();
    await projector.catchUp();
  });
  afterAll(async () => {
    await store.close();
    await events.close();
  });

  it('a stage recorded late shows from its effective date; as known before it was recorded, the earlier stage', async () => {
    const now = await applicationsOf(store, 'xincheng', { asOf: '2024-11-05', includeSubtree: false });
    expect(now.map((r) => [r.application_id, r.stage, r.next_step])).toEqual([['app-a', 'EXAMS', 'MEDICAL'], ['app-b', 'WITHDRAWN', null]]);
    const then = await applicationsOf(store, 'xincheng', { asOf: '2024-11-05', knownAt: '2024-11-15T00:00:00.000Z', includeSubtree: false });
    expect(then.find((r) => r.application_id === 'app-a')).toMatchObject({ stage: 'QUALIFICATION_REVIEW', exams_on: null, next_step: 'EXAMS' });
    const later = await applicationsOf(store, 'xincheng', { asOf: '2024-12-06', includeSubtree: false });
    expect(later.find((r) => r.application_id === 'app-a')).toMatchObject({ stage: 'MEDICAL', exams_on: '2024-11-01', medical_on: '2024-12-05', person_key: 'pk-app-a' });
    expect(later.find((r) => r.application_id === 'app-b')).toMatchObject({ failed_stage: 2, failure_reason: 'WITHDRAWN', failed_on: '2024-10-15' });
  });

  it('an application is its targeted opening’s organ’s; the plan filter narrows', async () => {
    expect((await applicationsOf(store, 'saihan', { asOf: '2024-12-06', includeSubtree: false })).map((r) => r.application_id)).toEqual(['app-c']);
    expect(await applicationsOf(store, 'xincheng', { asOf: '2024-12-06', includeSubtree: false, planId: 'plan-2' })).toEqual([]);
    expect(await applicationsOf(store, 'xincheng', { asOf: '2024-10-09', includeSubtree: false })).toEqual([]);
  });

  it('fines by deciding organ as of a date, no party kept; every stream indexed with its count and last event', async () => {
    expect((await finesOf(store, 'xincheng', { asOf: '2025-03-02', includeSubtree: false })).map((r) => r.status)).toEqual(['IMPOSED']);
    const paid = await finesOf(store, 'xincheng', { asOf: '2025-03-05', includeSubtree: false });
    expect(paid[0]).toMatchObject({ status: 'PAID', paid_on: '2025-03-05', amount_fen: 80_000 });
    expect(JSON.stringify(paid)).not.toContain('party-1');
    const streams = await streamsOf(store, { prefix: 'application-', limit: 10 });
    expect(streams.map((s) => [s.stream_id, s.events, s.last_type])).toEqual([
      ['application-app-a', 4, 'MedicalExaminationPassed'], ['application-app-b', 2, 'RecruitmentStageFailed'], ['application-app-c', 1, 'ApplicationRegistered'],
    ]);
    expect((await streamsOf(store, { prefix: 'application-', after: 'application-app-a', limit: 1 })).map((s) => s.stream_id)).toEqual(['application-app-b']);
    expect((await streamsOf(store, { limit: 10 })).map((s) => s.stream_type).sort()).toEqual(['application', 'application', 'application', 'fine']);
  });
});
