import { createHash } from 'node:crypto';

/**
 * A verifier written from RFC 9162's text alone, for the tests: it shares no
 * code with the tree (merkle-tree.ts, merkle-log.ts) nor with the library's
 * verifier (verify-proof.ts). Bytes are Uint8Array, sizes BigInt, hashing a
 * fresh createHash per node, as the RFC's pseudo-code reads.
 */

type Bytes = Uint8Array;

function HASH(...parts: Bytes[]): Bytes {
  const h = createHash('sha256');
  for (const part of parts) h.update(part);
  return new Uint8Array(h.digest());
}

const ONE = new Uint8Array([0x01]);
const ZERO = new Uint8Array([0x00]);
const equal = (a: Bytes, b: Bytes) => a.length === b.length && a.every((x, i) => x === b[i]);
const LSB = (x: bigint) => (x & 1n) === 1n;

/** §2.1.1: the hash of a leaf's bytes. */
export const rfcLeafHash = (leaf: Bytes): Bytes => HASH(ZERO, leaf);

/** §2.1.1: MTH(D[n]), recursively, from the leaf bytes. */
export function rfcTreeHash(leaves: readonly Bytes[]): Bytes {
  const n = leaves.length;
  if (n === 0) return HASH();
  if (n === 1) return rfcLeafHash(leaves[0] as Bytes);
  let k = 1;
  while (k << 1 < n) k <<= 1;
  return HASH(ONE, rfcTreeHash(leaves.slice(0, k)), rfcTreeHash(leaves.slice(k)));
}

/** §2.1.3.1: PATH(m, D[n]), recursively. */
export function rfcPath(m: number, leaves: readonly Bytes[]): Bytes[] {
  const n = leaves.length;
  if (n <= 1) return [];
  let k = 1;
  while (k << 1 < n) k <<= 1;
  return m < k ? [...rfcPath(m, leaves.slice(0, k)), rfcTreeHash(leaves.slice(k))] : [...rfcPath(m - k, leaves.slice(k)), rfcTreeHash(leaves.slice(0, k))];
}

/** §2.1.4.1: PROOF(m, D[n]) = SUBPROOF(m, D[n], true). */
export function rfcProof(m: number, leaves: readonly Bytes[]): Bytes[] {
  const sub = (m: number, d: readonly Bytes[], b: boolean): Bytes[] => {
    const n = d.length;
    if (m === n) return b ? [] : [rfcTreeHash(d)];
    let k = 1;
    while (k << 1 < n) k <<= 1;
    return m <= k ? [...sub(m, d.slice(0, k), b), rfcTreeHash(d.slice(k))] : [...sub(m - k, d.slice(k), false), rfcTreeHash(d.slice(0, k))];
  };
  return sub(m, leaves, true);
}

/** §2.1.3.2: verifying an inclusion proof. */
export function rfcVerifyInclusion(leafIndex: bigint, treeSize: bigint, inclusionPath: readonly Bytes[], leafHashValue: Bytes, rootHash: Bytes): boolean {
  // 1. If leaf_index is greater than or equal to tree_size, then stop and fail.
  if (leafIndex >= treeSize) return false;
  // 2. Set fn to leaf_index and sn to tree_size - 1.
  let fn = leafIndex;
  let sn = treeSize - 1n;
  // 3. Set r to hash.
  let r = leafHashValue;
  // 4. For each value p in the inclusion_path array:
  for (const p of inclusionPath) {
    // a. If sn is 0, then stop the iteration and fail the proof verification.
    if (sn === 0n) return false;
    // b. If LSB(fn) is set, or if fn is equal to sn, then:
    if (LSB(fn) || fn === sn) {
      // 1. Set r to HASH(0x01 || p || r).
      r = HASH(ONE, p, r);
      // 2. If LSB(fn) is not set, then right-shift both fn and sn equally until either LSB(fn) is set or fn is 0.
      if (!LSB(fn)) {
        while (!LSB(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      // Otherwise: Set r to HASH(0x01 || r || p).
      r = HASH(ONE, r, p);
    }
    // c. Finally, right-shift both fn and sn one time.
    fn >>= 1n;
    sn >>= 1n;
  }
  // 5. Compare sn to 0. Compare r against the root_hash. If sn is equal to 0 and r and the root_hash are equal, the log has proven inclusion.
  return sn === 0n && equal(r, rootHash);
}

/** §2.1.4.2: verifying consistency between two tree heads. */
export function rfcVerifyConsistency(
  firstSize: bigint,
  secondSize: bigint,
  firstHash: Bytes,
  secondHash: Bytes,
  consistencyPath: readonly Bytes[],
): boolean {
  // 1. If consistency_path is an empty array, stop and fail the proof verification.
  if (consistencyPath.length === 0) return false;
  let path = [...consistencyPath];
  // 2. If first is an exact power of 2, then prepend first_hash to the consistency_path array.
  if ((firstSize & (firstSize - 1n)) === 0n) path = [firstHash, ...path];
  // 3. Set fn to first - 1 and sn to second - 1.
  let fn = firstSize - 1n;
  let sn = secondSize - 1n;
  // 4. If LSB(fn) is set, then right-shift both fn and sn equally until LSB(fn) is not set.
  if (LSB(fn)) {
    while (LSB(fn)) {
      fn >>= 1n;
      sn >>= 1n;
    }
  }
  // 5. Set both fr and sr to the first value in the consistency_path array.
  let fr = path[0] as Bytes;
  let sr = path[0] as Bytes;
  // 6. For each subsequent value c in the consistency_path array:
  for (const c of path.slice(1)) {
    // a. If sn is 0, then stop the iteration and fail the proof verification.
    if (sn === 0n) return false;
    // b. If LSB(fn) is set, or if fn is equal to sn, then:
    if (LSB(fn) || fn === sn) {
      // 1. Set fr to HASH(0x01 || c || fr). Set sr to HASH(0x01 || c || sr).
      fr = HASH(ONE, c, fr);
      sr = HASH(ONE, c, sr);
      // 2. If LSB(fn) is not set, then right-shift both fn and sn equally until either LSB(fn) is set or fn is 0.
      if (!LSB(fn)) {
        while (!LSB(fn) && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      }
    } else {
      // Otherwise: Set sr to HASH(0x01 || sr || c).
      sr = HASH(ONE, sr, c);
    }
    // c. Finally, right-shift both fn and sn one time.
    fn >>= 1n;
    sn >>= 1n;
  }
  // 7. Verify fr == first_hash, sr == second_hash and sn == 0.
  return equal(fr, firstHash) && equal(sr, secondHash) && sn === 0n;
}
