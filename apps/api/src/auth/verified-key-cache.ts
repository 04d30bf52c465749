import { hash } from 'node:crypto';
import type { ApiTables } from '../infrastructure/api-tables';
import type { Principal } from './principal';

interface Entry {
  principal: Principal;
  until: number;
}

/**
 * Keys verified recently, so that a request does not read the key table and
 * hash the secret again: bearer token (by its SHA-256, never the token
 * itself) → principal. Only keys that were valid are kept; an unknown key
 * always goes to the table, so a key made by another process works at once.
 *
 * Bounded (the least recently used key is forgotten first) and short-lived:
 * a revocation through this process (`forget`) takes effect at once, also for
 * a lookup already under way when it happened (it is not stored). A
 * revocation made by another process on the same database (several API
 * processes on one PostgreSQL) is seen here once the entry expires: that
 * staleness is bounded by `ttlMs`, 5 s by default, set by
 * `AUXLEDGER_KEY_CACHE_TTL_MS` (0 turns the cache off).
 */
export class VerifiedKeyCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(
    readonly maxKeys = 1000,
    readonly ttlMs = 5000,
    private readonly now: () => number = Date.now,
  ) {}

  /** A mark to pass to `remember`, taken before the table is read. */
  mark(): number {
    return this.generation;
  }

  get(token: string): Principal | undefined {
    if (this.ttlMs <= 0) return undefined;
    const key = digest(token);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    if (entry.until <= this.now()) return undefined;
    this.entries.set(key, entry);
    return entry.principal;
  }

  /** Keeps a verified key, unless a key was revoked since `mark` was taken (the lookup may have read it before). */
  remember(token: string, principal: Principal, mark: number): void {
    if (this.ttlMs <= 0 || mark !== this.generation) return;
    const key = digest(token);
    this.entries.delete(key);
    this.entries.set(key, { principal, until: this.now() + this.ttlMs });
    if (this.entries.size > this.maxKeys) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Forgets every cached token of this key id (it was revoked). */
  forget(keyId: string): void {
    this.generation += 1;
    for (const [key, entry] of this.entries) if (entry.principal.keyId === keyId) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

const digest = (token: string) => hash('sha256', token, 'base64url');

const CACHES = new WeakMap<ApiTables, VerifiedKeyCache>();

/** The cache of keys verified against these tables (one per API process and database). */
export function verifiedKeys(tables: ApiTables): VerifiedKeyCache {
  let cache = CACHES.get(tables);
  if (!cache) {
    const ttl = Number(process.env['AUXLEDGER_KEY_CACHE_TTL_MS'] ?? 5000);
    cache = new VerifiedKeyCache(1000, Number.isFinite(ttl) && ttl >= 0 ? ttl : 5000);
    CACHES.set(tables, cache);
  }
  return cache;
}
