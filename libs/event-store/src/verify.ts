import { GENESIS_LOG_DIGEST, LOG_DIGEST_ALGORITHM, eventHash, metadataInput, nextLogDigest } from './hash-chain';
import type { EventStore, RecordedEvent } from './port';

/**
 * What an auditor saves and later checks the log against: the log digest
 * after the event at `position`, which was the `eventCount`-th event.
 */
export interface LogCheckpoint {
  algorithm: typeof LOG_DIGEST_ALGORITHM;
  position: number;
  eventCount: number;
  digest: string;
}

export type ChainBreakKind =
  /** The event's content no longer gives its stored hash: edited. */
  | 'EVENT_EDITED'
  /** The event does not link to the stream's previous event: one was edited, removed or swapped. */
  | 'STREAM_LINK_BROKEN'
  /** Revisions skip: events of the stream are missing before this one. */
  | 'STREAM_EVENTS_MISSING'
  /** Revisions go backwards or repeat: the stream's events are out of order. */
  | 'STREAM_OUT_OF_ORDER'
  /** A dense log skips positions: events are missing before this one. */
  | 'LOG_POSITIONS_MISSING'
  /** The stored log digest does not follow from the events before it: an event before it was removed, reordered or edited. */
  | 'LOG_DIGEST_MISMATCH'
  /** The log ends before the checkpoint's position: it was truncated. */
  | 'LOG_TRUNCATED'
  /** The log up to the checkpoint's position no longer gives the saved digest. */
  | 'CHECKPOINT_MISMATCH';

export interface ChainBreak {
  kind: ChainBreakKind;
  message: string;
  globalPosition?: number;
  streamId?: string;
  streamRevision?: number;
  eventId?: string;
  expected?: string | number | null;
  actual?: string | number | null;
}

export interface VerifyReport {
  ok: boolean;
  eventsChecked: number;
  streamsChecked: number;
  /** The first break in global order, the one to look at first. */
  firstBreak: ChainBreak | null;
  /** Every break found, up to `maxBreaks`. */
  breaks: ChainBreak[];
  /** The digest of the log as read now, to save for the next audit. */
  checkpoint: LogCheckpoint;
}

export interface VerifyOptions {
  /** A checkpoint saved earlier: the log must still give it. */
  against?: LogCheckpoint;
  batchSize?: number;
  maxBreaks?: number;
  /** Called after each batch, for progress bars. */
  onProgress?: (eventsChecked: number, lastPosition: number) => void;
}

/**
 * Walks the whole log in global order and checks every link: each event's
 * hash against its content, each stream's revisions and prevHash links, the
 * inline log digest where the adapter keeps one, and the saved checkpoint.
 */
export async function verifyLog(store: EventStore, options: VerifyOptions = {}): Promise<VerifyReport> {
  const batchSize = options.batchSize ?? 5000;
  const maxBreaks = options.maxBreaks ?? 100;
  const breaks: ChainBreak[] = [];
  const report = (b: ChainBreak) => {
    if (breaks.length < maxBreaks) breaks.push(b);
  };
  const streams = new Map<string, { revision: number; hash: string }>();
  const against = options.against;
  /** The digest recomputed from the events as they are now: what a checkpoint is compared with. */
  let digest = GENESIS_LOG_DIGEST;
  /** The digest the inline chain expects next; resynchronised after a break so that each is reported once. */
  let inlineDigest = GENESIS_LOG_DIGEST;
  let count = 0;
  let lastPosition = 0;
  let checkpointSeen = false;

  for (let batch = await store.readAll({ after: 0, maxCount: batchSize }); batch.length > 0; ) {
    for (const event of batch) {
      const where = locate(event);
      const recomputed = eventHash(
        { ...event, metadata: metadataInput(event.metadata) },
        event.metadata.prevHash,
      );
      if (recomputed !== event.metadata.hash) {
        report({ kind: 'EVENT_EDITED', ...where, expected: recomputed, actual: event.metadata.hash, message: `${describe(event)}: content does not match its hash (edited)` });
      }
      checkStreamLink(event, streams.get(event.streamId), report);
      streams.set(event.streamId, { revision: event.streamRevision, hash: event.metadata.hash });

      if (event.logDigest !== undefined && lastPosition > 0 && event.globalPosition !== lastPosition + 1) {
        report({ kind: 'LOG_POSITIONS_MISSING', ...where, expected: lastPosition + 1, actual: event.globalPosition, message: `positions ${lastPosition + 1}…${event.globalPosition - 1} are missing before ${describe(event)}` });
      }
      digest = nextLogDigest(digest, event.metadata.hash);
      inlineDigest = nextLogDigest(inlineDigest, event.metadata.hash);
      count += 1;
      if (event.logDigest !== undefined && event.logDigest !== inlineDigest) {
        report({ kind: 'LOG_DIGEST_MISMATCH', ...where, expected: inlineDigest, actual: event.logDigest, message: `${describe(event)}: the log digest does not follow from the events before it (one was removed, reordered or edited)` });
        inlineDigest = event.logDigest;
      }
      if (against && !checkpointSeen && event.globalPosition >= against.position) {
        checkpointSeen = true;
        checkCheckpoint(against, event.globalPosition === against.position ? digest : null, count, event, report);
      }
      lastPosition = event.globalPosition;
    }
    options.onProgress?.(count, lastPosition);
    batch = batch.length < batchSize ? [] : await store.readAll({ after: lastPosition, maxCount: batchSize });
  }

  if (against && !checkpointSeen) {
    report({
      kind: 'LOG_TRUNCATED',
      expected: against.position,
      actual: lastPosition,
      globalPosition: lastPosition + 1,
      message: `the log ends at position ${lastPosition}, but the saved checkpoint covers position ${against.position} (${against.eventCount} events): it was truncated after position ${lastPosition}`,
    });
  }
  const sorted = [...breaks].sort((a, b) => (a.globalPosition ?? Infinity) - (b.globalPosition ?? Infinity));
  return {
    ok: breaks.length === 0,
    eventsChecked: count,
    streamsChecked: streams.size,
    firstBreak: sorted[0] ?? null,
    breaks,
    checkpoint: { algorithm: LOG_DIGEST_ALGORITHM, position: lastPosition, eventCount: count, digest },
  };
}

/** The checkpoint of the log as it is now (or up to `position`), for an auditor to save. */
export async function digestLog(store: EventStore, options: { upTo?: number; batchSize?: number } = {}): Promise<LogCheckpoint> {
  const batchSize = options.batchSize ?? 5000;
  const upTo = options.upTo ?? Number.MAX_SAFE_INTEGER;
  let digest = GENESIS_LOG_DIGEST;
  let count = 0;
  let position = 0;
  for (;;) {
    const batch = await store.readAll({ after: position, maxCount: batchSize });
    for (const event of batch) {
      if (event.globalPosition > upTo) return { algorithm: LOG_DIGEST_ALGORITHM, position, eventCount: count, digest };
      digest = nextLogDigest(digest, event.metadata.hash);
      count += 1;
      position = event.globalPosition;
    }
    if (batch.length < batchSize) return { algorithm: LOG_DIGEST_ALGORITHM, position, eventCount: count, digest };
  }
}

function checkStreamLink(
  event: RecordedEvent,
  previous: { revision: number; hash: string } | undefined,
  report: (b: ChainBreak) => void,
): void {
  const where = locate(event);
  const expectedRevision = previous ? previous.revision + 1 : 0;
  if (event.streamRevision > expectedRevision) {
    report({ kind: 'STREAM_EVENTS_MISSING', ...where, expected: expectedRevision, actual: event.streamRevision, message: `${describe(event)}: revisions ${expectedRevision}…${event.streamRevision - 1} of the stream are missing` });
  } else if (event.streamRevision < expectedRevision) {
    report({ kind: 'STREAM_OUT_OF_ORDER', ...where, expected: expectedRevision, actual: event.streamRevision, message: `${describe(event)}: comes after revision ${expectedRevision - 1} of its stream (out of order)` });
  }
  const expectedPrev = previous?.hash ?? null;
  if (event.streamRevision === expectedRevision && event.metadata.prevHash !== expectedPrev) {
    report({ kind: 'STREAM_LINK_BROKEN', ...where, expected: expectedPrev, actual: event.metadata.prevHash, message: `${describe(event)}: does not link to the previous event of its stream` });
  }
}

function checkCheckpoint(
  against: LogCheckpoint,
  digestAtPosition: string | null,
  count: number,
  event: RecordedEvent,
  report: (b: ChainBreak) => void,
): void {
  if (digestAtPosition === against.digest && count === against.eventCount) return;
  report({
    kind: 'CHECKPOINT_MISMATCH',
    ...locate(event),
    expected: against.digest,
    actual: digestAtPosition,
    message:
      digestAtPosition === null
        ? `the event at the checkpoint's position ${against.position} is missing`
        : `the log up to position ${against.position} no longer gives the saved digest (${count} events now, ${against.eventCount} then)`,
  });
}

function locate(event: RecordedEvent) {
  return {
    globalPosition: event.globalPosition,
    streamId: event.streamId,
    streamRevision: event.streamRevision,
    eventId: event.eventId,
  };
}

function describe(event: RecordedEvent): string {
  return `event ${event.eventId} at position ${event.globalPosition} (${event.streamId} revision ${event.streamRevision})`;
}
