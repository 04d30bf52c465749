import { GENESIS_LOG_DIGEST, LOG_DIGEST_ALGORITHM, eventHash, metadataInput, nextLogDigest } from './hash-chain';
import { isMerkleLogStore } from './merkle/merkle-log';
import { type Hash, MerkleFrontier, type MerkleNode, leafHash, nodeRange } from './merkle/merkle-tree';
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
  | 'CHECKPOINT_MISMATCH'
  /** The Merkle root of the log's first N events is not the root a signed checkpoint of size N holds: rewritten since it was signed. */
  | 'CHECKPOINT_ROOT_MISMATCH'
  /** A complete subtree the store keeps is not the one the events give (the stored tree was altered, or the events under it). */
  | 'MERKLE_NODE_MISMATCH';

/** A signed checkpoint whose signature was already checked (checkpoint.ts: verifyCheckpoint): what the log must still give. */
export interface TreeCheckpoint {
  treeSize: number;
  rootHash: Hash;
  /** How to name it in the report (a file name, the signing time). */
  label?: string;
}

export interface TreeCheckpointResult {
  treeSize: number;
  label: string | null;
  /** Base64 root signed. */
  signedRoot: string;
  /** Base64 root of the log's first `treeSize` events now; null when the log is shorter. */
  actualRoot: string | null;
  matches: boolean;
  /** The global position of the checkpoint's last event, as the log reads now. */
  lastPosition: number | null;
}

/** Where, between signed checkpoints, the log stops matching. */
export interface Divergence {
  /** The largest checkpoint below the first mismatch that still matches; null: none does. */
  lastMatching: TreeCheckpointResult | null;
  firstMismatch: TreeCheckpointResult;
  /** The events (1-based leaf numbers, = positions in SQLite and PostgreSQL) among which something was changed, removed or inserted. */
  fromEvent: number;
  toEvent: number;
  message: string;
}

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
  /** The Merkle tree head of the log as read now (RFC 9162 root, base64): what a new signed checkpoint would hold. */
  treeHead: { treeSize: number; rootHash: string };
  /** One per signed checkpoint given, by tree size. */
  treeCheckpoints: TreeCheckpointResult[];
  /** With signed checkpoints: where the log stops matching them, or null. */
  divergence: Divergence | null;
  /** Whether the store's own tree was compared node by node (`stored`), or there was none to compare (`none`: EventStoreDB, an old copy). */
  storedTree: 'compared' | 'none';
}

export interface VerifyOptions {
  /** A checkpoint saved earlier: the log must still give it. */
  against?: LogCheckpoint;
  /** Signed checkpoints (signatures already checked): the log's first N events must still give each root. */
  checkpoints?: readonly TreeCheckpoint[];
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
  const frontier = MerkleFrontier.empty();
  const wanted = [...(options.checkpoints ?? [])].sort((a, b) => a.treeSize - b.treeSize);
  const results: TreeCheckpointResult[] = [];
  let nextWanted = 0;
  const settleCheckpoints = (lastPosition: number | null) => {
    while (nextWanted < wanted.length && (wanted[nextWanted] as TreeCheckpoint).treeSize === frontier.size) {
      const c = wanted[nextWanted] as TreeCheckpoint;
      const root = frontier.root();
      results.push({ treeSize: c.treeSize, label: c.label ?? null, signedRoot: c.rootHash.toString('base64'), actualRoot: root.toString('base64'), matches: root.equals(c.rootHash), lastPosition });
      nextWanted += 1;
    }
  };
  settleCheckpoints(null);
  const storedTree = isMerkleLogStore(store) && store.keepsMerkleTree() ? store : null;
  /** Leaves so far in read order → their global positions, for naming where a node's leaves are. */
  let completedInBatch: MerkleNode[] = [];
  const batchPositions: number[] = [];
  let batchFirstLeaf = 0;
  let lastNodeMismatchStart = Number.POSITIVE_INFINITY;
  const compareStoredNodes = async () => {
    if (!storedTree || completedInBatch.length === 0) return;
    const stored = await storedTree.merkleNodes(completedInBatch);
    completedInBatch.forEach((node, i) => {
      const actual = stored[i];
      if (actual && actual.equals(node.hash)) return;
      const [start, end] = nodeRange(node);
      // An ancestor of a node already reported differs for the same reason: report the lowest one only.
      if (start <= lastNodeMismatchStart && lastNodeMismatchStart < end) return;
      lastNodeMismatchStart = start;
      const position = batchPositions[end - 1 - batchFirstLeaf] ?? end;
      report({
        kind: 'MERKLE_NODE_MISMATCH',
        globalPosition: position,
        expected: node.hash.toString('base64'),
        actual: actual ? actual.toString('base64') : null,
        message: `the stored Merkle node (level ${node.level}, index ${node.index}) over events ${start + 1}…${end} ${actual ? 'is not the hash those events give' : 'is missing'}`,
      });
    });
    completedInBatch = [];
  };

  for (let batch = await store.readAll({ after: 0, maxCount: batchSize }); batch.length > 0; ) {
    batchFirstLeaf = frontier.size;
    batchPositions.length = 0;
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
      batchPositions.push(event.globalPosition);
      for (const node of frontier.push(leafHash(event.metadata.hash))) completedInBatch.push(node);
      settleCheckpoints(event.globalPosition);
      lastPosition = event.globalPosition;
    }
    await compareStoredNodes();
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
  for (const c of wanted.slice(nextWanted)) {
    results.push({ treeSize: c.treeSize, label: c.label ?? null, signedRoot: c.rootHash.toString('base64'), actualRoot: null, matches: false, lastPosition: null });
    report({
      kind: 'LOG_TRUNCATED',
      expected: c.treeSize,
      actual: count,
      globalPosition: lastPosition + 1,
      message: `the log holds ${count} events, but the signed checkpoint${c.label ? ` ${c.label}` : ''} covers ${c.treeSize}: it was truncated after position ${lastPosition}`,
    });
  }
  const divergence = findDivergence(results);
  for (const r of results) {
    if (r.matches || r.actualRoot === null) continue;
    report({
      kind: 'CHECKPOINT_ROOT_MISMATCH',
      ...(r.lastPosition !== null ? { globalPosition: r.lastPosition } : {}),
      expected: r.signedRoot,
      actual: r.actualRoot,
      message:
        `the first ${r.treeSize} events no longer give the root signed in the checkpoint${r.label ? ` ${r.label}` : ''}` +
        (divergence && divergence.firstMismatch === r ? `: ${divergence.message}` : ''),
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
    treeHead: { treeSize: frontier.size, rootHash: frontier.root().toString('base64') },
    treeCheckpoints: results,
    divergence,
    storedTree: storedTree ? 'compared' : 'none',
  };
}

/** The first checkpoint (by size) the log no longer gives, and the last one below it that it still gives. */
function findDivergence(results: readonly TreeCheckpointResult[]): Divergence | null {
  const index = results.findIndex((r) => !r.matches);
  if (index < 0) return null;
  const firstMismatch = results[index] as TreeCheckpointResult;
  const lastMatching = index > 0 ? (results[index - 1] as TreeCheckpointResult) : null;
  const fromEvent = (lastMatching?.treeSize ?? 0) + 1;
  const toEvent = firstMismatch.treeSize;
  const name = (r: TreeCheckpointResult) => `${r.treeSize} events${r.label ? ` (${r.label})` : ''}`;
  const message =
    firstMismatch.actualRoot === null
      ? `the log matches ${lastMatching ? `the checkpoint of ${name(lastMatching)}` : 'no signed checkpoint'} and ends before the checkpoint of ${name(firstMismatch)}: events after it were removed`
      : `the log ${lastMatching ? `still matches the checkpoint of ${name(lastMatching)}` : 'matches no signed checkpoint'} and stops matching at the checkpoint of ${name(firstMismatch)}: events ${fromEvent}…${toEvent} were rewritten, removed or inserted since`;
  return { lastMatching, firstMismatch, fromEvent, toEvent, message };
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
