import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { EventStore, JsonObject, RecordedEvent } from '@auxledger/event-store';
import { type ReadModelStore, streamsOf } from '@auxledger/projections';
import { AppError } from '../../errors/app-error';
import { EVENT_STORE, READ_MODEL_STORE } from '../../infrastructure/tokens';
import { ReadPosition } from '../../projection/read-position';
import { DEFAULT_PAGE } from '../shared/query-fields';
import { type Positioned, ReadQuery } from '../shared/read-query';
import type { StreamEventsRequestDto, StreamsRequestDto } from './streams.request.dto';

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
  /** Fields of `data` not shown (health data kept in the log as written): their values are replaced by `null`. */
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

export class GetStreams extends ReadQuery<StreamsRequestDto, StreamsAnswer> {}

export class GetStreamEvents extends ReadQuery<StreamEventsRequestDto & { streamId: string }, StreamEventsAnswer> {}

/** The streams of the log (the `stream_index` read model), by id prefix, keyset-paged. */
@QueryHandler(GetStreams)
export class GetStreamsHandler implements IQueryHandler<GetStreams> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly position: ReadPosition,
  ) {}

  async execute({ params: p }: GetStreams): Promise<StreamsAnswer> {
    const asOfPosition = await this.position.atLeast(p.minPosition);
    const limit = p.limit ?? DEFAULT_PAGE;
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
 * Data fields the stream browser never shows, by event type: health data
 * (PIPL Art. 28 sensitive personal information) the log keeps as written.
 * Identities are sealed already (`PersonIdentity*` events hold ciphertext);
 * applicants are named by their salted `personKey`.
 */
const WITHHELD: Readonly<Record<string, readonly string[]>> = { InjuryMedicalDetailsRecorded: ['medicalDetails'] };

/** One record's events, in stream order, read from the log itself. */
@QueryHandler(GetStreamEvents)
export class GetStreamEventsHandler implements IQueryHandler<GetStreamEvents> {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ params: p }: GetStreamEvents): Promise<StreamEventsAnswer> {
    const limit = p.limit ?? DEFAULT_PAGE;
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
  const hidden = (WITHHELD[e.type] ?? []).filter((field) => field in e.data);
  const data = hidden.length === 0 ? e.data : { ...e.data, ...Object.fromEntries(hidden.map((f) => [f, null])) };
  return {
    eventId: e.eventId,
    streamRevision: e.streamRevision,
    globalPosition: e.globalPosition,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data,
    withheld: hidden,
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
