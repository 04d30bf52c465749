import type { EventStore, RecordedEvent } from '../port';
import {
  EMPTY_ROOT,
  type Hash,
  type LeafRange,
  MerkleFrontier,
  type NodeKey,
  consistencyRanges,
  decompose,
  foldRange,
  inclusionRanges,
  leafHash,
  nodeHash,
} from './merkle-tree';

/**
 * What a store that keeps the Merkle tree at append time offers (SQLite and
 * PostgreSQL, ADR 0005): its complete subtrees, the events at leaves, and the
 * signed checkpoints it holds. EventStoreDB keeps none: there the tree is
 * computed by whoever reads the log (`openMerkleTree`, `verifyLog`).
 */
export interface MerkleLogStore {
  /**
   * False on a copy that holds no tree (a read-only copy of a log written
   * before the tree existed): `openMerkleTree` then computes it from the log.
   */
  keepsMerkleTree(): boolean;
  /** Leaves in the tree: the number of events (the logs are dense). */
  treeSize(): Promise<number>;
  /** The stored hash of each complete subtree (level 0: the leaf hash of the event there), null where none is stored. */
  merkleNodes(keys: readonly NodeKey[]): Promise<(Hash | null)[]>;
  /** The event at a leaf (index = global position − 1), or null. */
  eventAtLeaf(leafIndex: number): Promise<RecordedEvent | null>;
  /** The leaf of an event id, or null when no such event is stored. */
  leafOfEvent(eventId: string): Promise<number | null>;
  saveCheckpoint(checkpoint: StoredCheckpoint): Promise<void>;
  latestCheckpoint(): Promise<StoredCheckpoint | null>;
}

/** A signed checkpoint as the log's database keeps it (checkpoints table). */
export interface StoredCheckpoint {
  treeSize: number;
  /** Base64, as in the note. */
  rootHash: string;
  /** The whole signed note (checkpoint.ts). */
  note: string;
  /** When it was signed (ISO-8601), as its `time` line says. */
  signedAt: string;
}

export function isMerkleLogStore(store: unknown): store is MerkleLogStore {
  const s = store as Partial<MerkleLogStore> | null;
  return typeof s?.merkleNodes === 'function' && typeof s.keepsMerkleTree === 'function' && typeof s.latestCheckpoint === 'function';
}

/** Reads complete subtrees: all or an error naming the missing one. */
export type NodeReader = (keys: readonly NodeKey[]) => Promise<(Hash | null)[]>;

/**
 * Proofs and roots from the stored complete subtrees: each answer needs at
 * most about 2·log₂ n of them, fetched in one call.
 */
export class MerkleProver {
  constructor(private readonly read: NodeReader) {}

  async rootHash(size: number): Promise<Hash> {
    if (size === 0) return EMPTY_ROOT;
    return (await this.rangeHashes([[0, size]]))[0] as Hash;
  }

  /** RFC 9162 §2.1.3.1: the inclusion proof of leaf `index` in the tree of `size`. */
  async inclusionProof(index: number, size: number): Promise<Hash[]> {
    return this.rangeHashes(inclusionRanges(index, size));
  }

  /** RFC 9162 §2.1.4.1: the consistency proof from the tree of `from` leaves to the tree of `to`; empty when equal. */
  async consistencyProof(from: number, to: number): Promise<Hash[]> {
    if (from === to) return [];
    return this.rangeHashes(consistencyRanges(from, to));
  }

  private async rangeHashes(ranges: readonly LeafRange[]): Promise<Hash[]> {
    const perRange = ranges.map(([a, b]) => decompose(a, b));
    const unique = new Map<string, NodeKey>();
    for (const keys of perRange) for (const key of keys) unique.set(`${key.level}/${key.index}`, key);
    const keys = [...unique.values()];
    const hashes = await this.read(keys);
    const byKey = new Map<string, Hash>();
    keys.forEach((key, i) => {
      const h = hashes[i];
      if (!h) throw missingNode(key);
      byKey.set(`${key.level}/${key.index}`, h);
    });
    return perRange.map((subtrees) => foldRange(subtrees.map((k) => byKey.get(`${k.level}/${k.index}`) as Hash)));
  }
}

export class MerkleTreeIncomplete extends Error {
  constructor(readonly key: NodeKey) {
    super(`the stored Merkle tree has no node at level ${key.level}, index ${key.index}: it was not built or was tampered with`);
    this.name = 'MerkleTreeIncomplete';
  }
}

const missingNode = (key: NodeKey) => new MerkleTreeIncomplete(key);

/** The tree over a log, and how to find an event's leaf in it. */
export interface LogMerkleTree {
  /** `stored`: the store kept it at append time; `computed`: built now from the log (EventStoreDB, an old copy). */
  readonly source: 'stored' | 'computed';
  size(): Promise<number>;
  rootHash(size: number): Promise<Hash>;
  inclusionProof(index: number, size: number): Promise<Hash[]>;
  consistencyProof(from: number, to: number): Promise<Hash[]>;
  /** An event by id or by global position, with its leaf index. */
  findLeaf(ref: { eventId: string } | { position: number }): Promise<{ leafIndex: number; event: RecordedEvent } | null>;
}

/** The tree the store keeps, or one computed from the log when it keeps none. */
export async function openMerkleTree(store: EventStore): Promise<LogMerkleTree> {
  if (isMerkleLogStore(store) && store.keepsMerkleTree()) return storedTree(store);
  return InMemoryMerkleTree.fromLog(store);
}

function storedTree(store: MerkleLogStore): LogMerkleTree {
  const prover = new MerkleProver((keys) => store.merkleNodes(keys));
  return {
    source: 'stored',
    size: () => store.treeSize(),
    rootHash: (size) => prover.rootHash(size),
    inclusionProof: (index, size) => prover.inclusionProof(index, size),
    consistencyProof: (from, to) => prover.consistencyProof(from, to),
    findLeaf: async (ref) => {
      const leafIndex = 'eventId' in ref ? await store.leafOfEvent(ref.eventId) : ref.position - 1;
      if (leafIndex === null || leafIndex < 0) return null;
      const event = await store.eventAtLeaf(leafIndex);
      return event ? { leafIndex, event } : null;
    },
  };
}

/**
 * Every level of the tree in memory (2 × 32 bytes per leaf), built from the
 * log as it reads now: for EventStoreDB (which keeps no tree; its global
 * positions are not dense, so leaves are events in read order) and for copies
 * without one.
 */
export class InMemoryMerkleTree implements LogMerkleTree {
  readonly source = 'computed' as const;
  private readonly prover: MerkleProver;

  private constructor(
    /** levels[l]: the complete subtrees of level l, 32 bytes each. */
    private readonly levels: Buffer[],
    private readonly positions: number[],
    private readonly ids: Map<string, number>,
    private readonly store: EventStore,
  ) {
    this.prover = new MerkleProver(async (keys) => keys.map((k) => this.node(k)));
  }

  static async fromLog(store: EventStore, batchSize = 5000): Promise<InMemoryMerkleTree> {
    const chunks: Buffer[] = [];
    const positions: number[] = [];
    const ids = new Map<string, number>();
    for (let after = 0; ; ) {
      const batch = await store.readAll({ after, maxCount: batchSize });
      for (const event of batch) {
        ids.set(event.eventId, positions.length);
        positions.push(event.globalPosition);
        chunks.push(leafHash(event.metadata.hash));
        after = event.globalPosition;
      }
      if (batch.length < batchSize) break;
    }
    const levels = [Buffer.concat(chunks)];
    for (let below = levels[0] as Buffer; below.length >= 64; ) {
      const count = Math.floor(below.length / 64);
      const level = Buffer.allocUnsafe(count * 32);
      for (let i = 0; i < count; i++) nodeHash(below.subarray(i * 64, i * 64 + 32), below.subarray(i * 64 + 32, i * 64 + 64)).copy(level, i * 32);
      levels.push(level);
      below = level;
    }
    return new InMemoryMerkleTree(levels, positions, ids, store);
  }

  private node({ level, index }: NodeKey): Hash | null {
    const l = this.levels[level];
    if (!l || (index + 1) * 32 > l.length) return null;
    return l.subarray(index * 32, (index + 1) * 32);
  }

  async size(): Promise<number> {
    return this.positions.length;
  }

  rootHash(size: number): Promise<Hash> {
    return this.prover.rootHash(size);
  }

  inclusionProof(index: number, size: number): Promise<Hash[]> {
    return this.prover.inclusionProof(index, size);
  }

  consistencyProof(from: number, to: number): Promise<Hash[]> {
    return this.prover.consistencyProof(from, to);
  }

  async findLeaf(ref: { eventId: string } | { position: number }): Promise<{ leafIndex: number; event: RecordedEvent } | null> {
    const leafIndex = 'eventId' in ref ? this.ids.get(ref.eventId) : this.positions.indexOf(ref.position);
    if (leafIndex === undefined || leafIndex < 0) return null;
    const position = this.positions[leafIndex] as number;
    const [event] = await this.store.readAll({ after: position - 1, maxCount: 1 });
    return event && event.globalPosition === position ? { leafIndex, event } : null;
  }
}

/** The root of the tree over the given event hashes, in order (tests, tools). */
export function rootOfEventHashes(hashes: Iterable<string>): Hash {
  const frontier = MerkleFrontier.empty();
  for (const h of hashes) frontier.push(leafHash(h));
  return frontier.root();
}
