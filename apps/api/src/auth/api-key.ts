import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * API keys: `axl_<id>_<secret>`. The id finds the row; only a SHA-256 of the
 * secret with a per-key salt is stored (the secret is 256 random bits, so a
 * slow hash would add nothing but latency). The bootstrap admin key from
 * `AUXLEDGER_ADMIN_KEY` is any text the deployer chose; it is stored the same
 * way under the id `bootstrap-admin`.
 */
export const BOOTSTRAP_KEY_ID = 'bootstrap-admin';

const KEY_FORMAT = /^axl_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface IssuedKey {
  id: string;
  /** Shown once, to whoever created it. */
  key: string;
  secret: string;
}

export function issueKey(): IssuedKey {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, key: `axl_${id}_${secret}` };
}

/** The row id and secret a bearer token names; a token of another form can only be the bootstrap key. */
export function parseKey(token: string): { id: string; secret: string } {
  const m = KEY_FORMAT.exec(token);
  return m ? { id: m[1] as string, secret: m[2] as string } : { id: BOOTSTRAP_KEY_ID, secret: token };
}

export function hashSecret(secret: string, salt: string = randomBytes(16).toString('hex')): { salt: string; hash: string } {
  return { salt, hash: createHash('sha256').update(`${salt}:${secret}`).digest('hex') };
}

export function secretMatches(secret: string, salt: string, hash: string): boolean {
  const actual = Buffer.from(hashSecret(secret, salt).hash, 'hex');
  const expected = Buffer.from(hash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
