import { createHash } from 'node:crypto';
import { rfcLeafHash, rfcPath, rfcProof, rfcTreeHash, rfcVerifyConsistency, rfcVerifyInclusion } from '../testing/rfc9162-verifier';
import { InMemoryMerkleTree, MerkleProver, rootOfEventHashes } from './merkle-log';
import { EMPTY_ROOT, type Hash, MerkleFrontier, type NodeKey, decompose, frontierKeys, leafHash, nodeHash } from './merkle-tree';
import { verifyConsistency, verifyInclusion } from './verify-proof';

/** RFC 6962 / 9162 reference leaves and the roots of their first n (the Certificate Transparency test data). */
const REFERENCE_LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
const REFERENCE_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** Event hashes as the log stores them: 64 hex digits. */
const eventHashes = (n: number) => Array.from({ length: n }, (_, i) => createHash('sha256').update(`event ${i}`).digest('hex'));

/** A prover over every complete subtree of the given leaf hashes, each computed the slow way (the RFC's MTH). */
function referenceProver(hexes: string[]): MerkleProver {
  const leaves = hexes.map((h) => Buffer.from(h, 'hex'));
  return new MerkleProver(async (keys: readonly NodeKey[]) =>
    keys.map(({ level, index }) => {
      const slice = leaves.slice(index * 2 ** level, (index + 1) * 2 ** level);
      return slice.length === 2 ** level ? Buffer.from(rfcTreeHash(slice)) : null;
    }),
  );
}

describe('the Merkle tree (RFC 9162 §2.1)', () => {
  it('gives the RFC reference roots: leaf = SHA-256(0x00 ‖ bytes), node = SHA-256(0x01 ‖ left ‖ right)', () => {
    expect(EMPTY_ROOT.toString('hex')).toBe(REFERENCE_ROOTS[0]);
    for (let n = 1; n <= 8; n++) {
      const frontier = MerkleFrontier.empty();
      for (const leaf of REFERENCE_LEAVES.slice(0, n)) frontier.push(Buffer.from(rfcLeafHash(leaf)));
      expect(frontier.root().toString('hex')).toBe(REFERENCE_ROOTS[n]);
      expect(Buffer.from(rfcTreeHash(REFERENCE_LEAVES.slice(0, n))).toString('hex')).toBe(REFERENCE_ROOTS[n]);
    }
  });

  it('hashes an event leaf over the 32 bytes of its stored hash', () => {
    const [h] = eventHashes(1) as [string];
    expect(leafHash(h).equals(Buffer.from(rfcLeafHash(Buffer.from(h, 'hex'))))).toBe(true);
    expect(() => leafHash('abc')).toThrow();
    expect(nodeHash(leafHash(h), leafHash(h)).equals(Buffer.from(rfcTreeHash([Buffer.from(h, 'hex'), Buffer.from(h, 'hex')])))).toBe(true);
  });

  it('the frontier completes exactly the subtrees of each size, and its root is MTH at every size', () => {
    const hexes = eventHashes(70);
    const leaves = hexes.map((h) => Buffer.from(h, 'hex'));
    const frontier = MerkleFrontier.empty();
    const stored = new Map<string, Hash>();
    hexes.forEach((h, i) => {
      for (const node of frontier.push(leafHash(h))) stored.set(`${node.level}/${node.index}`, node.hash);
      expect(frontier.root().equals(Buffer.from(rfcTreeHash(leaves.slice(0, i + 1))))).toBe(true);
    });
    // One stored subtree per leaf beyond the first of each power of two: n minus the number of set bits of n.
    expect(stored.size).toBe(70 - 3);
    for (const [key, hash] of stored) {
      const [level, index] = key.split('/').map(Number) as [number, number];
      expect(hash.equals(Buffer.from(rfcTreeHash(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level))))).toBe(true);
    }
    // Rebuilt from its frontier nodes, it goes on as before.
    const keys = frontierKeys(70);
    const again = MerkleFrontier.of(70, keys.map((k) => (k.level === 0 ? leafHash(hexes[k.index] as string) : (stored.get(`${k.level}/${k.index}`) as Hash))));
    expect(again.root().equals(frontier.root())).toBe(true);
  });

  it('decomposes a range into aligned complete subtrees', () => {
    expect(decompose(0, 13)).toEqual([{ level: 3, index: 0 }, { level: 2, index: 2 }, { level: 0, index: 12 }]);
    expect(decompose(8, 13)).toEqual([{ level: 2, index: 2 }, { level: 0, index: 12 }]);
    expect(decompose(0, 0)).toEqual([]);
  });

  it('inclusion proofs are the RFC’s PATH, and verify with a verifier written from the RFC (and with ours), for every leaf of trees up to 40', async () => {
    for (let n = 1; n <= 40; n++) {
      const hexes = eventHashes(n);
      const leaves = hexes.map((h) => Buffer.from(h, 'hex'));
      const prover = referenceProver(hexes);
      const root = await prover.rootHash(n);
      expect(root.equals(Buffer.from(rfcTreeHash(leaves)))).toBe(true);
      for (let m = 0; m < n; m++) {
        const proof = await prover.inclusionProof(m, n);
        expect(proof.map((p) => p.toString('hex'))).toEqual(rfcPath(m, leaves).map((p) => Buffer.from(p).toString('hex')));
        expect(rfcVerifyInclusion(BigInt(m), BigInt(n), proof, rfcLeafHash(leaves[m] as Buffer), root)).toBe(true);
        expect(verifyInclusion(m, n, leafHash(hexes[m] as string), proof, root)).toBe(true);
        // Another leaf, another index or a changed proof element: refused.
        const other = leafHash(hexes[(m + 1) % n] as string);
        if (n > 1) expect(rfcVerifyInclusion(BigInt(m), BigInt(n), proof, other, root)).toBe(false);
        if (n > 1) expect(verifyInclusion(m, n, other, proof, root)).toBe(false);
        if (proof.length > 0) {
          const bent = proof.map((p, i) => (i === proof.length - 1 ? nodeHash(p, p) : p));
          expect(rfcVerifyInclusion(BigInt(m), BigInt(n), bent, rfcLeafHash(leaves[m] as Buffer), root)).toBe(false);
          expect(verifyInclusion(m, n, leafHash(hexes[m] as string), bent, root)).toBe(false);
        }
      }
      expect(verifyInclusion(n, n, leafHash(hexes[0] as string), [], root)).toBe(false);
    }
  });

  it('consistency proofs are the RFC’s PROOF and verify with RFC 9162’s consistency algorithm, for every pair of sizes up to 40; a rewritten prefix fails', async () => {
    for (let n = 2; n <= 40; n++) {
      const hexes = eventHashes(n);
      const leaves = hexes.map((h) => Buffer.from(h, 'hex'));
      const prover = referenceProver(hexes);
      const second = await prover.rootHash(n);
      for (let m = 1; m < n; m++) {
        const first = await prover.rootHash(m);
        const proof = await prover.consistencyProof(m, n);
        expect(proof.map((p) => p.toString('hex'))).toEqual(rfcProof(m, leaves).map((p) => Buffer.from(p).toString('hex')));
        expect(rfcVerifyConsistency(BigInt(m), BigInt(n), first, second, proof)).toBe(true);
        expect(verifyConsistency(m, n, first, second, proof)).toBe(true);
        // The same proof against a first tree whose events were rewritten: refused by both.
        const rewritten = [...hexes];
        rewritten[m - 1] = createHash('sha256').update('forged').digest('hex');
        const forgedFirst = rootOfEventHashes(rewritten.slice(0, m));
        expect(rfcVerifyConsistency(BigInt(m), BigInt(n), forgedFirst, second, proof)).toBe(false);
        expect(verifyConsistency(m, n, forgedFirst, second, proof)).toBe(false);
      }
      expect(verifyConsistency(n, n, second, second, [])).toBe(true);
      expect(verifyConsistency(0, n, EMPTY_ROOT, second, [])).toBe(true);
    }
  });

  it('the in-memory tree (computed on read) answers as the stored one would', async () => {
    const hexes = eventHashes(37);
    const events = hexes.map((hash, i) => ({ globalPosition: 10 + 3 * i, eventId: `e-${i}`, metadata: { hash } }));
    const store = {
      readAll: async ({ after = 0, maxCount = 1000 }: { after?: number; maxCount?: number }) => events.filter((e) => e.globalPosition > after).slice(0, maxCount),
    };
    const tree = await InMemoryMerkleTree.fromLog(store as never, 5);
    const reference = referenceProver(hexes);
    expect(await tree.size()).toBe(37);
    expect((await tree.rootHash(37)).equals(await reference.rootHash(37))).toBe(true);
    expect((await tree.inclusionProof(20, 33)).map(String)).toEqual((await reference.inclusionProof(20, 33)).map(String));
    expect((await tree.consistencyProof(11, 37)).map(String)).toEqual((await reference.consistencyProof(11, 37)).map(String));
    expect(await tree.findLeaf({ eventId: 'e-5' })).toMatchObject({ leafIndex: 5, event: { globalPosition: 25 } });
    expect(await tree.findLeaf({ position: 25 })).toMatchObject({ leafIndex: 5 });
    expect(await tree.findLeaf({ position: 26 })).toBeNull();
  });
});
