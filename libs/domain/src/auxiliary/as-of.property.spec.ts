import fc from 'fast-check';
import { PARAMETERS_2024, RULE_SET_2024, addDays, addMonths, createRegistry, withParameterValues, type IsoDate } from '@auxledger/statute';
import { type Command, type CommandHandler, type Decision, type DomainEvent, type Envelope, type StreamRef, fold } from '../kernel';
import { Organ, quotaPlaceTaken } from '../organ';
import { COUNTY } from '../organ/organ.fixtures';
import { Person, type PersonEvent, personContractStarted } from '../person';
import { metadataOn, on } from '../testing';
import { adjustPay } from './adjust-pay';
import { assignDuty } from './assign-duty';
import { AUX, CONTRACT, HIRED_ON, ORGAN, PAY_FEN, PERSON, hired } from './auxiliary.fixtures';
import { orderCompensationRecovery, payCompensation } from './compensation';
import { completeProbation } from './complete-probation';
import { correctRetroactiveConflict } from './correct-retroactive';
import { decideRecusal } from './decide-recusal';
import { demote } from './demote';
import { discipline } from './discipline';
import { endDuty } from './end-duty';
import { enrolInsurance } from './enrol-insurance';
import type { AuxiliaryEvent, LabourContract } from './events';
import { promote } from './promote';
import { recordAssessment } from './record-assessment';
import { recordHealthCheck } from './record-health-check';
import { recordQualification } from './record-qualification';
import { recordTraining } from './record-training';
import { renewContract } from './renew-contract';
import { retroactiveConflicts } from './retroactive';
import { Auxiliary } from './state';
import { reinstate, suspend } from './suspension';
import { terminate } from './terminate';

/**
 * Property (issue 11, item 1): every fact a rule reads is the fact as it stood
 * on the command's effective date. For any history of one auxiliary — built
 * through the handlers, with commands dated back as well as forward — and any
 * command dated D, the statute's judgement against the whole history equals
 * its judgement against the history cut to D (every event effective after D
 * removed). Where either side refuses by the record's state (an id already
 * used, a step out of order) there is no judgement to compare; those refusals
 * are about the record, not about the facts a rule reads.
 */

const STANDARDS = Object.entries(PAY_FEN).flatMap(([level, fen]) => [
  { locality: 'hohhot', level, monthlyBaseFen: fen },
  { locality: 'baotou', level, monthlyBaseFen: fen - 10000 },
]);
const REGISTRY = createRegistry([
  {
    ...RULE_SET_2024,
    parameters: withParameterValues(
      withParameterValues(PARAMETERS_2024, 'pay.standards', [{ from: '2024-09-01', value: STANDARDS, source: 'spec: 呼和浩特市、包头市辅警薪酬标准 (test values)', isDefault: false }]),
      'promotion.minMonthsInLevel',
      [{ from: '2024-09-01', value: 3, source: 'spec: three months, so that short histories reach promotions', isDefault: false }],
    ),
  },
]);
const ORGAN_STATE = fold(Organ, [on('2024-09-01', COUNTY), on(HIRED_ON, quotaPlaceTaken({ auxiliaryId: AUX, category: 'DUTY' }))]);
const PERSON_HISTORY: Envelope<PersonEvent>[] = [on(HIRED_ON, personContractStarted({ personKey: PERSON, contractId: CONTRACT.contractId, auxiliaryId: AUX, organId: ORGAN, startDate: HIRED_ON }))];

const LEVELS = ['L1', 'L2', 'L3', 'L4'];
const shift = fc.integer({ min: -60, max: 40 });
const assignmentId = fc.constantFrom('as-1', 'as-2');
const matterId = fc.constantFrom(null, 'm-1', 'm-2');
// High-risk (SVC_PATROL, ENF_TRAFFIC: INSURANCE-RISK), needing a qualification (EQUIP_VEHICLE: DUTY-VEHICLE), and plain ones.
const dutyCode = fc.constantFrom('SVC_PATROL', 'ENF_TRAFFIC', 'SVC_110', 'CIV_ADMIN', 'SVC_PUBLICITY', 'EQUIP_VEHICLE');

const step = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('assign' as const), id: assignmentId, codes: fc.uniqueArray(dutyCode, { minLength: 1, maxLength: 2 }), matter: matterId, shift }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('end' as const), id: assignmentId, shift }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('train' as const), back: fc.integer({ min: 0, max: 10 }), shift }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('insure' as const), shift }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('qualify' as const), shift }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('suspend' as const), shift }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reinstate' as const), shift }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('recuse' as const), matter: fc.constantFrom('m-1', 'm-2'), shift }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('health' as const), shift }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('renew' as const), shift }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('adjustPay' as const), locality: fc.constantFrom('hohhot', 'baotou'), shift }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('assess' as const), grade: fc.constantFrom('优秀', '称职', '不称职'), shift }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('promote' as const), shift }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('demote' as const), shift }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('discipline' as const), sanction: fc.constantFrom('WARNING', 'DEMERIT'), shift }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('compensate' as const), shift }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('recover' as const), fen: fc.constantFrom(30000, 60000), shift }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('probation' as const), shift }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('terminate' as const), shift }) },
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

/** A history: the accepted envelopes of the auxiliary's and the person's streams, in the order recorded. */
interface History {
  auxiliary: Envelope<AuxiliaryEvent>[];
  person: Envelope<PersonEvent>[];
  /** The latest effective date so far: the next command is dated from it. */
  cursor: IsoDate;
}

const stateOf = (h: History) => ({ auxiliary: fold(Auxiliary, h.auxiliary), person: fold(Person, h.person), organ: ORGAN_STATE });

/** The history as it stood on `date`: every event effective after it removed. */
export const cutTo = (h: History, date: IsoDate): History => ({
  auxiliary: h.auxiliary.filter((e) => e.effectiveDate <= date),
  person: h.person.filter((e) => e.effectiveDate <= date),
  cursor: date,
});

function decide<C extends Command>(handler: CommandHandler<C, Record<string, StreamRef>>, type: C['type'], data: C['data'], h: History, date: IsoDate): Decision {
  const command = { type, data, metadata: metadataOn(date) } as C;
  return handler.decide(command, stateOf(h) as never, { metadata: command.metadata, registry: REGISTRY });
}

function levelOf(h: History, date: IsoDate): string {
  const s = fold(Auxiliary, cutTo(h, date).auxiliary);
  return s.status === 'NOT_HIRED' ? 'L1' : s.service.level.code;
}

function decideStep(s: Step, h: History, date: IsoDate, n: number): Decision {
  const auxiliaryId = AUX;
  const current = fold(Auxiliary, h.auxiliary);
  const contract: LabourContract = current.status === 'NOT_HIRED' ? CONTRACT : current.service.contract;
  switch (s.kind) {
    case 'assign':
      return decide(assignDuty as never, 'AssignDuty', { auxiliaryId, assignmentId: s.id, dutyCodes: s.codes, nationalBasis: null, leadingOfficerIds: ['officer-1'], alone: false, matterId: s.matter, equipmentIssued: [] }, h, date);
    case 'end':
      return decide(endDuty as never, 'EndDuty', { auxiliaryId, assignmentId: s.id, reason: 'COMPLETED' }, h, date);
    case 'train':
      return decide(recordTraining as never, 'RecordTraining', { auxiliaryId, trainingId: `t-${n}`, kind: 'PRE_JOB', year: null, topics: [], completedOn: addDays(date, -s.back), outcome: 'PASSED' }, h, date);
    case 'insure':
      return decide(enrolInsurance as never, 'EnrolInsurance', { auxiliaryId, kinds: ['PERSONAL_ACCIDENT'], reference: `i-${n}` }, h, date);
    case 'qualify':
      return decide(recordQualification as never, 'RecordQualification', { auxiliaryId, qualificationId: `q-${n}`, kind: 'POLICE_VEHICLE_DRIVING', validFrom: date, validUntil: addDays(date, 90), reference: `Q-${n}` }, h, date);
    case 'suspend':
      return decide(suspend as never, 'Suspend', { auxiliaryId, decisionRef: `s-${n}`, reason: '调查' }, h, date);
    case 'reinstate':
      return decide(reinstate as never, 'Reinstate', { auxiliaryId, decisionRef: `r-${n}` }, h, date);
    case 'recuse':
      return decide(decideRecusal as never, 'DecideRecusal', { auxiliaryId, recusalId: `rc-${n}`, matterId: s.matter, initiatedBy: 'AUXILIARY', decidingOrganId: ORGAN, granted: true }, h, date);
    case 'health':
      return decide(recordHealthCheck as never, 'RecordHealthCheck', { auxiliaryId, checkedOn: date, result: 'NORMAL' }, h, date);
    case 'renew': {
      const startDate = addDays(contract.endDate ?? date, 1);
      const next: LabourContract = { ...CONTRACT, contractId: `contract-r${n}`, startDate, endDate: addDays(addMonths(startDate, 36), -1), probationLastDay: null };
      return decide(renewContract as never, 'RenewContract', { auxiliaryId, personKey: PERSON, contract: next }, h, date);
    }
    case 'adjustPay': {
      const level = levelOf(h, date);
      return decide(adjustPay as never, 'AdjustPay', { auxiliaryId, pay: { locality: s.locality, monthlyBaseFen: (PAY_FEN[level] ?? 0) - (s.locality === 'baotou' ? 10000 : 0) } }, h, date);
    }
    case 'assess':
      return decide(recordAssessment as never, 'RecordAssessment', { auxiliaryId, assessmentId: `a-${n}`, period: date.slice(0, 4), dimensions: ['POLITICAL_QUALITY', 'ABILITY', 'WORK_STYLE', 'PERFORMANCE', 'COMPLIANCE'], grade: s.grade }, h, date);
    case 'promote': {
      const toLevel = LEVELS[Math.min(LEVELS.indexOf(levelOf(h, date)) + 1, LEVELS.length - 1)] as string;
      return decide(promote as never, 'Promote', { auxiliaryId, route: 'ASSESSMENT', toLevel, selectionRef: null, selectionAllowsSkip: false, pay: { locality: 'hohhot', monthlyBaseFen: PAY_FEN[toLevel] ?? 0 } }, h, date);
    }
    case 'demote': {
      const toLevel = LEVELS[Math.max(LEVELS.indexOf(levelOf(h, date)) - 1, 0)] as string;
      const basis = current.status === 'NOT_HIRED' ? null : current.service.assessments[0];
      return decide(demote as never, 'Demote', { auxiliaryId, toLevel, basis: { kind: 'ASSESSMENT', ref: basis?.assessmentId ?? 'none' }, pay: { locality: 'hohhot', monthlyBaseFen: PAY_FEN[toLevel] ?? 0 } }, h, date);
    }
    case 'discipline':
      return decide(discipline as never, 'Discipline', { auxiliaryId, disciplineId: `d-${n}`, misconduct: 'BEYOND_AUTHORITY', description: '超越权限', sanction: s.sanction, decidingOrganId: ORGAN, effectiveUntil: null }, h, date);
    case 'compensate':
      return decide(payCompensation as never, 'PayCompensation', { auxiliaryId, compensationId: 'comp-1', paidByOrganId: ORGAN, paidFen: 100000, claimRef: `claim-${n}` }, h, date);
    case 'recover':
      return decide(orderCompensationRecovery as never, 'OrderCompensationRecovery', { auxiliaryId, compensationId: 'comp-1', fromAuxiliaryFen: s.fen, fault: 'GROSS_NEGLIGENCE', findingRef: `f-${n}` }, h, date);
    case 'probation':
      return decide(completeProbation as never, 'CompleteProbation', { auxiliaryId }, h, date);
    case 'terminate':
      return decide(terminate as never, 'Terminate', { auxiliaryId, personKey: PERSON, usingOrganId: ORGAN, reason: 'RESIGNATION', ground: { kind: 'LAW', ref: '劳动合同法第三十七条' } }, h, date);
    default: {
      const _exhaustive: never = s;
      throw new Error(`unknown step ${JSON.stringify(_exhaustive)}`);
    }
  }
}

/** Records an accepted decision's events with their effective date, as the application appends them. */
function record(h: History, decision: Decision, date: IsoDate): History {
  if (!decision.accepted) return h;
  const dated = <E extends DomainEvent>(events: DomainEvent[] | undefined) => (events ?? []).map((e) => on(date, e as E));
  return { auxiliary: [...h.auxiliary, ...dated<AuxiliaryEvent>(decision.events.auxiliary)], person: [...h.person, ...dated<PersonEvent>(decision.events.person)], cursor: date > h.cursor ? date : h.cursor };
}

/** A history built through the handlers: each step dated from the latest date so far, back or forward. */
function historyOf(category: 'DUTY' | 'CIVILIAN', steps: Step[]): History {
  let h: History = { auxiliary: [hired({ category })], person: PERSON_HISTORY, cursor: HIRED_ON };
  steps.forEach((s, n) => {
    const date = addDays(h.cursor, s.shift);
    h = record(h, decideStep(s, h, date, n), date);
  });
  return h;
}

/** The statute's judgement of a decision: what the rules said (every violation, with what they observed), or null for a refusal by the record's state. */
function judgementOf(decision: Decision): string | null {
  if (decision.accepted) return JSON.stringify({ ok: true, violations: decision.judgement?.violations ?? [] });
  if (decision.refusal.kind === 'STATE') return null;
  return JSON.stringify({ ok: false, violations: decision.refusal.judgement.violations.map((v) => ({ ruleId: v.ruleId, observed: v.observed, expected: v.expected })) });
}

const category = fc.constantFrom<'DUTY' | 'CIVILIAN'>('DUTY', 'DUTY', 'CIVILIAN');
const probe = fc.tuple(step, fc.integer({ min: -200, max: 30 }));

describe('property: every fact a rule reads is as of the command\'s effective date (issue 11 item 1; INSURANCE-RISK, DUTY-VEHICLE, DUTY-TRAINED, DUTY-RECUSAL, DUTY-ACTIVE, LEVEL-PROMOTE, PAY-LEVEL, CONTRACT-PROBATION, COMPENSATION)', () => {
  it('for any history and any command dated D, the judgement equals the judgement against the history cut to D', () => {
    fc.assert(
      fc.property(category, fc.array(step, { minLength: 3, maxLength: 30, size: 'medium' }), probe, (kind, steps, [command, offset]) => {
        const h = historyOf(kind, steps);
        const date = addDays(h.cursor, offset);
        if (date < HIRED_ON) return;
        const whole = judgementOf(decideStep(command, h, date, 999));
        const cut = judgementOf(decideStep(command, cutTo(h, date), date, 999));
        if (whole !== null && cut !== null) expect(whole).toBe(cut);
      }),
      { numRuns: 1500 },
    );
  });

  it('Art. 28 ¶2 (INSURANCE-RISK): a back-dated high-risk posting is judged against the insurance in force that day, not the enrolment of the day after', () => {
    const h = historyOf('DUTY', [
      { kind: 'train', back: 0, shift: 5 },
      { kind: 'insure', shift: 30 },
    ]);
    // Insurance enrolled on 2024-11-05; the posting is dated 2024-11-04.
    const decision = decideStep({ kind: 'assign', id: 'as-1', codes: ['SVC_PATROL'], matter: null, shift: 0 }, h, '2024-11-04', 999);
    expect(decision.accepted).toBe(false);
    expect(judgementOf(decision)).toContain('INSURANCE-RISK');
  });

  it('the generator reaches back-dated commands that the cut changes (the property is not vacuous)', () => {
    const samples = fc.sample(fc.tuple(category, fc.array(step, { minLength: 3, maxLength: 30, size: 'medium' }), probe), { numRuns: 500, seed: 11 });
    let compared = 0;
    let cutMatters = 0;
    for (const [kind, steps, [command, offset]] of samples) {
      const h = historyOf(kind, steps);
      const date = addDays(h.cursor, offset);
      if (date < HIRED_ON) continue;
      const whole = judgementOf(decideStep(command, h, date, 999));
      const cut = judgementOf(decideStep(command, cutTo(h, date), date, 999));
      if (whole === null || cut === null) continue;
      compared += 1;
      if (cutTo(h, date).auxiliary.length < h.auxiliary.length) cutMatters += 1;
    }
    expect(compared).toBeGreaterThan(150);
    expect(cutMatters).toBeGreaterThan(50);
  });
});

/** A history built as `historyOf` does, keeping each accepted step with its date and the place of its events in the auxiliary stream. */
function historyWithSteps(category: 'DUTY' | 'CIVILIAN', steps: Step[]) {
  let h: History = { auxiliary: [hired({ category })], person: PERSON_HISTORY, cursor: HIRED_ON };
  const accepted: { step: Step; date: IsoDate; n: number; from: number; count: number; personFrom: number }[] = [];
  steps.forEach((s, n) => {
    const date = addDays(h.cursor, s.shift);
    const decision = decideStep(s, h, date, n);
    const from = h.auxiliary.length;
    const personFrom = h.person.length;
    h = record(h, decision, date);
    if (decision.accepted) accepted.push({ step: s, date, n, from, count: h.auxiliary.length - from, personFrom });
  });
  return { h, accepted };
}

describe('property: a back-dated record that makes an earlier-recorded command unlawful is named, never hidden (issue 11 item 6, RETROACTIVE_CONFLICT)', () => {
  const rejudged = new Set(['assign', 'promote']);

  it('after any history with back-dated commands, every accepted posting or promotion either still passes as of its date or is named by a retroactive conflict', () => {
    fc.assert(
      fc.property(category, fc.array(step, { minLength: 3, maxLength: 30, size: 'medium' }), (kind, steps) => {
        const { h, accepted } = historyWithSteps(kind, steps);
        const named = new Set(retroactiveConflicts(fold(Auxiliary, h.auxiliary), REGISTRY).map((c) => c.later.index));
        for (const a of accepted.filter((x) => rejudged.has(x.step.kind))) {
          // The same command, decided again against the record as it now stands on its date: what was recorded before it and in force that day,
          // and what was recorded after it and took effect before that day (its own events left out).
          const now = (e: Envelope<AuxiliaryEvent>, i: number) => (i < a.from && e.effectiveDate <= a.date) || (i >= a.from + a.count && e.effectiveDate < a.date);
          const personNow = h.person.filter((e, i) => (i < a.personFrom && e.effectiveDate <= a.date) || (i >= a.personFrom && e.effectiveDate < a.date));
          const again = decideStep(a.step, { auxiliary: h.auxiliary.filter(now), person: personNow, cursor: a.date }, a.date, a.n);
          const nowRefusedByStatute = !again.accepted && again.refusal.kind === 'STATUTE';
          if (nowRefusedByStatute) expect(named.has(a.from)).toBe(true);
        }
      }),
      { numRuns: 800 },
    );
  });

  it('Art. 34 ¶1, Art. 36 ¶1: a warning recorded today, effective before a promotion recorded last month, makes the promotion a finding that names both and cites LEVEL-PROMOTE', () => {
    const { h } = historyWithSteps('DUTY', [
      { kind: 'assess', grade: '称职', shift: 120 },
      { kind: 'promote', shift: 5 },
      // Recorded after the promotion, effective 3 days before it.
      { kind: 'discipline', sanction: 'WARNING', shift: -3 },
    ]);
    const conflicts = retroactiveConflicts(fold(Auxiliary, h.auxiliary), REGISTRY);
    expect(conflicts.map((c) => [c.later.type, c.backdated.map((b) => b.type), c.violations.map((v) => [v.ruleId, v.citation.article])])).toEqual([
      ['AuxiliaryPromoted', ['DisciplineDecided'], [['LEVEL-PROMOTE', 36]]],
    ]);
  });

  it('a history recorded in date order has none', () => {
    const { h } = historyWithSteps('DUTY', [{ kind: 'assess', grade: '称职', shift: 120 }, { kind: 'discipline', sanction: 'WARNING', shift: 1 }, { kind: 'promote', shift: 5 }]);
    expect(retroactiveConflicts(fold(Auxiliary, h.auxiliary), REGISTRY)).toEqual([]);
  });

  describe('CorrectRetroactiveConflict: an organ revokes the record the conflict names, and the finding clears from that date', () => {
    const conflicted = () => {
      const { h } = historyWithSteps('DUTY', [
        { kind: 'assess', grade: '称职', shift: 120 },
        { kind: 'promote', shift: 5 },
        { kind: 'discipline', sanction: 'WARNING', shift: -3 },
      ]);
      const [conflict] = retroactiveConflicts(fold(Auxiliary, h.auxiliary), REGISTRY);
      if (!conflict) throw new Error('no conflict to correct');
      return { h, conflict };
    };
    const correct = (h: History, eventIndex: number, date: IsoDate, decisionRef = '纠正决定〔2025〕1号') =>
      decide(correctRetroactiveConflict as never, 'CorrectRetroactiveConflict', { auxiliaryId: AUX, eventIndex, decisionRef }, h, date);

    it('the promotion is revoked: level and pay back to what they were before it, the conflict gone, the log keeping both records', () => {
      const { h, conflict } = conflicted();
      const before = fold(Auxiliary, h.auxiliary);
      if (before.status === 'NOT_HIRED') throw new Error('not hired');
      expect(before.service.level.code).toBe('L2');
      const date = addDays(h.cursor, 10);
      const decision = correct(h, conflict.later.index, date);
      expect(decision.accepted ? decision.events.auxiliary?.map((e) => e.type) : decision.refusal).toEqual(['RetroactiveConflictCorrected']);
      const after = record(h, decision, date);
      const state = fold(Auxiliary, after.auxiliary);
      if (state.status === 'NOT_HIRED') throw new Error('not hired');
      expect(state.service.level).toEqual({ code: 'L1', since: HIRED_ON });
      expect(state.service.pay.monthlyBaseFen).toBe(PAY_FEN.L1);
      expect(retroactiveConflicts(state, REGISTRY)).toEqual([]);
      // As of a day before the correction the conflict is still there.
      expect(retroactiveConflicts(fold(Auxiliary, cutTo(after, addDays(date, -1)).auxiliary), REGISTRY)).toHaveLength(1);
      expect(after.auxiliary.map((e) => e.event.type)).toContain('AuxiliaryPromoted');
    });

    it('refused: an event in no open conflict (lawful, or corrected already), a date before the event, no decision', () => {
      const { h, conflict } = conflicted();
      const date = addDays(h.cursor, 10);
      const code = (d: Decision) => (d.accepted ? 'accepted' : d.refusal.kind === 'STATE' ? d.refusal.code : 'STATUTE');
      expect(code(correct(h, 0, date))).toBe('NO_RETROACTIVE_CONFLICT');
      expect(code(correct(h, conflict.later.index, addDays(conflict.later.effectiveDate, -1)))).toBe('CORRECTION_BEFORE_EVENT');
      expect(code(correct(h, conflict.later.index, date, ' '))).toBe('DECISION_MISSING');
      const once = record(h, correct(h, conflict.later.index, date), date);
      expect(code(correct(once, conflict.later.index, addDays(date, 1)))).toBe('NO_RETROACTIVE_CONFLICT');
    });

    it('a posting revoked ends if still open', () => {
      const { h } = historyWithSteps('DUTY', [
        { kind: 'train', back: 0, shift: 5 },
        { kind: 'insure', shift: 1 },
        { kind: 'assign', id: 'as-2', codes: ['SVC_PATROL'], matter: 'm-1', shift: 30 },
        // Recorded after the posting, effective before it: a recusal from its matter.
        { kind: 'recuse', matter: 'm-1', shift: -5 },
      ]);
      const state = fold(Auxiliary, h.auxiliary);
      const [conflict] = retroactiveConflicts(state, REGISTRY);
      expect(conflict?.later.type).toBe('DutyAssigned');
      if (!conflict) return;
      const date = addDays(h.cursor, 10);
      const decision = correct(h, conflict.later.index, date);
      expect(decision.accepted).toBe(true);
      const after = fold(Auxiliary, record(h, decision, date).auxiliary);
      expect(retroactiveConflicts(after, REGISTRY)).toEqual([]);
      expect(after.status === 'ACTIVE' || after.status === 'ON_PROBATION' ? after.assignments.map((a) => a.assignmentId) : []).not.toContain('as-2');
    });
  });
});
