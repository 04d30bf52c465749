import type { ReadModel } from '@auxledger/projection-engine';
import { auditTrail } from './audit-trail';
import { organHierarchy } from './organ-hierarchy';
import { personFileModel, personTimeline } from './person-file';
import { quotaUse } from './quota-use';
import { recruitmentPlan } from './recruitment-plan';
import { retroactiveConflictModel } from './retroactive-conflict';
import { roster } from './roster';
import { applications } from './applications';
import { fines } from './fines';
import { streamIndex } from './streams';

export * from './organ-hierarchy';
export * from './roster';
export * from './person-file';
export * from './quota-use';
export * from './recruitment-plan';
export * from './audit-trail';
export * from './supervision';
export * from './retroactive-conflict';
export * from './applications';
export * from './fines';
export * from './streams';
export { statusOn, withStatusOn } from './common';

/** Every read model of AuxLedger, for one projector (docs/read-models.md). */
export const ALL_READ_MODELS: readonly ReadModel[] = [organHierarchy, roster, personFileModel, personTimeline, quotaUse, recruitmentPlan, auditTrail, applications, fines, streamIndex, retroactiveConflictModel];

/** The projector that keeps ALL_READ_MODELS: its checkpoints carry this name, whichever process runs it (the API's embedded projector, `auxledger project`). */
export const READ_MODELS_PROJECTOR = 'auxledger';
