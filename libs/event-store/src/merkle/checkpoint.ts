import { type KeyObject, createPrivateKey, createPublicKey, generateKeyPairSync, hash, sign, verify } from 'node:crypto';
import { EventStoreError } from '../errors';
import { HASH_BYTES, type Hash } from './merkle-tree';

/**
 * Signed checkpoints (ADR 0005): a C2SP tlog-checkpoint in a C2SP signed note,
 * signed with Ed25519 (node:crypto).
 *
 *   <origin>\n                      the log's identity (AUXLEDGER_LOG_ORIGIN)
 *   <tree size>\n                   decimal, no leading zeros
 *   <base64 root hash>\n            RFC 9162 root of the first <tree size> events
 *   time <ISO-8601 instant>\n       extension line: when it was signed
 *   \n
 *   — <key name> <base64(key id ‖ Ed25519 signature)>\n
 *
 * The signature covers the text up to and including the newline before the
 * blank line. The key id is the first 4 bytes of
 * SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ public key), and a verifier key is written
 * `<key name>+<hex key id>+<base64(0x01 ‖ public key)>`, as in signed-note.
 */

const ED25519 = 0x01;
const EM_DASH = '\u2014';
const MAX_NOTE_BYTES = 16 * 1024;

export interface Checkpoint {
  origin: string;
  treeSize: number;
  rootHash: Hash;
  /** Extension lines after the root hash (here: `time …`). */
  extensions: string[];
}

export interface ParsedNote extends Checkpoint {
  /** The signed text: everything before the blank line, its last newline included. */
  text: string;
  signatures: { keyName: string; keyId: Buffer; signature: Buffer }[];
  /** The instant of the `time` line, if any. */
  time: string | null;
}

/** A verifier key: what an auditor keeps to check checkpoints. */
export interface VerifierKey {
  name: string;
  keyId: Buffer;
  publicKey: KeyObject;
  /** The `<name>+<hex id>+<base64>` text. */
  text: string;
}

export interface SignerKey extends VerifierKey {
  privateKey: KeyObject;
}

/** signed-note's key id for an Ed25519 key. */
export function keyIdOf(name: string, rawPublicKey: Buffer): Buffer {
  const material = Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), Buffer.from([ED25519]), rawPublicKey]);
  return (hash('sha256', material, 'buffer') as unknown as Buffer).subarray(0, 4);
}

function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw keyError('not an Ed25519 key', '不是 Ed25519 密钥');
  return Buffer.from(jwk.x, 'base64url');
}

export function checkKeyName(name: string): string {
  // signed-note: non-empty, no Unicode spaces, no '+'.
  if (name.length === 0 || /[\s+]/u.test(name) || hasControlCharacter(name)) {
    throw keyError(`a key name (the log origin) is non-empty, without spaces or "+" (got ${JSON.stringify(name)})`, `密钥名称（日志来源）不得为空，不得含空白或“+”（收到 ${JSON.stringify(name)}）`);
  }
  return name;
}

export function verifierKeyOf(name: string, publicKey: KeyObject): VerifierKey {
  checkKeyName(name);
  const raw = rawPublicKey(publicKey);
  const keyId = keyIdOf(name, raw);
  return { name, keyId, publicKey, text: `${name}+${keyId.toString('hex')}+${Buffer.concat([Buffer.from([ED25519]), raw]).toString('base64')}` };
}

/** A signer from a PKCS#8 PEM private key (the key file). */
export function signerFromPem(name: string, pem: string): SignerKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw keyError(`the signing key cannot be read: ${(error as Error).message}`, `无法读取签名密钥：${(error as Error).message}`);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw keyError(`the signing key is ${privateKey.asymmetricKeyType}, not Ed25519`, `签名密钥类型为 ${privateKey.asymmetricKeyType}，不是 Ed25519`);
  return { ...verifierKeyOf(name, createPublicKey(privateKey)), privateKey };
}

/** A new Ed25519 key, as the PEM text of its key file. */
export function generateSigningKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** Parses `<name>+<hex id>+<base64(0x01 ‖ key)>`, checking that the id belongs to the key. */
export function parseVerifierKey(text: string): VerifierKey {
  const trimmed = text.trim();
  const bad = (why: string, whyZh: string) => keyError(`not a verifier key (<name>+<hex id>+<base64 key>): ${why}`, `不是验证公钥（<名称>+<十六进制编号>+<base64 公钥>）：${whyZh}`);
  // The name has no '+'; the base64 key may.
  const first = trimmed.indexOf('+');
  const second = first < 0 ? -1 : trimmed.indexOf('+', first + 1);
  if (first < 0 || second < 0) throw bad('three parts separated by "+" expected', '应为以“+”分隔的三段');
  const [name, idHex, keyB64] = [trimmed.slice(0, first), trimmed.slice(first + 1, second), trimmed.slice(second + 1)];
  if (!/^[0-9a-f]{8}$/.test(idHex)) throw bad('the key id is 8 hex digits', '密钥编号应为 8 位十六进制');
  const material = Buffer.from(keyB64, 'base64');
  if (material.length !== 33 || material[0] !== ED25519 || material.toString('base64') !== keyB64) throw bad('not a base64 Ed25519 key', '不是 base64 编码的 Ed25519 公钥');
  const raw = material.subarray(1);
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  const key = verifierKeyOf(checkKeyName(name), publicKey);
  if (key.keyId.toString('hex') !== idHex) throw bad('the key id does not belong to this name and key', '密钥编号与名称、公钥不符');
  return key;
}

/** The checkpoint text: origin, size, root, `time` line. */
export function checkpointText(c: { origin: string; treeSize: number; rootHash: Hash; time: string }): string {
  checkKeyName(c.origin);
  if (!Number.isSafeInteger(c.treeSize) || c.treeSize < 0) throw new RangeError(`tree size ${c.treeSize}`);
  if (c.rootHash.length !== HASH_BYTES) throw new RangeError('a root hash is 32 bytes');
  return `${c.origin}\n${c.treeSize}\n${c.rootHash.toString('base64')}\ntime ${c.time}\n`;
}

/** Signs the checkpoint text: the whole signed note. */
export function signCheckpoint(c: { treeSize: number; rootHash: Hash; time: string }, key: SignerKey): string {
  const text = checkpointText({ ...c, origin: key.name });
  const signature = sign(null, Buffer.from(text, 'utf8'), key.privateKey);
  return `${text}\n${EM_DASH} ${key.name} ${Buffer.concat([key.keyId, signature]).toString('base64')}\n`;
}

/** Parses a signed note's structure and its checkpoint lines (signatures are checked by `verifyCheckpoint`). */
export function parseCheckpoint(note: string): ParsedNote {
  const bad = (why: string, whyZh: string) =>
    new EventStoreError('CHECKPOINT_MALFORMED', { zh: `不是签名检查点：${whyZh}`, en: `not a signed checkpoint: ${why}` }, { reason: why });
  if (Buffer.byteLength(note, 'utf8') > MAX_NOTE_BYTES) throw bad('larger than 16 KiB', '超过 16 KiB');
  if (hasControlCharacter(note.replaceAll('\n', ''))) throw bad('control characters other than newline', '含换行以外的控制字符');
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw bad('no blank line before the signature lines, or no final newline', '签名行前无空行，或末尾无换行');
  const text = note.slice(0, split + 1);
  const signatures = note
    .slice(split + 2, -1)
    .split('\n')
    .map((line) => {
      const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
      const sig = m ? Buffer.from(m[2] as string, 'base64') : Buffer.alloc(0);
      if (!m || sig.length < 5 || sig.toString('base64') !== m[2]) throw bad(`signature line ${JSON.stringify(line.slice(0, 120))}`, `签名行格式错误：${JSON.stringify(line.slice(0, 120))}`);
      return { keyName: m[1] as string, keyId: sig.subarray(0, 4), signature: sig.subarray(4) };
    });
  const lines = text.slice(0, -1).split('\n');
  const [origin, size, root, ...extensions] = lines;
  if (!origin || size === undefined || root === undefined) throw bad('origin, tree size and root hash lines expected', '应有来源、树大小、根哈希三行');
  if (!/^(0|[1-9][0-9]{0,15})$/.test(size) || !Number.isSafeInteger(Number(size))) throw bad(`tree size ${JSON.stringify(size)}`, `树大小 ${JSON.stringify(size)} 无效`);
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== HASH_BYTES || rootHash.toString('base64') !== root) throw bad('the root hash is not 32 bytes of base64', '根哈希不是 base64 编码的 32 字节');
  if (extensions.some((line) => line.length === 0)) throw bad('an empty extension line', '扩展行为空');
  const timeLine = extensions.find((line) => line.startsWith('time '));
  return { origin, treeSize: Number(size), rootHash, extensions, text, signatures, time: timeLine ? timeLine.slice(5) : null };
}

/**
 * Parses and checks a signed checkpoint against the verifier keys an auditor
 * holds: its signature by one of them must verify. Refuses a note altered after
 * signing (CHECKPOINT_BAD_SIGNATURE), one signed by none of the keys
 * (CHECKPOINT_UNKNOWN_KEY), and anything malformed (CHECKPOINT_MALFORMED).
 */
export function verifyCheckpoint(note: string, keys: readonly VerifierKey[]): ParsedNote & { signedBy: VerifierKey } {
  const split = note.lastIndexOf('\n\n');
  const parsedOrError = (() => {
    try {
      return parseCheckpoint(note);
    } catch (error) {
      return error as EventStoreError;
    }
  })();
  // The signature first: a flipped byte anywhere in the text is a bad signature, even where it also breaks the syntax.
  const text = split >= 0 ? note.slice(0, split + 1) : note;
  const lines = split >= 0 ? note.slice(split + 2, -1).split('\n') : [];
  let matchedKey = false;
  for (const line of lines) {
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (!m) continue;
    const sig = Buffer.from(m[2] as string, 'base64');
    for (const key of keys) {
      if (m[1] !== key.name || !sig.subarray(0, 4).equals(key.keyId)) continue;
      matchedKey = true;
      if (sig.length === 68 && verify(null, Buffer.from(text, 'utf8'), key.publicKey, sig.subarray(4))) {
        if (parsedOrError instanceof Error) throw parsedOrError;
        return { ...parsedOrError, signedBy: key };
      }
    }
  }
  if (matchedKey) {
    throw new EventStoreError(
      'CHECKPOINT_BAD_SIGNATURE',
      { zh: '检查点签名验证失败：签名后被改动', en: 'the checkpoint’s signature does not verify: it was altered after it was signed' },
      { keys: keys.map((k) => k.text) },
    );
  }
  if (parsedOrError instanceof Error) throw parsedOrError;
  const by = parsedOrError.signatures.map((s) => `${s.keyName}+${s.keyId.toString('hex')}`).join(', ');
  throw new EventStoreError(
    'CHECKPOINT_UNKNOWN_KEY',
    { zh: `检查点的签名密钥（${by || '无'}）不在所给公钥之中`, en: `the checkpoint is signed by ${by || 'no key'}, none of the keys given (${keys.map((k) => `${k.name}+${k.keyId.toString('hex')}`).join(', ') || 'none'})` },
    { signedBy: by },
  );
}

/** Any ASCII control character (below U+0020). */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}

function keyError(message: string, messageZh: string): EventStoreError {
  return new EventStoreError('SIGNING_KEY_INVALID', { zh: messageZh, en: message });
}
