import { type Api, hireBody, keyFor, organTree, passedApplication, startApi, tempDir, writePayStandards } from '../../testing/api-fixture';

/**
 * 追溯冲突 through HTTP (issue 11 item 6): a posting on a matter, then a
 * recusal from that matter recorded after it but effective before it (Art. 39:
 * DUTY-RECUSAL would have refused the posting). GET /api/supervision shows the
 * RETROACTIVE_CONFLICT naming both and the rule; GET /api/catalog words the
 * kind; POST /api/commands/correct-retroactive-conflict revokes the posting
 * and the finding clears from its date — only for an organ holding the record.
 */
describe('RETROACTIVE_CONFLICT through the API (SQLite)', () => {
  const tmp = tempDir('auxledger-retroactive-');
  let api: Api;
  const AUX = 'aux-1';
  const post = (command: string, body: Record<string, unknown>, key?: string) => api.post(`/api/commands/${command}`, { auxiliaryId: AUX, ...body }, key);
  const findings = async (query: string) => {
    const head = await api.logHead();
    const res = await api.get(`/api/supervision?organ=xincheng&kind=RETROACTIVE_CONFLICT&minPosition=${head}${query}`).expect(200);
    return res.body.findings as Array<{ kind: string; ruleId: string; citation: { zh: string; en: string }; subject: { id: string }; message: { zh: string; en: string }; since: string; details: { later: { index: number; type: string; effectiveDate: string; commandId: string }; backdated: Array<{ type: string; effectiveDate: string }>; violations: Array<{ ruleId: string; citation: { zh: string } }> } }>;
  };

  beforeAll(async () => {
    api = await startApi({ kind: 'sqlite', path: `${tmp.dir}/records.db` }, { parametersFile: writePayStandards(tmp.dir) });
    await organTree(api);
    await passedApplication(api.store, 'app-1', 'pk-1');
    await api.post('/api/commands/hire', hireBody(AUX, 'app-1', 'pk-1', 'xincheng')).expect(201);
    await post('enrol-insurance', { kinds: ['PENSION', 'MEDICAL', 'MATERNITY', 'WORK_INJURY', 'UNEMPLOYMENT', 'HOUSING_FUND', 'PERSONAL_ACCIDENT'], reference: 'SI-1', effectiveDate: '2025-01-05' }).expect(201);
    await post('record-training', { trainingId: 'trn-1', kind: 'PRE_JOB', topics: ['POLITICS', 'LAW'], completedOn: '2025-01-10', outcome: 'PASSED', effectiveDate: '2025-01-10' }).expect(201);
    await post('assign-duty', { assignmentId: 'asg-1', dutyCodes: ['SVC_PATROL'], leadingOfficerIds: ['officer-1'], matterId: 'case-1', effectiveDate: '2025-03-01' }).expect(201);
  }, 60_000);
  afterAll(async () => {
    await api.close();
    tmp.remove();
  });

  it('none while the record agrees with itself', async () => {
    expect(await findings('&asOf=2025-03-05')).toEqual([]);
  });

  it('a recusal recorded after the posting, effective before it: the posting is a finding naming both, with DUTY-RECUSAL and its article (Art. 39)', async () => {
    await post('decide-recusal', { recusalId: 'rec-1', matterId: 'case-1', initiatedBy: 'PARTY', granted: true, decidingOrganId: 'xincheng', effectiveDate: '2025-02-20' }).expect(201);
    const [finding, ...more] = await findings('&asOf=2025-03-05');
    expect(more).toEqual([]);
    expect(finding).toMatchObject({ kind: 'RETROACTIVE_CONFLICT', ruleId: 'DUTY-RECUSAL', subject: { id: AUX }, since: '2025-03-01', citation: { zh: expect.stringContaining('第三十九条') } });
    expect(finding?.details.later).toMatchObject({ type: 'DutyAssigned', effectiveDate: '2025-03-01', commandId: expect.any(String) });
    expect(finding?.details.backdated.map((b) => [b.type, b.effectiveDate])).toEqual([['RecusalDecided', '2025-02-20']]);
    expect(finding?.message.zh).toContain('回避决定');
    // Not before the posting took effect.
    expect(await findings('&asOf=2025-02-28')).toEqual([]);
  });

  it('GET /api/catalog words the kind, on the organs\' duty of supervision (Art. 6 ¶1)', async () => {
    const res = await api.get('/api/catalog').expect(200);
    expect(res.body.findingKinds.RETROACTIVE_CONFLICT).toMatchObject({ label: { zh: expect.stringContaining('追溯冲突'), en: expect.stringContaining('Retroactive conflict') }, ruleId: null, citation: { en: expect.stringMatching(/Art\. 6 ¶1/) } });
  });

  it('POST correct-retroactive-conflict: another organ\'s operator 404; an event in no conflict 409 NO_RETROACTIVE_CONFLICT; the posting\'s index 201, and the finding clears from that date', async () => {
    const [finding] = await findings('&asOf=2025-03-05');
    const eventIndex = finding?.details.later.index as number;
    const saihan = await keyFor(api, 'operator', ['saihan']);
    // Another organ's record answers as unknown (no organ named, nothing recorded).
    const foreign = await post('correct-retroactive-conflict', { eventIndex, decisionRef: '新公纠字〔2025〕1号', effectiveDate: '2025-03-10' }, saihan.key).expect(404);
    expect(JSON.stringify(foreign.body)).not.toContain('xincheng');
    const none = await post('correct-retroactive-conflict', { eventIndex: 0, decisionRef: '新公纠字〔2025〕1号', effectiveDate: '2025-03-10' }).expect(409);
    expect(none.body.error).toMatchObject({ code: 'NO_RETROACTIVE_CONFLICT', message: { zh: expect.any(String), en: expect.any(String) } });
    expect((await post('correct-retroactive-conflict', { eventIndex: 'seven', decisionRef: 'x', effectiveDate: '2025-03-10' }).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    const corrected = await post('correct-retroactive-conflict', { eventIndex, decisionRef: '新公纠字〔2025〕1号', effectiveDate: '2025-03-10' }).expect(201);
    expect(corrected.body.events.map((e: { type: string }) => e.type)).toEqual(['RetroactiveConflictCorrected']);
    expect(await findings('&asOf=2025-03-10')).toEqual([]);
    expect(await findings('&asOf=2025-03-09')).toHaveLength(1);
  });
});
