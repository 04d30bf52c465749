import { type AuxiliaryCategory, type FactsFor, type InsuranceKind, type IsoDate, type RuleIdInForce, judgeInForce } from '@auxledger/statute';
import { type Command, type CommandHandler, type StreamRef, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { type OrganState, isRegisteredOrgan, organRef, quotaFacts, quotaPlaceTaken } from '../organ';
import { type PersonState, personContractStarted, personFacts, personRef } from '../person';
import { type LabourContract, type PayOnLevel, type TrainingKind, type TrainingTopic, auxiliaryEvent } from './events';
import { auxiliaryRef, contractInconsistent, contractTermDefect } from './guards';
import type { AuxiliaryState } from './state';

/**
 * 在职辅警按现状登记 (issue 11 item 8): a service that began before the record
 * of it — hired before 2024-09-01 (Art. 47) or before the using organ's
 * record began — recorded as found, from the command's effective date (the
 * day its record begins; 2024-09-01 at the earliest, when a rule set is in
 * force). Judged by what the regulation asks of serving staff, never by the
 * recruitment rules of Arts. 17–23 it was not hired under:
 * - EXISTING-SERVICE (Arts. 47, 17, 24; a reading): hired before the regulation
 *   or the organ's record; a labour contract in force that day, from the hire
 *   on; every date on record within the service as found;
 * - PERSON-UNIQUE (Arts. 24, 3 ¶1): one active contract per person;
 * - QUOTA-HIRE (Art. 7): the organ has a quota in force that day, with room;
 * - ORG-RESP (Art. 34 ¶1): one using organ.
 * One atomic append, like a hire: `AuxiliaryHired` marked `migrated` (no
 * application: its id is ''), then what is on file — passed trainings,
 * insurance, the 转正 — as their own events (each with its own date in its
 * data); `PersonContractStarted` on the person's stream; `QuotaPlaceTaken` on
 * the organ's. What such a person still lacks under today's rules (pre-job
 * training, insurance, a health check, an assessment) is not refused: the
 * supervision view lists it.
 *
 * The person is named by the server-made person key, as every command does;
 * the person's identity record (姓名, 公民身份号码) is not part of this command.
 */

export interface TrainingOnFile {
  trainingId: string;
  kind: TrainingKind;
  /** For annual training: the year it counts for; null otherwise. */
  year: number | null;
  topics: TrainingTopic[];
  completedOn: IsoDate;
}

export interface InsuranceOnFile {
  kinds: InsuranceKind[];
  enrolledOn: IsoDate;
  reference: string;
}

export type RecordExistingService = Command<'RecordExistingService', {
  auxiliaryId: string;
  personKey: string;
  /** 谁使用、谁管理、谁负责 (Art. 34 ¶1): the one using organ. */
  usingOrganId: string;
  category: AuxiliaryCategory;
  /** The day the service began (聘用), as found — before 2024-09-01 or before the organ's record began. */
  hiredOn: IsoDate;
  /** The labour contract in force on the effective date (the latest renewal, if renewed). */
  contract: LabourContract;
  level: string;
  pay: PayOnLevel;
  /** 转正 on file: the day; null when the file records none (the calendar still ends a probation, Art. 24). */
  probationCompletedOn: IsoDate | null;
  /** Passed trainings on file (岗前培训, 年度培训, 专项培训). */
  trainings: TrainingOnFile[];
  /** Insurance on file (Art. 28). */
  insurance: InsuranceOnFile[];
  /** Where the facts were taken from (档案号, the organ's roster). */
  sourceRef: string;
}>;

export type RecordExistingServiceRefs = {
  auxiliary: StreamRef<AuxiliaryState>;
  person: StreamRef<PersonState>;
  organ: StreamRef<OrganState>;
};

/** What a serving auxiliary's record is judged by (never the recruitment rules). */
export const EXISTING_SERVICE_CHECKS = ['EXISTING-SERVICE', 'PERSON-UNIQUE', 'QUOTA-HIRE', 'ORG-RESP'] as const satisfies readonly RuleIdInForce[];

export const recordExistingService: CommandHandler<RecordExistingService, RecordExistingServiceRefs> = {
  commandType: 'RecordExistingService',
  streams: ({ data }) => ({
    auxiliary: auxiliaryRef(data.auxiliaryId),
    person: personRef(data.personKey),
    organ: organRef(data.usingOrganId),
  }),
  decide({ data, metadata }, { auxiliary, person, organ }, context) {
    const on = metadata.effectiveDate;
    if (auxiliary.status !== 'NOT_HIRED') return refuseWithStateCode('AUXILIARY_ALREADY_HIRED', { zh: '该辅警编号已有聘用记录', en: 'This auxiliary id already has a hire on record' });
    if (!isRegisteredOrgan(organ)) return refuseWithStateCode('ORGAN_NOT_REGISTERED', { zh: `使用单位${data.usingOrganId}未登记`, en: `Using organ ${data.usingOrganId} is not registered` });
    const defect = contractTermDefect(data.contract);
    if (defect) return contractInconsistent(defect);
    const ids = data.trainings.map((t) => t.trainingId);
    const repeated = ids.find((id, i) => ids.indexOf(id) !== i);
    if (repeated !== undefined) return refuseWithStateCode('DUPLICATE_ID', { zh: `培训编号${repeated}重复`, en: `Training id ${repeated} appears twice` }, { trainingId: repeated });
    const annualWithoutYear = data.trainings.find((t) => (t.kind === 'ANNUAL') !== (t.year !== null));
    if (annualWithoutYear) {
      return refuseWithStateCode('TRAINING_YEAR_MISMATCH', { zh: '年度培训须写明年度，其他培训不写年度', en: 'An annual training names its year; other trainings name none' }, { trainingId: annualWithoutYear.trainingId });
    }

    const datesOnRecord = [
      ...data.trainings.map((t) => ({ what: `${t.kind} training ${t.trainingId}`, on: t.completedOn })),
      ...data.insurance.map((i) => ({ what: `insurance ${i.reference}`, on: i.enrolledOn })),
      ...(data.probationCompletedOn === null ? [] : [{ what: 'probation completed (转正)', on: data.probationCompletedOn }]),
    ];
    const facts: FactsFor<typeof EXISTING_SERVICE_CHECKS> = {
      effectiveDate: on,
      existingService: { hiredOn: data.hiredOn, organRecordFrom: organ.registeredOn, contract: { startDate: data.contract.startDate, endDate: data.contract.endDate }, datesOnRecord },
      person: personFacts(person),
      usingOrganQuota: quotaFacts(organ, on, data.category),
      auxiliary: { usingOrganIds: [data.usingOrganId] },
    };
    const judgement = judgeInForce(context.registry, EXISTING_SERVICE_CHECKS, facts);
    if (!judgement.ok) return refuseCitingRules(judgement);

    const { auxiliaryId, personKey, usingOrganId, category, contract, level, pay, hiredOn, sourceRef } = data;
    return accept(
      {
        auxiliary: [
          auxiliaryEvent('AuxiliaryHired', { auxiliaryId, personKey, applicationId: '', usingOrganId, category, contract, level, pay, hiredOn, migrated: { recordedFrom: on, sourceRef } }),
          ...data.trainings.map((t) => auxiliaryEvent('TrainingRecorded', { auxiliaryId, trainingId: t.trainingId, kind: t.kind, year: t.year, topics: t.topics, completedOn: t.completedOn, outcome: 'PASSED' })),
          ...data.insurance.map((i) => auxiliaryEvent('InsuranceEnrolled', { auxiliaryId, kinds: i.kinds, enrolledOn: i.enrolledOn, reference: i.reference })),
          ...(data.probationCompletedOn === null ? [] : [auxiliaryEvent('ProbationCompleted', { auxiliaryId, completedOn: data.probationCompletedOn })]),
        ],
        person: [personContractStarted({ personKey, contractId: contract.contractId, auxiliaryId, organId: usingOrganId, startDate: contract.startDate })],
        organ: [quotaPlaceTaken({ auxiliaryId, category, planId: null })],
      },
      judgement,
    );
  },
};
