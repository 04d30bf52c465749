import type { Principal } from './principal';
import { VerifiedKeyCache } from './verified-key-cache';

const principal = (keyId: string): Principal => ({ keyId, name: keyId, role: 'operator', organIds: ['xincheng'] });

describe('the cache of verified API keys', () => {
  it('answers a verified key until its time is up, then forgets it', () => {
    let now = 1_000;
    const cache = new VerifiedKeyCache(10, 5_000, () => now);
    cache.remember('axl_a', principal('a'), cache.mark());
    expect(cache.get('axl_a')).toEqual(principal('a'));
    now += 4_999;
    expect(cache.get('axl_a')).toEqual(principal('a'));
    now += 1;
    expect(cache.get('axl_a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('forgets every token of a revoked key at once', () => {
    const cache = new VerifiedKeyCache();
    cache.remember('axl_a', principal('a'), cache.mark());
    cache.remember('bootstrap text', principal('a'), cache.mark());
    cache.remember('axl_b', principal('b'), cache.mark());
    cache.forget('a');
    expect(cache.get('axl_a')).toBeUndefined();
    expect(cache.get('bootstrap text')).toBeUndefined();
    expect(cache.get('axl_b')).toEqual(principal('b'));
  });

  it('does not keep a key whose lookup began before a revocation (it may have read the row before)', () => {
    const cache = new VerifiedKeyCache();
    const mark = cache.mark();
    cache.forget('a');
    cache.remember('axl_a', principal('a'), mark);
    expect(cache.get('axl_a')).toBeUndefined();
    cache.remember('axl_a', principal('a'), cache.mark());
    expect(cache.get('axl_a')).toEqual(principal('a'));
  });

  it('is bounded: the least recently used key goes first', () => {
    const cache = new VerifiedKeyCache(2);
    cache.remember('axl_a', principal('a'), cache.mark());
    cache.remember('axl_b', principal('b'), cache.mark());
    expect(cache.get('axl_a')).toBeDefined();
    cache.remember('axl_c', principal('c'), cache.mark());
    expect(cache.size).toBe(2);
    expect(cache.get('axl_b')).toBeUndefined();
    expect(cache.get('axl_a')).toBeDefined();
    expect(cache.get('axl_c')).toBeDefined();
  });

  it('with a time to live of 0 keeps nothing', () => {
    const cache = new VerifiedKeyCache(10, 0);
    cache.remember('axl_a', principal('a'), cache.mark());
    expect(cache.get('axl_a')).toBeUndefined();
  });
});
