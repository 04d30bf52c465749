import { judgeInForce, RECRUITMENT_STAGE_CHECKS, type BackgroundFinding } from '@auxledger/statute';
import { accept, refuseCitingRules, type Command, type CommandHandler } from '../kernel';
import { inspectionPassed } from './recruitment-application';
import { isDecision, openStage, recruitingOrganOf, serviceHistoryOf, stageWithPersonStreams, type PersonHistoryData, type StageWithPersonStreams } from './stage';

/**
 * 考察 (Art. 20 (5)) passed: Art. 23 is judged again on what the inspection
 * found. Findings given here replace those of the qualification review for
 * their item; items not re-examined keep the review's clearance. The service
 * history is read again — from the person registry stream of the `personKey`
 * the command names (deprecated: `serviceHistory` passed in instead): an
 * abandonment recorded since the review disqualifies.
 */
export type RecordInspection = Command<'RecordInspection', PersonHistoryData & { applicationId: string; backgroundFindings: BackgroundFinding[] }>;

const INSPECTION_CHECKS = [...RECRUITMENT_STAGE_CHECKS, 'DISQ-1', 'DISQ-2', 'DISQ-3', 'DISQ-4', 'DISQ-5', 'DISQ-6', 'DISQ-7', 'DISQ-8'] as const;

export const recordInspection: CommandHandler<RecordInspection, StageWithPersonStreams> = {
  commandType: 'RecordInspection',
  streams: stageWithPersonStreams,
  decide({ data, metadata }, states, { registry }) {
    const app = openStage(states.application, 5, data.applicationId, metadata.effectiveDate);
    if (isDecision(app)) return app;
    const recruitingOrgan = recruitingOrganOf(app, states.recruiter, metadata.actor.organId);
    if (isDecision(recruitingOrgan)) return recruitingOrgan;
    const serviceHistory = serviceHistoryOf(app, data, states.person, metadata.effectiveDate);
    if (isDecision(serviceHistory)) return serviceHistory;

    const reexamined = new Set(data.backgroundFindings.map((f) => f.item));
    const findings: BackgroundFinding[] = [
      ...app.clearedFindings.filter((f) => !reexamined.has(f.item)).map((f) => ({ item: f.item, found: false, ref: f.ref })),
      ...data.backgroundFindings,
    ];
    const judgement = judgeInForce(registry, INSPECTION_CHECKS, {
      effectiveDate: metadata.effectiveDate,
      recruitingOrgan,
      application: { id: app.applicationId, stages: app.stages },
      step: { kind: 'STAGE', stage: 5 },
      background: { findings },
      serviceHistory,
    });
    if (!judgement.ok) return refuseCitingRules(judgement);
    return accept(
      {
        application: [
          inspectionPassed({
            applicationId: data.applicationId,
            clearedFindings: data.backgroundFindings.map((f) => ({ item: f.item, ref: f.ref })),
            serviceRecordsChecked: serviceHistory.length,
          }),
        ],
      },
      judgement,
    );
  },
};
