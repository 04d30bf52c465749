import { hash } from 'node:crypto';

/**
 * The Merkle tree over the log (ADR 0005), hashed as RFC 9162 §2.1.1:
 *
 *   MTH({})       = SHA-256()
 *   leaf hash     = SHA-256(0x00 ‖ leaf bytes)
 *   node hash     = SHA-256(0x01 ‖ left ‖ right)
 *
 * A leaf is one event in global order; its bytes are the 32 bytes of the
 * event's stored `hash` (hash-chain.ts). Leaf i is the event at log position
 * i + 1 in the dense logs (SQLite, PostgreSQL).
 *
 * A **complete subtree** (level l, index i) covers leaves [i·2^l, (i+1)·2^l).
 * Level 0 is a leaf. The stores keep every complete subtree of level ≥ 1 as it
 * completes (one row per event on average); leaf hashes are taken from the
 * events themselves. Every hash the RFC's proofs need is the root of a range
 * [a, b) that splits into at most log₂ n complete subtrees.
 *
 * Tree sizes and indexes are plain numbers (exact to 2^53): no bit operators.
 */

export type Hash = Buffer;

export const HASH_BYTES = 32;

/** A complete subtree: leaves [index·2^level, (index+1)·2^level). */
export interface NodeKey {
  level: number;
  index: number;
}

export interface MerkleNode extends NodeKey {
  hash: Hash;
}

/** SHA-256 of nothing: the root of the empty tree. */
export const EMPTY_ROOT: Hash = hash('sha256', Buffer.alloc(0), 'buffer') as unknown as Hash;

/** The leaf hash of an event: SHA-256(0x00 ‖ the 32 bytes of its stored hex `hash`). */
export function leafHash(eventHashHex: string): Hash {
  const input = Buffer.allocUnsafe(1 + HASH_BYTES);
  input[0] = 0x00;
  if (input.write(eventHashHex, 1, 'hex') !== HASH_BYTES || eventHashHex.length !== 2 * HASH_BYTES) {
    throw new Error(`an event hash is 64 hex digits (got ${JSON.stringify(eventHashHex.slice(0, 80))})`);
  }
  return hash('sha256', input, 'buffer') as unknown as Hash;
}

/** SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left: Hash, right: Hash): Hash {
  const input = Buffer.allocUnsafe(1 + 2 * HASH_BYTES);
  input[0] = 0x01;
  left.copy(input, 1);
  right.copy(input, 1 + HASH_BYTES);
  return hash('sha256', input, 'buffer') as unknown as Hash;
}

const pow2 = (level: number) => 2 ** level;

/** The first leaf a complete subtree covers, and the leaf after its last. */
export const nodeRange = ({ level, index }: NodeKey): [number, number] => [index * pow2(level), (index + 1) * pow2(level)];

/** The largest power of two smaller than n (n ≥ 2): RFC 9162's k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The complete subtrees covering leaves [start, end), left to right, each as large as its alignment allows. */
export function decompose(start: number, end: number): NodeKey[] {
  const keys: NodeKey[] = [];
  while (start < end) {
    let level = 0;
    while (start % pow2(level + 1) === 0 && start + pow2(level + 1) <= end) level += 1;
    keys.push({ level, index: start / pow2(level) });
    start += pow2(level);
  }
  return keys;
}

/**
 * MTH(D[start:end]) from the roots of its complete subtrees (as `decompose`
 * gives them): a range the RFC recursion produces starts on a boundary of its
 * own size, so its first subtree is the RFC's left half and the rest folds from the right.
 */
export function foldRange(subtrees: readonly Hash[]): Hash {
  if (subtrees.length === 0) return EMPTY_ROOT;
  let acc = subtrees[subtrees.length - 1] as Hash;
  for (let i = subtrees.length - 2; i >= 0; i--) acc = nodeHash(subtrees[i] as Hash, acc);
  return acc;
}

/** A range of leaves [start, end) whose MTH is one element of a proof. */
export type LeafRange = readonly [number, number];

/** RFC 9162 §2.1.3.1 PATH(m, D[0:n]): the ranges whose MTHs form the inclusion proof of leaf m, leaf side first. */
export function inclusionRanges(m: number, n: number): LeafRange[] {
  if (!(Number.isSafeInteger(m) && Number.isSafeInteger(n) && m >= 0 && m < n)) throw new RangeError(`no leaf ${m} in a tree of ${n}`);
  const path: LeafRange[] = [];
  // Walk down from the root; the sibling found at each level is pushed, then reversed (PATH lists the leaf side first).
  let start = 0;
  let end = n;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (m < start + k) {
      path.push([start + k, end]);
      end = start + k;
    } else {
      path.push([start, start + k]);
      start += k;
    }
  }
  return path.reverse();
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[0:n]) for 0 < m ≤ n: the ranges whose MTHs form the consistency proof. */
export function consistencyRanges(m: number, n: number): LeafRange[] {
  if (!(Number.isSafeInteger(m) && Number.isSafeInteger(n) && m > 0 && m <= n)) throw new RangeError(`no consistency proof from ${m} to ${n}`);
  // SUBPROOF(m, D[start:end], b), unrolled: the suffix it appends at each step, then the base case.
  const suffix: LeafRange[] = [];
  let start = 0;
  let end = n;
  let rel = m;
  let b = true;
  for (;;) {
    if (rel === end - start) {
      const base: LeafRange[] = b ? [] : [[start, end]];
      return [...base, ...suffix.reverse()];
    }
    const k = splitPoint(end - start);
    if (rel <= k) {
      suffix.push([start + k, end]);
      end = start + k;
    } else {
      suffix.push([start, start + k]);
      start += k;
      rel -= k;
      b = false;
    }
  }
}

/** The complete subtrees of the tree of `size` leaves along its right edge: one per bit of size, largest first. */
export const frontierKeys = (size: number): NodeKey[] => decompose(0, size);

/**
 * The right edge of a growing tree (a "compact range"): the roots of its
 * maximal complete subtrees. Appending a leaf completes the subtrees it
 * closes; the root of the whole tree folds from them. What the stores load
 * (≤ log₂ n rows) and extend inside each append, and what verify keeps while
 * it walks the log.
 */
export class MerkleFrontier {
  /** `levels[l]` is the complete subtree of 2^l leaves on the right edge, when the size has bit l. */
  private readonly levels: (Hash | undefined)[] = [];

  private constructor(private treeSize: number) {}

  static empty(): MerkleFrontier {
    return new MerkleFrontier(0);
  }

  /** From the frontier nodes of a tree of `size` (in `frontierKeys(size)` order). */
  static of(size: number, nodes: readonly Hash[]): MerkleFrontier {
    const keys = frontierKeys(size);
    if (keys.length !== nodes.length) throw new Error(`a tree of ${size} leaves has ${keys.length} frontier nodes, not ${nodes.length}`);
    const frontier = new MerkleFrontier(size);
    keys.forEach((key, i) => {
      frontier.levels[key.level] = nodes[i];
    });
    return frontier;
  }

  get size(): number {
    return this.treeSize;
  }

  /** Appends a leaf hash; returns the subtrees of level ≥ 1 it completed, lowest first. */
  push(leaf: Hash): MerkleNode[] {
    const completed: MerkleNode[] = [];
    let node = leaf;
    let level = 0;
    const newSize = this.treeSize + 1;
    for (let left = this.levels[0]; left !== undefined; left = this.levels[level]) {
      node = nodeHash(left, node);
      this.levels[level] = undefined;
      level += 1;
      completed.push({ level, index: newSize / pow2(level) - 1, hash: node });
    }
    this.levels[level] = node;
    this.treeSize = newSize;
    return completed;
  }

  root(): Hash {
    let acc: Hash | undefined;
    for (const subtree of this.levels) {
      if (subtree !== undefined) acc = acc === undefined ? subtree : nodeHash(subtree, acc);
    }
    return acc ?? EMPTY_ROOT;
  }
}
