import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { type EventStore, type RecordedEvent, SqliteEventStore, digestLog, verifyLog } from '@auxledger/event-store';
import type { AuxiliaryEvent, LabourContract, PayOnLevel } from '@auxledger/domain';
import { addDays, addMonths, parameterOn, ruleSetInForce } from '@auxledger/statute';
import { DEMO_PAY_RISE_FROM, demoRegistry, payStandardOn } from './demo-registry';
import { type HistorySummary, generateHistory } from './generate-history';
import { loadRegionOrgans } from './load-organs';
import { scratchDir } from './scratch';

/**
 * Histories through the real command path on SQLite: reproducible from the
 * seed (same commands, same events, same log digest), legal (no refusal), in
 * proportions that make sense, and verifiable.
 */
const organs = loadRegionOrgans();
const SIZE = 2500;
const dir = scratchDir('auxledger-history');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  summary: HistorySummary;
  events: RecordedEvent[];
  digest: string;
  store: EventStore;
}

async function run(name: string, seed: number, foldedStreams?: number, bulkLoad?: { commitEvery: number }): Promise<Run> {
  const store = new SqliteEventStore({ path: join(dir, `${name}.db`), ...(bulkLoad ? { bulkLoad } : {}) });
  const summary = await generateHistory(store, { seed, events: SIZE, organs, ...(foldedStreams !== undefined ? { foldedStreams } : {}) });
  const all: RecordedEvent[] = [];
  for (let batch = await store.readAll({ after: 0, maxCount: 5000 }); batch.length > 0; batch = await store.readAll({ after: all[all.length - 1]?.globalPosition ?? 0, maxCount: 5000 })) {
    all.push(...batch);
  }
  return { summary, events: all, digest: (await digestLog(store)).digest, store };
}

const shape = (e: RecordedEvent) => ({ type: e.type, streamId: e.streamId, data: e.data });

describe('generateHistory', () => {
  let a: Run;
  let again: Run;
  let other: Run;
  let uncached: Run;
  let bulk: Run;
  beforeAll(async () => {
    a = await run('a', 11);
    again = await run('a-again', 11);
    other = await run('b', 12);
    uncached = await run('a-uncached', 11, 0);
    bulk = await run('a-bulk', 11, undefined, { commitEvery: 100 });
    // Five histories of 2 500 events: about 25 s on a quiet machine, several times that on two loaded cores.
  }, 300_000);
  afterAll(async () => {
    for (const r of [a, again, other, uncached, bulk]) await r?.store.close();
  });

  it('writes the size asked for', () => {
    // The events the commands decided, and one claim of its id per accepted command.
    const decided = a.events.filter((e) => e.type !== 'CommandAccepted');
    expect(decided.length).toBe(a.summary.eventsWritten);
    expect(a.events.length - decided.length).toBe(a.summary.commandsAccepted);
    expect(decided.length).toBeGreaterThanOrEqual(SIZE);
    expect(decided.length).toBeLessThan(SIZE + 20);
  });

  it('the same seed and size give the same log: event types, data and streams in order, and the log digest', () => {
    expect(again.events.map(shape)).toEqual(a.events.map(shape));
    expect(again.events.map((e) => e.eventId)).toEqual(a.events.map((e) => e.eventId));
    expect(again.digest).toBe(a.digest);
    expect(again.summary.commands).toEqual(a.summary.commands);
  });

  it('the folded streams change nothing: without them, the same log', () => {
    expect(uncached.digest).toBe(a.digest);
  });

  it('a bulk load (one COMMIT for many commands, as the CLI writes) changes nothing: the same log, every command still decided and appended one by one', () => {
    expect(bulk.summary.commands).toEqual(a.summary.commands);
    expect(bulk.events.length).toBe(a.events.length);
    expect(bulk.digest).toBe(a.digest);
  });

  it('another seed gives another history', () => {
    expect(other.digest).not.toBe(a.digest);
    expect(other.events.slice(0, 300).map(shape)).not.toEqual(a.events.slice(0, 300).map(shape));
  });

  it('every command it issues is legal: nothing refused, by the statute or by the record', () => {
    for (const r of [a, other]) {
      if (r.summary.commandsRefused > 0) console.log(r.summary.refusals);
      expect(r.summary.refusalsByRule).toEqual({});
      expect(r.events.some((e) => e.type === 'CommandRefused')).toBe(false);
    }
  });

  it('the generated log verifies: every hash, stream link and the inline log digest', async () => {
    const report = await verifyLog(a.store);
    expect(report.breaks).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checkpoint.digest).toBe(a.digest);
  });

  it('time moves forward from 2024-09-01, each event with its effective date; a few commands are back-dated', () => {
    const dates = a.events.map((e) => e.metadata.effectiveDate);
    expect(dates[0]).toBe('2024-09-01');
    const recorded = a.events.map((e) => e.metadata.recordedAt);
    expect([...recorded].sort()).toEqual(recorded);
    for (const e of a.events) expect(e.metadata.recordedAt.slice(0, 10) >= e.metadata.effectiveDate).toBe(true);
    const backdated = a.events.filter((e) => e.metadata.recordedAt.slice(0, 10) > e.metadata.effectiveDate);
    expect(backdated.length).toBeGreaterThan(0);
    expect(a.summary.backdatedCommands).toBeGreaterThan(0);
    expect(a.summary.lastDate > '2026-01-01').toBe(true);
  });

  it('operators act with organ scopes; organs are registered by an administrator', () => {
    const actors = new Map(a.events.map((e) => [e.metadata.actor.id, e.metadata.actor]));
    const registrations = a.events.filter((e) => e.type === 'OrganRegistered');
    expect(new Set(registrations.map((e) => e.metadata.actor.role))).toEqual(new Set(['admin']));
    const operators = [...actors.values()].filter((x) => x.role === 'operator');
    expect(operators.length).toBeGreaterThan(5);
    expect(operators.every((x) => typeof x.organId === 'string')).toBe(true);
    const hires = a.events.filter((e) => e.type === 'AuxiliaryHired');
    expect(hires.every((e) => e.metadata.actor.organId !== null)).toBe(true);
  });

  it('counts come in sensible proportions', () => {
    const n = a.summary.events;
    const c = (type: string) => n[type] ?? 0;
    const hired = c('AuxiliaryHired');
    expect(hired).toBeGreaterThan(20);
    // A hire is one atomic append over four streams; a termination over three.
    expect(c('ApplicantHired')).toBe(hired);
    expect(c('PersonContractStarted')).toBe(hired);
    expect(c('QuotaPlaceTaken')).toBe(hired);
    expect(c('PersonContractEnded')).toBe(c('AuxiliaryTerminated'));
    expect(c('QuotaPlaceReleased')).toBe(c('AuxiliaryTerminated'));
    // Applicants: about two per opening; a third or so end at some stage.
    expect(c('ApplicationRegistered') / hired).toBeGreaterThan(1.6);
    expect(c('ApplicationRegistered') / hired).toBeLessThan(4);
    expect(c('RecruitmentStageFailed') / c('ApplicationRegistered')).toBeGreaterThan(0.15);
    expect(c('RecruitmentStageFailed') / c('ApplicationRegistered')).toBeLessThan(0.7);
    expect(c('QualificationReviewPassed')).toBeGreaterThan(c('ExamsPassed'));
    expect(c('ExamsPassed')).toBeGreaterThan(c('MedicalExaminationPassed'));
    expect(c('PublicNoticeCompleted')).toBeGreaterThanOrEqual(hired);
    // After the hire: insured, three credentials, pre-job training, duties, assessments.
    expect(c('InsuranceEnrolled')).toBeGreaterThanOrEqual(hired * 0.9);
    expect(c('CredentialIssued') / hired).toBeGreaterThan(2.7);
    expect(c('CredentialIssued') / hired).toBeLessThanOrEqual(3);
    expect(c('TrainingRecorded')).toBeGreaterThan(hired);
    expect(c('DutyAssigned')).toBeGreaterThan(hired);
    expect(c('DutyEnded')).toBeLessThanOrEqual(c('DutyAssigned'));
    expect(c('AssessmentRecorded')).toBeGreaterThan(hired);
    expect(c('AuxiliaryPromoted')).toBeGreaterThan(0);
    expect(c('AuxiliaryTerminated')).toBeGreaterThan(0);
    expect(c('AuxiliaryTerminated')).toBeLessThan(hired);
    // The plan's whole cycle.
    expect(c('RecruitmentPlanApproved')).toBeLessThanOrEqual(c('RecruitmentPlanDrafted'));
    expect(c('RecruitmentAnnounced')).toBeLessThanOrEqual(c('RecruitmentPlanApproved'));
    expect(c('RecruitmentPlanFiled')).toBeGreaterThan(0);
    // Organs: the region, the 12 盟市, the counties in service and their units; a quota for each organ that uses auxiliaries.
    expect(c('OrganRegistered')).toBe(a.summary.organs.registered);
    expect(c('QuotaSet')).toBeGreaterThanOrEqual(a.summary.organs.usingAuxiliaries);
  });

  describe('the working life goes on: health checks, renewals, pay adjustments', () => {
    interface Life {
      hiredOn: string;
      contract: LabourContract;
      level: string;
      pay: PayOnLevel;
      lastCheckOn: string | null;
      departed: boolean;
    }
    const registry = demoRegistry();
    let lives: Map<string, Life>;
    let renewals: { renewedOn: string; previous: LabourContract; next: LabourContract }[];
    let checks: { checkedOn: string; since: string; result: string }[];
    let adjustments: { adjustedOn: string; level: string; pay: PayOnLevel }[];
    let expiries: number;
    let lastDate: string;
    const interval = (on: string) => parameterOn(ruleSetInForce(registry, on)?.parameters ?? ({} as never), 'healthCheck.intervalMonths', on)?.value as number;
    /** The last day of the grace the generator allows a late check: 60 days past the interval. */
    const graceEnd = (since: string) => addDays(addMonths(since, interval(since)), 60);

    beforeAll(() => {
      lives = new Map();
      renewals = [];
      checks = [];
      adjustments = [];
      expiries = 0;
      lastDate = a.summary.lastDate;
      // Folded in log order, as the domain folds a stream.
      for (const e of a.events) {
        const x = { type: e.type, data: e.data } as AuxiliaryEvent;
        if (x.type === 'AuxiliaryHired') {
          const d = x.data;
          lives.set(d.auxiliaryId, { hiredOn: d.hiredOn, contract: d.contract, level: d.level, pay: d.pay, lastCheckOn: null, departed: false });
          continue;
        }
        const life = 'auxiliaryId' in x.data ? lives.get(x.data.auxiliaryId) : undefined;
        if (!life) continue;
        switch (x.type) {
          case 'HealthCheckRecorded':
            checks.push({ checkedOn: x.data.checkedOn, since: life.lastCheckOn ?? life.hiredOn, result: 'result' in x.data ? x.data.result : 'SEALED' });
            life.lastCheckOn = x.data.checkedOn;
            break;
          case 'ContractRenewed':
            renewals.push({ renewedOn: x.data.renewedOn, previous: life.contract, next: x.data.contract });
            life.contract = x.data.contract;
            break;
          case 'AuxiliaryPromoted':
          case 'AuxiliaryDemoted':
            life.level = x.data.toLevel;
            life.pay = x.data.pay;
            break;
          case 'PayAdjusted':
            adjustments.push({ adjustedOn: x.data.adjustedOn, level: life.level, pay: x.data.pay });
            life.pay = x.data.pay;
            break;
          case 'AuxiliaryTerminated':
            life.departed = true;
            if (x.data.reason === 'CONTRACT_EXPIRY') expiries += 1;
            break;
          default:
            break;
        }
      }
    });

    it('the three lifecycle commands are issued and admitted', () => {
      for (const type of ['RecordHealthCheck', 'RenewContract', 'AdjustPay']) {
        expect(a.summary.commands[type]?.accepted ?? 0).toBeGreaterThan(0);
        expect(a.summary.commands[type]?.refused ?? 0).toBe(0);
      }
      expect(checks.length).toBe(a.summary.events['HealthCheckRecorded']);
      expect(renewals.length).toBe(a.summary.events['ContractRenewed']);
      expect(a.summary.events['PersonContractRenewed']).toBe(renewals.length);
      expect(adjustments.length).toBe(a.summary.events['PayAdjusted']);
    });

    it('Art. 28 ¶3: every check follows the last (or the hire) within the interval in force, most on time, a few late; mostly NORMAL', () => {
      const late = checks.filter((c) => c.checkedOn > addMonths(c.since, interval(c.since)));
      for (const c of checks) expect(c.checkedOn <= graceEnd(c.since)).toBe(true);
      expect(late.length / checks.length).toBeLessThan(0.15);
      expect(checks.filter((c) => c.result === 'NORMAL').length / checks.length).toBeGreaterThan(0.8);
      expect(new Set(checks.map((c) => c.result))).toEqual(new Set(['NORMAL', 'FOLLOW_UP']));
    });

    it('Art. 28 ¶3: nobody in service at the end has gone without a check for longer than the interval and the grace', () => {
      const inService = [...lives.values()].filter((l) => !l.departed);
      expect(inService.length).toBeGreaterThan(10);
      for (const l of inService) expect(lastDate <= graceEnd(l.lastCheckOn ?? l.hiredOn)).toBe(true);
    });

    it('劳动合同法 Art. 19 ¶2: a renewal follows the term without a gap, weeks before its end, and agrees no probation; most terms that end are renewed', () => {
      for (const r of renewals) {
        expect(r.next.probationLastDay).toBeNull();
        expect(r.previous.endDate).not.toBeNull();
        expect(r.next.startDate).toBe(addDays(r.previous.endDate as string, 1));
        expect(r.renewedOn <= (r.previous.endDate as string)).toBe(true);
        expect(r.renewedOn >= addDays(r.previous.endDate as string, -60)).toBe(true);
      }
      expect(renewals.length).toBeGreaterThan(expiries);
    });

    it('Art. 27 ¶2: pay is adjusted to the risen standard from the day it takes effect, and everyone in service is paid the standard in force at the end', () => {
      for (const x of adjustments) {
        expect(x.adjustedOn >= DEMO_PAY_RISE_FROM).toBe(true);
        expect(x.pay.monthlyBaseFen).toBe(payStandardOn(registry, x.pay.locality, x.level, x.adjustedOn));
      }
      expect(lastDate > addDays(DEMO_PAY_RISE_FROM, 41)).toBe(true);
      for (const l of lives.values()) {
        if (!l.departed) expect(l.pay.monthlyBaseFen).toBe(payStandardOn(registry, l.pay.locality, l.level, lastDate));
      }
    });
  });

  it('no duty outside the category, never a forbidden one, and no duty before pre-job training', () => {
    const hired = new Map<string, string>();
    const trained = new Map<string, string>();
    for (const e of a.events) {
      const d = e.data as Record<string, unknown>;
      if (e.type === 'AuxiliaryHired') hired.set(d['auxiliaryId'] as string, d['category'] as string);
      if (e.type === 'TrainingRecorded' && d['kind'] === 'PRE_JOB' && d['outcome'] === 'PASSED' && !trained.has(d['auxiliaryId'] as string)) trained.set(d['auxiliaryId'] as string, d['completedOn'] as string);
      if (e.type === 'DutyAssigned') {
        const auxiliaryId = d['auxiliaryId'] as string;
        const codes = d['dutyCodes'] as string[];
        expect(codes.some((x) => x.startsWith('FORBIDDEN') || x === 'WEAPON')).toBe(false);
        const civilian = hired.get(auxiliaryId) === 'CIVILIAN';
        expect(codes.filter((x) => !x.startsWith('EQUIP_')).every((x) => (civilian ? x.startsWith('CIV_') : !x.startsWith('CIV_')))).toBe(true);
        expect((trained.get(auxiliaryId) ?? '9999') <= e.metadata.effectiveDate).toBe(true);
      }
    }
  });
});
