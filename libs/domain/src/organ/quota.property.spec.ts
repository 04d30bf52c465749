import fc from 'fast-check';
import { addDays } from '@auxledger/statute';
import { type Hire, hire } from '../auxiliary/hire';
import { type Terminate, terminate } from '../auxiliary/terminate';
import { CONTRACT, REGISTRY_WITH_PAY, payOn } from '../auxiliary/auxiliary.fixtures';
import { type Command, type CommandHandler, type DomainEvent, type Envelope, type StreamRef, fold, streamIdOf, upcast } from '../kernel';
import { UPCASTERS } from '../envelope';
import { Organ, type RegisteredOrgan, quotaFacts } from './organ';
import { type SetQuota, setQuota } from './set-quota';
import { COUNTY, REGION } from './organ.fixtures';
import { command, on, passedApplicationHistory } from '../testing';

/**
 * Art. 7 (用人额度), as a property of the whole domain: whatever sequence of
 * hires, terminations and quota changes operators send, no accepted hire ever
 * takes an organ's active headcount above the quota in force on its date.
 * Commands are decided and their events kept in memory, stream by stream, as
 * the application layer would.
 */
const ORGAN = COUNTY.data.organId;
const APPLICANTS = 8;
const START = '2025-01-02';

type Streams = Map<string, Envelope[]>;

function run<C extends Command, R extends Record<string, StreamRef>>(streams: Streams, handler: CommandHandler<C, R>, c: C): boolean {
  const refs = handler.streams(c);
  const states = Object.fromEntries(
    Object.entries(refs).map(([role, ref]) => [role, fold(ref.aggregate as never, streams.get(streamIdOf(ref.aggregate as never, ref.id)) ?? [])]),
  );
  const decision = handler.decide(c, states as never, { metadata: c.metadata, registry: REGISTRY_WITH_PAY });
  if (!decision.accepted) return false;
  for (const [role, events] of Object.entries(decision.events) as Array<[string, DomainEvent[]]>) {
    const ref = refs[role] as StreamRef;
    const id = streamIdOf(ref.aggregate as never, ref.id);
    streams.set(id, [...(streams.get(id) ?? []), ...events.map((e) => on(c.metadata.effectiveDate, e))]);
  }
  return true;
}

function seeded(initialQuota: number): Streams {
  const streams: Streams = new Map();
  streams.set(`organ-${REGION.data.organId}`, [on('2024-09-01', REGION)]);
  streams.set(`organ-${ORGAN}`, [on('2024-09-01', COUNTY)]);
  const quota = command<SetQuota>('SetQuota', { organId: ORGAN, category: null, headcount: initialQuota, documentRef: '内公发〔2024〕12号', setByOrganId: REGION.data.organId }, '2024-09-01');
  if (!run(streams, setQuota, quota)) throw new Error('the initial quota must be accepted');
  for (let i = 0; i < APPLICANTS; i++) {
    streams.set(`application-app-${i}`, passedApplicationHistory(`app-${i}`, `pk-${i}`).map(([date, event]) => on(date, upcast(event, UPCASTERS))));
  }
  return streams;
}

type Step = { kind: 'hire'; applicant: number } | { kind: 'terminate'; applicant: number } | { kind: 'quota'; headcount: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('hire' as const), applicant: fc.nat(APPLICANTS - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('terminate' as const), applicant: fc.nat(APPLICANTS - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('quota' as const), headcount: fc.nat(6) }) },
);

function organOn(streams: Streams): RegisteredOrgan {
  return fold(Organ, streams.get(`organ-${ORGAN}`) ?? []) as RegisteredOrgan;
}

describe('property: Art. 7 — no accepted hire takes an organ above its quota in force', () => {
  it('after any sequence of hires, terminations and quota changes', () => {
    let hiresAccepted = 0;
    fc.assert(
      fc.property(fc.nat(4), fc.array(step, { minLength: 1, maxLength: 25 }), (initialQuota, steps) => {
        const streams = seeded(initialQuota);
        steps.forEach((s, index) => {
          const date = addDays(START, index);
          if (s.kind === 'quota') {
            run(streams, setQuota, command<SetQuota>('SetQuota', { organId: ORGAN, category: null, headcount: s.headcount, documentRef: '内公发〔2025〕1号', setByOrganId: REGION.data.organId }, date));
            return;
          }
          const auxiliaryId = `aux-${s.applicant}`;
          if (s.kind === 'terminate') {
            run(streams, terminate, command<Terminate>('Terminate', { auxiliaryId, personKey: `pk-${s.applicant}`, usingOrganId: ORGAN, reason: 'RESIGNATION', ground: { kind: 'LAW', ref: '劳动合同法第三十七条' } }, date));
            return;
          }
          const before = quotaFacts(organOn(streams), date);
          const accepted = run(streams, hire, command<Hire>('Hire', {
            auxiliaryId, applicationId: `app-${s.applicant}`, personKey: `pk-${s.applicant}`, usingOrganId: ORGAN, category: 'DUTY',
            contract: { ...CONTRACT, contractId: `contract-${s.applicant}`, startDate: date, endDate: addDays(date, 3 * 365), probationLastDay: addDays(date, 90) },
            level: 'L1', pay: payOn('L1'),
          }, date));
          if (!accepted) return;
          hiresAccepted += 1;
          const after = quotaFacts(organOn(streams), date);
          expect(before.quota).not.toBeNull();
          expect(after.activeHeadcount).toBe(before.activeHeadcount + 1);
          expect(after.activeHeadcount).toBeLessThanOrEqual(after.quota as number);
        });
      }),
      { numRuns: 150 },
    );
    // Not vacuous: the sequences do hire.
    expect(hiresAccepted).toBeGreaterThan(50);
  });
});
