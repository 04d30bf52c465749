import {
  type AssignDuty,
  type HealthCheckResult,
  type IssuedEquipment,
  type LabourContract,
  adjustPay,
  assignDuty,
  commend,
  completeProbation,
  decideRecusal,
  demote,
  discipline,
  endDuty,
  enrolInsurance,
  handleComplaint,
  issueCredential,
  orderCompensationRecovery,
  payCompensation,
  promote,
  receiveComplaint,
  recordAssessment,
  recordHealthCheck,
  recordInjury,
  recordQualification,
  recordTraining,
  recoverCredential,
  reinstate,
  renewContract,
  suspend,
  tellComplainant,
  terminate,
} from '@auxledger/domain';
import {
  type AssessmentDimension,
  type AuxiliaryCategory,
  type DutyCode,
  type EquipmentQualification,
  type InsuranceKind,
  type MisconductCode,
  type TerminationReason,
  ASSESSMENT_DIMENSIONS,
  CONTRACT_CLAUSES,
  SOCIAL_INSURANCE,
  addDays,
  addYears,
  parameterOn,
  ruleSetInForce,
} from '@auxledger/statute';
import { addMonthsToDay, dateOf, dayOf, dayOfYearStart, monthsBetweenDays, yearOfDay } from './calendar';
import { type Context, countyOperatorFor, operatorFor, pad } from './context';
import { levelsOn, payStandardChangesBetween, payStandardOn } from './demo-registry';
import type { PersonWork } from './people';
import { accepted } from './simulation';
import type { CityWork, OrganWork } from './world';

/**
 * One auxiliary's working life after the hire, as a chain of tasks: insurance
 * (Art. 28), credentials (Art. 37), pre-job training before any duty (Art. 35
 * ¶2), duties of their category only (Arts. 11–16) and their endings, the end
 * of probation, annual training and assessment, promotion after the minimum
 * time in level (Art. 36), health checks (Art. 28 ¶3), pay adjusted to a new
 * standard (Art. 27 ¶2), the contract renewed before it ends (Art. 24), and
 * now and then a complaint, a discipline, a commendation, a recusal, an
 * injury, a suspension, damages paid — until they leave (Art. 40) and their
 * credentials are recovered. The generator keeps only what it needs to issue
 * legal commands.
 */

export interface AuxWork {
  id: string;
  person: PersonWork;
  organ: OrganWork;
  city: CityWork;
  category: AuxiliaryCategory;
  contract: LabourContract;
  hiredDay: number;
  /** The last day of the contract in force; Infinity for an open-ended one. */
  endDay: number;
  /** Contracts concluded with the organ so far, the hire's included: fixed-term ones until an open-ended one (劳动合同法 Art. 14 ¶2 (3) counts them). */
  contracts: number;
  onProbation: boolean;
  status: 'WORKING' | 'SUSPENDED' | 'DEPARTED';
  levelIndex: number;
  levelSinceDay: number;
  /** Monthly base pay on record (fen) and the day it took effect: what AdjustPay compares with. */
  payFen: number;
  paySinceDay: number;
  lastHealthCheckDay: number | null;
  insurance: Set<InsuranceKind>;
  preJobPassedDay: number | null;
  qualifications: { kind: EquipmentQualification; from: number; until: number }[];
  assignments: { id: string; codes: string[]; fromDay: number; matterId: string | null }[];
  latestAssessment: { id: string; grade: string; day: number } | null;
  sanctions: { id: string; from: number; months: number }[];
  credentials: string[];
  dutyScheduled: boolean;
}

export interface Hiring {
  auxiliaryId: string;
  person: PersonWork;
  organ: OrganWork;
  city: CityWork;
  category: AuxiliaryCategory;
  contract: LabourContract;
  hiredDay: number;
  payFen: number;
}

const YEAR = 365;

/** Yearly rates of what happens in a working life (per auxiliary). */
const INCIDENT_RATES = {
  resignation: 0.045,
  abandonment: 0.008,
  mutualAgreement: 0.01,
  complaint: 0.06,
  discipline: 0.02,
  dismissal: 0.002,
  commendation: 0.04,
  injury: 0.015,
  recusal: 0.03,
  suspension: 0.006,
  compensation: 0.004,
  qualification: 0.04,
  death: 0.0003,
} as const;
type Incident = keyof typeof INCIDENT_RATES;
const INCIDENT_TOTAL = Object.values(INCIDENT_RATES).reduce((a, b) => a + b, 0);

const DUTY_WEIGHTS: Partial<Record<DutyCode, number>> = {
  SVC_PATROL: 24, SVC_110: 14, ENF_TRAFFIC: 12, ENF_COMMUNITY: 10, ENF_SECURITY_CHECK: 7, ENF_CRIME_PREVENTION: 6,
  ENF_ADMIN_CASE_INTAKE: 6, ENF_SUSPECT_CONTROL: 4, ENF_CUSTODY_SITES: 4, SVC_SCENE_RESCUE: 4, SVC_PUBLICITY: 5,
  ENF_EMERGENCY: 3, ENF_DRUG_CONTROL: 2, ENF_SPECIAL_TRADES_BORDER: 2,
};
const CIVILIAN_WEIGHTS: Partial<Record<DutyCode, number>> = { CIV_ADMIN: 60, CIV_TECH: 28, CIV_EQUIPMENT_UPKEEP: 12 };
/** Duties about a case or matter (recusal, Art. 39, is about a matter). */
const MATTER_DUTIES: readonly string[] = ['ENF_ADMIN_CASE_INTAKE', 'ENF_SUSPECT_CONTROL', 'ENF_CUSTODY_SITES'];
const NATIONAL_BASIS = '《公安机关警务辅助人员管理办法》（公安部）相关规定';

const TERMINATION_GROUNDS: Readonly<Record<TerminationReason, { kind: 'LAW' | 'CONTRACT'; ref: string }>> = {
  CONTRACT_EXPIRY: { kind: 'LAW', ref: '劳动合同法第四十四条第一项' },
  MUTUAL_AGREEMENT: { kind: 'LAW', ref: '劳动合同法第三十六条' },
  RESIGNATION: { kind: 'LAW', ref: '劳动合同法第三十七条' },
  DISMISSAL_FOR_VIOLATION: { kind: 'LAW', ref: '劳动合同法第三十九条第二项' },
  ABANDONMENT: { kind: 'CONTRACT', ref: '劳动合同第十二条（擅自离职）' },
  DEATH: { kind: 'LAW', ref: '劳动合同法第四十四条第四项' },
  OTHER_STATUTORY: { kind: 'LAW', ref: '劳动合同法第四十四条第六项' },
};

export function startCareer(ctx: Context, h: Hiring): void {
  const { sim } = ctx;
  const { rng } = sim;
  const aux: AuxWork = {
    id: h.auxiliaryId,
    person: h.person,
    organ: h.organ,
    city: h.city,
    category: h.category,
    contract: h.contract,
    hiredDay: h.hiredDay,
    endDay: h.contract.endDate === null ? Infinity : dayOf(h.contract.endDate),
    contracts: 1,
    onProbation: h.contract.probationLastDay !== null,
    status: 'WORKING',
    levelIndex: 0,
    levelSinceDay: h.hiredDay,
    payFen: h.payFen,
    paySinceDay: h.hiredDay,
    lastHealthCheckDay: null,
    insurance: new Set(),
    preJobPassedDay: null,
    qualifications: [],
    assignments: [],
    latestAssessment: null,
    sanctions: [],
    credentials: [],
    dutyScheduled: false,
  };
  sim.activeAuxiliaries += 1;
  const day = h.hiredDay;

  // Art. 28: social insurance and housing fund within 30 days (a few late: a supervision finding); accident insurance for 勤务辅警.
  const late = rng.chance(0.03);
  inService(ctx, aux, day + (late ? rng.int(35, 70) : rng.int(2, 25)), async () => {
    const kinds: InsuranceKind[] = [...SOCIAL_INSURANCE, 'HOUSING_FUND'];
    const accidentLater = aux.category === 'DUTY' && rng.chance(0.1);
    if (aux.category === 'DUTY' && !accidentLater) kinds.push('PERSONAL_ACCIDENT');
    await enrol(ctx, aux, kinds);
    if (accidentLater) inService(ctx, aux, sim.today + rng.int(5, 40), () => enrol(ctx, aux, ['PERSONAL_ACCIDENT']));
  });
  // Art. 37 ¶1: work ID, uniform and insignia with serial numbers.
  inService(ctx, aux, day + rng.int(1, 10), async () => {
    for (const kind of ['WORK_ID', 'UNIFORM', 'INSIGNIA'] as const) {
      const serial = `${aux.city.id.toUpperCase()}-${kind === 'WORK_ID' ? 'ID' : kind === 'UNIFORM' ? 'UF' : 'BG'}-${pad(ctx.next(`serial-${kind}`), 7)}`;
      if (accepted(await sim.issue(issueCredential, { auxiliaryId: aux.id, kind, serial }, countyOperatorFor(ctx, aux.organ)))) aux.credentials.push(serial);
    }
  });
  // Art. 35 ¶2: pre-job training, passed before any posting.
  schedulePreJobTraining(ctx, aux, day + rng.int(10, 35));
  // Art. 16 ¶1: some bring a driving licence, a few a drone licence.
  if (rng.chance(aux.category === 'DUTY' ? 0.35 : 0.1)) inService(ctx, aux, day + rng.int(5, 60), () => qualify(ctx, aux, 'POLICE_VEHICLE_DRIVING'));
  if (rng.chance(0.04)) inService(ctx, aux, day + rng.int(30, 200), () => qualify(ctx, aux, 'POLICE_DRONE_OPERATION'));
  // 转正.
  if (h.contract.probationLastDay) {
    inService(ctx, aux, dayOf(h.contract.probationLastDay) + rng.int(1, 7), async () => {
      if (!aux.onProbation) return;
      if (accepted(await sim.issue(completeProbation, { auxiliaryId: aux.id }, countyOperatorFor(ctx, aux.organ)))) aux.onProbation = false;
    });
  }
  const hireYear = yearOfDay(day);
  scheduleAnnualTraining(ctx, aux, day < dayOfYearStart(hireYear, 8) ? hireYear : hireYear + 1);
  const firstAssessmentYear = day < dayOfYearStart(hireYear, 10) ? hireYear : hireYear + 1;
  scheduleAssessment(ctx, aux, firstAssessmentYear);
  scheduleTermEnd(ctx, aux, dayOfYearStart(firstAssessmentYear + 1, 2));
  scheduleHealthCheck(ctx, aux);
  schedulePayReview(ctx, aux);
  scheduleIncident(ctx, aux);
}

/** Runs a task on that day if the auxiliary is still in service. */
function inService(ctx: Context, aux: AuxWork, day: number, run: () => Promise<unknown> | unknown): void {
  ctx.sim.at(day, async () => {
    if (aux.status !== 'DEPARTED') await run();
  });
}

async function enrol(ctx: Context, aux: AuxWork, kinds: InsuranceKind[]): Promise<void> {
  const outcome = await ctx.sim.issue(enrolInsurance, { auxiliaryId: aux.id, kinds, reference: `SI-${aux.city.id}-${pad(ctx.next('insurance'), 7)}` }, countyOperatorFor(ctx, aux.organ));
  if (accepted(outcome)) for (const k of kinds) aux.insurance.add(k);
}

async function qualify(ctx: Context, aux: AuxWork, kind: EquipmentQualification): Promise<void> {
  const { sim } = ctx;
  if (aux.qualifications.some((q) => q.kind === kind && q.until > sim.today + YEAR)) return;
  // A licence held for a while, valid six years (drones: two), recorded now.
  const from = kind === 'POLICE_VEHICLE_DRIVING' ? sim.today - sim.rng.int(30, 1500) : sim.today - sim.rng.int(0, 20);
  const until = addMonthsToDay(from, kind === 'POLICE_VEHICLE_DRIVING' ? 72 : 24) - 1;
  if (until <= sim.today + 60) return;
  const outcome = await sim.issue(
    recordQualification,
    { auxiliaryId: aux.id, qualificationId: `q-${pad(ctx.next('qualification'), 7)}`, kind, validFrom: dateOf(from), validUntil: dateOf(until), reference: `${kind === 'POLICE_VEHICLE_DRIVING' ? 'DL' : 'UAV'}-${sim.rng.hex8()}` },
    countyOperatorFor(ctx, aux.organ),
  );
  if (accepted(outcome)) aux.qualifications.push({ kind, from, until });
}

function schedulePreJobTraining(ctx: Context, aux: AuxWork, day: number): void {
  const { sim } = ctx;
  inService(ctx, aux, day, async () => {
    const passed = !sim.rng.chance(0.03);
    const completedOn = Math.max(aux.hiredDay, sim.today - sim.rng.int(0, 3));
    const outcome = await sim.issue(
      recordTraining,
      { auxiliaryId: aux.id, trainingId: `t-${pad(ctx.next('training'), 8)}`, kind: 'PRE_JOB', year: null, topics: ['POLITICS', 'LAW', 'DISCIPLINE', 'ETHICS', 'SECRECY', 'SKILLS'], completedOn: dateOf(completedOn), outcome: passed ? 'PASSED' : 'FAILED' },
      countyOperatorFor(ctx, aux.organ),
    );
    if (!accepted(outcome)) return;
    if (!passed) return schedulePreJobTraining(ctx, aux, sim.today + sim.rng.int(14, 30));
    aux.preJobPassedDay = completedOn;
    scheduleDuty(ctx, aux, sim.today + sim.rng.int(1, 10));
  });
}

// ── Duties ───────────────────────────────────────────────────────────────────

function highRiskDuties(ctx: Context, day: number): readonly string[] {
  const ruleSet = ruleSetInForce(ctx.sim.registry, dateOf(day));
  return ruleSet ? parameterOn(ruleSet.parameters, 'insurance.highRiskDuties', dateOf(day))?.value ?? [] : [];
}

function scheduleDuty(ctx: Context, aux: AuxWork, day: number): void {
  if (aux.dutyScheduled) return;
  aux.dutyScheduled = true;
  inService(ctx, aux, day, async () => {
    aux.dutyScheduled = false;
    if (aux.status !== 'WORKING' || aux.preJobPassedDay === null || aux.assignments.length > 0) return;
    await assign(ctx, aux);
  });
}

/** Legal duties only: the category's own list (Arts. 12–14), equipment only with a valid licence, high-risk posts only when insured. */
function chooseDuties(ctx: Context, aux: AuxWork): { codes: string[]; nationalBasis: string | null } {
  const { rng, today } = ctx.sim;
  if (aux.category === 'CIVILIAN') {
    if (rng.chance(0.02)) return { codes: ['CIV_OTHER'], nationalBasis: NATIONAL_BASIS };
    return { codes: [rng.weighted(CIVILIAN_WEIGHTS as Record<string, number>)], nationalBasis: null };
  }
  const risky = highRiskDuties(ctx, today);
  const insured = aux.insurance.has('PERSONAL_ACCIDENT');
  const weights: Record<string, number> = {};
  for (const [code, w] of Object.entries(DUTY_WEIGHTS)) {
    if (!insured && risky.includes(code)) continue;
    weights[code] = aux.organ.id.endsWith('-jj') && code === 'ENF_TRAFFIC' ? (w as number) * 6 : aux.organ.id.endsWith('-crj') && code === 'ENF_SPECIAL_TRADES_BORDER' ? (w as number) * 10 : (w as number);
  }
  const codes = [rng.weighted(weights)];
  if (rng.chance(0.15)) {
    const second = rng.weighted(weights);
    if (!codes.includes(second)) codes.push(second);
  }
  const valid = (kind: EquipmentQualification) => aux.qualifications.some((q) => q.kind === kind && q.from <= today && today + 400 <= q.until);
  if (valid('POLICE_VEHICLE_DRIVING') && rng.chance(0.4)) codes.push('EQUIP_VEHICLE');
  if (valid('POLICE_DRONE_OPERATION') && rng.chance(0.5)) codes.push('EQUIP_DRONE');
  if (rng.chance(0.01)) return { codes: [...codes, 'SVC_OTHER'], nationalBasis: NATIONAL_BASIS };
  return { codes, nationalBasis: null };
}

async function assign(ctx: Context, aux: AuxWork): Promise<void> {
  const { sim } = ctx;
  const { rng } = sim;
  const { codes, nationalBasis } = chooseDuties(ctx, aux);
  const matterId = codes.some((c) => MATTER_DUTIES.includes(c)) && rng.chance(0.5) ? `matter-${aux.organ.countyId}-${pad(ctx.next('matter'), 6)}` : null;
  const equipment: IssuedEquipment[] = aux.category === 'DUTY' && rng.chance(0.3) ? [{ kind: rng.pick(['POLICE_GEAR', 'PROTECTIVE'] as const), serial: `EQ-${rng.hex8()}` }] : [];
  const officers = Array.from({ length: rng.chance(0.3) ? 2 : 1 }, () => `PO-${aux.organ.countyId}-${pad(rng.int(1, 400), 4)}`);
  const data: AssignDuty['data'] = {
    auxiliaryId: aux.id,
    assignmentId: `as-${pad(ctx.next('assignment'), 8)}`,
    dutyCodes: codes,
    nationalBasis,
    leadingOfficerIds: [...new Set(officers)],
    alone: false,
    matterId,
    equipmentIssued: equipment,
  };
  const outcome = await sim.issue(assignDuty, data, operatorFor(ctx, aux.organ));
  if (!accepted(outcome)) return;
  const assignment = { id: data.assignmentId, codes, fromDay: sim.today, matterId };
  aux.assignments.push(assignment);
  inService(ctx, aux, sim.today + rng.int(60, 300), async () => {
    if (aux.status !== 'WORKING' || !aux.assignments.includes(assignment)) return;
    const reassigned = rng.chance(0.3);
    const ended = await sim.issue(endDuty, { auxiliaryId: aux.id, assignmentId: assignment.id, reason: reassigned ? 'REASSIGNED' : 'COMPLETED' }, operatorFor(ctx, aux.organ));
    if (!accepted(ended)) return;
    aux.assignments = aux.assignments.filter((a) => a !== assignment);
    scheduleDuty(ctx, aux, sim.today + (reassigned ? 0 : rng.int(1, 14)));
  });
}

// ── The yearly round: annual training, assessment, promotion ──────────────────

function scheduleAnnualTraining(ctx: Context, aux: AuxWork, year: number): void {
  const { rng } = ctx.sim;
  inService(ctx, aux, dayOfYearStart(year, 9) + rng.int(0, 80), async () => {
    scheduleAnnualTraining(ctx, aux, year + 1);
    if (rng.chance(0.02)) return; // missed: TRAIN-ANNUAL shows it in supervision
    const { sim } = ctx;
    await sim.issue(
      recordTraining,
      { auxiliaryId: aux.id, trainingId: `t-${pad(ctx.next('training'), 8)}`, kind: 'ANNUAL', year, topics: rng.shuffle(['POLITICS', 'LAW', 'DISCIPLINE', 'ETHICS', 'SECRECY', 'SKILLS'] as const).slice(0, rng.int(2, 5)), completedOn: dateOf(Math.max(aux.hiredDay, sim.today - rng.int(0, 5))), outcome: rng.chance(0.98) ? 'PASSED' : 'FAILED' },
      countyOperatorFor(ctx, aux.organ),
    );
  });
}

const GRADES = { 优秀: 15, 称职: 75, 基本称职: 8, 不称职: 2 } as const;

function scheduleAssessment(ctx: Context, aux: AuxWork, year: number): void {
  const { sim } = ctx;
  const { rng } = sim;
  inService(ctx, aux, dayOfYearStart(year + 1, 1) + rng.int(8, 28), async () => {
    scheduleAssessment(ctx, aux, year + 1);
    // The term's end, if it falls before next January's round looks again (earlier ends are on the agenda already).
    if (aux.endDay >= dayOfYearStart(year + 1, 2)) scheduleTermEnd(ctx, aux, dayOfYearStart(year + 2, 2));
    const grade = rng.weighted(GRADES);
    const assessmentId = `asm-${year}-${aux.id}`;
    const dimensions: AssessmentDimension[] = [...ASSESSMENT_DIMENSIONS];
    const outcome = await sim.issue(recordAssessment, { auxiliaryId: aux.id, assessmentId, period: String(year), dimensions, grade }, countyOperatorFor(ctx, aux.organ));
    if (!accepted(outcome)) return;
    aux.latestAssessment = { id: assessmentId, grade, day: sim.today };
    if (grade === '不称职') {
      if (aux.levelIndex > 0 && rng.chance(0.6)) inService(ctx, aux, sim.today + rng.int(5, 20), () => lowerLevel(ctx, aux, { kind: 'ASSESSMENT', ref: assessmentId }));
      else if (rng.chance(0.3)) inService(ctx, aux, sim.today + rng.int(10, 40), () => leave(ctx, aux, 'MUTUAL_AGREEMENT'));
      return;
    }
    // 考核晋升: most are recorded within weeks; some weeks after the date they take effect (back-dated).
    const backdated = rng.chance(0.12);
    const assessedDay = sim.today;
    inService(ctx, aux, assessedDay + (backdated ? rng.int(40, 80) : rng.int(5, 30)), () =>
      considerPromotion(ctx, aux, backdated ? assessedDay + rng.int(1, 10) : ctx.sim.today),
    );
  });
}

function levelParameters(ctx: Context, day: number): { minMonths: number; qualifying: readonly string[]; blocks: Map<string, number> } {
  const ruleSet = ruleSetInForce(ctx.sim.registry, dateOf(day));
  const p = ruleSet?.parameters;
  const on = dateOf(day);
  return {
    minMonths: (p && parameterOn(p, 'promotion.minMonthsInLevel', on)?.value) ?? 24,
    qualifying: (p && parameterOn(p, 'promotion.qualifyingGrades', on)?.value) ?? [],
    blocks: new Map(((p && parameterOn(p, 'discipline.sanctions', on)?.value) ?? []).map((s) => [s.code, s.blocksPromotionMonths])),
  };
}

async function considerPromotion(ctx: Context, aux: AuxWork, effectiveDay: number): Promise<void> {
  const { sim } = ctx;
  const { rng } = sim;
  if (aux.status !== 'WORKING' || effectiveDay <= aux.levelSinceDay || effectiveDay < aux.hiredDay) return;
  const levels = levelsOn(sim.registry, dateOf(effectiveDay));
  const { minMonths, qualifying } = levelParameters(ctx, effectiveDay);
  const latest = aux.latestAssessment;
  const eligible =
    aux.levelIndex < levels.length - 1 &&
    monthsBetweenDays(aux.levelSinceDay, effectiveDay) >= minMonths &&
    latest !== null && latest.day <= effectiveDay && qualifying.includes(latest.grade) &&
    !aux.sanctions.some((s) => s.from <= effectiveDay && effectiveDay < addMonthsToDay(s.from, s.months));
  if (!eligible || !rng.chance(0.7)) return;
  const toLevel = levels[aux.levelIndex + 1] as string;
  const selection = rng.chance(0.1);
  const monthlyBaseFen = payStandardOn(sim.registry, aux.city.id, toLevel, dateOf(effectiveDay)) ?? 0;
  const outcome = await sim.issue(
    promote,
    { auxiliaryId: aux.id, route: selection ? 'SELECTION' : 'ASSESSMENT', toLevel, selectionRef: selection ? `选拔决定〔${yearOfDay(effectiveDay)}〕${ctx.next('selection')}号` : null, selectionAllowsSkip: false, pay: { locality: aux.city.id, monthlyBaseFen } },
    countyOperatorFor(ctx, aux.organ),
    effectiveDay,
  );
  if (!accepted(outcome)) return;
  aux.levelIndex += 1;
  aux.levelSinceDay = effectiveDay;
  aux.payFen = monthlyBaseFen;
  aux.paySinceDay = effectiveDay;
  // A back-dated promotion carries the standard of its own date: a standard that took effect since is applied after it.
  if (effectiveDay < sim.today) await reviewPay(ctx, aux);
  // 追溯冲突 (issue 11 item 6): now and then a warning decided two days before a promotion is recorded weeks after it —
  // the record keeps both, and supervision shows the promotion as a RETROACTIVE_CONFLICT. No random draw: the rest of the history is unchanged.
  if (ctx.next('promotion') % LATE_WARNING_EVERY === 1) inService(ctx, aux, sim.today + 21, () => lateWarning(ctx, aux, effectiveDay - 2));
}

/** One promotion in this many is followed by a warning recorded late, effective before it. */
const LATE_WARNING_EVERY = 25;

async function lateWarning(ctx: Context, aux: AuxWork, effectiveDay: number): Promise<void> {
  if (effectiveDay < aux.hiredDay) return;
  const decidingOrganId = aux.organ.countyId ?? aux.organ.id;
  const organPath = pathUp(ctx, aux.organ.id, decidingOrganId);
  const disciplineId = `d-late-${pad(ctx.next('late-warning'), 5)}`;
  const m = MISCONDUCT[0] as (typeof MISCONDUCT)[number];
  const months = levelParameters(ctx, effectiveDay).blocks.get('WARNING') ?? 0;
  const outcome = await ctx.sim.issue(
    discipline,
    { auxiliaryId: aux.id, disciplineId, misconduct: m.code, description: m.description, sanction: 'WARNING', decidingOrganId, effectiveUntil: months > 0 ? dateOf(addMonthsToDay(effectiveDay, months) - 1) : null, ...(organPath.length > 1 ? { organPath } : {}) },
    countyOperatorFor(ctx, aux.organ),
    effectiveDay,
  );
  if (accepted(outcome)) aux.sanctions.push({ id: disciplineId, from: effectiveDay, months });
}

async function lowerLevel(ctx: Context, aux: AuxWork, basis: { kind: 'ASSESSMENT' | 'DISCIPLINE'; ref: string }): Promise<void> {
  const { sim } = ctx;
  if (aux.levelIndex === 0) return;
  const toLevel = levelsOn(sim.registry, dateOf(sim.today))[aux.levelIndex - 1] as string;
  const monthlyBaseFen = payStandardOn(sim.registry, aux.city.id, toLevel, dateOf(sim.today)) ?? 0;
  const outcome = await sim.issue(demote, { auxiliaryId: aux.id, toLevel, basis, pay: { locality: aux.city.id, monthlyBaseFen } }, countyOperatorFor(ctx, aux.organ));
  if (!accepted(outcome)) return;
  aux.levelIndex -= 1;
  aux.levelSinceDay = sim.today;
  aux.payFen = monthlyBaseFen;
  aux.paySinceDay = sim.today;
}

// ── The contract's end: renewal (续订) or expiry ──────────────────────────────

/** Most terms that reach their end are renewed; fewer after a poor assessment or a recent sanction. */
const RENEWAL_RATE = { usual: 0.85, poorRecord: 0.3 } as const;
const RENEWAL_YEARS = { one: 15, three: 50, five: 35 } as const;

/**
 * A term's end is put on the agenda only when it falls before the next yearly
 * round (which looks again), so that no task holds a departed auxiliary for
 * years: what is pending is at most about a year ahead. Some weeks before the
 * last day the organ renews the contract (劳动合同法 Art. 19 ¶2: without
 * probation); otherwise the term runs out and the service ends on its last
 * day (Terminate, CONTRACT_EXPIRY).
 */
function scheduleTermEnd(ctx: Context, aux: AuxWork, horizon: number): void {
  if (aux.endDay >= horizon) return;
  const endDay = aux.endDay;
  inService(ctx, aux, endDay - ctx.sim.rng.int(10, 45), async () => {
    if (await renew(ctx, aux)) return;
    inService(ctx, aux, endDay, () => leave(ctx, aux, 'CONTRACT_EXPIRY'));
  });
}

async function renew(ctx: Context, aux: AuxWork): Promise<boolean> {
  const { sim } = ctx;
  const { rng } = sim;
  // A suspended auxiliary is not renewed (the domain refuses it): the term runs out.
  if (aux.status !== 'WORKING' || aux.contract.endDate === null) return false;
  const poorRecord = aux.latestAssessment?.grade === '不称职' || aux.sanctions.some((x) => x.from > sim.today - YEAR);
  if (!rng.chance(poorRecord ? RENEWAL_RATE.poorRecord : RENEWAL_RATE.usual)) return false;
  const start = addDays(aux.contract.endDate, 1);
  const contractId = `contract-${aux.id}-${aux.contracts + 1}`;
  const clauses = [...CONTRACT_CLAUSES];
  // 劳动合同法 Art. 14 ¶2 (3): after two consecutive fixed terms, an open-ended contract — unless the auxiliary asks for another fixed term.
  const openEnded = aux.contracts >= 2 && rng.chance(0.6);
  const term = rng.weighted(RENEWAL_YEARS);
  const contract: LabourContract = openEnded
    ? { contractId, kind: 'OPEN_ENDED', startDate: start, endDate: null, probationLastDay: null, clauses }
    : { contractId, kind: 'FIXED_TERM', startDate: start, endDate: addDays(addYears(start, term === 'one' ? 1 : term === 'three' ? 3 : 5), -1), probationLastDay: null, clauses };
  const outcome = await sim.issue(renewContract, { auxiliaryId: aux.id, personKey: aux.person.key, contract }, countyOperatorFor(ctx, aux.organ));
  if (!accepted(outcome)) return false;
  aux.contract = contract;
  aux.contracts += 1;
  aux.endDay = contract.endDate === null ? Infinity : dayOf(contract.endDate);
  return true;
}

// ── Health checks (Art. 28 ¶3) ───────────────────────────────────────────────

const HEALTH_RESULTS: Record<HealthCheckResult, number> = { NORMAL: 93, FOLLOW_UP: 7 };

function healthCheckIntervalMonths(ctx: Context, day: number): number | null {
  const ruleSet = ruleSetInForce(ctx.sim.registry, dateOf(day));
  return ruleSet ? parameterOn(ruleSet.parameters, 'healthCheck.intervalMonths', dateOf(day))?.value ?? null : null;
}

/**
 * 公安机关应当定期组织辅警参加健康体检: each auxiliary is checked before the
 * interval in force (`healthCheck.intervalMonths`) runs out since the last
 * check or the hire — most some weeks before, a few weeks late (HEALTH-CHECK
 * shows them overdue in supervision until then). A check due more than a
 * year ahead is looked at again in a year.
 */
function scheduleHealthCheck(ctx: Context, aux: AuxWork): void {
  const { sim } = ctx;
  const { rng } = sim;
  const months = healthCheckIntervalMonths(ctx, sim.today);
  if (months === null) return;
  const due = addMonthsToDay(aux.lastHealthCheckDay ?? aux.hiredDay, months);
  const day = Math.max(sim.today + 1, rng.chance(0.04) ? due + rng.int(10, 60) : due - rng.int(5, 60));
  if (day > sim.today + YEAR) return inService(ctx, aux, sim.today + YEAR, () => scheduleHealthCheck(ctx, aux));
  inService(ctx, aux, day, async () => {
    // The check took place in the last few days; it is recorded today.
    const checkedOn = Math.max(aux.hiredDay, (aux.lastHealthCheckDay ?? aux.hiredDay - 1) + 1, sim.today - rng.int(0, 7));
    const category = rng.weighted(HEALTH_RESULTS);
    // Sealed under the person's data key, as the API's record-health-check does (ADR 0006); in clear without a vault (client keys).
    const sealer = ctx.identities?.sealer;
    const result = sealer?.sealPersonalData ? await sealer.sealPersonalData(aux.person.key, 'health', category, new Date(`${dateOf(sim.today)}T08:00:00.000Z`)) : category;
    const outcome = await sim.issue(recordHealthCheck, { auxiliaryId: aux.id, checkedOn: dateOf(checkedOn), result }, countyOperatorFor(ctx, aux.organ));
    if (!accepted(outcome)) return;
    aux.lastHealthCheckDay = checkedOn;
    scheduleHealthCheck(ctx, aux);
  });
}

// ── Pay (Art. 27 ¶2) ─────────────────────────────────────────────────────────

/**
 * 薪酬调整: when the registry's pay standards change (the demo's rise on
 * DEMO_PAY_RISE_FROM), the pay of each auxiliary in service is adjusted to
 * the standard of their level from the day it takes effect, recorded some
 * weeks later (back-dated). A change more than a year ahead is looked for
 * again in a year.
 */
function schedulePayReview(ctx: Context, aux: AuxWork): void {
  const { sim } = ctx;
  const [next] = payStandardChangesBetween(sim.registry, dateOf(sim.today));
  if (next === undefined) return;
  const changeDay = dayOf(next);
  if (changeDay > sim.today + YEAR) return inService(ctx, aux, sim.today + YEAR, () => schedulePayReview(ctx, aux));
  inService(ctx, aux, changeDay + sim.rng.int(3, 40), async () => {
    await reviewPay(ctx, aux);
    schedulePayReview(ctx, aux);
  });
}

/** Adjusts the pay on record to every standard that took effect since it did (PAY-LEVEL: the standard of the level on record, on the adjustment's date). */
async function reviewPay(ctx: Context, aux: AuxWork): Promise<void> {
  const { sim } = ctx;
  for (const date of payStandardChangesBetween(sim.registry, dateOf(aux.paySinceDay), dateOf(sim.today))) {
    const level = levelsOn(sim.registry, date)[aux.levelIndex];
    const monthlyBaseFen = level ? payStandardOn(sim.registry, aux.city.id, level, date) : null;
    if (monthlyBaseFen === null || monthlyBaseFen === aux.payFen) continue;
    const day = dayOf(date);
    const outcome = await sim.issue(adjustPay, { auxiliaryId: aux.id, pay: { locality: aux.city.id, monthlyBaseFen } }, countyOperatorFor(ctx, aux.organ), day);
    if (!accepted(outcome)) return;
    aux.payFen = monthlyBaseFen;
    aux.paySinceDay = day;
  }
}

// ── Incidents ────────────────────────────────────────────────────────────────

/** Incidents arrive at random (exponential waits); a wait beyond half a year is drawn again then (memoryless), so no task looks years ahead. */
function scheduleIncident(ctx: Context, aux: AuxWork): void {
  const { sim } = ctx;
  const wait = Math.max(1, Math.round(sim.rng.exponential(YEAR / INCIDENT_TOTAL)));
  const horizon = 180;
  inService(ctx, aux, sim.today + Math.min(wait, horizon), async () => {
    if (wait <= horizon) await incident(ctx, aux, sim.rng.weighted(INCIDENT_RATES as Record<Incident, number>));
    if (aux.status !== 'DEPARTED') scheduleIncident(ctx, aux);
  });
}

const MISCONDUCT: readonly { code: MisconductCode; description: string }[] = [
  { code: 'BEYOND_AUTHORITY', description: '超越权限从事警务辅助工作' },
  { code: 'SOLO_ENFORCEMENT', description: '单独开展执法工作' },
  { code: 'VEHICLE_DEVICE_MISUSE', description: '未按照规定使用警用交通工具' },
  { code: 'OTHER', description: '违反工作纪律，无故缺勤' },
];

/** The organs from `from` up to `to` by their parents, nearest first (as the organ registry records them). */
function pathUp(ctx: Context, from: string, to: string): string[] {
  const path = [from];
  let id: string | null = from;
  while (id !== null && id !== to) {
    id = ctx.world.organs.get(id)?.parentId ?? null;
    if (id !== null) path.push(id);
  }
  return path;
}

async function decideDiscipline(ctx: Context, aux: AuxWork, sanction: string): Promise<string | null> {
  const { sim } = ctx;
  const m = sim.rng.pick(MISCONDUCT);
  const disciplineId = `d-${pad(ctx.next('discipline'), 6)}`;
  const months = levelParameters(ctx, sim.today).blocks.get(sanction) ?? 0;
  // The county decides (DECIDING-ORGAN, Art. 34 ¶1: the using organ or one above it); a unit's auxiliary names the path up to it.
  const decidingOrganId = aux.organ.countyId ?? aux.organ.id;
  const organPath = pathUp(ctx, aux.organ.id, decidingOrganId);
  const outcome = await sim.issue(
    discipline,
    {
      auxiliaryId: aux.id, disciplineId, misconduct: m.code, description: m.description, sanction, decidingOrganId, effectiveUntil: months > 0 ? dateOf(addMonthsToDay(sim.today, months) - 1) : null,
      ...(organPath.length > 1 ? { organPath } : {}),
    },
    countyOperatorFor(ctx, aux.organ),
  );
  if (!accepted(outcome)) return null;
  aux.sanctions.push({ id: disciplineId, from: sim.today, months });
  return disciplineId;
}

async function incident(ctx: Context, aux: AuxWork, kind: Incident): Promise<void> {
  const { sim } = ctx;
  const { rng } = sim;
  const actor = countyOperatorFor(ctx, aux.organ);
  switch (kind) {
    case 'resignation':
      return leave(ctx, aux, 'RESIGNATION');
    case 'abandonment':
      return leave(ctx, aux, 'ABANDONMENT');
    case 'mutualAgreement':
      return leave(ctx, aux, 'MUTUAL_AGREEMENT');
    case 'complaint':
      return complaint(ctx, aux);
    case 'discipline': {
      const sanction = rng.weighted({ WARNING: 60, DEMERIT: 30, DEMOTION: 10 });
      const id = await decideDiscipline(ctx, aux, sanction);
      if (id && sanction === 'DEMOTION' && aux.levelIndex > 0) inService(ctx, aux, sim.today + rng.int(3, 15), () => lowerLevel(ctx, aux, { kind: 'DISCIPLINE', ref: id }));
      return;
    }
    case 'dismissal': {
      const id = await decideDiscipline(ctx, aux, 'DISMISSAL');
      if (id) inService(ctx, aux, sim.today + rng.int(3, 15), () => leave(ctx, aux, 'DISMISSAL_FOR_VIOLATION'));
      return;
    }
    case 'commendation': {
      await sim.issue(
        commend,
        { auxiliaryId: aux.id, commendationId: `c-${pad(ctx.next('commendation'), 6)}`, title: rng.pick(['优秀辅警', '先进个人', '嘉奖', '三等功']), grantingAuthority: rng.chance(0.7) ? aux.city.organ.name : ctx.world.region.name },
        actor,
      );
      return;
    }
    case 'injury':
    case 'death': {
      const death = kind === 'death';
      const disability = !death && rng.chance(0.05);
      const kindOf = death ? 'DEATH' : disability ? 'DISABILITY' : 'INJURY';
      const legalBasis = disability && rng.chance(0.5) ? 'POLICE_ANALOGY' : 'WORK_INJURY';
      const occurredOn = dateOf(Math.max(aux.hiredDay, sim.today - rng.int(0, 20)));
      const details = !death && rng.chance(0.4) ? rng.pick(['右腕骨折，休养六周', '腰部软组织挫伤', '左膝韧带损伤，手术治疗']) : null;
      // Sealed under the person's data key before the command is built, as the API's record-injury does (ADR 0006); none without a vault.
      const sealer = ctx.identities?.sealer;
      const medicalDetails = details && sealer?.sealPersonalData ? await sealer.sealPersonalData(aux.person.key, 'medical', details, new Date(`${dateOf(sim.today)}T08:00:00.000Z`)) : null;
      const outcome = await sim.issue(
        recordInjury,
        {
          auxiliaryId: aux.id,
          injuryId: `inj-${pad(ctx.next('injury'), 6)}`,
          kind: kindOf,
          legalBasis,
          occurredOn,
          determinationRef: `工伤认定〔${yearOfDay(sim.today)}〕${ctx.next('determination')}号`,
          medicalDetails,
        },
        actor,
      );
      if (death && accepted(outcome)) await leave(ctx, aux, 'DEATH');
      return;
    }
    case 'recusal': {
      const onMatter = aux.assignments.find((a) => a.matterId !== null);
      const matterId = onMatter?.matterId ?? `matter-${aux.organ.countyId}-${pad(ctx.next('matter'), 6)}`;
      const granted = rng.chance(0.8);
      const outcome = await sim.issue(
        decideRecusal,
        { auxiliaryId: aux.id, recusalId: `r-${pad(ctx.next('recusal'), 6)}`, matterId, initiatedBy: onMatter ? rng.pick(['PARTY', 'LEGAL_REPRESENTATIVE', 'AUXILIARY'] as const) : 'AUXILIARY', decidingOrganId: aux.organ.id, granted },
        actor,
      );
      if (accepted(outcome) && granted && onMatter && aux.status === 'WORKING') {
        // A granted recusal ends the assignment on that matter in the same append.
        aux.assignments = aux.assignments.filter((a) => a.matterId !== matterId);
        scheduleDuty(ctx, aux, sim.today + rng.int(1, 7));
      }
      return;
    }
    case 'suspension': {
      if (aux.status !== 'WORKING') return;
      const outcome = await sim.issue(suspend, { auxiliaryId: aux.id, decisionRef: `停职决定〔${yearOfDay(sim.today)}〕${ctx.next('suspension')}号`, reason: '接受调查' }, actor);
      if (!accepted(outcome)) return;
      aux.status = 'SUSPENDED';
      aux.assignments = [];
      inService(ctx, aux, sim.today + rng.int(20, 90), async () => {
        if (aux.status !== 'SUSPENDED') return;
        if (rng.chance(0.15)) return leave(ctx, aux, 'DISMISSAL_FOR_VIOLATION');
        const back = await sim.issue(reinstate, { auxiliaryId: aux.id, decisionRef: `恢复执行职务决定〔${yearOfDay(sim.today)}〕${ctx.next('reinstatement')}号` }, actor);
        if (!accepted(back)) return;
        aux.status = 'WORKING';
        if (aux.preJobPassedDay !== null) scheduleDuty(ctx, aux, sim.today + rng.int(1, 10));
      });
      return;
    }
    case 'compensation': {
      const compensationId = `comp-${pad(ctx.next('compensation'), 6)}`;
      const paidFen = rng.int(20, 500) * 100_00;
      const paid = await sim.issue(payCompensation, { auxiliaryId: aux.id, compensationId, paidByOrganId: aux.organ.id, paidFen, claimRef: `国赔〔${yearOfDay(sim.today)}〕${ctx.next('claim')}号` }, actor);
      // Art. 42 ¶3: recovery only on intent or gross negligence, never more than paid.
      if (accepted(paid) && rng.chance(0.4)) {
        sim.at(sim.today + rng.int(20, 90), async () => {
          await sim.issue(orderCompensationRecovery, { auxiliaryId: aux.id, compensationId, fromAuxiliaryFen: Math.round(paidFen * rng.int(10, 50) / 100 / 100) * 100, fault: 'GROSS_NEGLIGENCE', findingRef: `追偿认定〔${yearOfDay(sim.today)}〕${ctx.next('finding')}号` }, actor);
        });
      }
      return;
    }
    case 'qualification':
      return qualify(ctx, aux, rng.chance(0.85) ? 'POLICE_VEHICLE_DRIVING' : 'POLICE_DRONE_OPERATION');
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}

/** Art. 38: received, investigated and decided, the complainant told — a few too late (supervision). */
async function complaint(ctx: Context, aux: AuxWork): Promise<void> {
  const { sim } = ctx;
  const { rng } = sim;
  const actor = countyOperatorFor(ctx, aux.organ);
  const complaintId = `cp-${pad(ctx.next('complaint'), 6)}`;
  const received = await sim.issue(receiveComplaint, { auxiliaryId: aux.id, complaintId, channel: rng.chance(0.7) ? 'COMPLAINT' : 'REPORT', receivingOrganId: aux.organ.countyId ?? aux.organ.id }, actor);
  if (!accepted(received)) return;
  const receivedDay = sim.today;
  const late = rng.chance(0.04);
  // Complaints about someone who has left are still handled (no in-service check).
  sim.at(receivedDay + (late ? rng.int(65, 100) : rng.int(10, 45)), async () => {
    const finding = rng.weighted({ UNSUBSTANTIATED: 60, PARTLY_SUBSTANTIATED: 20, SUBSTANTIATED: 20 });
    let disciplineId: string | null = null;
    if (finding !== 'UNSUBSTANTIATED' && aux.status !== 'DEPARTED' && rng.chance(0.5)) disciplineId = await decideDiscipline(ctx, aux, rng.chance(0.7) ? 'WARNING' : 'DEMERIT');
    const handled = await sim.issue(handleComplaint, { auxiliaryId: aux.id, complaintId, investigatedOn: dateOf(Math.max(receivedDay, sim.today - rng.int(0, 7))), finding, disciplineId }, actor);
    if (!accepted(handled)) return;
    sim.at(sim.today + rng.int(1, 7), async () => {
      await sim.issue(tellComplainant, { auxiliaryId: aux.id, complaintId, means: rng.pick(['电话告知', '书面告知', '当面告知']) }, actor);
    });
  });
}

/** Art. 40: the contract ends; duties end, the quota place frees, the person's registry records why; credentials are then recovered (Art. 37 ¶3). */
async function leave(ctx: Context, aux: AuxWork, reason: TerminationReason): Promise<void> {
  const { sim } = ctx;
  const { rng } = sim;
  if (aux.status === 'DEPARTED') return;
  if (reason === 'CONTRACT_EXPIRY' ? sim.today < aux.endDay : sim.today > aux.endDay) return;
  const outcome = await sim.issue(
    terminate,
    { auxiliaryId: aux.id, personKey: aux.person.key, usingOrganId: aux.organ.id, reason, ground: TERMINATION_GROUNDS[reason] },
    countyOperatorFor(ctx, aux.organ),
  );
  if (!accepted(outcome)) return;
  aux.status = 'DEPARTED';
  aux.assignments = [];
  aux.organ.active -= 1;
  sim.activeAuxiliaries -= 1;
  aux.person.history.push({ organId: aux.organ.id, endedOn: dateOf(sim.today), reason });
  if (reason !== 'DEATH') ctx.former.add(aux.person);
  const actor = countyOperatorFor(ctx, aux.organ);
  for (const serial of aux.credentials) {
    if (rng.chance(0.04)) continue; // never returned: a supervision finding (CREDENTIALS)
    sim.at(sim.today + rng.int(0, 30), async () => {
      await sim.issue(recoverCredential, { auxiliaryId: aux.id, serial }, actor);
    });
  }
}
