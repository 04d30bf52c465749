import fc from 'fast-check';
import { DUTIES, PARAMETERS_2024, RULE_SET_2024, addDays, addMonths, createRegistry, dutiesOfCategory, withParameterValues, type IsoDate } from '@auxledger/statute';
import { type Command, type CommandHandler, type Decision, type DecisionContext, type DomainEvent, type StreamRef, fold } from '../kernel';
import { Organ, quotaPlaceTaken } from '../organ';
import { COUNTY } from '../organ/organ.fixtures';
import { Person, type PersonEvent, type PersonState, personContractStarted, personFacts } from '../person';
import { metadataOn, on } from '../testing';
import { assignDuty } from './assign-duty';
import { adjustPay } from './adjust-pay';
import { AUX, CONTRACT, ORGAN, PAY_FEN, PERSON, hired } from './auxiliary.fixtures';
import { decideRecusal } from './decide-recusal';
import { endDuty } from './end-duty';
import { enrolInsurance } from './enrol-insurance';
import type { AuxiliaryEvent, LabourContract } from './events';
import { recordHealthCheck } from './record-health-check';
import { recordQualification } from './record-qualification';
import { recordTraining } from './record-training';
import { Auxiliary, type AuxiliaryState, openAssignments } from './state';
import { renewContract } from './renew-contract';
import { reinstate, suspend } from './suspension';
import { terminate } from './terminate';

/**
 * Properties over whole lives: random command sequences against one
 * auxiliary, each decided on the state its accepted predecessors left, the
 * accepted events folded in — what the application does, minus the store.
 */

const PERSON_STATE = fold(Person, [on('2024-10-01', personContractStarted({ personKey: PERSON, contractId: CONTRACT.contractId, auxiliaryId: AUX, organId: ORGAN, startDate: '2024-10-01' }))]);
// Hohhot's and Baotou's standards for every level, so that pay adjustments between the two can be lawful.
const STANDARDS = Object.entries(PAY_FEN).flatMap(([level, fen]) => [
  { locality: 'hohhot', level, monthlyBaseFen: fen },
  { locality: 'baotou', level, monthlyBaseFen: fen - 10000 },
]);
const REGISTRY_TWO_LOCALITIES = createRegistry([
  { ...RULE_SET_2024, parameters: withParameterValues(PARAMETERS_2024, 'pay.standards', [{ from: '2024-09-01', value: STANDARDS, source: 'spec: 呼和浩特市、包头市辅警薪酬标准 (test values)', isDefault: false }]) },
]);
const ORGAN_STATE = fold(Organ, [on('2024-09-01', COUNTY), on('2024-10-01', quotaPlaceTaken({ auxiliaryId: AUX, category: 'DUTY' }))]);

const assignmentId = fc.constantFrom('as-1', 'as-2', 'as-3');
const matterId = fc.constantFrom(null, 'm-1', 'm-2');
// Mostly duties either category may lawfully take without extra records, so that sequences do reach assignments.
const dutyCode = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('SVC_PUBLICITY', 'SVC_110', 'CIV_ADMIN', 'CIV_TECH') },
  { weight: 1, arbitrary: fc.constantFrom(...DUTIES.map((d) => d.code), 'NOT_A_DUTY') },
);
const days = fc.integer({ min: 0, max: 30 });

// Weighted so that lives run long enough to reach assignments (terminations and suspensions are rarer).
const step = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('assign' as const), id: assignmentId, codes: fc.uniqueArray(dutyCode, { minLength: 1, maxLength: 2 }), led: fc.boolean(), alone: fc.boolean(), matter: matterId, days }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('end' as const), id: assignmentId, days }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('train' as const), preJob: fc.boolean(), passed: fc.boolean(), back: fc.integer({ min: 0, max: 20 }), days }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('insure' as const), days }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('qualify' as const), days }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('suspend' as const), days }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reinstate' as const), days }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('recuse' as const), matter: fc.constantFrom('m-1', 'm-2'), granted: fc.boolean(), days }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('terminate' as const), days }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('health' as const), back: fc.integer({ min: 0, max: 20 }), followUp: fc.boolean(), days }) },
  // Mostly the day after the current end, sometimes a day off; sometimes with a probation (CONTRACT-PROBATION refuses it).
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('renew' as const), offset: fc.constantFrom(0, 0, 0, -1, 1), years: fc.integer({ min: 1, max: 3 }), probation: fc.boolean(), days }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('adjustPay' as const), locality: fc.constantFrom('hohhot', 'baotou'), off: fc.constantFrom(0, 0, 100), days }) },
);
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

const start = fc.constantFrom<'NOT_HIRED' | 'DUTY' | 'CIVILIAN'>('NOT_HIRED', 'DUTY', 'CIVILIAN', 'DUTY');

interface Life {
  state: AuxiliaryState;
  /** The person registry, as the accepted commands left it (hires, renewals, terminations write to it). */
  person: PersonState;
  date: IsoDate;
  accepted: DomainEvent[];
}

const context = (date: IsoDate): DecisionContext => ({ metadata: metadataOn(date), registry: REGISTRY_TWO_LOCALITIES });

function decide<C extends Command>(handler: CommandHandler<C, Record<string, StreamRef>>, type: C['type'], data: C['data'], life: Life): Decision {
  const command = { type, data, metadata: metadataOn(life.date) } as C;
  return handler.decide(command, { auxiliary: life.state, person: life.person, organ: ORGAN_STATE } as never, context(life.date));
}

/** The contract a renewal step proposes: from the day after the current end (± offset), for whole years. */
function renewalContract(s: Extract<Step, { kind: 'renew' }>, life: Life, n: number): LabourContract {
  const current = life.state.status === 'NOT_HIRED' ? CONTRACT : life.state.service.contract;
  const startDate = addDays(current.endDate ?? life.date, 1 + s.offset);
  return {
    ...CONTRACT,
    contractId: `contract-r${n}`,
    startDate,
    endDate: addDays(addMonths(startDate, 12 * s.years), -1),
    probationLastDay: s.probation ? addDays(addMonths(startDate, 1), -1) : null,
  };
}

function decideStep(s: Step, life: Life, n: number): Decision {
  const auxiliaryId = AUX;
  switch (s.kind) {
    case 'assign':
      return decide(assignDuty as never, 'AssignDuty', { auxiliaryId, assignmentId: s.id, dutyCodes: s.codes, nationalBasis: null, leadingOfficerIds: s.led ? ['officer-1'] : [], alone: s.alone, matterId: s.matter, equipmentIssued: [] }, life);
    case 'end':
      return decide(endDuty as never, 'EndDuty', { auxiliaryId, assignmentId: s.id, reason: 'COMPLETED' }, life);
    case 'train':
      return decide(recordTraining as never, 'RecordTraining', { auxiliaryId, trainingId: `t-${n}`, kind: s.preJob ? 'PRE_JOB' : 'SPECIAL', year: null, topics: [], completedOn: addDays(life.date, -s.back), outcome: s.passed ? 'PASSED' : 'FAILED' }, life);
    case 'insure':
      return decide(enrolInsurance as never, 'EnrolInsurance', { auxiliaryId, kinds: ['PERSONAL_ACCIDENT'], reference: `i-${n}` }, life);
    case 'qualify':
      return decide(recordQualification as never, 'RecordQualification', { auxiliaryId, qualificationId: `q-${n}`, kind: 'POLICE_VEHICLE_DRIVING', validFrom: life.date, validUntil: null, reference: `Q-${n}` }, life);
    case 'suspend':
      return decide(suspend as never, 'Suspend', { auxiliaryId, decisionRef: `s-${n}`, reason: '调查' }, life);
    case 'reinstate':
      return decide(reinstate as never, 'Reinstate', { auxiliaryId, decisionRef: `r-${n}` }, life);
    case 'recuse':
      return decide(decideRecusal as never, 'DecideRecusal', { auxiliaryId, recusalId: `rc-${n}`, matterId: s.matter, initiatedBy: 'AUXILIARY', decidingOrganId: ORGAN, granted: s.granted }, life);
    case 'health':
      return decide(recordHealthCheck as never, 'RecordHealthCheck', { auxiliaryId, checkedOn: addDays(life.date, -s.back), result: s.followUp ? 'FOLLOW_UP' : 'NORMAL' }, life);
    case 'renew':
      return decide(renewContract as never, 'RenewContract', { auxiliaryId, personKey: PERSON, contract: renewalContract(s, life, n) }, life);
    case 'adjustPay': {
      const level = life.state.status === 'NOT_HIRED' ? 'L1' : life.state.service.level.code;
      const fen = (PAY_FEN[level] ?? 0) - (s.locality === 'baotou' ? 10000 : 0) + s.off;
      return decide(adjustPay as never, 'AdjustPay', { auxiliaryId, pay: { locality: s.locality, monthlyBaseFen: fen } }, life);
    }
    case 'terminate':
      return decide(terminate as never, 'Terminate', { auxiliaryId, personKey: PERSON, usingOrganId: ORGAN, reason: 'RESIGNATION', ground: { kind: 'LAW', ref: '劳动合同法第三十七条' } }, life);
    default: {
      const _exhaustive: never = s;
      throw new Error(`unknown step ${JSON.stringify(_exhaustive)}`);
    }
  }
}

function begin(kind: 'NOT_HIRED' | 'DUTY' | 'CIVILIAN'): Life {
  const state = kind === 'NOT_HIRED' ? Auxiliary.initialState() : fold(Auxiliary, [hired({ category: kind })]);
  return { state, person: PERSON_STATE, date: '2024-10-01', accepted: [] };
}

/** Runs the steps, checking `invariant` after every one; returns the life reached. */
function live(kind: 'NOT_HIRED' | 'DUTY' | 'CIVILIAN', steps: Step[], invariant: (life: Life) => void = () => undefined): Life {
  let life = begin(kind);
  steps.forEach((s, n) => {
    life = { ...life, date: addDays(life.date, s.days) };
    const decision = decideStep(s, life, n);
    if (decision.accepted) {
      const events = (decision.events.auxiliary ?? []) as AuxiliaryEvent[];
      const state = events.reduce((st, event) => Auxiliary.evolve(st, on(life.date, event)), life.state);
      const person = ((decision.events.person ?? []) as PersonEvent[]).reduce((p, event) => Person.evolve(p, on(life.date, event)), life.person);
      life = { ...life, state, person, accepted: [...life.accepted, ...events] };
    }
    invariant(life);
  });
  return life;
}

const FORBIDDEN = dutiesOfCategory('FORBIDDEN').map((d) => d.code);

describe('property: Art. 15 — a forbidden duty is never assignable, in any reachable state', () => {
  it('after any command sequence, an assignment holding a forbidden duty is refused, DUTY-FORBIDDEN among the reasons once the statute judges it', () => {
    fc.assert(
      fc.property(start, fc.array(step, { maxLength: 25, size: 'medium' }), fc.constantFrom(...FORBIDDEN), fc.array(dutyCode, { maxLength: 2 }), fc.boolean(), (kind, steps, forbidden, others, led) => {
        const life = live(kind, steps);
        const decision = decideStep({ kind: 'assign', id: 'as-3', codes: [...others, forbidden], led, alone: false, matter: null, days: 0 }, life, 999);
        expect(decision.accepted).toBe(false);
        if (!decision.accepted && decision.refusal.kind === 'STATUTE') {
          expect(decision.refusal.judgement.violations.map((v) => v.ruleId)).toContain('DUTY-FORBIDDEN');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('no accepted sequence ever holds a forbidden duty', () => {
    fc.assert(
      fc.property(start, fc.array(step, { minLength: 5, maxLength: 40, size: 'medium' }), (kind, steps) => {
        const life = live(kind, steps, (l) => {
          for (const a of openAssignments(l.state)) expect(a.dutyCodes.filter((c) => FORBIDDEN.includes(c))).toEqual([]);
        });
        const assigned = life.accepted.flatMap((e) => (e.type === 'DutyAssigned' ? (e as AuxiliaryEvent & { type: 'DutyAssigned' }).data.dutyCodes : []));
        expect(assigned.filter((c) => FORBIDDEN.includes(c))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: Art. 35 ¶2 — any accepted command sequence leaves no one on duty without pre-job training', () => {
  it('every open assignment started on or after a passed pre-job training', () => {
    fc.assert(
      fc.property(start, fc.array(step, { minLength: 5, maxLength: 40, size: 'medium' }), (kind, steps) => {
        live(kind, steps, ({ state }) => {
          for (const a of openAssignments(state)) {
            const passedOn = state.status === 'NOT_HIRED' ? null : state.service.training.preJobPassedOn;
            expect(passedOn !== null && passedOn <= a.from).toBe(true);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('the generator reaches assignments (the property is not vacuous)', () => {
    const samples = fc.sample(fc.tuple(start, fc.array(step, { minLength: 5, maxLength: 40, size: 'medium' })), { numRuns: 300, seed: 42 });
    const withDuty = samples.filter(([kind, steps]) => live(kind, steps).accepted.some((e) => e.type === 'DutyAssigned'));
    expect(withDuty.length).toBeGreaterThan(10);
  });
});

const hiredStart = fc.constantFrom<'DUTY' | 'CIVILIAN'>('DUTY', 'CIVILIAN');

describe('property: Art. 24, 劳动合同法 Art. 19 ¶2 — renewals keep one contract in force, without gaps and without a second probation', () => {
  it('after any command sequence, the person registry holds exactly the contract in force of an auxiliary in service, and none after departure', () => {
    fc.assert(
      fc.property(hiredStart, fc.array(step, { minLength: 5, maxLength: 40, size: 'medium' }), (kind, steps) => {
        live(kind, steps, ({ state, person }) => {
          const expected = state.status === 'DEPARTED' || state.status === 'NOT_HIRED' ? [] : [state.service.contract.contractId];
          expect(personFacts(person).activeContractIds).toEqual(expected);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('every accepted renewal starts the day after the contract it follows ends, and agrees no probation', () => {
    fc.assert(
      fc.property(hiredStart, fc.array(step, { minLength: 5, maxLength: 40, size: 'medium' }), (kind, steps) => {
        const life = live(kind, steps);
        if (life.state.status === 'NOT_HIRED') return;
        const contracts = [...life.state.service.previousContracts, life.state.service.contract];
        contracts.slice(1).forEach((c, i) => {
          const before = contracts[i] as LabourContract;
          expect(c.probationLastDay).toBeNull();
          expect(c.startDate).toBe(addDays(before.endDate as IsoDate, 1));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('the generator reaches renewals, pay adjustments and health checks (the properties are not vacuous)', () => {
    const samples = fc.sample(fc.tuple(hiredStart, fc.array(step, { minLength: 5, maxLength: 40, size: 'medium' })), { numRuns: 300, seed: 42 });
    const lives = samples.map(([kind, steps]) => live(kind, steps).accepted.map((e) => e.type));
    for (const type of ['ContractRenewed', 'PayAdjusted', 'HealthCheckRecorded']) expect(lives.filter((types) => types.includes(type)).length).toBeGreaterThan(10);
  });
});

describe('property: Art. 27 ¶2 (PAY-LEVEL) — the pay on record is always a standard in force for the level on record', () => {
  it('after any command sequence, the pay matches the configured standard of its locality and level', () => {
    fc.assert(
      fc.property(hiredStart, fc.array(step, { minLength: 5, maxLength: 40, size: 'medium' }), (kind, steps) => {
        live(kind, steps, ({ state }) => {
          if (state.status === 'NOT_HIRED') return;
          const { pay, level } = state.service;
          expect(STANDARDS).toContainEqual({ locality: pay.locality, level: level.code, monthlyBaseFen: pay.monthlyBaseFen });
        });
      }),
      { numRuns: 200 },
    );
  });
});
