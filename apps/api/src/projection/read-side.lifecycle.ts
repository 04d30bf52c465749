import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ReadModelStore } from '@auxledger/projections';
import { LOG_HEAD, READ_MODEL_STORE } from '../infrastructure/tokens';
import type { LogHead } from './log-head';

/** Closes the read models and the log-head reader after the HTTP server has answered its last request. */
@Injectable()
export class ReadSideLifecycle implements OnApplicationShutdown {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(LOG_HEAD) private readonly logHead: LogHead,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.store.close(), this.logHead.close()]);
  }
}
