import type { Provider, Type } from '@nestjs/common';
import { CheckpointService } from './checkpoint.service';
import { LogHttpController } from './log.http.controller';
import { GetInclusionProofHandler, GetLatestCheckpointHandler } from './log.queries';
import { VerificationService } from './verification.service';
import { VerificationRuns } from './verification-runs';

/** The verifiable log: signing key, checkpoint writer, checkpoint and proof endpoints, verification runs (ADR 0005). */
export const LOG_CONTROLLERS: Type[] = [LogHttpController];
export const LOG_PROVIDERS: Provider[] = [CheckpointService, GetLatestCheckpointHandler, GetInclusionProofHandler, VerificationRuns, VerificationService];
export { CheckpointService };
