import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { EventStore, JsonObject, RecordedEvent } from '@auxledger/event-store';
import type { ReadModelStore } from '@auxledger/projection-engine';
import { streamsOf } from '@auxledger/read-models';
import { AppError } from '../../errors/app-error';
import { EVENT_STORE, READ_MODEL_STORE } from '../../infrastructure/tokens';
import { QueryOpening } from '../shared/query-opening';
import { type Positioned, ReadQuery } from '../shared/read-query';
import type { StreamEventsRequestDto, StreamsRequestDto } from './streams.request.dto';
import { AS_OF_POSITION, date, integer, arrayOf, nullable, object, text } from '../../openapi/answer-schema';

export interface StreamSummary {
  streamId: string;
  streamType: string;
  events: number;
  lastRevision: number;
  lastType: string;
  lastPosition: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
}

export interface StreamsAnswer extends Positioned {
  prefix: string | null;
  streams: StreamSummary[];
  next: string | null;
}

/** One event as the log holds it, with its metadata and hash-chain link. */
export interface StreamEventView {
  eventId: string;
  streamRevision: number;
  globalPosition: number;
  type: string;
  schemaVersion: number;
  data: JsonObject;
  /** Paths into `data` not shown (`WITHHELD`: health data, free text, date of birth): their values are replaced by `null`. */
  withheld: string[];
  commandId: string;
  commandType: string | null;
  correlationId: string;
  causationId: string;
  actor: { id: string; role: string; organId: string | null };
  effectiveDate: string;
  recordedAt: string;
  ruleSetRevision: string | null;
  hash: string;
  prevHash: string | null;
}

export interface StreamEventsAnswer {
  streamId: string;
  events: StreamEventView[];
  /** The `fromRevision` of the next page; null: the last page. */
  next: number | null;
}

/** StreamsAnswer as the OpenAPI document gives it. */
export const STREAMS_ANSWER = object(
  {
    asOfPosition: AS_OF_POSITION,
    prefix: nullable(text('The stream id prefix asked for; null: every stream')),
    streams: arrayOf(
      object({
        streamId: text('记录流 The stream (auxiliary-…, organ-…, plan-…, command-… for a refusal)'),
        streamType: text('Its kind: the id up to the first dash'),
        events: integer('Events in it'),
        lastRevision: integer('Its last revision'),
        lastType: text('The last event’s type'),
        lastPosition: integer('The last event’s global position'),
        firstRecordedAt: text('First recorded at (ISO-8601)'),
        lastRecordedAt: text('Last recorded at (ISO-8601)'),
      }),
      'By stream id',
    ),
    next: nullable(text('The `cursor` of the next page; null: the last page')),
  },
  { title: 'StreamsAnswer' },
);

/** StreamEventsAnswer as the OpenAPI document gives it. */
export const STREAM_EVENTS_ANSWER = object(
  {
    streamId: text('记录流 The stream'),
    events: arrayOf(
      object({
        eventId: text(),
        streamRevision: integer('Its place in the stream, from 0'),
        globalPosition: integer('Its place in the log'),
        type: text('事件类型 The event type'),
        schemaVersion: integer(),
        data: { type: 'object', additionalProperties: true, description: 'The event’s data as the log holds it; the paths in `withheld` set to null' },
        withheld: arrayOf(text(), 'Paths into `data` not shown: health data, free text of disciplinary decisions and suspensions, dates of birth'),
        commandId: text('The command that wrote it'),
        commandType: nullable(text('Its type; null for events recorded before it was kept')),
        correlationId: text(),
        causationId: text(),
        actor: object({ id: text('The API key id'), role: text(), organId: nullable(text('The granted organ that covered the command; null for admins')) }, { description: '操作人 Who' }),
        effectiveDate: date('生效日期 The effective date'),
        recordedAt: text('记录时间 Recorded at (ISO-8601)'),
        ruleSetRevision: nullable(text('The rule set the decision read')),
        hash: text('This event’s hash in the chain'),
        prevHash: nullable(text('The previous event’s hash; null for the first')),
      }),
      'In stream order',
    ),
    next: nullable(integer('The `fromRevision` of the next page; null: the last page')),
  },
  { title: 'StreamEventsAnswer' },
);

export class GetStreams extends ReadQuery<StreamsRequestDto, StreamsAnswer> {}

export class GetStreamEvents extends ReadQuery<StreamEventsRequestDto & { streamId: string }, StreamEventsAnswer> {}

/** The streams of the log (the `stream_index` read model), by id prefix, keyset-paged. */
@QueryHandler(GetStreams)
export class GetStreamsHandler implements IQueryHandler<GetStreams> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly opening: QueryOpening,
  ) {}

  async execute({ params: p }: GetStreams): Promise<StreamsAnswer> {
    const { asOfPosition, limit } = await this.opening.open(p);
    const rows = await streamsOf(this.store, { ...(p.prefix ? { prefix: p.prefix } : {}), ...(p.cursor !== undefined ? { after: p.cursor } : {}), limit: limit + 1 });
    const page = rows.slice(0, limit);
    return {
      asOfPosition,
      prefix: p.prefix ?? null,
      streams: page.map((r) => ({
        streamId: r.stream_id,
        streamType: r.stream_type,
        events: Number(r.events),
        lastRevision: Number(r.last_revision),
        lastType: r.last_type,
        lastPosition: Number(r.head_position),
        firstRecordedAt: r.first_recorded_at,
        lastRecordedAt: r.last_recorded_at,
      })),
      next: rows.length > limit ? (page[page.length - 1]?.stream_id ?? null) : null,
    };
  }
}

/**
 * Data fields the stream browser never shows, by event type (paths into
 * `data`): health data (PIPL Art. 28), the free text of a disciplinary
 * decision or a suspension, an applicant's date of birth — what the log keeps
 * as written and no read model copies either. Identities are sealed already
 * (`PersonIdentity*` events hold ciphertext); people are named by their
 * salted `personKey`. The hash still covers them: an auditor checks the chain
 * without reading them.
 */
export const WITHHELD: Readonly<Record<string, readonly string[]>> = {
  // Version 1 (clear, recorded before ADR 0006's sealing) and version 2 (sealed under the person's key; opened only on a recorded disclosure).
  InjuryMedicalDetailsRecorded: ['medicalDetails', 'sealed'],
  // Version 2: the result category sealed under the person's key (version 1's category, a code, stays as recorded).
  HealthCheckRecorded: ['sealedResult'],
  DisciplineDecided: ['description'],
  AuxiliarySuspended: ['reason'],
  ApplicationRegistered: ['applicant.birthDate'],
};

/** `data` with each withheld path that is present set to null, and the paths withheld. */
export function withhold(type: string, data: JsonObject): { data: JsonObject; withheld: string[] } {
  const withheld: string[] = [];
  let out = data;
  for (const path of WITHHELD[type] ?? []) {
    const [head, field] = path.split('.') as [string, string | undefined];
    if (field === undefined) {
      if (head in out) {
        out = { ...out, [head]: null };
        withheld.push(path);
      }
      continue;
    }
    const inner = out[head];
    if (inner !== null && typeof inner === 'object' && !Array.isArray(inner) && field in inner) {
      out = { ...out, [head]: { ...inner, [field]: null } };
      withheld.push(path);
    }
  }
  return { data: out, withheld };
}

/** One record's events, in stream order, read from the log itself. */
@QueryHandler(GetStreamEvents)
export class GetStreamEventsHandler implements IQueryHandler<GetStreamEvents> {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly opening: QueryOpening,
  ) {}

  async execute({ params: p }: GetStreamEvents): Promise<StreamEventsAnswer> {
    // Read from the log itself: no read model to wait for.
    const { limit } = this.opening.defaults(p);
    const from = p.fromRevision ?? 0;
    const read = await this.events.readStream(p.streamId, { direction: 'forwards', fromRevision: from, maxCount: limit + 1 });
    if (read.length === 0 && (await this.events.readStream(p.streamId, { maxCount: 1 })).length === 0) {
      throw new AppError('NOT_FOUND', 'STREAM_NOT_FOUND', { zh: `记录库中没有记录流 ${p.streamId}`, en: `No stream ${p.streamId} in the log` }, { streamId: p.streamId });
    }
    const page = read.slice(0, limit);
    const last = page[page.length - 1];
    return { streamId: p.streamId, events: page.map(viewOf), next: read.length > limit && last ? last.streamRevision + 1 : null };
  }
}

function viewOf(e: RecordedEvent): StreamEventView {
  const m = e.metadata;
  const { data, withheld } = withhold(e.type, e.data);
  return {
    eventId: e.eventId,
    streamRevision: e.streamRevision,
    globalPosition: e.globalPosition,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data,
    withheld,
    commandId: m.commandId,
    commandType: m.commandType ?? null,
    correlationId: m.correlationId,
    causationId: m.causationId,
    actor: { id: m.actor.id, role: m.actor.role, organId: m.actor.organId ?? null },
    effectiveDate: m.effectiveDate,
    recordedAt: m.recordedAt,
    ruleSetRevision: m.ruleSetRevision,
    hash: m.hash,
    prevHash: m.prevHash,
  };
}
