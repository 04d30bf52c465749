import type { Provider, Type } from '@nestjs/common';
import { CheckpointService } from './checkpoint.service';
import { LogHttpController } from './log.http.controller';
import { GetInclusionProofHandler, GetLatestCheckpointHandler } from './log.queries';

/** The verifiable log: signing key, checkpoint writer, checkpoint and proof endpoints (ADR 0005). */
export const LOG_CONTROLLERS: Type[] = [LogHttpController];
export const LOG_PROVIDERS: Provider[] = [CheckpointService, GetLatestCheckpointHandler, GetInclusionProofHandler];
export { CheckpointService };
