import { createHmac } from 'node:crypto';
import { normaliseNationalId } from '@auxledger/domain';

/** Server-made person keys start so; a key a client made before (ADR 0006) never does. */
export const PERSON_KEY_PREFIX = 'pkh-';

/**
 * The person key: HMAC-SHA-256 of the normalised 公民身份号码 under the
 * deployment's person-key secret, in hex (`pkh-` + 64 characters). The same
 * number gives the same key in every organ of the deployment; without the
 * secret the key cannot be recomputed from a guessed number (a plain or
 * publicly salted hash of an 18-digit number with a date and a check digit
 * inside could be searched exhaustively in minutes).
 */
export function personKeyOf(secret: Buffer, idNumber: string): string {
  return PERSON_KEY_PREFIX + createHmac('sha256', secret).update(`auxledger/person-key/v1\n${normaliseNationalId(idNumber)}`, 'utf8').digest('hex');
}

export const isServerMadePersonKey = (key: string): boolean => /^pkh-[0-9a-f]{64}$/.test(key);
