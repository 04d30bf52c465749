import {
  type ContractKind,
  type LabourContract,
  type PlanOpening,
  type RankingEntry,
  announceRecruitment,
  approveRecruitmentPlan,
  closeRecruitmentPlan,
  completePublicNotice,
  draftRecruitmentPlan,
  failRecruitmentStage,
  fileRecruitmentPlan,
  hire,
  rankByArt22,
  recordExamResults,
  recordInspection,
  recordMedicalExamination,
  recordRanking,
  registerApplicant,
  registerApplication,
  reviewQualification,
} from '@auxledger/domain';
import { type AuxiliaryCategory, type ContractClause, CONTRACT_CLAUSES, addDays, addMonths, addYears } from '@auxledger/statute';
import { dateOf, yearOfDay } from './calendar';
import { startCareer } from './careers';
import { type Context, countyOperatorFor, pad } from './context';
import { payStandardOn } from './demo-registry';
import { giveIdentity } from './identities';
import { type PersonWork, disqualifiedOnRecord, newPerson, profileOf } from './people';
import type { Prng } from './prng';
import { accepted } from './simulation';
import type { CityWork, OrganWork } from './world';

/**
 * Recruitment (Arts. 17–24): a 盟市 organ drafts a plan within the quota
 * headroom of its organs (QUOTA-PLAN), has it approved by the same-level
 * government, files it with the REGION organ (some late: a supervision
 * finding), announces it (stage 1); applicants register and pass or fail
 * each stage of Art. 20 in order; the ranking (Art. 22) calls the best to the
 * medical, inspection and public notice, a reserve steps up when one fails;
 * the passed are hired on a labour contract at level L1 with the pay standard
 * in force; the plan closes and frees what it did not fill.
 */

/** Openings above which a 盟市 splits its recruitment into several plans (keeps one ranking event small). */
const MAX_OPENINGS_PER_PLAN = 300;

interface OpeningWork {
  opening: PlanOpening;
  organ: OrganWork;
  filled: number;
  /** Candidates between the call to the medical and the hire. */
  inFlight: number;
}

type AppStatus = 'REGISTERED' | 'REVIEWED' | 'EXAMINED' | 'CALLED' | 'RESERVE' | 'ENDED' | 'HIRED';

interface AppWork {
  id: string;
  person: PersonWork;
  preferenceCategories: number[];
  targetedOpeningId: string | null;
  status: AppStatus;
  score: number;
}

interface PlanWork {
  id: string;
  city: CityWork;
  openings: OpeningWork[];
  organIds: string[];
  applicants: AppWork[];
  reserves: AppWork[];
  hasPostCondition: boolean;
  closing: boolean;
}

const POST_CONDITION = { id: 'driving', description: '持有C1及以上机动车驾驶证' };

export function scheduleRecruitment(ctx: Context, city: CityWork, day: number, first: boolean): void {
  ctx.sim.at(day, async () => {
    await campaign(ctx, city, first);
    // The next round looks for vacancies in about half a year.
    scheduleRecruitment(ctx, city, ctx.sim.today + ctx.sim.rng.int(150, 210), false);
  });
}

async function campaign(ctx: Context, city: CityWork, first: boolean): Promise<void> {
  const wanted = city.usingOrgans
    .filter((o) => o.registered)
    .map((o) => {
      const vacancy = o.quota - o.active - o.reserved;
      // The first round fills about three quarters of the quota; later rounds fill what is free.
      return { organ: o, count: first ? Math.ceil(vacancy * 0.75) : vacancy };
    })
    .filter((w) => w.count > 0);
  if (wanted.length === 0) return;
  let group: typeof wanted = [];
  let size = 0;
  for (const w of wanted) {
    if (size + w.count > MAX_OPENINGS_PER_PLAN && group.length > 0) {
      await draft(ctx, city, group);
      group = [];
      size = 0;
    }
    group.push(w);
    size += w.count;
  }
  if (group.length > 0) await draft(ctx, city, group);

}

function openingsFor(rng: Prng, planId: string, organ: OrganWork, count: number): PlanOpening[] {
  const duty = count === 1 ? (rng.chance(0.7) ? 1 : 0) : Math.round(count * (0.6 + rng.next() * 0.2));
  const civilian = count - duty;
  const out: PlanOpening[] = [];
  let general = duty;
  // 定向招聘 (Art. 22 ¶2) for items (1) and (2), now and then.
  if (duty >= 3 && rng.chance(0.25)) {
    out.push({ openingId: `${planId}/${organ.id}/T`, organId: organ.id, category: 'DUTY', count: 1, targetedCategories: [1, 2] });
    general -= 1;
  }
  if (general > 0) out.push({ openingId: `${planId}/${organ.id}/D`, organId: organ.id, category: 'DUTY', count: general, targetedCategories: null });
  if (civilian > 0) out.push({ openingId: `${planId}/${organ.id}/C`, organId: organ.id, category: 'CIVILIAN', count: civilian, targetedCategories: null });
  return out;
}

async function draft(ctx: Context, city: CityWork, wanted: { organ: OrganWork; count: number }[]): Promise<void> {
  const { sim } = ctx;
  const { rng } = sim;
  const year = yearOfDay(sim.today);
  const planId = `plan-${city.id}-${year}-${ctx.next(`plan-${city.id}-${year}`)}`;
  const openings = wanted.flatMap((w) => openingsFor(rng, planId, w.organ, w.count));
  const hasPostCondition = rng.chance(0.3);
  const actor = rng.pick(city.operators);
  const outcome = await sim.issue(
    draftRecruitmentPlan,
    {
      planId,
      draftingOrganId: city.id,
      title: `${year}年${city.organ.name}警务辅助人员招聘计划`,
      openings,
      postConditions: hasPostCondition ? [POST_CONDITION] : [],
    },
    actor,
  );
  if (!accepted(outcome)) return;
  const byId = new Map(wanted.map((w) => [w.organ.id, w.organ]));
  const plan: PlanWork = {
    id: planId,
    city,
    openings: openings.map((o) => ({ opening: o, organ: byId.get(o.organId) as OrganWork, filled: 0, inFlight: 0 })),
    organIds: [...new Set(openings.map((o) => o.organId))],
    applicants: [],
    reserves: [],
    hasPostCondition,
    closing: false,
  };
  for (const o of plan.openings) o.organ.reserved += o.opening.count;
  city.plansDrafted += 1;

  // 报同级人民政府批准 (Art. 18 ¶1); now and then the government does not approve, or the organ withdraws.
  sim.at(sim.today + rng.int(5, 20), async () => {
    if (rng.chance(0.02)) {
      await close(ctx, plan, 'NOT_APPROVED');
      return;
    }
    const approved = await sim.issue(
      approveRecruitmentPlan,
      { planId, governmentLevel: 'CITY', approver: `${city.division}人民政府`, documentNumber: `${city.division.slice(0, 2)}政批〔${yearOfDay(sim.today)}〕${ctx.next('approval')}号` },
      actor,
    );
    if (!accepted(approved)) return;
    const lateFiling = rng.chance(0.12);
    if (!lateFiling) sim.at(sim.today + rng.int(1, 8), () => file(ctx, plan, actor));
    sim.at(sim.today + rng.int(3, 12), async () => {
      if (rng.chance(0.015)) {
        await close(ctx, plan, 'WITHDRAWN');
        return;
      }
      const announced = await sim.issue(announceRecruitment, { planId, announcementRef: `${planId}/公告`, organIds: plan.organIds }, actor);
      if (!accepted(announced)) return;
      // 备案 late: filed after the announcement (the supervision view shows it unfiled until then).
      if (lateFiling) sim.at(sim.today + rng.int(15, 60), () => file(ctx, plan, actor));
      scheduleApplications(ctx, plan, sim.today);
    });
  });
}

async function file(ctx: Context, plan: PlanWork, actor: CityWork['operators'][number]): Promise<void> {
  await ctx.sim.issue(fileRecruitmentPlan, { planId: plan.id, regionOrganId: ctx.world.region.id, filingRef: `内公辅备〔${yearOfDay(ctx.sim.today)}〕${ctx.next('filing')}号` }, actor);
}

function scheduleApplications(ctx: Context, plan: PlanWork, announcedDay: number): void {
  const { sim } = ctx;
  const { rng } = sim;
  const openings = plan.openings.reduce((n, o) => n + o.opening.count, 0);
  const applicants = Math.max(openings + 1, Math.ceil(openings * (1.8 + rng.next() * 0.8)));
  const targeted = plan.openings.filter((o) => o.opening.targetedCategories !== null);
  const actor = () => rng.pick(plan.city.operators);
  for (let i = 0; i < applicants; i++) {
    const forTarget = i < targeted.length * 2 ? targeted[i % targeted.length] : undefined;
    sim.at(announcedDay + rng.int(1, 18), async () => {
      const date = dateOf(sim.today);
      const person = (rng.chance(0.05) ? ctx.former.take(rng) : null) ?? newPerson(rng, date, `${plan.city.division}人民政府学历放宽批复〔2024〕3号`);
      const preferenceCategories = forTarget ? [rng.pick([1, 2])] : rng.chance(0.1) ? [rng.int(3, 6)] : [];
      const app: AppWork = { id: `app-${pad(ctx.next('app'), 7)}`, person, preferenceCategories, targetedOpeningId: forTarget?.opening.openingId ?? null, status: 'REGISTERED', score: 0 };
      if (ctx.identities) await giveIdentity(ctx.identities.sealer, ctx.identities.seed, ctx.next('person'), person, date, ctx.identities.taken);
      const registration = { applicationId: app.id, planId: plan.id, personKey: person.key, applicant: profileOf(person), preferenceCategories, targetedOpeningId: app.targetedOpeningId };
      const outcome = person.identity
        ? await sim.issue(registerApplicant, { ...registration, identity: person.identity }, actor())
        : await sim.issue(registerApplication, registration, actor());
      if (accepted(outcome)) plan.applicants.push(app);
    });
  }

  const reviewDay = announcedDay + rng.int(22, 28);
  const examDay = reviewDay + rng.int(10, 18);
  const rankingDay = examDay + rng.int(4, 8);
  // 资格审查 (stage 2): Art. 21 conditions and Art. 23 findings; the domain reads the person's service history from their registry stream (DISQ-5, DISQ-6).
  sim.at(reviewDay, () => {
    for (const app of plan.applicants) {
      sim.at(reviewDay + rng.int(0, 2), async () => {
        if (app.status !== 'REGISTERED') return;
        if (disqualifiedOnRecord(app.person)) {
          await failStage(ctx, app, 2, 'DISQUALIFIED', actor());
          return;
        }
        if (rng.chance(0.07)) {
          await failStage(ctx, app, 2, 'NOT_ELIGIBLE', actor());
          return;
        }
        const outcome = await sim.issue(
          reviewQualification,
          {
            applicationId: app.id,
            backgroundFindings: ([1, 2, 3, 4, 5, 6, 7, 8] as const).map((item) => ({ item, found: false, ref: `BG/${app.id}/${item}` })),
            personKey: app.person.key,
            postConditions: plan.hasPostCondition ? [{ id: POST_CONDITION.id, met: true }] : [],
            politicalAttestation: { conclusion: 'MEETS', attestedBy: `reviewer-${plan.city.id}-${rng.int(1, 4)}`, attestedOn: dateOf(sim.today), materialRefs: [`PA/${app.id}`] },
          },
          actor(),
        );
        if (accepted(outcome)) app.status = 'REVIEWED';
      });
    }
  });
  // 笔试、体能测试与面试 (stage 3).
  sim.at(examDay, () => {
    for (const app of plan.applicants) {
      sim.at(examDay + rng.int(0, 1), async () => {
        if (app.status !== 'REVIEWED') return;
        const absent = rng.chance(0.04);
        if (absent || rng.chance(0.06)) {
          await failStage(ctx, app, 3, absent ? 'ABSENT' : 'BELOW_STANDARD', actor());
          return;
        }
        const written = round1(rng.normal(72, 9, 40, 99));
        const physical = round1(rng.normal(76, 10, 40, 100));
        const interview = round1(rng.normal(78, 7, 50, 98));
        const total = round1(written * 0.4 + physical * 0.3 + interview * 0.3);
        const outcome = await sim.issue(recordExamResults, { applicationId: app.id, scores: { written, physical, interview, total } }, actor());
        if (!accepted(outcome)) return;
        app.status = 'EXAMINED';
        app.score = total;
      });
    }
  });
  // Ranking (Art. 22 ¶1), then the best are called to the medical; the rest wait as reserves.
  sim.at(rankingDay, async () => {
    const examined = plan.applicants.filter((a) => a.status === 'EXAMINED');
    const entries: RankingEntry[] = examined.map((a) => ({ applicantId: a.id, score: a.score, eligible: true, preferenceCategories: a.preferenceCategories }));
    const ranking = rankByArt22(entries);
    const outcome = examined.length > 0 ? await sim.issue(recordRanking, { planId: plan.id, ranking }, actor()) : null;
    if (examined.length > 0 && !accepted(outcome)) return;
    const byId = new Map(examined.map((a) => [a.id, a]));
    for (const entry of ranking) {
      const app = byId.get(entry.applicantId) as AppWork;
      const opening = plan.openings.find((o) => fits(o, app) && o.filled + o.inFlight < o.opening.count);
      if (opening) call(ctx, plan, app, opening, sim.today + rng.int(5, 12));
      else {
        app.status = 'RESERVE';
        plan.reserves.push(app);
      }
    }
    checkClose(ctx, plan);
  });
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const fits = (o: OpeningWork, app: AppWork) => (o.opening.targetedCategories === null ? app.targetedOpeningId === null : app.targetedOpeningId === o.opening.openingId);

async function failStage(
  ctx: Context,
  app: AppWork,
  stage: 2 | 3 | 4 | 5 | 6,
  reason: 'NOT_ELIGIBLE' | 'DISQUALIFIED' | 'BELOW_STANDARD' | 'ABSENT' | 'OBJECTION_UPHELD' | 'OTHER',
  actor: CityWork['operators'][number],
): Promise<boolean> {
  const outcome = await ctx.sim.issue(failRecruitmentStage, { applicationId: app.id, stage, reason, reasonRef: `SEALED/${app.id}/${stage}` }, actor);
  if (accepted(outcome)) app.status = 'ENDED';
  return accepted(outcome);
}

/** A candidate goes through the medical (4), the inspection (5) and the public notice (6), then is hired. */
function call(ctx: Context, plan: PlanWork, app: AppWork, opening: OpeningWork, day: number): void {
  const { sim } = ctx;
  const { rng } = sim;
  const actor = () => rng.pick(plan.city.operators);
  app.status = 'CALLED';
  opening.inFlight += 1;
  const drop = async (stage: 4 | 5 | 6, reason: 'NOT_ELIGIBLE' | 'DISQUALIFIED' | 'OBJECTION_UPHELD') => {
    await failStage(ctx, app, stage, reason, actor());
    release();
  };
  const release = () => {
    opening.inFlight -= 1;
    callReserve(ctx, plan, opening);
    checkClose(ctx, plan);
  };
  sim.at(day, async () => {
    if (rng.chance(0.05)) return drop(4, 'NOT_ELIGIBLE');
    if (!accepted(await sim.issue(recordMedicalExamination, { applicationId: app.id, reportRef: `MED/${app.id}` }, actor()))) return release();
    sim.at(sim.today + rng.int(7, 14), async () => {
      if (rng.chance(0.03)) return drop(5, 'DISQUALIFIED');
      const inspected = await sim.issue(
        recordInspection,
        { applicationId: app.id, backgroundFindings: [{ item: 3, found: false, ref: `INSP/${app.id}/3` }], personKey: app.person.key },
        actor(),
      );
      if (!accepted(inspected)) return release();
      const from = sim.today + rng.int(1, 3);
      const until = from + 6;
      sim.at(until + rng.int(0, 3), async () => {
        if (rng.chance(0.01)) return drop(6, 'OBJECTION_UPHELD');
        const noticed = await sim.issue(completePublicNotice, { applicationId: app.id, noticeFrom: dateOf(from), noticeUntil: dateOf(until) }, actor());
        if (!accepted(noticed)) return release();
        sim.at(sim.today + rng.int(3, 14), async () => {
          const hired = await hireCandidate(ctx, plan, app, opening);
          opening.inFlight -= 1;
          if (hired) opening.filled += 1;
          else callReserve(ctx, plan, opening);
          checkClose(ctx, plan);
        });
      });
    });
  });
}

function callReserve(ctx: Context, plan: PlanWork, opening: OpeningWork): void {
  if (plan.closing || opening.filled + opening.inFlight >= opening.opening.count) return;
  const i = plan.reserves.findIndex((a) => fits(opening, a));
  if (i < 0) return;
  const [app] = plan.reserves.splice(i, 1);
  if (app) call(ctx, plan, app, opening, ctx.sim.today + ctx.sim.rng.int(3, 10));
}

/** Terms of a first contract: mostly three or five years; some organs hire for a year and renew (续订) year by year. */
const CONTRACT_YEARS = { five: 45, three: 30, two: 10, one: 15 } as const;

export function contractFor(prng: Prng, contractId: string, startDay: number): LabourContract {
  const start = dateOf(startDay);
  const term = prng.weighted(CONTRACT_YEARS);
  const years = term === 'five' ? 5 : term === 'three' ? 3 : term === 'two' ? 2 : 1;
  // 劳动合同法 Art. 19: at most six months' probation for three years or more, two months for one to three years.
  const probationMonths = years >= 3 ? prng.pick([3, 6, 6]) : years === 2 ? 2 : 1;
  const kind: ContractKind = 'FIXED_TERM';
  const clauses: ContractClause[] = [...CONTRACT_CLAUSES];
  return { contractId, kind, startDate: start, endDate: addDays(addYears(start, years), -1), probationLastDay: addDays(addMonths(start, probationMonths), -1), clauses };
}

async function hireCandidate(ctx: Context, plan: PlanWork, app: AppWork, opening: OpeningWork): Promise<boolean> {
  const { sim } = ctx;
  const organ = opening.organ;
  if (organ.active >= organ.quota) return false;
  const auxiliaryId = `aux-${pad(ctx.next('aux'), 7)}`;
  const contract = contractFor(sim.rng, `contract-${auxiliaryId}`, sim.today);
  const category = opening.opening.category as AuxiliaryCategory;
  const monthlyBaseFen = payStandardOn(sim.registry, plan.city.id, 'L1', dateOf(sim.today)) ?? 0;
  const outcome = await sim.issue(
    hire,
    { auxiliaryId, applicationId: app.id, personKey: app.person.key, usingOrganId: organ.id, category, contract, level: 'L1', pay: { locality: plan.city.id, monthlyBaseFen } },
    countyOperatorFor(ctx, organ),
  );
  if (!accepted(outcome)) return false;
  app.status = 'HIRED';
  organ.active += 1;
  organ.reserved -= 1;
  startCareer(ctx, { auxiliaryId, person: app.person, organ, city: plan.city, category, contract, hiredDay: sim.today, payFen: monthlyBaseFen });
  return true;
}

/** When nothing is under way and no reserve can fill what is left, the plan closes and frees its unfilled openings. */
function checkClose(ctx: Context, plan: PlanWork): void {
  if (plan.closing) return;
  const busy = plan.openings.some((o) => o.inFlight > 0);
  if (busy) return;
  const fillable = plan.openings.some((o) => o.filled < o.opening.count && plan.reserves.some((a) => fits(o, a)));
  if (fillable) return;
  plan.closing = true;
  const { sim } = ctx;
  sim.at(sim.today + sim.rng.int(5, 20), async () => {
    const actor = sim.rng.pick(plan.city.operators);
    // Reserves never reached: their recruitment ends at stage (4), to which they were not called.
    for (const app of plan.reserves) await failStage(ctx, app, 4, 'OTHER', actor);
    plan.reserves = [];
    await close(ctx, plan, 'COMPLETED');
  });
}

async function close(ctx: Context, plan: PlanWork, reason: 'COMPLETED' | 'WITHDRAWN' | 'NOT_APPROVED'): Promise<void> {
  plan.closing = true;
  const outcome = await ctx.sim.issue(closeRecruitmentPlan, { planId: plan.id, reason, organIds: plan.organIds }, ctx.sim.rng.pick(plan.city.operators));
  if (!accepted(outcome)) return;
  for (const o of plan.openings) o.organ.reserved -= o.opening.count - o.filled;
  plan.applicants = [];
}

