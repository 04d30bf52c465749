import { type Api, organTree, startApi, tempDir, writePayStandards } from '../../testing/api-fixture';

/**
 * Staff who served before the record began, through HTTP (issue 11 item 8):
 * POST /api/commands/record-existing-service records a service hired in 2016
 * as found — no application, no Art. 20 history — and it shows migrated on
 * the roster, the person file and its timeline; supervision lists what the
 * person still lacks under today's rules; a hire after the organ's record
 * began is refused with EXISTING-SERVICE (Art. 17), bilingual.
 */
describe('RecordExistingService through the API (SQLite)', () => {
  const tmp = tempDir('auxledger-existing-');
  let api: Api;
  const body = (auxiliaryId: string, personKey: string, over: Record<string, unknown> = {}) => ({
    auxiliaryId, personKey, usingOrganId: 'xincheng', category: 'DUTY', hiredOn: '2016-03-01', level: 'L2', effectiveDate: '2024-10-08',
    pay: { locality: 'hohhot', monthlyBaseFen: 430000 },
    contract: { contractId: `c-${auxiliaryId}`, kind: 'FIXED_TERM', startDate: '2022-03-01', endDate: '2025-02-28', probationLastDay: null, clauses: ['DUTIES', 'TERM', 'PAY'] },
    probationCompletedOn: null, trainings: [], insurance: [{ kinds: ['PENSION', 'MEDICAL'], enrolledOn: '2016-04-01', reference: '社保2016-118' }],
    sourceRef: '新城分局辅警档案2016-031',
    ...over,
  });

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: `${tmp.dir}/records.db` }, { parametersFile: writePayStandards(tmp.dir) });
    await organTree(api);
  }, 60_000);
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it('201: the service, its insurance on file, the person\'s contract and the quota place, in one append', async () => {
    const res = await api.post('/api/commands/record-existing-service', body('aux-m1', 'pk-m1')).expect(201);
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['AuxiliaryHired', 'InsuranceEnrolled', 'PersonContractStarted', 'QuotaPlaceTaken']);
  });

  it('shows migrated on the roster, the person file and its timeline', async () => {
    const head = await api.logHead();
    const roster = await api.get(`/api/roster?organ=xincheng&asOf=2024-11-01&minPosition=${head}`).expect(200);
    expect(roster.body.entries).toEqual([expect.objectContaining({ auxiliary_id: 'aux-m1', hired_on: '2016-03-01', migrated_from: '2024-10-08', status: 'ACTIVE' })]);
    const file = await api.get(`/api/people/aux-m1?asOf=2024-11-01&minPosition=${head}`).expect(200);
    expect(file.body.state).toMatchObject({ migrated_from: '2024-10-08', migration_source_ref: '新城分局辅警档案2016-031', application_id: '', insurance: ['MEDICAL', 'PENSION'] });
    expect(file.body.timeline[0]).toMatchObject({ event_type: 'AuxiliaryHired', summary_zh: expect.stringContaining('迁移'), summary_en: expect.stringContaining('migrated') });
  });

  it('supervision lists what such a person still lacks under today\'s rules: no pre-job training (Art. 35 ¶2), missing insurance kinds (Art. 28)', async () => {
    const head = await api.logHead();
    const res = await api.get(`/api/supervision?organ=xincheng&asOf=2024-11-01&minPosition=${head}`).expect(200);
    const kinds = (res.body.findings as Array<{ kind: string; subject: { id: string } }>).filter((f) => f.subject.id === 'aux-m1').map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['PRE_JOB_TRAINING_MISSING', 'INSURANCE_MISSING']));
  });

  it('CONTRACT_EXPIRED (Art. 24): after the last day of the contract on file, with no renewal, supervision says so; GET /api/catalog words the kind', async () => {
    const head = await api.logHead();
    const kindsOn = async (asOf: string) =>
      ((await api.get(`/api/supervision?organ=xincheng&asOf=${asOf}&kind=CONTRACT_EXPIRED&minPosition=${head}`).expect(200)).body.findings as Array<{ subject: { id: string }; since: string; citation: { zh: string }; details: { migrated: boolean } }>).filter((f) => f.subject.id === 'aux-m1');
    expect(await kindsOn('2025-02-28')).toEqual([]);
    expect(await kindsOn('2025-03-10')).toEqual([expect.objectContaining({ since: '2025-02-28', citation: expect.objectContaining({ zh: expect.stringContaining('第二十四条') }), details: expect.objectContaining({ migrated: true }) })]);
    const catalog = await api.get('/api/catalog').expect(200);
    expect(catalog.body.findingKinds.CONTRACT_EXPIRED).toMatchObject({ label: { zh: expect.stringContaining('劳动合同'), en: expect.stringContaining('Contract expired') } });
  });

  it('422 EXISTING-SERVICE (Art. 17): hired after the regulation and the organ\'s record began — that is a hire through recruitment; PERSON-UNIQUE for a person already serving', async () => {
    const late = await api.post('/api/commands/record-existing-service', body('aux-m2', 'pk-m2', { hiredOn: '2024-09-15', contract: { contractId: 'c-m2', kind: 'OPEN_ENDED', startDate: '2024-09-15', endDate: null, probationLastDay: null, clauses: [] } })).expect(422);
    expect(JSON.stringify(late.body)).toContain('EXISTING-SERVICE');
    expect(JSON.stringify(late.body)).toContain('第十七条');
    const twice = await api.post('/api/commands/record-existing-service', body('aux-m3', 'pk-m1')).expect(422);
    expect(JSON.stringify(twice.body)).toContain('PERSON-UNIQUE');
  });

  it('400 for a malformed body, in both languages; the command is in the catalog (a form in the workbench)', async () => {
    const bad = await api.post('/api/commands/record-existing-service', body('aux-m4', 'pk-m4', { hiredOn: '2016-13-40' })).expect(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: { zh: expect.any(String), en: expect.any(String) } });
    const catalog = await api.get('/api/catalog/commands').expect(200);
    expect(catalog.body.commands.find((c: { commandType: string }) => c.commandType === 'RecordExistingService')).toMatchObject({ path: '/api/commands/record-existing-service', group: 'onboarding' });
  });
});
