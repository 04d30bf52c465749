import { ThrottlerStorageService } from '@nestjs/throttler';
import { RateLimitStorage } from './rate-limit-storage';

/** A small deterministic generator (mulberry32): each seed is one fixed run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('RateLimitStorage: the same records as @nestjs/throttler’s own storage', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2025-03-01T08:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: the same answer to every hit — limit reached, blocked, block over, window over, with and without a block duration', async (seed) => {
    const next = random(seed);
    const ours = new RateLimitStorage();
    const theirs = new ThrottlerStorageService();
    const ttl = [1_000, 5_000, 60_000][seed % 3] as number;
    const blockDuration = seed % 2 === 0 ? ttl : seed % 4 === 1 ? 0 : 3 * ttl;
    const limit = 1 + (seed % 5);
    let blocked = 0;
    for (let i = 0; i < 400; i += 1) {
      const key = `default:key:${Math.floor(next() * 3)}`;
      // Mostly bursts, sometimes a pause longer than the window or the block.
      jest.advanceTimersByTime(next() < 0.9 ? Math.floor(next() * ttl * 0.2) : Math.floor(next() * 4 * ttl));
      const a = await ours.increment(key, ttl, limit, blockDuration, 'default');
      const b = await theirs.increment(key, ttl, limit, blockDuration, 'default');
      expect(a).toEqual(b);
      if (a.isBlocked) blocked += 1;
    }
    // Every run goes past the limit at least once (the bursts are faster than the limit allows).
    expect(blocked).toBeGreaterThan(0);
    ours.onApplicationShutdown();
    theirs.onApplicationShutdown();
  });

  it('many live hits (a limit of millions): the same counts, in order', async () => {
    const ours = new RateLimitStorage();
    const theirs = new ThrottlerStorageService();
    for (let i = 0; i < 5000; i += 1) {
      jest.advanceTimersByTime(i % 7 === 0 ? 20 : 0);
      const a = await ours.increment('default:key:k', 60_000, 100_000_000, 60_000, 'default');
      expect(a).toEqual(await theirs.increment('default:key:k', 60_000, 100_000_000, 60_000, 'default'));
    }
    jest.advanceTimersByTime(50_000);
    expect(await ours.increment('default:key:k', 60_000, 100_000_000, 60_000, 'default')).toEqual(await theirs.increment('default:key:k', 60_000, 100_000_000, 60_000, 'default'));
    ours.onApplicationShutdown();
    theirs.onApplicationShutdown();
  });

  it('forgets a client once its window, block and hits are over, and not before', async () => {
    const ours = new RateLimitStorage();
    await ours.increment('default:key:a', 1_000, 1, 10_000, 'default');
    await ours.increment('default:key:a', 1_000, 1, 10_000, 'default'); // blocked for 10 s
    await ours.increment('default:key:b', 1_000, 5, 1_000, 'default');
    jest.advanceTimersByTime(2_000);
    ours.forgetIdle(Date.now());
    expect(ours.clients).toBe(1);
    jest.advanceTimersByTime(10_000);
    ours.forgetIdle(Date.now());
    expect(ours.clients).toBe(0);
    ours.onApplicationShutdown();
  });
});
