import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/principal';
import { Metrics } from './metrics';

/**
 * GET /metrics: the Prometheus text format, for a scraper. No key (as
 * /health): the series name command types, rule ids, routes and codes,
 * never a person, an auxiliary or an organ. Bind the API to a private
 * address or put /metrics behind the proxy's access rules where that matters.
 */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() res: { header(name: string, value: string): unknown; send(body: string): unknown }): Promise<void> {
    const text = await this.metrics.render();
    res.header('Content-Type', this.metrics.contentType);
    res.send(text);
  }
}
