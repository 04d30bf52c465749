import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { type AssignDuty, type DomainEvent, assignDuty, auxiliaryEvent } from '@auxledger/domain';
import { FoldedStreamCache, executeCommand } from '@auxledger/application';
import { type NewEvent, SqliteEventStore } from '@auxledger/event-store';
import { pastEvents } from '@auxledger/event-store/testing';
import { REGISTRY } from '@auxledger/statute';
import { sampleEvent } from './events';
import { type Measurement, type Row, measureInterleaved, percentile, perSecond } from './measure';

const HIRED_ON = '2024-10-01';

/** Seeds an auxiliary as past commands would have left them: hired, pre-job training passed, insured. */
export function seedEvents(auxiliaryId: string): NewEvent[] {
  const events: Array<[string, DomainEvent]> = [
    [HIRED_ON, auxiliaryEvent('AuxiliaryHired', {
      auxiliaryId, personKey: `pk-${auxiliaryId}`, applicationId: `app-${auxiliaryId}`, usingOrganId: 'xincheng', category: 'DUTY',
      contract: { contractId: `c-${auxiliaryId}`, kind: 'FIXED_TERM', startDate: HIRED_ON, endDate: '2027-09-30', probationLastDay: '2025-03-31', clauses: ['DUTIES', 'WORKING_CONDITIONS', 'PROBATION', 'TERM', 'PAY', 'TERMINATION_CONDITIONS', 'BREACH_LIABILITY'] },
      level: 'L1', pay: { locality: 'hohhot', monthlyBaseFen: 400_000 }, hiredOn: HIRED_ON,
    })],
    ['2024-10-10', auxiliaryEvent('InsuranceEnrolled', { auxiliaryId, kinds: ['PENSION', 'MEDICAL', 'MATERNITY', 'WORK_INJURY', 'UNEMPLOYMENT', 'HOUSING_FUND', 'PERSONAL_ACCIDENT'], enrolledOn: '2024-10-10', reference: 'SI-1' })],
    ['2024-10-15', auxiliaryEvent('TrainingRecorded', { auxiliaryId, trainingId: `t-${auxiliaryId}`, kind: 'PRE_JOB', year: null, topics: ['LAW'], completedOn: '2024-10-15', outcome: 'PASSED' })],
  ];
  return pastEvents(events);
}

/**
 * B2: the full command path in process — read the auxiliary's stream, fold,
 * decide AssignDuty with every rule of Arts. 10–16 and 39, append the event and
 * the command's outcome in one transaction — beside B1 single-event appends,
 * in alternating chunks on the same disk.
 */
export async function benchCommandPath(dir: string, commands: number, auxiliaries = 200): Promise<Row[]> {
  const store = new SqliteEventStore({ path: join(dir, 'b2.db') });
  const b1 = new SqliteEventStore({ path: join(dir, 'b2-b1.db') });
  try {
    for (let a = 0; a < auxiliaries; a++) await store.appendToStream(`auxiliary-aux-${a}`, seedEvents(`aux-${a}`), 'no_stream');
    const deps = { store, registry: REGISTRY, clock: { now: () => new Date('2025-03-01T08:00:00Z') }, cache: new FoldedStreamCache() };
    const command = (i: number): AssignDuty => ({
      type: 'AssignDuty',
      data: { auxiliaryId: `aux-${i % auxiliaries}`, assignmentId: `as-${i}`, dutyCodes: ['ENF_TRAFFIC'], nationalBasis: null, leadingOfficerIds: ['officer-1'], alone: false, matterId: null, equipmentIssued: [] },
      metadata: { commandId: randomUUID(), actor: { id: 'op-1', role: 'operator', organId: 'xincheng' }, effectiveDate: '2025-03-01', recordedAt: '' },
    });
    const events = Array.from({ length: commands }, (_, i) => sampleEvent(i));
    let refused = 0;
    const [path, appends] = await measureInterleaved(commands, 100, [
      {
        eventsPerOp: 1,
        op: async (i) => {
          const outcome = await executeCommand(deps, assignDuty, command(i));
          if (outcome.status !== 'accepted') refused += 1;
        },
      },
      { eventsPerOp: 1, op: (i) => b1.appendToStream(`s-${i % 100}`, [events[i] as never], 'any') },
    ]);
    if (refused > 0) throw new Error(`B2: ${refused} AssignDuty commands were refused; the benchmark must measure accepted commands`);
    const p = path as Measurement;
    const base = appends as Measurement;
    return [
      {
        id: 'B2',
        scenario: `command path (AssignDuty, all rules), SQLite`,
        rate: perSecond(p),
        unit: 'commands/s',
        p50: percentile(p.latenciesMs, 50),
        p99: percentile(p.latenciesMs, 99),
        baseline: { label: 'B1 single-event appends', rate: perSecond(base), p50: percentile(base.latenciesMs, 50), p99: percentile(base.latenciesMs, 99) },
        target: 0.6,
      },
    ];
  } finally {
    await store.close();
    await b1.close();
  }
}
