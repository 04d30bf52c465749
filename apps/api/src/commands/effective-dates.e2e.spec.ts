import { join } from 'node:path';
import type { StoreConfig } from '../config/api-config';
import { type Api, MovableClock, hireBody, organTree, passedApplication, startApi, tempDir, writePayStandards } from '../testing/api-fixture';

/**
 * Effective dates have bounds (issue: a duty typed as effective in 2099 was
 * accepted, and then blocked a lawful termination for good, since the log
 * cannot be edited): a record of what happened cannot be dated after the day
 * it is recorded; what takes effect may be dated ahead by at most the horizon
 * (parameter record.effectiveDateHorizonDays, 366 days by default).
 */
describe('the bounds of effective dates through the API (recorded on 2025-03-01 in China)', () => {
  const tmp = tempDir('auxledger-dates-');
  const clock = new MovableClock();
  let api: Api;

  beforeAll(async () => {
    const store: StoreConfig = { kind: 'sqlite', path: join(tmp.dir, 'records.db') };
    api = await startApi(store, { parametersFile: writePayStandards(tmp.dir) }, { clock });
    await organTree(api);
    await passedApplication(api.store, 'app-1', 'pk-1');
    await api.post('/api/commands/hire', hireBody('aux-1', 'app-1', 'pk-1', 'xincheng')).expect(201);
    clock.set('2025-03-01T02:00:00Z');
    await api.post('/api/commands/record-training', { auxiliaryId: 'aux-1', trainingId: 't-1', kind: 'PRE_JOB', topics: ['POLITICS', 'LAW'], completedOn: '2025-01-20', outcome: 'PASSED', effectiveDate: '2025-01-20' }).expect(201);
  });
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it('a duty effective in 2099 answers 400 EFFECTIVE_DATE_BEYOND_HORIZON in both languages, naming the parameter, and writes nothing', async () => {
    const head = await api.logHead();
    const res = await api.post('/api/commands/assign-duty', { auxiliaryId: 'aux-1', assignmentId: 'asg-2099', dutyCodes: ['ENF_TRAFFIC'], leadingOfficerIds: ['PO-1'], effectiveDate: '2099-03-01' }).expect(400);
    expect(res.body.error).toMatchObject({
      code: 'EFFECTIVE_DATE_BEYOND_HORIZON',
      message: { zh: expect.stringContaining('2099-03-01'), en: expect.stringContaining('366 days') },
      details: { latest: '2026-03-02', parameter: { key: 'record.effectiveDateHorizonDays', isDefault: true } },
    });
    expect(await api.logHead()).toBe(head);
  });

  it('a duty on the last day of the horizon (366 days ahead) passes the bound and is judged by the regulation', async () => {
    const res = await api.post('/api/commands/assign-duty', { auxiliaryId: 'aux-1', assignmentId: 'asg-next', dutyCodes: ['ENF_TRAFFIC'], leadingOfficerIds: ['PO-1'], effectiveDate: '2026-03-02' });
    expect(res.status === 201 || res.body.error?.code === 'REFUSED_BY_STATUTE').toBe(true);
  });

  it('a training recorded as completed tomorrow answers 400 EFFECTIVE_DATE_IN_FUTURE and writes nothing; dated today it is recorded', async () => {
    const head = await api.logHead();
    const training = { auxiliaryId: 'aux-1', trainingId: 't-2', kind: 'ANNUAL', year: 2025, topics: ['LAW'], completedOn: '2025-03-02', outcome: 'PASSED', effectiveDate: '2025-03-02' };
    const res = await api.post('/api/commands/record-training', training).expect(400);
    expect(res.body.error).toMatchObject({ code: 'EFFECTIVE_DATE_IN_FUTURE', message: { zh: expect.stringContaining('2025-03-01'), en: expect.stringContaining('2025-03-01') } });
    expect(await api.logHead()).toBe(head);
    await api.post('/api/commands/record-training', { ...training, completedOn: '2025-03-01', effectiveDate: '2025-03-01' }).expect(201);
  });
});
