import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';

interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

interface Bucket {
  /** When each hit of the window expires, oldest first; `hits[head]` is the oldest live one. */
  hits: number[];
  head: number;
  expiresAt: number;
  blockExpiresAt: number;
  isBlocked: boolean;
}

const SWEEP_INTERVAL_MS = 60_000;

/**
 * The rate limit's hits, as @nestjs/throttler's own in-memory storage keeps
 * them (each hit expires `ttl` after it was made; past `limit` the client is
 * blocked for `blockDuration`; the same record, headers and 429s), but in
 * constant time a request: its storage copies the client's whole list of
 * live hits on every request (and spreads it into Math.min when not
 * blocking), so a request cost grows with the limit — at a limit of
 * millions a minute, with the request rate. Here the hits are a queue in
 * the order they expire, dropped from the front. One throttler per key
 * (ClientThrottlerGuard's keys name their throttler). Idle clients are
 * forgotten every minute.
 */
export class RateLimitStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly buckets = new Map<string, Bucket>();
  private sweep: NodeJS.Timeout | undefined;

  async increment(key: string, ttl: number, limit: number, blockDuration: number, _throttlerName: string): Promise<ThrottlerStorageRecord> {
    this.sweep ??= setInterval(() => this.forgetIdle(Date.now()), SWEEP_INTERVAL_MS).unref();
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = { hits: [], head: 0, expiresAt: Date.now() + ttl, blockExpiresAt: 0, isBlocked: false }));
    dropExpired(bucket, Date.now());
    let timeToExpire = secondsUntil(bucket.expiresAt);
    if (timeToExpire <= 0) {
      bucket.expiresAt = Date.now() + ttl;
      timeToExpire = secondsUntil(bucket.expiresAt);
    }
    if (blockDuration <= 0) {
      const isBlocked = live(bucket) >= limit;
      if (!isBlocked) bucket.hits.push(Date.now() + ttl);
      const timeToBlockExpire = live(bucket) > 0 ? secondsUntil(bucket.hits[bucket.head] as number) : timeToExpire;
      return { totalHits: live(bucket) + (isBlocked ? 1 : 0), timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? timeToBlockExpire : 0 };
    }
    if (!bucket.isBlocked) bucket.hits.push(Date.now() + ttl);
    if (live(bucket) > limit && !bucket.isBlocked) {
      bucket.isBlocked = true;
      bucket.blockExpiresAt = Date.now() + blockDuration;
    }
    const timeToBlockExpire = secondsUntil(bucket.blockExpiresAt);
    if (timeToBlockExpire <= 0 && bucket.isBlocked) {
      bucket.isBlocked = false;
      bucket.hits = [Date.now() + ttl];
      bucket.head = 0;
    }
    return { totalHits: live(bucket), timeToExpire, isBlocked: bucket.isBlocked, timeToBlockExpire };
  }

  /** The clients with nothing left to remember: no block running, the window over, no live hit. */
  forgetIdle(now: number): void {
    for (const [key, b] of this.buckets) {
      if ((b.isBlocked && b.blockExpiresAt > now) || b.expiresAt > now) continue;
      if (b.hits.length > b.head && (b.hits[b.hits.length - 1] as number) > now) continue;
      this.buckets.delete(key);
    }
  }

  get clients(): number {
    return this.buckets.size;
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweep);
    this.sweep = undefined;
    this.buckets.clear();
  }
}

const live = (b: Bucket) => b.hits.length - b.head;

const secondsUntil = (at: number) => Math.ceil((at - Date.now()) / 1000);

/** Drops the hits expired at `now` (every hit expires `ttl` after it was made, so they expire in order). */
function dropExpired(b: Bucket, now: number): void {
  while (b.head < b.hits.length && (b.hits[b.head] as number) <= now) b.head += 1;
  if (b.head === b.hits.length) {
    b.hits = [];
    b.head = 0;
  } else if (b.head >= 1024 && b.head * 2 >= b.hits.length) {
    b.hits = b.hits.slice(b.head);
    b.head = 0;
  }
}
