import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Persistence } from './persistence';

export const PERSISTENCE = Symbol('PERSISTENCE');

/** Closes the event store and the API's tables when the application shuts down (SIGTERM, SIGINT, app.close()). */
@Injectable()
export class PersistenceLifecycle implements OnApplicationShutdown {
  constructor(@Inject(PERSISTENCE) private readonly persistence: Persistence) {}

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.persistence.tables.close(), this.persistence.store.close()]);
  }
}
