import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { ReadModelStore } from '@auxledger/projection-engine';
import { READ_MODEL_STORE } from '../infrastructure/tokens';

/** Closes the read models after the HTTP server has answered its last request. */
@Injectable()
export class ReadSideLifecycle implements OnApplicationShutdown {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close().catch(() => undefined);
  }
}
