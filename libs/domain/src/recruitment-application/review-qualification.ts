import { ELIGIBILITY_CHECKS, judgeInForce, RECRUITMENT_STAGE_CHECKS, type BackgroundFinding } from '@auxledger/statute';
import { accept, refuseWithStateCode, refuseCitingRules, type Command, type CommandHandler } from '../kernel';
import { qualificationReviewPassed, type PoliticalAttestation } from './recruitment-application';
import { isDecision, openStage, recruitingOrganOf, serviceHistoryOf, stageWithPersonStreams, type PersonHistoryData, type StageWithPersonStreams } from './stage';

/**
 * 资格审查 (Art. 20 (2)) passed: the basic conditions of Art. 21 hold (with the
 * education relaxation where approved) and none of Art. 23 applies — every
 * item of Art. 23 needs a finding, and (6) 擅自离职 is also judged on the
 * person's service history in the system's own records: the handler reads the
 * person registry stream of the `personKey` the command names (the one the
 * application was registered with). A command without `personKey` still
 * passes `serviceHistory` itself (deprecated: the caller's reading, unguarded
 * by the stream's revision).
 */
export type ReviewQualification = Command<
  'ReviewQualification',
  PersonHistoryData & {
    applicationId: string;
    /** One finding per Art. 23 item (1)–(8); `ref` points to the sealed check record. */
    backgroundFindings: BackgroundFinding[];
    /** Per post condition of the plan (Art. 21 (5)): met or not; one not assessed counts as not met. */
    postConditions: { id: string; met: boolean }[];
    politicalAttestation: PoliticalAttestation;
  }
>;

const REVIEW_CHECKS = [...RECRUITMENT_STAGE_CHECKS, ...ELIGIBILITY_CHECKS] as const;

export const reviewQualification: CommandHandler<ReviewQualification, StageWithPersonStreams> = {
  commandType: 'ReviewQualification',
  streams: stageWithPersonStreams,
  decide({ data, metadata }, states, { registry }) {
    const app = openStage(states.application, 2, data.applicationId, metadata.effectiveDate);
    if (isDecision(app)) return app;
    const recruitingOrgan = recruitingOrganOf(app, states.recruiter, metadata.actor.organId);
    if (isDecision(recruitingOrgan)) return recruitingOrgan;
    if (data.politicalAttestation.conclusion !== 'MEETS') {
      // ELIG-POLITICAL is a person's judgement the system records, not one it makes: a negative one is recorded as a failed stage.
      return refuseWithStateCode('POLITICAL_ATTESTATION_NEGATIVE', { zh: '政治素质考察结论为不符合，应记录为资格审查未通过', en: 'The political attestation is negative: record the review as failed' });
    }
    const serviceHistory = serviceHistoryOf(app, data, states.person, metadata.effectiveDate);
    if (isDecision(serviceHistory)) return serviceHistory;

    const postConditions = app.postConditions.map((c) => ({ id: c.id, description: c.description, met: data.postConditions.some((p) => p.id === c.id && p.met) }));
    const judgement = judgeInForce(registry, REVIEW_CHECKS, {
      effectiveDate: metadata.effectiveDate,
      recruitingOrgan,
      application: { id: app.applicationId, stages: app.stages },
      step: { kind: 'STAGE', stage: 2 },
      applicant: app.applicant,
      registration: { date: app.registeredOn },
      postConditions,
      background: { findings: data.backgroundFindings },
      serviceHistory,
    });
    if (!judgement.ok) return refuseCitingRules(judgement);

    return accept(
      {
        application: [
          qualificationReviewPassed({
            applicationId: data.applicationId,
            // Judged clear above: every finding is a "not found"; only the item and the sealed record's reference are kept.
            clearedFindings: data.backgroundFindings.map((f) => ({ item: f.item, ref: f.ref })),
            postConditionsMet: postConditions.filter((c) => c.met).map((c) => c.id),
            politicalAttestation: data.politicalAttestation,
            serviceRecordsChecked: serviceHistory.length,
          }),
        ],
      },
      judgement,
    );
  },
};
