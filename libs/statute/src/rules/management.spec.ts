import { failedRules, violationsOf } from '../testing/judge';
import type { PromotionFacts } from './management';

const on = '2024-10-01';

describe('Art. 35 ¶1: annual training recorded for every completed year of service (supervision)', () => {
  it.each([
    ['hired 2024, on 2025-12-31: nothing due yet', '2024-09-01', '2025-12-31', [], 0],
    ['hired 2024, on 2026-01-01: 2025 due', '2024-09-01', '2026-01-01', [], 1],
    ['hired 2024, on 2026-01-01 with 2025 recorded', '2024-09-01', '2026-01-01', [2025], 0],
    ['hired 2024, on 2027-03-01 with only 2025', '2024-09-01', '2027-03-01', [2025], 1],
  ])('%s → %i', (_n, hiredOn, effectiveDate, annualYears, count) => {
    expect(violationsOf(['TRAIN-ANNUAL'], { effectiveDate, employment: { hiredOn }, training: { annualYears } })).toHaveLength(count);
  });
});

describe('Art. 36 ¶2: assessments cover the five areas and give a listed grade', () => {
  const all = ['POLITICAL_QUALITY', 'ABILITY', 'WORK_STYLE', 'PERFORMANCE', 'COMPLIANCE'] as const;
  it.each([
    [all, '称职', []],
    [all, '不称职', []],
    [all, '良好', ['ASSESS']],
    [all.slice(1), '优秀', ['ASSESS']],
  ])('%j graded %s → %j', (dimensions, grade, failed) => {
    expect(failedRules(['ASSESS'], { effectiveDate: on, assessment: { dimensions, grade } })).toEqual(failed);
  });
});

describe('Art. 36 ¶1–2: promotion by assessment or selection, one level at a time, within the level parameters', () => {
  const base: PromotionFacts = {
    promotion: { route: 'ASSESSMENT', fromLevel: 'L1', toLevel: 'L2', inLevelSince: '2022-10-01', assessment: { grade: '称职', ref: 'A-2024' }, selectionAllowsSkip: false },
    sanctions: [],
  };
  const promote = (effectiveDate: string, p: Partial<PromotionFacts['promotion']> = {}, sanctions: PromotionFacts['sanctions'] = []) =>
    violationsOf(['LEVEL-PROMOTE'], { effectiveDate, promotion: { ...base.promotion, ...p }, sanctions });

  it.each([
    ['the day the 24 months complete', '2024-10-01', 0],
    ['the day before', '2024-09-30', 1],
  ])('minimum time in level (default 24 months): %s → %i', (_n, date, count) => expect(promote(date)).toHaveLength(count));

  it.each([
    ['优秀', 0],
    ['称职', 0],
    ['基本称职', 1],
    ['不称职', 1],
  ])('grade %s → %i', (grade, count) => expect(promote(on, { assessment: { grade, ref: 'A' } })).toHaveLength(count));

  it('no assessment result: refused, citing Art. 36 ¶2', () => {
    expect(promote(on, { assessment: null }).map((v) => v.citationText.en)).toEqual(['Inner Mongolia Auxiliary Police Regulation (2024) Art. 36 ¶2']);
  });

  it.each([
    ['L1 → L3 by assessment', { toLevel: 'L3' }, 1],
    ['L1 → L3 by selection that allows it', { toLevel: 'L3', route: 'SELECTION' as const, selectionAllowsSkip: true }, 0],
    ['L1 → L3 by selection that does not', { toLevel: 'L3', route: 'SELECTION' as const }, 1],
    ['L2 → L1 is not a promotion', { fromLevel: 'L2', toLevel: 'L1' }, 1],
    ['unknown level', { toLevel: 'L7' }, 1],
  ])('%s → %i', (_n, p, count) => expect(promote(on, p)).toHaveLength(count));

  it.each([
    ['warning effective 2024-04-01 blocks until 2024-09-30', '2024-04-01', '2024-09-30', 1],
    ['…and not on 2024-10-01', '2024-04-01', '2024-10-01', 0],
    ['a future-dated sanction does not block yet', '2024-12-01', '2024-10-01', 0],
  ])('%s', (_n, effectiveFrom, date, count) => {
    const late = { inLevelSince: '2020-01-01' };
    expect(promote(date, late, [{ sanction: 'WARNING', effectiveFrom }])).toHaveLength(count);
  });

  it('a demerit blocks for 12 months by default; an unconfigured sanction cannot be determined', () => {
    expect(promote(on, {}, [{ sanction: 'DEMERIT', effectiveFrom: '2023-10-02' }])).toHaveLength(1);
    expect(promote(on, {}, [{ sanction: 'DEMERIT', effectiveFrom: '2023-10-01' }])).toHaveLength(0);
    expect(promote(on, {}, [{ sanction: 'PUBLIC_SHAMING', effectiveFrom: '2023-10-01' }]).map((v) => v.kind)).toEqual(['CANNOT_DETERMINE']);
  });

  it('every failed condition at once', () => {
    expect(promote('2025-01-01', { toLevel: 'L4', inLevelSince: '2024-06-01', assessment: { grade: '不称职', ref: 'A' } }, [{ sanction: 'WARNING', effectiveFrom: '2024-12-01' }])).toHaveLength(4);
  });
});

describe('Art. 36 ¶2: a demotion rests on an assessment result or a disciplinary decision', () => {
  it.each([
    [{ kind: 'ASSESSMENT', ref: 'A-1' }, 'L2', []],
    [{ kind: 'DISCIPLINE', ref: 'D-1' }, 'L2', []],
    [null, 'L2', ['LEVEL-DEMOTE']],
    [{ kind: 'DISCIPLINE', ref: 'D-1' }, 'L4', ['LEVEL-DEMOTE']],
  ] as const)('basis %j, L3 → %s → %j', (basis, toLevel, failed) => {
    expect(failedRules(['LEVEL-DEMOTE'], { effectiveDate: on, demotion: { fromLevel: 'L3', toLevel, basis } })).toEqual(failed);
  });
});

describe('Arts. 34 ¶1, 42 ¶1: a disciplinary decision names violation, sanction, deciding organ and period', () => {
  const d = { misconduct: 'SOLO_ENFORCEMENT' as const, description: '单独执法', sanction: 'DEMERIT', decidingOrganId: 'o1', effectiveFrom: on, effectiveUntil: '2025-09-30' };
  it.each([
    ['complete', {}, 0],
    ['unknown sanction', { sanction: 'FLOGGING' }, 1],
    ['no deciding organ', { decidingOrganId: null }, 1],
    ['period ends before it starts', { effectiveUntil: '2024-09-30' }, 1],
    ['no description', { description: '' }, 1],
  ])('%s → %i', (_n, patch, count) => {
    expect(violationsOf(['DISCIPLINE'], { effectiveDate: on, discipline: { ...d, ...patch } })).toHaveLength(count);
  });
});

describe('Art. 37 ¶1, ¶3: credentials issued with serials and recovered on departure', () => {
  const items = [
    { kind: 'WORK_ID' as const, serial: 'ID-1', recoveredOn: null },
    { kind: 'UNIFORM' as const, serial: 'U-1', recoveredOn: '2024-10-01' },
  ];
  it.each([
    ['serving', null, '2024-10-01', 0],
    ['departed today, work ID outstanding', '2024-10-01', '2024-10-01', 1],
    ['departed tomorrow', '2024-10-02', '2024-10-01', 0],
  ])('%s → %i', (_n, departedOn, effectiveDate, count) => {
    expect(violationsOf(['CREDENTIALS'], { effectiveDate, credentials: { items, departedOn } })).toHaveLength(count);
  });
  it('the text names the credential in each language, never its code', () => {
    const [v] = violationsOf(['CREDENTIALS'], { effectiveDate: '2024-10-01', credentials: { items, departedOn: '2024-10-01' } }) as unknown as { message: { zh: string; en: string } }[];
    expect(v?.message.zh).toBe('离职后工作证件（编号 ID-1）尚未收回');
    expect(v?.message.en).toContain('work ID ID-1');
    expect(JSON.stringify(v?.message)).not.toContain('WORK_ID');
  });
  it('an item without serial number is refused', () => {
    expect(failedRules(['CREDENTIALS'], { effectiveDate: on, credentials: { items: [{ kind: 'INSIGNIA', serial: '', recoveredOn: null }], departedOn: null } })).toEqual(['CREDENTIALS']);
  });
});

describe('Art. 38: complaints investigated, decided and the complainant told in time (default 60 days)', () => {
  const c = { receivedOn: '2024-08-02', investigatedOn: '2024-08-10', decidedOn: '2024-09-01', complainantToldOn: null };
  it.each([
    ['day 60 untold', '2024-10-01', c, 0],
    ['day 61 untold', '2024-10-02', c, 1],
    ['told on day 30', '2024-10-02', { ...c, complainantToldOn: '2024-09-01' }, 0],
    ['decided before investigation', '2024-09-02', { ...c, investigatedOn: null }, 1],
  ])('%s → %i', (_n, effectiveDate, complaint, count) => {
    expect(violationsOf(['COMPLAINT'], { effectiveDate, complaint })).toHaveLength(count);
  });
});

describe('Art. 39: recusal by the auxiliary or on a party\'s application, decided by the using organ', () => {
  it.each([
    ['AUXILIARY', 'o1', []],
    ['PARTY', 'o1', []],
    ['LEGAL_REPRESENTATIVE', 'o1', []],
    ['PARTY', 'o2', ['RECUSAL']],
    ['PARTY', null, ['RECUSAL']],
  ] as const)('initiated by %s, decided by %s → %j', (initiatedBy, decidingOrganId, failed) => {
    expect(failedRules(['RECUSAL'], { effectiveDate: on, recusal: { initiatedBy, decidingOrganId, usingOrganId: 'o1' } })).toEqual(failed);
  });
});

describe('Art. 40: termination records its legal or contractual ground and reason', () => {
  it.each([
    [{ kind: 'CONTRACT', ref: '劳动合同第12条' }, 'CONTRACT_EXPIRY', []],
    [{ kind: 'LAW', ref: '劳动合同法第39条' }, 'DISMISSAL_FOR_VIOLATION', []],
    [null, 'ABANDONMENT', ['TERMINATE']],
    [{ kind: 'LAW', ref: 'x' }, 'BORED', ['TERMINATE']],
  ] as const)('%j, %s → %j', (ground, reason, failed) => {
    expect(failedRules(['TERMINATE'], { effectiveDate: on, termination: { ground, reason: reason as 'DEATH' } })).toEqual(failed);
  });
});

describe('Art. 42 ¶2–3: the using organ pays; recovery only on intent or gross negligence', () => {
  const c = { paidByOrganId: 'o1', usingOrganId: 'o1', paidFen: 100_000, recovery: null };
  it.each([
    ['paid by the using organ', c, 0],
    ['paid by another organ', { ...c, paidByOrganId: 'o2' }, 1],
    ['recovered in full on gross negligence', { ...c, recovery: { fromAuxiliaryFen: 100_000, fault: 'GROSS_NEGLIGENCE' as const, findingRef: 'F-1' } }, 0],
    ['recovered on ordinary negligence', { ...c, recovery: { fromAuxiliaryFen: 10_000, fault: 'ORDINARY_NEGLIGENCE' as const, findingRef: 'F-1' } }, 1],
    ['recovered more than paid', { ...c, recovery: { fromAuxiliaryFen: 100_001, fault: 'INTENT' as const, findingRef: 'F-1' } }, 1],
    ['intent without a recorded finding', { ...c, recovery: { fromAuxiliaryFen: 1, fault: 'INTENT' as const, findingRef: '' } }, 1],
  ])('%s → %i', (_n, compensation, count) => {
    expect(violationsOf(['COMPENSATION'], { effectiveDate: on, compensation })).toHaveLength(count);
  });
});

describe('Art. 9: commendations record the granting authority', () => {
  it.each([
    ['内蒙古自治区公安厅', []],
    [null, ['COMMEND']],
    ['  ', ['COMMEND']],
  ])('%s → %j', (grantingAuthority, failed) => {
    expect(failedRules(['COMMEND'], { effectiveDate: on, commendation: { title: '优秀辅警', grantingAuthority } })).toEqual(failed);
  });
});

describe('Art. 32: injury, disability, death and martyr status with their legal basis', () => {
  it.each([
    ['INJURY', 'WORK_INJURY', []],
    ['DISABILITY', 'POLICE_ANALOGY', []],
    ['DEATH', 'WORK_INJURY', []],
    ['MARTYR', 'MARTYRS', []],
    ['MARTYR', 'WORK_INJURY', ['INJURY']],
    ['INJURY', 'POLICE_ANALOGY', ['INJURY']],
    ['DEATH', null, ['INJURY']],
  ] as const)('%s under %s → %j', (kind, legalBasis, failed) => {
    expect(failedRules(['INJURY'], { effectiveDate: on, injury: { kind, legalBasis } })).toEqual(failed);
  });
});
