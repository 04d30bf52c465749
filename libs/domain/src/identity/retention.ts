import { type Bilingual, type Citation, type IsoDate, type RuleSetRegistry, type RulesInForce, addYears, nmg, parameterOn, renderCitation, ruleSetInForce } from '@auxledger/statute';
import { type AuxiliaryState, isHired, isInService } from '../auxiliary/state';
import { auxiliaryRef } from '../auxiliary/guards';
import { type Command, type CommandHandler, type StreamRef, accept, refuseWithStateCode } from '../kernel';
import { type PersonState, personRef } from '../person/person';
import { type PersonIdentityState, personIdentityRef, personalDataShredded } from './person-identity';

/**
 * How long personal data is kept (ADR 0006): a person's identity record is
 * kept while they serve and for `personalData.retentionYearsAfterDeparture`
 * whole years after the later of their last departure and their last
 * registration (a parameter with its source). Then their data key is shredded
 * — unless the person is still needed, and each such hold is named with its
 * clause:
 * - COMPLAINT_OPEN (Art. 38 ¶2): a complaint about them not yet decided, or
 *   the complainant not yet told the result;
 * - COMPENSATION_RECOVERY (Art. 42 ¶3): damages the organ paid for their act,
 *   whose recovery from them is ordered or may still be, until its
 *   settlement is recorded (`SettleCompensation`);
 * - CREDENTIALS_NOT_RECOVERED (Art. 37 ¶3): a work card, uniform or insignia
 *   issued to them and not recovered.
 * The person key itself (a keyed hash) stays in the service record, so
 * PERSON-UNIQUE and DISQ-5/6 still recognise a returning person.
 */

export type RetentionHoldCode = 'COMPLAINT_OPEN' | 'COMPENSATION_RECOVERY' | 'CREDENTIALS_NOT_RECOVERED';

export interface RetentionHold {
  code: RetentionHoldCode;
  auxiliaryId: string;
  /** The complaint, compensation or credential serial that holds. */
  ref: string;
  citation: Citation;
  citationText: Bilingual;
  message: Bilingual;
}

/**
 * - NO_IDENTITY: no identity recorded (records with client-made keys); nothing to shred;
 * - SHREDDED: the shredding of the latest data key is on record;
 * - NOT_HIRED: an applicant never hired (the period counts from a departure);
 * - IN_SERVICE: holds a contract now;
 * - KEPT: left, the period not over;
 * - HELD: the period over, but still needed (the holds say why);
 * - DUE: to be shredded.
 */
export type RetentionStatus = 'NO_IDENTITY' | 'SHREDDED' | 'NOT_HIRED' | 'IN_SERVICE' | 'KEPT' | 'HELD' | 'DUE';

export interface RetentionBasis {
  parameter: 'personalData.retentionYearsAfterDeparture';
  value: number;
  source: string;
  isDefault: boolean;
}

export interface RetentionReview {
  personKey: string;
  status: RetentionStatus;
  /** Every auxiliary record the person had (their service history and contracts in force). */
  auxiliaryIds: string[];
  lastDepartedOn: IsoDate | null;
  lastRegisteredOn: IsoDate | null;
  /** The day the period counts from: the later of the last departure and the last registration. */
  keptFrom: IsoDate | null;
  dueOn: IsoDate | null;
  holds: RetentionHold[];
  /** The data key the identity is sealed under (no personal data). */
  keyId: string | null;
  basis: RetentionBasis | null;
}

export const RETENTION_PARAMETER = 'personalData.retentionYearsAfterDeparture' as const;

/** The parameter in force on a date, with its source; null when no rule set is in force. */
export function retentionBasis(registry: RuleSetRegistry<RulesInForce>, on: IsoDate): RetentionBasis | null {
  const ruleSet = ruleSetInForce(registry, on) ?? registry[registry.length - 1];
  const p = ruleSet ? parameterOn(ruleSet.parameters, RETENTION_PARAMETER, on) : null;
  return p ? { parameter: RETENTION_PARAMETER, value: p.value, source: p.source, isDefault: p.isDefault } : null;
}

/** The auxiliary records of a person: the services ended and the contracts in force. */
export function auxiliaryIdsOf(person: PersonState): string[] {
  if (person.status === 'UNKNOWN') return [];
  const ids = [...person.history.map((h) => h.auxiliaryId), ...(person.status === 'SERVING' ? person.active.map((c) => c.auxiliaryId) : [])];
  return [...new Set(ids)].sort();
}

const hold = (code: RetentionHoldCode, auxiliaryId: string, ref: string, citation: Citation, message: Bilingual): RetentionHold => ({
  code,
  auxiliaryId,
  ref,
  citation,
  citationText: renderCitation(citation),
  message,
});

/** The holds an auxiliary record puts on its person's data. */
export function retentionHolds(state: AuxiliaryState): RetentionHold[] {
  if (!isHired(state)) return [];
  const { auxiliaryId, complaints, compensations, credentials } = state.service;
  const holds: RetentionHold[] = [];
  for (const c of complaints) {
    if (c.decidedOn === null || c.complainantToldOn === null) {
      const step = c.decidedOn === null ? { zh: '尚未查处', en: 'not yet decided' } : { zh: '尚未告知举报人、投诉人', en: 'the complainant not yet told' };
      holds.push(hold('COMPLAINT_OPEN', auxiliaryId, c.complaintId, nmg(38, 2), { zh: `举报投诉 ${c.complaintId}（${c.receivedOn} 受理）${step.zh}`, en: `Complaint ${c.complaintId} (received ${c.receivedOn}): ${step.en}` }));
    }
  }
  for (const c of compensations) {
    if (c.settledOn) continue;
    holds.push(
      hold(
        'COMPENSATION_RECOVERY',
        auxiliaryId,
        c.compensationId,
        nmg(42, 3),
        c.recoveredFen > 0
          ? { zh: `赔偿 ${c.compensationId}：已责令辅警承担 ${c.recoveredFen} 分，未记录了结`, en: `Compensation ${c.compensationId}: ${c.recoveredFen} fen ordered from the auxiliary, no settlement recorded` }
          : { zh: `赔偿 ${c.compensationId}：机关已赔偿 ${c.paidFen} 分，尚未决定是否追偿`, en: `Compensation ${c.compensationId}: ${c.paidFen} fen paid by the organ, recovery not decided` },
      ),
    );
  }
  for (const c of credentials) {
    if (c.recoveredOn === null) {
      holds.push(hold('CREDENTIALS_NOT_RECOVERED', auxiliaryId, c.serial, nmg(37, 3), { zh: `${c.kind} ${c.serial}（${c.issuedOn} 配发）未收回`, en: `${c.kind} ${c.serial} (issued ${c.issuedOn}) not recovered` }));
    }
  }
  return holds;
}

/** Where one person stands, as of `on`: judged from their person stream, every auxiliary record of theirs and their identity record. */
export function reviewRetention(input: {
  personKey: string;
  person: PersonState;
  auxiliaries: Readonly<Record<string, AuxiliaryState>>;
  identity: PersonIdentityState;
  registry: RuleSetRegistry<RulesInForce>;
  on: IsoDate;
}): RetentionReview {
  const { personKey, person, auxiliaries, identity, on } = input;
  const auxiliaryIds = auxiliaryIdsOf(person);
  const lastDepartedOn = person.status === 'UNKNOWN' ? null : person.history.reduce<IsoDate | null>((last, h) => (last === null || h.endedOn > last ? h.endedOn : last), null);
  const base = { personKey, auxiliaryIds, lastDepartedOn, lastRegisteredOn: null, keptFrom: null, dueOn: null, holds: [], keyId: null, basis: null };
  if (identity.status !== 'RECORDED') return { ...base, status: 'NO_IDENTITY' };
  const keyId = identity.sealed.keyId;
  const lastRegisteredOn = identity.lastRegisteredOn;
  const known = { ...base, keyId, lastRegisteredOn };
  if (identity.shredded.some((s) => s.keyId === keyId)) return { ...known, status: 'SHREDDED' };
  if (person.status === 'UNKNOWN') return { ...known, status: 'NOT_HIRED' };
  const inService = Object.values(auxiliaries).some(isInService);
  if (person.status !== 'NOT_SERVING' || lastDepartedOn === null || inService) return { ...known, status: 'IN_SERVICE' };
  const basis = retentionBasis(input.registry, on);
  if (!basis) return { ...known, status: 'KEPT' };
  const keptFrom = lastRegisteredOn > lastDepartedOn ? lastRegisteredOn : lastDepartedOn;
  const dueOn = addYears(keptFrom, basis.value);
  const dated = { ...known, keptFrom, dueOn, basis };
  if (on < dueOn) return { ...dated, status: 'KEPT' };
  const holds = auxiliaryIds.flatMap((id) => retentionHolds(auxiliaries[id] ?? { status: 'NOT_HIRED' }));
  return { ...dated, holds, status: holds.length > 0 ? 'HELD' : 'DUE' };
}

// ── The command ───────────────────────────────────────────────────────────────

/**
 * Records that a person's data key is shredded because their retention
 * ended: judged again here from their person stream, every auxiliary record
 * (named in the command, checked against the person stream) and the identity
 * record, with the expected revision of each — a complaint received meanwhile
 * makes the append fail and the judgement run again. The key store erases
 * the key once the event is recorded (the application layer).
 */
export type ShredPersonalData = Command<'ShredPersonalData', { personKey: string; auxiliaryIds: string[]; reason: 'RETENTION_ENDED' }>;

type ShredRefs = { identity: StreamRef<PersonIdentityState>; person: StreamRef<PersonState> } & Record<string, StreamRef>;

const AUXILIARY_ROLE = 'auxiliary:';

export const shredPersonalData: CommandHandler<ShredPersonalData, ShredRefs> = {
  commandType: 'ShredPersonalData',
  streams: ({ data }) => ({
    identity: personIdentityRef(data.personKey),
    person: personRef(data.personKey),
    ...Object.fromEntries([...new Set(data.auxiliaryIds)].map((id) => [`${AUXILIARY_ROLE}${id}`, auxiliaryRef(id) as StreamRef])),
  }),
  decide({ data, metadata }, states, context) {
    const identity = states['identity'] as PersonIdentityState;
    const person = states['person'] as PersonState;
    const auxiliaries = Object.fromEntries(
      Object.entries(states)
        .filter(([role]) => role.startsWith(AUXILIARY_ROLE))
        .map(([role, state]) => [role.slice(AUXILIARY_ROLE.length), state as AuxiliaryState]),
    );
    const missing = auxiliaryIdsOf(person).filter((id) => !(id in auxiliaries));
    if (missing.length > 0) {
      return refuseWithStateCode(
        'AUXILIARY_RECORDS_INCOMPLETE',
        { zh: `须一并审查此人的全部辅警档案，缺少：${missing.join('、')}`, en: `Every auxiliary record of the person must be judged; missing: ${missing.join(', ')}` },
        { missing },
      );
    }
    const review = reviewRetention({ personKey: data.personKey, person, auxiliaries, identity, registry: context.registry, on: metadata.effectiveDate });
    switch (review.status) {
      case 'NO_IDENTITY':
        return refuseWithStateCode('IDENTITY_NOT_RECORDED', { zh: `人员 ${data.personKey} 没有身份记录`, en: `No identity is recorded for ${data.personKey}` });
      case 'SHREDDED':
        return refuseWithStateCode('PERSONAL_DATA_ALREADY_SHREDDED', { zh: '此人的数据密钥已记录为销毁', en: "The person's data key is already recorded as shredded" }, { keyId: review.keyId });
      case 'NOT_HIRED':
        return refuseWithStateCode('PERSON_NOT_HIRED', { zh: '此人从未聘用：保存期限自离职起算', en: 'The person was never hired: the retention period counts from a departure' });
      case 'IN_SERVICE':
        return refuseWithStateCode('PERSON_IN_SERVICE', { zh: '此人仍在职，个人信息须保存', en: 'The person is in service: their personal data is kept' });
      case 'KEPT':
        return refuseWithStateCode(
          'RETENTION_NOT_ENDED',
          { zh: `保存期限至 ${review.dueOn ?? '—'} 届满（参数 ${RETENTION_PARAMETER}${review.basis?.isDefault ? '，默认值' : ''}）`, en: `The retention period ends on ${review.dueOn ?? '—'} (parameter ${RETENTION_PARAMETER}${review.basis?.isDefault ? ', default' : ''})` },
          { dueOn: review.dueOn, basis: review.basis },
        );
      case 'HELD':
        return refuseWithStateCode(
          'PERSONAL_DATA_HELD',
          { zh: `此人的个人信息仍须保存：${review.holds.map((h) => `${h.citationText.zh}：${h.message.zh}`).join('；')}`, en: `The person's personal data is still needed: ${review.holds.map((h) => `${h.citationText.en}: ${h.message.en}`).join('; ')}` },
          { holds: review.holds },
        );
      case 'DUE': {
        const { keyId, basis, keptFrom, dueOn } = review as RetentionReview & { keyId: string; basis: RetentionBasis; keptFrom: IsoDate; dueOn: IsoDate };
        return accept({ identity: [personalDataShredded({ personKey: data.personKey, keyId, reason: data.reason, basis, keptFrom, dueOn })] });
      }
      default: {
        const _exhaustive: never = review.status;
        return _exhaustive;
      }
    }
  },
};
