import { createHash, verify } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKeyPem, keyIdOf, parseCheckpoint, parseVerifierKey, signCheckpoint, signerFromPem, verifyCheckpoint } from './checkpoint';
import { loadOrCreateSigningKey } from './checkpoint-key-file';

const dir = mkdtempSync(join(tmpdir(), 'auxledger-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const root = createHash('sha256').update('root').digest();
const signer = signerFromPem('auxledger.example/ulanqab', generateSigningKeyPem());
const note = signCheckpoint({ treeSize: 1234, rootHash: root, time: '2026-11-03T08:00:00.000Z' }, signer);

describe('signed checkpoints (C2SP tlog-checkpoint in a signed note, Ed25519)', () => {
  it('has the tlog-checkpoint lines, a blank line and one signature line over the text', () => {
    const [text, signatureLine] = note.split('\n\n') as [string, string];
    expect(`${text}\n`).toBe(`auxledger.example/ulanqab\n1234\n${root.toString('base64')}\ntime 2026-11-03T08:00:00.000Z\n`);
    const m = /^\u2014 auxledger\.example\/ulanqab ([A-Za-z0-9+/=]+)\n$/.exec(signatureLine);
    expect(m).not.toBeNull();
    const sig = Buffer.from(m?.[1] as string, 'base64');
    expect(sig).toHaveLength(68);
    // The key id: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4], the signature over the text with its final newline.
    const raw = Buffer.from(signer.publicKey.export({ format: 'jwk' }).x as string, 'base64url');
    const expectedId = createHash('sha256').update(Buffer.concat([Buffer.from('auxledger.example/ulanqab\n'), Buffer.from([1]), raw])).digest().subarray(0, 4);
    expect(sig.subarray(0, 4).equals(expectedId)).toBe(true);
    expect(keyIdOf(signer.name, raw).equals(expectedId)).toBe(true);
    expect(verify(null, Buffer.from(`${text}\n`), signer.publicKey, sig.subarray(4))).toBe(true);
  });

  it('verifies with the verifier key text an auditor keeps', () => {
    const key = parseVerifierKey(signer.text);
    expect(key.text).toBe(signer.text);
    expect(signer.text).toMatch(/^auxledger\.example\/ulanqab\+[0-9a-f]{8}\+[A-Za-z0-9+/]{44}$/);
    const checked = verifyCheckpoint(note, [key]);
    expect(checked).toMatchObject({ origin: 'auxledger.example/ulanqab', treeSize: 1234, time: '2026-11-03T08:00:00.000Z' });
    expect(checked.rootHash.equals(root)).toBe(true);
  });

  it('refuses a checkpoint with any byte of its text flipped as a bad signature', () => {
    const text = note.slice(0, note.indexOf('\n\n'));
    for (let i = 0; i < text.length; i += 7) {
      const bytes = Buffer.from(note, 'utf8');
      bytes[i] = (bytes[i] as number) ^ 0x01;
      const tampered = bytes.toString('utf8');
      expect(() => verifyCheckpoint(tampered, [signer])).toThrow(expect.objectContaining({ code: 'CHECKPOINT_BAD_SIGNATURE' }));
    }
    // A root changed by one byte, written back in valid base64: the signature says it all.
    const other = Buffer.from(root);
    other[5] = (other[5] as number) ^ 0xff;
    expect(() => verifyCheckpoint(note.replace(root.toString('base64'), other.toString('base64')), [signer])).toThrow(expect.objectContaining({ code: 'CHECKPOINT_BAD_SIGNATURE' }));
  });

  it('refuses a checkpoint signed by another key, and malformed notes, each by its code in both languages', () => {
    const stranger = signerFromPem('auxledger.example/ulanqab', generateSigningKeyPem());
    expect(() => verifyCheckpoint(note, [stranger])).toThrow(expect.objectContaining({ code: 'CHECKPOINT_UNKNOWN_KEY', messages: expect.objectContaining({ zh: expect.stringContaining('检查点') }) }));
    expect(() => verifyCheckpoint('{"algorithm":"sha256-chain-v1"}', [signer])).toThrow(expect.objectContaining({ code: 'CHECKPOINT_MALFORMED' }));
    expect(() => parseCheckpoint('origin\n12\nnot base64\n\n\u2014 origin AAAAAAAA\n')).toThrow(expect.objectContaining({ code: 'CHECKPOINT_MALFORMED' }));
    expect(() => parseVerifierKey('name+00000000+AAAA')).toThrow(expect.objectContaining({ code: 'SIGNING_KEY_INVALID' }));
    // Rotation: a new key verifies its own checkpoints, the old key still verifies the old ones.
    const next = signCheckpoint({ treeSize: 2000, rootHash: root, time: '2027-01-01T00:00:00.000Z' }, stranger);
    expect(verifyCheckpoint(next, [signer, stranger]).signedBy.text).toBe(stranger.text);
    expect(verifyCheckpoint(note, [signer, stranger]).signedBy.text).toBe(signer.text);
  });

  it('creates the key file once, readable by its owner only, and reads it back', () => {
    const path = join(dir, 'keys', 'auxledger.signing.key');
    const first = loadOrCreateSigningKey(path, 'auxledger.example/log');
    expect(first.created).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const again = loadOrCreateSigningKey(path, 'auxledger.example/log');
    expect(again.created).toBe(false);
    expect(again.signer.text).toBe(first.signer.text);
    chmodSync(path, 0o644);
    expect(() => loadOrCreateSigningKey(path, 'auxledger.example/log')).toThrow(expect.objectContaining({ code: 'SIGNING_KEY_INVALID' }));
    const garbage = join(dir, 'garbage.key');
    writeFileSync(garbage, 'not a key', { mode: 0o600 });
    expect(() => loadOrCreateSigningKey(garbage, 'x')).toThrow(expect.objectContaining({ code: 'SIGNING_KEY_INVALID' }));
  });
});
