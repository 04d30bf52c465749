import type { Violation } from '@auxledger/statute';
import * as domain from '../index';
import type { Command, CommandHandler, Decision, StreamRef } from '../kernel';
import { command, decideWith, on } from '../testing';
import { AUX, HIRED_ON, ORGAN, PERSON, hired, terminatedOn } from './auxiliary.fixtures';
import { auxiliaryEvent } from './events';
import { AFTER_DEPARTURE, type ServiceCommandType } from './service-period';
import { Auxiliary } from './state';

/**
 * SERVICE-PERIOD (Arts. 24, 40; our reading): nothing about a service before it
 * began, and after it ended only what the regulation still asks for. One rule
 * in one place (`serviceCommand`), and this table over every command type that
 * reads an auxiliary's stream: a new command type without a row fails here.
 */

type AnyHandler = CommandHandler<Command, Record<string, StreamRef>>;
const isHandler = (x: unknown): x is AnyHandler =>
  typeof x === 'object' && x !== null && typeof (x as { commandType?: unknown }).commandType === 'string' && typeof (x as { streams?: unknown }).streams === 'function';

/** Enough data for any command's streams: the auxiliary, their person and organ. */
const BASE = { auxiliaryId: AUX, personKey: PERSON, usingOrganId: ORGAN };

/** Whether a command reads an auxiliary's stream (a recruitment command's streams need data of its own: it reads none). */
function readsAuxiliary(h: AnyHandler): boolean {
  try {
    return h.streams(command(h.commandType, BASE)).auxiliary?.aggregate === Auxiliary;
  } catch {
    return false;
  }
}

// Every handler whose command reads the auxiliary's stream, but the two that begin a service (a hire, a service found on record).
const SERVICE_HANDLERS = Object.values(domain as Record<string, unknown>)
  .filter(isHandler)
  .filter((h) => h.commandType !== 'Hire' && h.commandType !== 'RecordExistingService' && readsAuxiliary(h))
  .sort((a, b) => a.commandType.localeCompare(b.commandType));

const DEPARTED_ON = '2025-06-30';
const issued = on('2025-01-10', auxiliaryEvent('CredentialIssued', { auxiliaryId: AUX, kind: 'WORK_ID', serial: 'WID-1', issuedOn: '2025-01-10' }));
const paid = on('2025-03-01', auxiliaryEvent('CompensationPaid', { auxiliaryId: AUX, compensationId: 'comp-1', paidByOrganId: ORGAN, paidFen: 100000, claimRef: 'C-1', paidOn: '2025-03-01' }));
const received = on('2025-03-01', auxiliaryEvent('ComplaintReceived', { auxiliaryId: AUX, complaintId: 'cp-1', channel: 'COMPLAINT', receivingOrganId: ORGAN, receivedOn: '2025-03-01' }));
const handled = on('2025-04-01', auxiliaryEvent('ComplaintHandled', { auxiliaryId: AUX, complaintId: 'cp-0', investigatedOn: '2025-03-20', decidedOn: '2025-04-01', finding: 'UNSUBSTANTIATED', disciplineId: null }));
const HISTORY = [hired(), issued, paid, received, on('2025-03-01', auxiliaryEvent('ComplaintReceived', { auxiliaryId: AUX, complaintId: 'cp-0', channel: 'REPORT', receivingOrganId: ORGAN, receivedOn: '2025-03-01' })), handled];

/** Commands that may be dated after the departure, with data that the record takes then. */
const AFTER: { [T in ServiceCommandType]?: Record<string, unknown> } = {
  RecoverCredential: { serial: 'WID-1' },
  Commend: { commendationId: 'cm-1', title: '追授二等功', grantingAuthority: '自治区公安厅' },
  ReceiveComplaint: { complaintId: 'cp-2', channel: 'REPORT', receivingOrganId: ORGAN },
  HandleComplaint: { complaintId: 'cp-1', investigatedOn: '2025-07-05', finding: 'UNSUBSTANTIATED', disciplineId: null },
  TellComplainant: { complaintId: 'cp-0', means: '书面' },
  RecordInjury: { injuryId: 'inj-1', kind: 'MARTYR', legalBasis: 'MARTYRS', occurredOn: '2025-06-29', determinationRef: '烈士评定〔2025〕1号', medicalDetails: null },
  PayCompensation: { compensationId: 'comp-2', paidByOrganId: ORGAN, paidFen: 50000, claimRef: 'C-2' },
  OrderCompensationRecovery: { compensationId: 'comp-1', fromAuxiliaryFen: 30000, fault: 'GROSS_NEGLIGENCE', findingRef: 'F-1' },
  SettleCompensation: { compensationId: 'comp-1', settlement: 'NO_RECOVERY', settlementRef: 'S-1' },
};

/** Well-formed data for the commands whose handlers read it before their rules (the API's validation guarantees the shape). */
const SHAPE: { [T in ServiceCommandType]?: Record<string, unknown> } = {
  AssignDuty: { assignmentId: 'as-1', dutyCodes: ['SVC_110'], nationalBasis: null, leadingOfficerIds: ['officer-1'], alone: false, matterId: null, equipmentIssued: [] },
  CorrectRetroactiveConflict: { eventIndex: 1, decisionRef: '纠正决定〔2025〕1号' },
};

const decide = (h: AnyHandler, history: unknown[], date: string, data: Record<string, unknown> = {}): Decision =>
  decideWith(h, { auxiliary: history as never }, command(h.commandType, { ...BASE, ...SHAPE[h.commandType as ServiceCommandType], ...data }, date));

const violationsOf = (d: Decision): readonly Violation[] => (!d.accepted && d.refusal.kind === 'STATUTE' ? d.refusal.judgement.violations : []);

describe('SERVICE-PERIOD (Arts. 24, 40): every command about a service passes one rule', () => {
  it('has a row for every command type that reads an auxiliary stream, and no other', () => {
    expect(SERVICE_HANDLERS.length).toBeGreaterThanOrEqual(26);
    expect(SERVICE_HANDLERS.map((h) => h.commandType)).toEqual(Object.keys(AFTER_DEPARTURE).sort((a, b) => a.localeCompare(b)));
  });

  it('the commands allowed after a departure are the ones the regulation still asks for (Arts. 9, 32, 37 ¶3, 38, 42 ¶2–3)', () => {
    const allowed = Object.entries(AFTER_DEPARTURE).filter(([, c]) => c !== null).map(([type, c]) => [type, c?.article]);
    expect(Object.fromEntries(allowed)).toEqual({
      RecoverCredential: 37, Commend: 9, ReceiveComplaint: 38, HandleComplaint: 38, TellComplainant: 38, RecordInjury: 32, PayCompensation: 42, OrderCompensationRecovery: 42, SettleCompensation: 42,
    });
  });

  describe.each(SERVICE_HANDLERS.map((h) => [h.commandType, h] as const))('%s', (type, handler) => {
    it('dated the day before the hire: refused by SERVICE-PERIOD, citing Art. 24, whatever the command says', () => {
      const decision = decide(handler, [hired()], '2024-09-30', AFTER[type as ServiceCommandType]);
      expect(violationsOf(decision).map((v) => [v.ruleId, v.citation.article])).toEqual([['SERVICE-PERIOD', 24]]);
      expect(violationsOf(decision)[0]?.observed).toBe('2024-09-30');
    });

    const allowedAfter = AFTER_DEPARTURE[type as ServiceCommandType] !== null;
    it(allowedAfter ? 'after the departure: still recorded (the regulation asks for it then)' : 'after the departure: refused by SERVICE-PERIOD, citing Art. 40', () => {
      const decision = decide(handler, [...HISTORY, terminatedOn(DEPARTED_ON)], '2025-07-10', AFTER[type as ServiceCommandType]);
      if (allowedAfter) {
        expect(decision.accepted ? [] : decision.refusal).toEqual([]);
      } else {
        expect(violationsOf(decision).find((v) => v.ruleId === 'SERVICE-PERIOD')?.citation.article).toBe(40);
      }
    });
  });

  it('Art. 38: a complaint dated before the hire is refused — it cannot show on the timeline before the service began', () => {
    const handler = domain.receiveComplaint as unknown as AnyHandler;
    expect(violationsOf(decide(handler, [hired()], '2024-09-15', AFTER.ReceiveComplaint)).map((v) => v.ruleId)).toEqual(['SERVICE-PERIOD']);
    expect(decide(handler, [hired()], HIRED_ON, AFTER.ReceiveComplaint).accepted).toBe(true);
  });

  it('the departure day itself is after the service: a posting dated that day is refused, a recovery accepted', () => {
    const history = [...HISTORY, terminatedOn(DEPARTED_ON)];
    expect(violationsOf(decide(domain.recordAssessment as unknown as AnyHandler, history, DEPARTED_ON)).map((v) => v.ruleId)).toContain('SERVICE-PERIOD');
    expect(decide(domain.recoverCredential as unknown as AnyHandler, history, DEPARTED_ON, AFTER.RecoverCredential).accepted).toBe(true);
  });

  it('a command dated before a departure recorded later is judged as in service on its date', () => {
    const decision = decide(domain.recordAssessment as unknown as AnyHandler, [...HISTORY, terminatedOn(DEPARTED_ON)], '2025-06-01', {
      assessmentId: 'a-1', period: '2025H1', dimensions: ['POLITICAL_QUALITY', 'ABILITY', 'WORK_STYLE', 'PERFORMANCE', 'COMPLIANCE'], grade: '称职',
    });
    expect(decision.accepted).toBe(true);
  });
});
