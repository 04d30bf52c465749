import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds: from a fast SQLite append (well under 1 ms) to a slow request or a long projector batch. */
const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * How a command ended: accepted (or answered again: `replayed`), refused by
 * the regulation (422) or by the record's state (409 STATE), its body or date
 * invalid (400), outside the key's organs (403), in conflict with the log
 * (409: COMMAND_ID_REUSED, concurrent writes), or failed (5xx).
 */
export type CommandOutcome = 'accepted' | 'replayed' | 'refused_statute' | 'refused_state' | 'invalid' | 'forbidden' | 'conflict' | 'error';

/**
 * The application's Prometheus metrics (prom-client), in a registry of its
 * own per application — tests start several in one process. Served at
 * GET /metrics (metrics.controller.ts); docs/grafana/auxledger.json reads
 * them. No label carries a person, an auxiliary or an organ: command types,
 * rule ids, routes (the pattern, never the ids in the path), status codes,
 * store operations and error codes only.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly commands = new Counter({
    name: 'auxledger_commands_total',
    help: 'Commands by type and outcome (accepted, replayed, refused_statute, refused_state, invalid, forbidden, conflict, error)',
    labelNames: ['command_type', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly refusalsByRule = new Counter({
    name: 'auxledger_command_refusals_total',
    help: 'Refused commands by type and by rule id (a statute refusal counts once per rule it violates; a state refusal under its code)',
    labelNames: ['command_type', 'rule_id', 'kind'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'auxledger_http_request_duration_seconds',
    help: 'HTTP request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'auxledger_event_store_append_duration_seconds',
    help: 'Event store appends (one transaction, its commit and fsync included: SQLite synchronous=FULL, PostgreSQL synchronous_commit) by operation',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly commitFsyncDuration = new Histogram({
    name: 'auxledger_event_store_commit_fsync_duration_seconds',
    help: 'SQLite: the COMMIT of each group of appends alone, that is the WAL write and its fsync (synchronous=FULL); not reported on PostgreSQL or KurrentDB, whose commit is inside the append',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly appendedEvents = new Counter({
    name: 'auxledger_event_store_appended_events_total',
    help: 'Events appended to the log by this process',
    registers: [this.registry],
  });

  readonly storeErrors = new Counter({
    name: 'auxledger_event_store_errors_total',
    help: 'Event store operations that failed, by operation and error code (WRONG_EXPECTED_REVISION: a concurrent writer; UNEXPECTED: anything without a code)',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });

  readonly projectorBatchDuration = new Histogram({
    name: 'auxledger_projector_batch_duration_seconds',
    help: 'The embedded projector: one batch, from reading its events to the commit of the read models and their checkpoint',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly projectorBatchEvents = new Counter({
    name: 'auxledger_projector_events_total',
    help: 'Events the embedded projector has applied to the read models',
    registers: [this.registry],
  });

  readonly projectorPosition = new Gauge({
    name: 'auxledger_projector_position',
    help: 'The last global position the live read models hold (their checkpoint), read at scrape time',
    registers: [this.registry],
  });

  readonly logHead = new Gauge({
    name: 'auxledger_log_head_position',
    help: 'The last global position of the event log, read at scrape time',
    registers: [this.registry],
  });

  readonly projectorLag = new Gauge({
    name: 'auxledger_projector_lag_events',
    help: 'Events in the log the read models do not hold yet (log head − projector position), read at scrape time',
    registers: [this.registry],
  });

  readonly projectorUp = new Gauge({
    name: 'auxledger_projector_up',
    help: '1 while the embedded projector runs, 0 when it failed (and waits to retry) or is off',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'auxledger_' });
  }

  /** What a scrape reads just before it renders (positions, lag): set by the read side. */
  private beforeScrape: Array<() => Promise<void>> = [];

  onScrape(refresh: () => Promise<void>): void {
    this.beforeScrape.push(refresh);
  }

  async render(): Promise<string> {
    await Promise.all(this.beforeScrape.map((refresh) => refresh().catch(() => undefined)));
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
