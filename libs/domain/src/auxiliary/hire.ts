import { type AuxiliaryCategory, type FactsFor, HIRE_CHECKS, type IsoDate, judgeInForce } from '@auxledger/statute';
import { type RecruitmentApplicationState, applicantHired, applicationOrganMismatch, applicationRef, hireFacts } from '../recruitment-application';
import { type Command, type CommandHandler, type StreamRef, accept, refuseWithStateCode, refuseCitingRules } from '../kernel';
import { type OrganState, type RegisteredOrgan, isRegisteredOrgan, organRef, quotaFacts, quotaPlaceTaken } from '../organ';
import { type PersonState, personContractStarted, personFacts, personRef, serviceHistoryFacts } from '../person';
import { type LabourContract, type PayOnLevel, auxiliaryEvent } from './events';
import { auxiliaryRef, contractInconsistent, contractTermDefect } from './guards';
import type { AuxiliaryState } from './state';

/**
 * 聘用 (Arts. 17–24, 7; 劳动合同法 Art. 19), judged with HIRE_CHECKS — every failed
 * rule at once. One atomic append over four streams, each read at an expected
 * revision, so that the cross-stream rules hold under concurrent hires:
 * - auxiliary: `AuxiliaryHired` (personKey, outcomes and dates: no ID number,
 *   no health or background finding — those stay sealed behind the application);
 * - person: `PersonContractStarted` — PERSON-UNIQUE (one active contract per
 *   natural person) and DISQ-6 (擅自离职 in the person's own history) read it;
 * - organ: `QuotaPlaceTaken` — QUOTA-HIRE (用人额度, Art. 7) reads the headcount;
 * - application: `ApplicantHired` — one application, one hire (凡进必考, Art. 17).
 */

export type Hire = Command<'Hire', {
  auxiliaryId: string;
  applicationId: string;
  personKey: string;
  /** 谁使用、谁管理、谁负责 (Art. 34 ¶1): the one using organ. */
  usingOrganId: string;
  category: AuxiliaryCategory;
  contract: LabourContract;
  level: string;
  pay: PayOnLevel;
}>;

export type HireRefs = {
  auxiliary: StreamRef<AuxiliaryState>;
  person: StreamRef<PersonState>;
  organ: StreamRef<OrganState>;
  application: StreamRef<RecruitmentApplicationState>;
};

/** The rules that need no applicant facts: judged even when there is no application, so the answer lists all it can. */
const WITHOUT_APPLICANT = ['RECR-EXAM', 'RECR-ORDER', 'ELIG-FIT', 'PERSON-UNIQUE', 'QUOTA-HIRE', 'ORG-RESP', 'CONTRACT-REQUIRED', 'CONTRACT-PROBATION', 'PAY-LEVEL'] as const;

type FactsWithoutApplicant = Omit<FactsFor<typeof HIRE_CHECKS>, 'applicant' | 'registration' | 'postConditions' | 'background' | 'application' | 'step'>;

function factsBesidesApplication(data: Hire['data'], person: PersonState, organ: RegisteredOrgan, on: IsoDate): FactsWithoutApplicant {
  const { contract, pay } = data;
  return {
    effectiveDate: on,
    serviceHistory: serviceHistoryFacts(person, on),
    person: personFacts(person),
    usingOrganQuota: quotaFacts(organ, on, data.category),
    auxiliary: { usingOrganIds: [data.usingOrganId] },
    contract: { clauses: contract.clauses, kind: contract.kind, startDate: contract.startDate, endDate: contract.endDate, probationLastDay: contract.probationLastDay },
    pay: { locality: pay.locality, level: data.level, monthlyBaseFen: pay.monthlyBaseFen },
  };
}

function contractDefect(contract: LabourContract, on: IsoDate): string | null {
  if (contract.startDate !== on) return `the contract starts on ${contract.startDate}, not on the hire's effective date ${on}`;
  return contractTermDefect(contract);
}

export const hire: CommandHandler<Hire, HireRefs> = {
  commandType: 'Hire',
  streams: ({ data }) => ({
    auxiliary: auxiliaryRef(data.auxiliaryId),
    person: personRef(data.personKey),
    organ: organRef(data.usingOrganId),
    application: applicationRef(data.applicationId),
  }),
  decide({ data, metadata }, { auxiliary, person, organ, application }, context) {
    const on = metadata.effectiveDate;
    if (auxiliary.status !== 'NOT_HIRED') return refuseWithStateCode('AUXILIARY_ALREADY_HIRED', { zh: '该辅警编号已有聘用记录', en: 'This auxiliary id already has a hire on record' });
    if (!isRegisteredOrgan(organ)) return refuseWithStateCode('ORGAN_NOT_REGISTERED', { zh: `使用单位${data.usingOrganId}未登记`, en: `Using organ ${data.usingOrganId} is not registered` });
    if (application.status === 'HIRED') {
      return refuseWithStateCode('APPLICATION_ALREADY_USED', { zh: `该报名已于${application.hiredOn}聘用`, en: `This application led to a hire on ${application.hiredOn}` }, { auxiliaryId: application.auxiliaryId });
    }
    if (application.status !== 'NONE' && application.personKey !== data.personKey) {
      return refuseWithStateCode('APPLICATION_PERSON_MISMATCH', { zh: '报名记录属于另一人', en: 'The application belongs to another person' });
    }
    // An application is for the openings of its plan (the targeted one, if any): another organ may not hire on it and use up its applicant.
    const organMismatch = application.status === 'NONE' ? null : applicationOrganMismatch(application, data.usingOrganId);
    if (organMismatch) {
      return refuseWithStateCode(
        'APPLICATION_FOR_ANOTHER_ORGAN',
        { zh: `该报名针对${organMismatch.expected.join('、')}的招聘岗位，使用单位${data.usingOrganId}不能据此聘用`, en: `The application is for an opening of ${organMismatch.expected.join(', ')}, not of the using organ ${data.usingOrganId}` },
        { usingOrganId: data.usingOrganId, applicationOrganIds: organMismatch.expected },
      );
    }
    const defect = contractDefect(data.contract, on);
    if (defect) return contractInconsistent(defect);

    const besides = factsBesidesApplication(data, person, organ, on);
    const fromApplication = hireFacts(application);
    const judgement = fromApplication
      ? judgeInForce(context.registry, HIRE_CHECKS, { ...besides, ...fromApplication })
      : judgeInForce(context.registry, WITHOUT_APPLICANT, { ...besides, application: null, step: { kind: 'HIRE' } });
    if (!judgement.ok || application.status === 'NONE') return refuseCitingRules(judgement);

    const { auxiliaryId, applicationId, personKey, usingOrganId, category, contract, level, pay } = data;
    return accept(
      {
        auxiliary: [auxiliaryEvent('AuxiliaryHired', { auxiliaryId, personKey, applicationId, usingOrganId, category, contract, level, pay, hiredOn: on })],
        person: [personContractStarted({ personKey, contractId: contract.contractId, auxiliaryId, organId: usingOrganId, startDate: on })],
        organ: [quotaPlaceTaken({ auxiliaryId, category, planId: application.planId })],
        application: [applicantHired({ applicationId, auxiliaryId })],
      },
      judgement,
    );
  },
};
