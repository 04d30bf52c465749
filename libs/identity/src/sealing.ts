import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import type { SealedData } from '@auxledger/domain';
import { IdentityError } from './errors';

/**
 * Personal data sealed under a person's data key (AES-256-GCM, ADR 0006).
 *
 * The nonce is synthetic: the first 96 bits of HMAC-SHA-256 over the
 * associated data and the plaintext, under a nonce key derived from the data
 * key. The same data sealed twice gives the same ciphertext — a command
 * retried with the same content has the same digest (ADR 0003) — and two
 * different plaintexts never share a nonce unless HMAC collides. What it
 * reveals: that a person's identity did not change between two records.
 *
 * The associated data binds the ciphertext to its person and purpose: moved
 * into another person's record, it does not open.
 */
export function seal(dataKey: Buffer, keyId: string, context: { personKey: string; purpose: string }, value: unknown): SealedData {
  const { encKey, nonceKey } = derive(dataKey);
  const aad = Buffer.from(associatedData(context), 'utf8');
  const plaintext = Buffer.from(JSON.stringify(value), 'utf8');
  const iv = createHmac('sha256', nonceKey).update(aad).update(plaintext).digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', encKey, iv);
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { alg: 'A256GCM', keyId, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/** Opens sealed data with its data key; a wrong key, person or purpose, or an altered byte: SEALED_DATA_INVALID. */
export function open<T>(dataKey: Buffer, context: { personKey: string; purpose: string }, sealed: SealedData): T {
  const { encKey } = derive(dataKey);
  try {
    const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(associatedData(context), 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const plaintext = Buffer.concat([decipher.update(Buffer.from(sealed.ct, 'base64')), decipher.final()]);
    return JSON.parse(plaintext.toString('utf8')) as T;
  } catch {
    throw new IdentityError('SEALED_DATA_INVALID', { zh: '加密的个人信息无法解密：密钥不符或数据被改动', en: 'The sealed personal data does not open: wrong key, or altered' }, { keyId: sealed.keyId });
  }
}

const associatedData = ({ personKey, purpose }: { personKey: string; purpose: string }) => `auxledger/sealed/v1\n${personKey}\n${purpose}`;

function derive(dataKey: Buffer): { encKey: Buffer; nonceKey: Buffer } {
  const okm = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'auxledger/data-key/v1', 64));
  return { encKey: okm.subarray(0, 32), nonceKey: okm.subarray(32, 64) };
}
