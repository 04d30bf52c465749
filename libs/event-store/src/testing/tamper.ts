import type { EventStore, JsonObject, RecordedEvent } from '../port';
import { GENESIS_LOG_DIGEST, eventHash, metadataInput, nextLogDigest } from '../hash-chain';
import { generateSigningKeyPem, signCheckpoint, signerFromPem, verifyCheckpoint } from '../merkle/checkpoint';
import { openMerkleTree } from '../merkle/merkle-log';
import { MerkleFrontier, type MerkleNode, leafHash } from '../merkle/merkle-tree';
import { verifyLog } from '../verify';
import { newEvent } from './contract';
import { rfcLeafHash, rfcVerifyConsistency, rfcVerifyInclusion } from './rfc9162-verifier';

/**
 * Direct access to an adapter's stored rows, bypassing the store, as an
 * intruder with database access would have it. Positions are global positions.
 */
export interface RawLogAccess {
  /** Overwrites stored columns of the event at a position. */
  update(position: number, fields: { data?: JsonObject; hash?: string; prevHash?: string | null; logDigest?: string }): Promise<void>;
  delete(position: number): Promise<void>;
  /** Exchanges the global positions of two stored events. */
  swap(a: number, b: number): Promise<void>;
  /**
   * Deletes every event after a position, as a careful intruder would: with
   * the Merkle nodes over them, and the log head moved back, so that the
   * store appends after it as if nothing had been there.
   */
  truncateAfter(position: number): Promise<void>;
  /** Replaces every stored Merkle node (levels ≥ 1) with these. */
  replaceMerkleNodes(nodes: readonly MerkleNode[]): Promise<void>;
}

const signer = signerFromPem('auxledger.test/tamper', generateSigningKeyPem());

/** A checkpoint of the log as it is now, signed: what the system writes and an auditor keeps. */
async function signedCheckpointNow(store: EventStore, size?: number): Promise<string> {
  const tree = await openMerkleTree(store);
  const treeSize = size ?? (await tree.size());
  return signCheckpoint({ treeSize, rootHash: await tree.rootHash(treeSize), time: '2026-11-03T08:00:00.000Z' }, signer);
}

/** Checks the notes' signatures, as `auxledger verify --against` does, and gives verifyLog what it compares. */
const checked = (...notes: string[]) =>
  notes.map((note) => {
    const c = verifyCheckpoint(note, [signer]);
    return { treeSize: c.treeSize, rootHash: c.rootHash, label: `size ${c.treeSize}` };
  });

/**
 * The forgery of the review: edit one event's data, then recompute what the
 * store would have written — its hash, the hashes and links of the later
 * events of its stream, every log digest from there on, and the whole Merkle
 * tree — straight in the rows.
 */
export async function forgeEvent(store: EventStore, raw: RawLogAccess, position: number, data: JsonObject): Promise<void> {
  const log: RecordedEvent[] = [];
  for (let after = 0; ; ) {
    const batch = await store.readAll({ after, maxCount: 1000 });
    if (batch.length === 0) break;
    log.push(...batch);
    after = (batch[batch.length - 1] as RecordedEvent).globalPosition;
  }
  const heads = new Map<string, string>();
  let digest = GENESIS_LOG_DIGEST;
  const frontier = MerkleFrontier.empty();
  const nodes: MerkleNode[] = [];
  for (const event of log) {
    const edited = event.globalPosition === position ? data : event.data;
    const prevHash = heads.get(event.streamId) ?? null;
    const hash = eventHash({ ...event, data: edited, metadata: metadataInput(event.metadata) }, prevHash);
    digest = nextLogDigest(digest, hash);
    if (event.globalPosition >= position) {
      await raw.update(event.globalPosition, { ...(edited !== event.data ? { data: edited } : {}), hash, prevHash, logDigest: digest });
    }
    heads.set(event.streamId, hash);
    nodes.push(...frontier.push(leafHash(hash)));
  }
  await raw.replaceMerkleNodes(nodes);
}

export interface TamperHarness {
  /** A store on a fresh, empty log, and raw access to its rows. */
  open(): Promise<{ store: EventStore; raw: RawLogAccess; close(): Promise<void> }>;
}

/**
 * Every kind of tampering is caught, at exactly the event where it was done.
 * The log: streams a, b, c; event i (1…12) goes to stream "abc"[i % 3], so
 * the positions of a stream interleave with the others'.
 */
export function tamperContract(adapterName: string, harness: TamperHarness): void {
  describe(`tamper detection: ${adapterName}`, () => {
    async function seeded() {
      const opened = await harness.open();
      const streams = ['a', 'b', 'c'].map((s) => `tamper-${s}`);
      for (let i = 1; i <= 12; i++) {
        await opened.store.appendToStream(streams[i % 3] as string, [newEvent({ i })], 'any');
      }
      const log = await opened.store.readAll({ after: 0, maxCount: 100 });
      expect(log.map((e) => e.globalPosition)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      return { ...opened, log };
    }

    it('an untouched log verifies', async () => {
      const { store, close } = await seeded();
      const report = await verifyLog(store);
      expect(report).toMatchObject({ ok: true, eventsChecked: 12, streamsChecked: 3, firstBreak: null });
      await close();
    });

    it('an edited event is named: its content no longer gives its hash', async () => {
      const { store, raw, log, close } = await seeded();
      await raw.update(5, { data: { i: 500 } });
      const report = await verifyLog(store);
      expect(report.ok).toBe(false);
      expect(report.firstBreak).toMatchObject({ kind: 'EVENT_EDITED', globalPosition: 5, eventId: log[4]?.eventId });
      expect(report.breaks).toHaveLength(1);
      await close();
    });

    it('an edited event whose hash was recomputed is named by the broken links after it', async () => {
      const { store, raw, log, close } = await seeded();
      const target = log[4];
      if (!target) throw new Error('seed');
      const forged = { ...target, data: { i: 500 } };
      await raw.update(5, { data: forged.data, hash: eventHash({ ...forged, metadata: metadataInput(target.metadata) }, target.metadata.prevHash) });
      const report = await verifyLog(store);
      expect(report.firstBreak).toMatchObject({ kind: 'LOG_DIGEST_MISMATCH', globalPosition: 5, eventId: target.eventId });
      // The next event of the same stream (position 8) no longer links to it.
      expect(report.breaks).toContainEqual(expect.objectContaining({ kind: 'STREAM_LINK_BROKEN', globalPosition: 8 }));
      await close();
    });

    it('a deleted event is named by its missing position and its stream’s missing revision', async () => {
      const { store, raw, log, close } = await seeded();
      await raw.delete(6);
      const report = await verifyLog(store);
      expect(report.firstBreak).toMatchObject({ kind: 'LOG_POSITIONS_MISSING', globalPosition: 7, expected: 6 });
      const deleted = log[5];
      expect(report.breaks).toContainEqual(
        expect.objectContaining({ kind: 'STREAM_EVENTS_MISSING', streamId: deleted?.streamId, expected: deleted?.streamRevision, globalPosition: 9 }),
      );
      await close();
    });

    it('reordered events are named at the first position out of place', async () => {
      const { store, raw, close } = await seeded();
      await raw.swap(4, 9);
      const report = await verifyLog(store);
      expect(report.ok).toBe(false);
      expect(report.firstBreak).toMatchObject({ globalPosition: 4 });
      expect(report.breaks.map((b) => b.kind)).toContain('LOG_DIGEST_MISMATCH');
      await close();
    });

    it('a truncated log is caught against a saved checkpoint, at the first missing position', async () => {
      const { store, raw, close } = await seeded();
      const saved = (await verifyLog(store)).checkpoint;
      expect(saved).toMatchObject({ position: 12, eventCount: 12 });
      await raw.truncateAfter(8);
      const report = await verifyLog(store, { against: saved });
      expect(report.firstBreak).toMatchObject({ kind: 'LOG_TRUNCATED', globalPosition: 9, expected: 12, actual: 8 });
      await close();
    });

    it('the store keeps the Merkle tree at append time: its root and proofs verify with a verifier written from RFC 9162', async () => {
      const { store, log, close } = await seeded();
      const tree = await openMerkleTree(store);
      expect(tree.source).toBe('stored');
      expect(await tree.size()).toBe(12);
      const leaves = log.map((e) => Buffer.from(e.metadata.hash, 'hex'));
      const roots = await Promise.all(Array.from({ length: 13 }, (_, n) => tree.rootHash(n)));
      for (let n = 1; n <= 12; n++) {
        for (let m = 0; m < n; m++) {
          expect(rfcVerifyInclusion(BigInt(m), BigInt(n), await tree.inclusionProof(m, n), rfcLeafHash(leaves[m] as Buffer), roots[n] as Buffer)).toBe(true);
        }
        for (let m = 1; m < n; m++) {
          expect(rfcVerifyConsistency(BigInt(m), BigInt(n), roots[m] as Buffer, roots[n] as Buffer, await tree.consistencyProof(m, n))).toBe(true);
        }
      }
      expect(await tree.findLeaf({ eventId: log[6]?.eventId as string })).toMatchObject({ leafIndex: 6, event: { globalPosition: 7 } });
      expect((await verifyLog(store)).treeHead).toEqual({ treeSize: 12, rootHash: (roots[12] as Buffer).toString('base64') });
      await close();
    });

    it('the forge — one event edited, every hash, log digest and Merkle node recomputed — passes the chain, and is caught against a checkpoint signed before it', async () => {
      const { store, raw, close } = await seeded();
      const before = await signedCheckpointNow(store);
      await forgeEvent(store, raw, 5, { i: 500 });
      // The review's finding: on its own, the rewritten log is consistent.
      const alone = await verifyLog(store);
      expect(alone.ok).toBe(true);
      const report = await verifyLog(store, { checkpoints: checked(before) });
      expect(report.ok).toBe(false);
      expect(report.firstBreak).toMatchObject({ kind: 'CHECKPOINT_ROOT_MISMATCH', globalPosition: 12 });
      expect(report.divergence).toMatchObject({ lastMatching: null, fromEvent: 1, toEvent: 12 });
      await close();
    });

    it('with a series of signed checkpoints, the forge is placed between the last one that matches and the first that does not', async () => {
      const { store, raw, close } = await seeded();
      const series = [await signedCheckpointNow(store, 4), await signedCheckpointNow(store, 8), await signedCheckpointNow(store, 12)];
      await forgeEvent(store, raw, 6, { i: 600 });
      const report = await verifyLog(store, { checkpoints: checked(...series) });
      expect(report.treeCheckpoints.map((c) => [c.treeSize, c.matches])).toEqual([[4, true], [8, false], [12, false]]);
      expect(report.divergence).toMatchObject({ lastMatching: { treeSize: 4 }, firstMismatch: { treeSize: 8 }, fromEvent: 5, toEvent: 8 });
      expect(report.divergence?.message).toContain('events 5…8');
      await close();
    });

    it('truncate-then-append (the tail replaced by other events) is caught by the consistency proof from the earlier checkpoint', async () => {
      const { store, raw, close } = await seeded();
      const earlier = verifyCheckpoint(await signedCheckpointNow(store), [signer]);
      await raw.truncateAfter(8);
      for (let i = 1; i <= 6; i++) await store.appendToStream('tamper-d', [newEvent({ replaced: i })], 'any');
      // The system, none the wiser, signs the log it now holds.
      const later = verifyCheckpoint(await signedCheckpointNow(store), [signer]);
      expect(later.treeSize).toBe(14);
      const tree = await openMerkleTree(store);
      const proof = await tree.consistencyProof(earlier.treeSize, later.treeSize);
      expect(rfcVerifyConsistency(BigInt(earlier.treeSize), BigInt(later.treeSize), earlier.rootHash, later.rootHash, proof)).toBe(false);
      // An honest extension of the same log would have verified.
      const honest = await tree.consistencyProof(8, 14);
      expect(rfcVerifyConsistency(8n, 14n, await tree.rootHash(8), later.rootHash, honest)).toBe(true);
      const report = await verifyLog(store, { checkpoints: [{ treeSize: earlier.treeSize, rootHash: earlier.rootHash }] });
      expect(report.firstBreak).toMatchObject({ kind: 'CHECKPOINT_ROOT_MISMATCH', globalPosition: 12 });
      await close();
    });

    it('a checkpoint with one flipped byte is refused for its signature', async () => {
      const { store, close } = await seeded();
      const note = Buffer.from(await signedCheckpointNow(store), 'utf8');
      const digit = note.indexOf(0x0a) + 1;
      note[digit] = (note[digit] as number) ^ 0x02; // the tree size's first digit: 1 → 3
      expect(() => checked(note.toString('utf8'))).toThrow(expect.objectContaining({ code: 'CHECKPOINT_BAD_SIGNATURE' }));
      await close();
    });

    it('a stored Merkle node altered in place is named', async () => {
      const { store, raw, log, close } = await seeded();
      const frontier = MerkleFrontier.empty();
      const nodes = log.flatMap((e) => frontier.push(leafHash(e.metadata.hash)));
      await raw.replaceMerkleNodes(nodes.map((n) => (n.level === 1 && n.index === 3 ? { ...n, hash: leafHash(n.hash.toString('hex')) } : n)));
      const report = await verifyLog(store);
      expect(report.breaks).toEqual([expect.objectContaining({ kind: 'MERKLE_NODE_MISMATCH', globalPosition: 8 })]);
      await close();
    });

    it('a saved checkpoint no longer matches once history before it changed', async () => {
      const { store, raw, close } = await seeded();
      const saved = (await verifyLog(store)).checkpoint;
      await raw.delete(3);
      const report = await verifyLog(store, { against: saved });
      expect(report.breaks).toContainEqual(expect.objectContaining({ kind: 'CHECKPOINT_MISMATCH', globalPosition: 12 }));
      await close();
    });
  });
}
