import Database from 'better-sqlite3';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { GENESIS_LOG_DIGEST, MerkleFrontier, SqliteEventStore, eventHash, leafHash, loadOrCreateSigningKey, nextLogDigest, signLogCheckpoint } from '@auxledger/event-store';
import { newEvent } from '@auxledger/event-store/testing';
import { runCli } from './run-for-test';

/** The auditor's CLI on a real SQLite log and a tampered copy of it. */
describe('auxledger verify / digest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'auxledger-cli-'));
  const db = join(dir, 'events.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cli = runCli;

  beforeAll(async () => {
    const store = new SqliteEventStore({ path: db });
    for (let i = 0; i < 20; i++) await store.appendToStream(`auxiliary-${i % 4}`, [newEvent({ i, name: '辅警' })], 'any');
    await store.close();
  });

  it('reports an intact log, exit 0, and saves a checkpoint', async () => {
    const verified = await cli('verify', '--db', db);
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^完好：4 个流中的 20 条事件/);
    expect((await cli('verify', '--db', db, '--lang', 'en')).out).toMatch(/^intact: 20 events in 4 streams/);
    const digested = await cli('digest', '--chain', '--db', db, '--out', join(dir, 'checkpoint.json'));
    expect(digested.code).toBe(0);
    expect((await cli('verify', '--db', db, '--against', join(dir, 'checkpoint.json'))).out).toContain('与保存的检查点一致');
  });

  it('names the edited event in a tampered copy, exit 1', async () => {
    const copy = join(dir, `tampered-${randomUUID()}.db`);
    copyFileSync(db, copy);
    const raw = new Database(copy);
    raw.prepare('UPDATE events SET data = ? WHERE global_position = 7').run(JSON.stringify({ i: 700, name: '辅警' }));
    raw.close();
    const result = await cli('verify', '--db', copy);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/BROKEN/);
    expect(result.out).toMatch(/EVENT_EDITED，位置 7 \(auxiliary-2 版本 1\)/);
  });

  it('catches a truncated copy against the saved checkpoint', async () => {
    const copy = join(dir, `truncated-${randomUUID()}.db`);
    copyFileSync(db, copy);
    const raw = new Database(copy);
    raw.prepare('DELETE FROM events WHERE global_position > 15').run();
    raw.close();
    const result = await cli('verify', '--db', copy, '--against', join(dir, 'checkpoint.json'), '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.out).firstBreak).toMatchObject({ kind: 'LOG_TRUNCATED', globalPosition: 16 });
  });

  it('only reads: the database file is byte for byte the same after verify, digest and history', async () => {
    const sha = () => createHash('sha256').update(readFileSync(db)).digest('hex');
    const before = sha();
    expect((await cli('verify', '--db', db)).code).toBe(0);
    expect((await cli('digest', '--chain', '--db', db)).code).toBe(0);
    await cli('history', 'aux-none', '--db', db);
    expect(sha()).toBe(before);
  });

  it('refuses a file that holds no log (an empty file, or a copy taken without its -wal), exit 1, and leaves it as it was', async () => {
    const empty = join(dir, `empty-${randomUUID()}.db`);
    writeFileSync(empty, '');
    const result = await cli('verify', '--db', empty);
    expect(result).toMatchObject({ code: 1, err: expect.stringContaining('NOT_A_LOG') });
    expect(result.err).toContain('-wal');
    expect(statSync(empty).size).toBe(0);
  });

  describe('signed checkpoints and proofs', () => {
    const signingKey = join(dir, 'keys', 'test.signing.key');
    const origin = 'auxledger.test/cli';
    const keyArgs = ['--signing-key', signingKey, '--origin', origin];
    let vkey: string;

    beforeAll(() => {
      vkey = loadOrCreateSigningKey(signingKey, origin).signer.text;
    });

    /** A copy of the log with `more` events appended through the store, and a signed checkpoint of it in `file`. */
    async function grown(name: string, more: number): Promise<string> {
      const copy = join(dir, `${name}-${randomUUID()}.db`);
      copyFileSync(db, copy);
      const store = new SqliteEventStore({ path: copy });
      for (let i = 0; i < more; i++) await store.appendToStream('auxiliary-9', [newEvent({ more: i })], 'any');
      await store.close();
      return copy;
    }

    it('signing-key prints the public key; digest signs a checkpoint, stores it and exports the latest', async () => {
      expect((await cli('signing-key', ...keyArgs)).out.trim()).toBe(vkey);
      const copy = await grown('digest', 0);
      const made = await cli('digest', '--db', copy, ...keyArgs, '--out', join(dir, 'c20.txt'));
      expect(made).toMatchObject({ code: 0, out: expect.stringContaining('new, stored in the log') });
      const note = readFileSync(join(dir, 'c20.txt'), 'utf8');
      expect(note).toMatch(new RegExp(`^auxledger\\.test/cli\n20\n[A-Za-z0-9+/]{43}=\ntime \\S+\n\n\u2014 auxledger\\.test/cli \\S+\n$`));
      // Without --new: the latest the log holds, the same note.
      expect((await cli('digest', '--db', copy)).out).toBe(note);
      expect(await cli('verify', '--db', copy, '--against', join(dir, 'c20.txt'), '--key', vkey)).toMatchObject({ code: 0, out: expect.stringContaining('与 1 个已签名检查点一致') });
    });

    it('verify --against a series: a forged copy (every hash, digest and node recomputed) is named between the checkpoints; a flipped byte is refused as a bad signature', async () => {
      const copy = await grown('series', 12);
      await cli('digest', '--db', copy, ...keyArgs, '--new', '--out', join(dir, 's32.txt'));
      const store = new SqliteEventStore({ path: copy });
      const c10 = (await signLogCheckpoint(store, loadOrCreateSigningKey(signingKey, origin).signer, new Date(), { size: 10, save: false })).note;
      await store.close();
      writeFileSync(join(dir, 's10.txt'), c10);
      // The forgery: event 14 edited, everything after it recomputed, as an intruder with the file would.
      const raw = new Database(copy);
      forgeSqlite(raw, 14, { forged: true });
      raw.close();
      expect((await cli('verify', '--db', copy)).code).toBe(0);
      const result = await cli('verify', '--db', copy, '--against', join(dir, 's10.txt'), '--against', join(dir, 's32.txt'), '--key', vkey);
      expect(result.code).toBe(1);
      expect(result.out).toContain('CHECKPOINT_ROOT_MISMATCH，位置 32');
      expect(result.out).toMatch(/分歧处：the log still matches the checkpoint of 10 events .* stops matching at the checkpoint of 32 events .*: events 11…32/);

      const flipped = readFileSync(join(dir, 's32.txt'), 'utf8').replace('\n32\n', '\n33\n');
      writeFileSync(join(dir, 'flipped.txt'), flipped);
      expect(await cli('verify', '--db', copy, '--against', join(dir, 'flipped.txt'), '--key', vkey)).toMatchObject({ code: 1, err: expect.stringContaining('CHECKPOINT_BAD_SIGNATURE') });
    });

    it('prove inclusion and consistency print the proof and check it; a truncated-then-appended copy fails consistency', async () => {
      const copy = await grown('prove', 4);
      await cli('digest', '--db', copy, ...keyArgs, '--new', '--out', join(dir, 'p24.txt'));
      const [event] = await (async () => {
        const s = new SqliteEventStore({ path: copy, readOnly: true });
        const e = await s.readAll({ after: 6, maxCount: 1 });
        await s.close();
        return e;
      })();
      const byId = await cli('prove', 'inclusion', event?.eventId as string, '--db', copy, '--checkpoint', join(dir, 'p24.txt'), '--key', vkey);
      expect(byId).toMatchObject({ code: 0, out: expect.stringContaining('verified: the proof leads from this event to the signed root') });
      expect(byId.out).toContain('inclusion proof (RFC 9162 §2.1.3), 5 hashes');
      const json = JSON.parse((await cli('prove', 'inclusion', '7', '--db', copy, '--checkpoint', join(dir, 'p24.txt'), '--key', vkey, '--json')).out);
      expect(json).toMatchObject({ verified: true, leafIndex: 6, event: { eventId: event?.eventId } });

      const later = join(dir, `prove-later-${randomUUID()}.db`);
      copyFileSync(copy, later);
      const s = new SqliteEventStore({ path: later });
      for (let i = 0; i < 4; i++) await s.appendToStream('auxiliary-8', [newEvent({ later: i })], 'any');
      await s.close();
      await cli('digest', '--db', later, ...keyArgs, '--new', '--out', join(dir, 'p28.txt'));
      expect(await cli('prove', 'consistency', '--db', later, '--from', join(dir, 'p24.txt'), '--to', join(dir, 'p28.txt'), '--key', vkey)).toMatchObject({
        code: 0,
        out: expect.stringContaining('verified: the log of 28 events extends the log of 24'),
      });

      // Truncated after 20 (events and their subtrees), 8 others appended, signed again by the unknowing system.
      const cut = join(dir, `prove-cut-${randomUUID()}.db`);
      copyFileSync(copy, cut);
      const raw = new Database(cut);
      raw.prepare('DELETE FROM events WHERE global_position > 20').run();
      raw.prepare('DELETE FROM merkle_nodes WHERE (idx + 1) * (1 << level) > 20').run();
      raw.close();
      const t = new SqliteEventStore({ path: cut });
      for (let i = 0; i < 8; i++) await t.appendToStream('auxiliary-7', [newEvent({ replaced: i })], 'any');
      await t.close();
      await cli('digest', '--db', cut, ...keyArgs, '--new', '--out', join(dir, 'cut28.txt'));
      const inconsistent = await cli('prove', 'consistency', '--db', cut, '--from', join(dir, 'p24.txt'), '--to', join(dir, 'cut28.txt'), '--key', vkey);
      expect(inconsistent).toMatchObject({ code: 1, out: expect.stringContaining('NOT CONSISTENT') });
      expect(await cli('prove', 'inclusion', '22', '--db', cut, '--checkpoint', join(dir, 'p24.txt'), '--key', vkey)).toMatchObject({ code: 1, out: expect.stringContaining('NOT VERIFIED') });
    });
  });

  it('misuse exits 2 with a clear message', async () => {
    expect(await cli('verify')).toMatchObject({ code: 2, err: expect.stringContaining('--db') });
    expect(await cli('verify', '--db', join(dir, 'missing.db'))).toMatchObject({ code: 2, err: expect.stringContaining('no such file') });
  });
});

/** The review's forgery on a SQLite file: the event at `position` gets `data`; every hash, link, digest and Merkle node after it is recomputed. */
function forgeSqlite(db: Database.Database, position: number, data: Record<string, unknown>): void {
  type Row = { global_position: number; event_id: string; stream_id: string; stream_revision: number; type: string; schema_version: number; data: string; metadata: string };
  const rows = db.prepare<[], Row>('SELECT global_position, event_id, stream_id, stream_revision, type, schema_version, data, metadata FROM events ORDER BY global_position').all();
  const heads = new Map<string, string>();
  let digest = GENESIS_LOG_DIGEST;
  const frontier = MerkleFrontier.empty();
  const update = db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ?, log_digest = ? WHERE global_position = ?');
  const insert = db.prepare('INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)');
  db.transaction(() => {
    db.prepare('DELETE FROM merkle_nodes').run();
    for (const row of rows) {
      const eventData = row.global_position === position ? data : JSON.parse(row.data);
      const prevHash = heads.get(row.stream_id) ?? null;
      const hash = eventHash({ eventId: row.event_id, type: row.type, schemaVersion: row.schema_version, streamId: row.stream_id, streamRevision: row.stream_revision, data: eventData, metadata: JSON.parse(row.metadata) }, prevHash);
      digest = nextLogDigest(digest, hash);
      update.run(JSON.stringify(eventData), prevHash, hash, digest, row.global_position);
      heads.set(row.stream_id, hash);
      for (const node of frontier.push(leafHash(hash))) insert.run(node.level, node.index, node.hash);
    }
  })();
}
