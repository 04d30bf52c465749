import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { Auxiliary, Organ, envelopeOf } from '@auxledger/domain';
import { type EventStore, type JsonObject, type RecordedEvent, SqliteEventStore } from '@auxledger/event-store';
import { Projector, type ReadModel, type ReadModelStore, normalizeRow, temporalColumns } from '@auxledger/projection-engine';
import { ALL_READ_MODELS } from '../index';
import { quotaUse, quotaUseRow } from '../quota-use';
import { type RosterRow, countRoster, roster, rosterCounts, rosterRow } from '../roster';
import { withStatusOn } from '../common';
import { ADMIN } from './commands';
import { type ReadModelHarness, snapshot } from './read-model-suite';

/**
 * The property every model holds, for generated event sequences (several
 * auxiliaries and organs, effective dates in any order, several events per
 * command, appended and projected in chunks of any size): a rebuild equals
 * the live projection row for row, and the roster and quota use as of any
 * date, now or as known at any instant, equal a plain replay of the
 * entity's events up to that date with the domain's own fold.
 */

/**
 * The read models with every state their evolve returns frozen, deep: an
 * evolve that changed the state it is given (the planner keeps each
 * reference's state as it was: `TemporalModel.evolve`) throws here.
 */
const MODELS: ReadModel[] = ALL_READ_MODELS.map((model) =>
  model.kind === 'temporal' ? { ...model, evolve: (state: unknown, event: RecordedEvent) => deepFreeze(model.evolve(state, event)) } : model,
);

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

const AUX = ['aux-1', 'aux-2', 'aux-3'] as const;
const ORGANS = ['org-a', 'org-b'] as const;
const day = fc.integer({ min: 0, max: 30 }).map((d) => new Date(Date.UTC(2025, 0, 1 + d * 13)).toISOString().slice(0, 10));

type Gen = { stream: string; type: string; data: JsonObject; day: string };

const hired = (auxiliaryId: string, date: string, organId: string, probation: boolean, category: string): Gen => ({
  stream: `auxiliary-${auxiliaryId}`,
  type: 'AuxiliaryHired',
  day: date,
  data: {
    auxiliaryId, personKey: `pk-${auxiliaryId}`, applicationId: `app-${auxiliaryId}`, usingOrganId: organId, category,
    contract: { contractId: `c-${auxiliaryId}`, kind: 'FIXED_TERM', startDate: date, endDate: '2029-12-31', probationLastDay: probation ? '2025-07-01' : null, clauses: [] },
    level: 'L1', pay: { locality: 'hohhot', monthlyBaseFen: 400000 }, hiredOn: date,
  },
});

const auxEvent: fc.Arbitrary<Gen> = fc
  .tuple(
    fc.constantFrom(...AUX),
    day,
    fc.oneof(
      fc.record({ type: fc.constant('AuxiliaryHired'), organ: fc.constantFrom(...ORGANS), probation: fc.boolean(), category: fc.constantFrom('DUTY', 'CIVILIAN') }),
      fc.record({ type: fc.constant('AuxiliaryPromoted'), level: fc.constantFrom('L2', 'L3', 'L4') }),
      fc.record({ type: fc.constantFrom('AuxiliarySuspended', 'AuxiliaryReinstated', 'ProbationCompleted', 'AuxiliaryTerminated') }),
      fc.record({ type: fc.constant('DutyAssigned'), assignment: fc.constantFrom('as-1', 'as-2'), duty: fc.constantFrom('SVC_PATROL', 'SVC_TRAFFIC'), officer: fc.constantFrom('off-1', 'off-2') }),
      fc.record({ type: fc.constant('DutyEnded'), assignment: fc.constantFrom('as-1', 'as-2') }),
      fc.record({ type: fc.constant('HealthCheckRecorded'), back: fc.integer({ min: 0, max: 400 }), result: fc.constantFrom('NORMAL', 'FOLLOW_UP') }),
      fc.record({ type: fc.constant('ContractRenewed'), end: fc.constantFrom('2031-12-31', '2033-06-30') }),
      fc.record({ type: fc.constant('PayAdjusted'), fen: fc.constantFrom(410000, 420000) }),
    ),
  )
  .map(([auxiliaryId, date, e]): Gen => {
    const stream = `auxiliary-${auxiliaryId}`;
    const r = e as Record<string, string | number | boolean>;
    switch (e.type) {
      case 'AuxiliaryHired':
        return hired(auxiliaryId, date, String(r['organ']), Boolean(r['probation']), String(r['category']));
      case 'AuxiliaryPromoted':
        return { stream, type: e.type, day: date, data: { auxiliaryId, route: 'ASSESSMENT', fromLevel: 'L1', toLevel: String(r['level']), assessmentId: null, selectionRef: null, pay: { locality: 'hohhot', monthlyBaseFen: 430000 }, promotedOn: date } };
      case 'AuxiliarySuspended':
        return { stream, type: e.type, day: date, data: { auxiliaryId, decisionRef: 'S-1', reason: 'x', suspendedOn: date } };
      case 'AuxiliaryReinstated':
        return { stream, type: e.type, day: date, data: { auxiliaryId, decisionRef: 'R-1', reinstatedOn: date } };
      case 'ProbationCompleted':
        return { stream, type: e.type, day: date, data: { auxiliaryId, completedOn: date } };
      case 'AuxiliaryTerminated':
        return { stream, type: e.type, day: date, data: { auxiliaryId, personKey: `pk-${auxiliaryId}`, contractId: `c-${auxiliaryId}`, usingOrganId: 'org-a', reason: 'RESIGNATION', ground: { kind: 'LAW', ref: 'x' }, departedOn: date, credentialsToRecover: [] } };
      case 'DutyAssigned':
        return { stream, type: e.type, day: date, data: { auxiliaryId, assignmentId: String(r['assignment']), dutyCodes: [String(r['duty'])], nationalBasis: null, leadingOfficerIds: [String(r['officer'])], matterId: null, equipmentIssued: [], from: date } };
      case 'HealthCheckRecorded': {
        // Checked up to 400 days before the record's effective date (a late record).
        const checkedOn = new Date(Date.parse(`${date}T00:00:00Z`) - Number(r['back']) * 86_400_000).toISOString().slice(0, 10);
        return { stream, type: e.type, day: date, data: { auxiliaryId, checkedOn, result: String(r['result']) } };
      }
      case 'ContractRenewed':
        return {
          stream, type: e.type, day: date,
          data: { auxiliaryId, contract: { contractId: `c-${auxiliaryId}-${String(r['end'])}`, kind: 'FIXED_TERM', startDate: '2030-01-01', endDate: String(r['end']), probationLastDay: null, clauses: [] }, renewedOn: date },
        };
      case 'PayAdjusted':
        return { stream, type: e.type, day: date, data: { auxiliaryId, pay: { locality: 'xincheng', monthlyBaseFen: Number(r['fen']) }, adjustedOn: date } };
      default:
        return { stream, type: 'DutyEnded', day: date, data: { auxiliaryId, assignmentId: String(r['assignment']), endedOn: date, reason: 'COMPLETED' } };
    }
  });

const organEvent: fc.Arbitrary<Gen> = fc
  .tuple(
    fc.constantFrom(...ORGANS),
    day,
    fc.oneof(
      fc.record({ type: fc.constant('QuotaSet'), headcount: fc.integer({ min: 0, max: 5 }), category: fc.constantFrom(null, 'DUTY') }),
      fc.record({ type: fc.constant('QuotaPlaceTaken'), aux: fc.constantFrom(...AUX), category: fc.constantFrom('DUTY', 'CIVILIAN') }),
      fc.record({ type: fc.constant('QuotaPlaceReleased'), aux: fc.constantFrom(...AUX) }),
      fc.record({ type: fc.constant('PlanOpeningsReserved'), plan: fc.constantFrom('p-1', 'p-2'), count: fc.integer({ min: 1, max: 3 }) }),
      fc.record({ type: fc.constant('PlanOpeningsReleased'), plan: fc.constantFrom('p-1', 'p-2') }),
    ),
  )
  .map(([organId, date, e]): Gen => {
    const stream = `organ-${organId}`;
    const r = e as Record<string, string | number | null>;
    switch (e.type) {
      case 'QuotaSet':
        return { stream, type: e.type, day: date, data: { organId, category: r['category'] ?? null, headcount: Number(r['headcount']), documentRef: 'doc', setByOrganId: 'nmg', from: date } };
      case 'QuotaPlaceTaken':
        return { stream, type: e.type, day: date, data: { auxiliaryId: String(r['aux']), category: String(r['category']), planId: null } };
      case 'QuotaPlaceReleased':
        return { stream, type: e.type, day: date, data: { auxiliaryId: String(r['aux']) } };
      case 'PlanOpeningsReserved':
        return { stream, type: e.type, day: date, data: { planId: String(r['plan']), openings: [{ category: null, count: Number(r['count']) }] } };
      default:
        return { stream, type: 'PlanOpeningsReleased', day: date, data: { planId: String(r['plan']) } };
    }
  });

const refusal: fc.Arbitrary<Gen> = fc.tuple(fc.constantFrom(...AUX), day).map(([auxiliaryId, date]) => ({
  stream: `command-${auxiliaryId}-${date}`,
  type: 'CommandRefused',
  day: date,
  data: { commandType: 'Promote', commandDigest: 'x', command: { auxiliaryId }, refusal: { kind: 'STATE', code: 'AUXILIARY_SUSPENDED', message: { zh: '停职', en: 'suspended' } } },
}));

async function appendAll(store: EventStore, generated: ReadonlyArray<{ e: Gen; recordedAt: string; commandId: string }>): Promise<void> {
  for (const { e, recordedAt, commandId } of generated) {
    await store.appendToStream(
      e.stream,
      [{ eventId: randomUUID(), type: e.type, schemaVersion: 1, data: e.data, metadata: { commandId, correlationId: commandId, causationId: commandId, actor: ADMIN, effectiveDate: e.day, recordedAt, ruleSetRevision: '2024' } }],
      'any',
    );
  }
}

/** The entity's events as known at `knownAt`, up to `date`, folded in effective-date order (ties: log order). */
function replay<S>(log: readonly RecordedEvent[], stream: string, date: string, knownAt: string | undefined, initial: S, evolve: (s: S, e: RecordedEvent) => S): S {
  return log
    .filter((e) => e.streamId === stream && e.metadata.effectiveDate <= date && (knownAt === undefined || e.metadata.recordedAt <= knownAt))
    .sort((a, b) => (a.metadata.effectiveDate < b.metadata.effectiveDate ? -1 : a.metadata.effectiveDate > b.metadata.effectiveDate ? 1 : a.globalPosition - b.globalPosition))
    .reduce(evolve, initial);
}

const modelColumns = (row: Record<string, unknown>, columns: Record<string, unknown>) => Object.fromEntries(Object.keys(columns).map((c) => [c, row[c] ?? null]));

export function readModelProperty(name: string, harness: ReadModelHarness & { runs: number }): void {
  describe(`read models, property: ${name}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'auxledger-rm-property-'));
    let n = 0;
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('rebuild equals live; roster and quota use as of any date (now, and as known at any instant) equal a replay', async () => {
      const scenario = fc.record({
        events: fc.array(fc.tuple(fc.oneof({ weight: 6, arbitrary: auxEvent }, { weight: 3, arbitrary: organEvent }, { weight: 1, arbitrary: refusal }), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 45 }),
        chunks: fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 1, maxLength: 4 }),
        batchSize: fc.integer({ min: 1, max: 9 }),
        flushEvents: fc.integer({ min: 1, max: 30 }),
        registeredOn: fc.tuple(day, day),
      });
      let versionsSeen = 0;
      await fc.assert(
        fc.asyncProperty(scenario, async ({ events: generated, chunks, batchSize, flushEvents, registeredOn }) => {
          const events = new SqliteEventStore({ path: join(dir, `events-${++n}.db`) });
          const store: ReadModelStore = await harness.open();
          try {
            let minute = 0;
            let commandId = randomUUID();
            const registrations: Array<[Gen, number]> = ORGANS.map((organId, i) => [
              { stream: `organ-${organId}`, type: 'OrganRegistered', day: registeredOn[i] as string, data: { organId, name: organId, level: 'COUNTY', kind: 'PUBLIC_SECURITY', parentId: null } },
              1,
            ]);
            const timed = [...registrations, ...generated].map(([e, step]) => {
              if (step > 0) commandId = randomUUID(); // step 0: the same command (one recordedAt) as the event before
              minute += step;
              return { e, commandId, recordedAt: new Date(Date.UTC(2027, 0, 1, 0, minute)).toISOString() };
            });
            const projector = new Projector({ name: 'auxledger', models: MODELS, events, store, batchSize });
            await projector.open();
            let offset = 0;
            for (const size of [...chunks, timed.length]) {
              await appendAll(events, timed.slice(offset, offset + size));
              offset += size;
              await projector.catchUp();
              if (offset >= timed.length) break;
            }
            const log = await events.readAll({ after: 0, maxCount: 10_000 });

            const dates = ['2024-12-31', ...new Set(timed.map((t) => t.e.day))].sort();
            const instants = [undefined, ...[...new Set(timed.map((t) => t.recordedAt))].filter((_, i) => i % 3 === 1)];
            const rosterColumns = temporalColumns(roster);
            const quotaColumns = temporalColumns(quotaUse);
            for (const date of dates) {
              for (const knownAt of instants) {
                const rows = await store.asOf(roster, date, knownAt ? { knownAt } : {});
                const expected = AUX.flatMap((id) => {
                  const row = rosterRow(replay(log, `auxiliary-${id}`, date, knownAt, Auxiliary.initialState(), (s, e) => Auxiliary.evolve(s, envelopeOf(e) as never)));
                  return row ? [normalizeRow(roster, rosterColumns, row)] : [];
                });
                expect(rows.map((r) => modelColumns(r, rosterColumns))).toEqual(expected);
                versionsSeen += expected.length;
                // Counted by the database from the indexes alone, the same as counting the replayed rows with their status on the date.
                for (const organId of ORGANS) {
                  const ofOrgan = (expected as unknown as RosterRow[]).filter((r) => r.using_organ_id === organId).map((r) => withStatusOn(r, date));
                  const query = { asOf: date, includeSubtree: false, ...(knownAt ? { knownAt } : {}) };
                  expect(await rosterCounts(store, organId, query)).toEqual(countRoster(ofOrgan));
                  expect(await rosterCounts(store, organId, { ...query, statuses: ['ACTIVE'] })).toEqual(countRoster(ofOrgan.filter((r) => r.status === 'ACTIVE')));
                }

                const quota = await store.asOf(quotaUse, date, knownAt ? { knownAt } : {});
                const expectedQuota = ORGANS.flatMap((id) => {
                  const row = quotaUseRow(replay(log, `organ-${id}`, date, knownAt, Organ.initialState(), (s, e) => Organ.evolve(s, envelopeOf(e) as never)));
                  return row ? [normalizeRow(quotaUse, quotaColumns, row)] : [];
                });
                expect(quota.map((r) => modelColumns(r, quotaColumns))).toEqual(expectedQuota);
              }
            }

            const live = await snapshot(store);
            expect(live.get('audit_trail')?.length).toBe(log.length);
            await projector.rebuild();
            expect(await snapshot(store)).toEqual(live);
            // The tail cache only spares reads: without it, the same rows; and a bulk load flushed every few events (its reads
            // then see the store with the writes since the last flush on top) the same rows as one flushed once.
            await new Projector({ name: 'auxledger', models: MODELS, events, store, batchSize, tailCacheBytes: 0, rebuildFlushEvents: flushEvents }).rebuild();
            expect(await snapshot(store)).toEqual(live);
          } finally {
            await events.close();
            await store.close();
          }
        }),
        // One run always has a roster to compare (small generated runs may hire no one).
        { numRuns: harness.runs, examples: [[{ events: [[hired('aux-1', '2025-01-14', 'org-a', true, 'DUTY'), 1]], chunks: [1], batchSize: 2, flushEvents: 1, registeredOn: ['2025-01-01', '2025-01-14'] }]] },
      );
      expect(versionsSeen).toBeGreaterThan(0); // not vacuous: the runs had rosters to compare
    }, 120_000); // each run opens a log (and its writer thread) and two stores: about 35 s on two loaded cores
  });
}
