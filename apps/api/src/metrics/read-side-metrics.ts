import { Injectable, type OnModuleInit } from '@nestjs/common';
import { EmbeddedProjector } from '../projection/embedded-projector';
import { ReadPosition } from '../projection/read-position';
import { Metrics } from './metrics';

/** The projector's position, the log's head and the lag between them, read when /metrics is scraped (not kept up to date in between). */
@Injectable()
export class ReadSideMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly position: ReadPosition,
    private readonly projector: EmbeddedProjector,
  ) {}

  onModuleInit(): void {
    this.metrics.onScrape(async () => {
      this.metrics.projectorUp.set(this.projector.state === 'running' ? 1 : 0);
      const { position, logHead, lag } = await this.position.freshness();
      this.metrics.projectorPosition.set(position);
      this.metrics.logHead.set(logHead);
      this.metrics.projectorLag.set(lag);
    });
  }
}
