import type { EventStore, JsonObject } from '../port';
import { eventHash, metadataInput } from '../hash-chain';
import { verifyLog } from '../verify';
import { newEvent } from './contract';

/**
 * Direct access to an adapter's stored rows, bypassing the store, as an
 * intruder with database access would have it. Positions are global positions.
 */
export interface RawLogAccess {
  /** Overwrites stored columns of the event at a position. */
  update(position: number, fields: { data?: JsonObject; hash?: string }): Promise<void>;
  delete(position: number): Promise<void>;
  /** Exchanges the global positions of two stored events. */
  swap(a: number, b: number): Promise<void>;
  /** Deletes every event after a position. */
  truncateAfter(position: number): Promise<void>;
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
