import { writeFileSync } from 'node:fs';
import { type CommandOutcome, executeCommand } from '@auxledger/application';
import { type Command, type CommandHandler, type DomainEvent, type Hire, type StreamRef, enrolInsurance, hire, organRegistered, quotaSet, recordTraining } from '@auxledger/domain';
import { passedApplicationHistory } from '@auxledger/domain/testing';
import { type EventStore, SqliteEventStore } from '@auxledger/event-store';
import { pastEvents } from '@auxledger/event-store/testing';
import { registryWithLocalMeasures } from '@auxledger/statute';

/**
 * For specs: a small real ledger in a SQLite file — an organ with its quota,
 * applications through every stage of Art. 20 (seeded as past events), and
 * commands through the real command path.
 */

export const ORGAN = 'xincheng';
export const PAY_L1_FEN = 400_000;

/** The local measures file of the specs: one pay standard (without one, PAY-LEVEL cannot decide a Hire). */
export const LOCAL_MEASURES = {
  parameters: {
    'pay.standards': [{ from: '2024-09-01', value: [{ locality: 'hohhot', level: 'L1', monthlyBaseFen: PAY_L1_FEN }], source: 'test: 呼和浩特市辅警薪酬标准' }],
  },
};

export function writeLocalMeasures(path: string): string {
  writeFileSync(path, JSON.stringify(LOCAL_MEASURES));
  return path;
}

const registry = registryWithLocalMeasures(LOCAL_MEASURES, 'test');

export async function given(store: EventStore, streamId: string, events: Array<[string, DomainEvent]>): Promise<void> {
  await store.appendToStream(streamId, pastEvents(events), 'any');
}

/** An organ under 呼和浩特市公安局 with a quota of `headcount`, from 2024-09-01. */
export async function seedOrgan(store: EventStore, organId = ORGAN, headcount = 10): Promise<void> {
  await given(store, `organ-${organId}`, [
    ['2024-09-01', organRegistered({ organId, name: `${organId} 公安分局`, level: 'COUNTY', kind: 'PUBLIC_SECURITY', parentId: 'hohhot' })],
    ['2024-09-01', quotaSet({ organId, category: null, headcount, documentRef: '内公发〔2024〕12号', setByOrganId: 'nmg', from: '2024-09-01' })],
  ]);
}

export async function seedPassedApplication(store: EventStore, applicationId: string, personKey: string): Promise<void> {
  await given(store, `application-${applicationId}`, passedApplicationHistory(applicationId, personKey));
}

let sequence = 0;

/** Runs one command through `executeCommand`, recorded by `operator` at a fixed instant after its effective date. */
export async function issue<C extends Command>(store: EventStore, handler: CommandHandler<C, Record<string, StreamRef>>, type: C['type'], data: C['data'], effectiveDate: string, recordedAt: string): Promise<CommandOutcome> {
  sequence += 1;
  const command = { type, data, metadata: { commandId: `seed-${sequence}`, actor: { id: 'op-1', role: 'operator', organId: ORGAN }, effectiveDate, recordedAt } } as C;
  return executeCommand({ store, registry, clock: { now: () => new Date(recordedAt) } }, handler, command);
}

export function hireData(auxiliaryId: string, applicationId: string, personKey: string, startDate: string, monthlyBaseFen = PAY_L1_FEN): Hire['data'] {
  return {
    auxiliaryId, applicationId, personKey, usingOrganId: ORGAN, category: 'DUTY', level: 'L1',
    pay: { locality: 'hohhot', monthlyBaseFen },
    contract: {
      contractId: `contract-${auxiliaryId}`, kind: 'FIXED_TERM', startDate, endDate: '2028-12-31', probationLastDay: '2025-06-30',
      clauses: ['DUTIES', 'WORKING_CONDITIONS', 'PROBATION', 'TERM', 'PAY', 'TERMINATION_CONDITIONS', 'BREACH_LIABILITY'],
    },
  };
}

/**
 * aux-1 hired 2025-01-02, pre-job training recorded 2025-01-20, then — recorded
 * later, effective earlier — insurance from 2025-01-10; aux-2 hired at the same
 * organ; and a Hire of aux-3 refused for its pay (PAY-LEVEL, Art. 27).
 */
export async function seedSmallLedger(path: string): Promise<void> {
  const store = new SqliteEventStore({ path });
  try {
    await seedOrgan(store);
    await seedPassedApplication(store, 'app-1', 'pk-person-1');
    await seedPassedApplication(store, 'app-2', 'pk-person-2');
    await seedPassedApplication(store, 'app-3', 'pk-person-3');
    const expectAccepted = (o: CommandOutcome) => {
      if (o.status !== 'accepted') throw new Error(`seed command refused: ${JSON.stringify(o.refusal)}`);
    };
    expectAccepted(await issue(store, hire, 'Hire', hireData('aux-1', 'app-1', 'pk-person-1', '2025-01-02'), '2025-01-02', '2025-01-02T09:00:00.000Z'));
    expectAccepted(await issue(store, hire, 'Hire', hireData('aux-2', 'app-2', 'pk-person-2', '2025-01-03'), '2025-01-03', '2025-01-03T09:00:00.000Z'));
    expectAccepted(
      await issue(store, recordTraining, 'RecordTraining', { auxiliaryId: 'aux-1', trainingId: 'tr-1', kind: 'PRE_JOB', year: null, topics: ['POLITICS', 'LAW'], completedOn: '2025-01-20', outcome: 'PASSED' }, '2025-01-20', '2025-01-21T09:00:00.000Z'),
    );
    expectAccepted(await issue(store, enrolInsurance, 'EnrolInsurance', { auxiliaryId: 'aux-1', kinds: ['PENSION', 'MEDICAL'], reference: 'SI-2025-1' }, '2025-01-10', '2025-01-22T09:00:00.000Z'));
    const refused = await issue(store, hire, 'Hire', hireData('aux-3', 'app-3', 'pk-person-3', '2025-01-04', 1), '2025-01-04', '2025-01-04T09:00:00.000Z');
    if (refused.status !== 'refused') throw new Error('the seed expects the underpaid hire to be refused');
  } finally {
    await store.close();
  }
}
