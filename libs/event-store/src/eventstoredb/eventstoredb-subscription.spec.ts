import { PassThrough } from 'node:stream';
import { untilAborted } from './eventstoredb-subscription';

/** A stand-in for the client's subscription: an object-mode stream that, like it, never ends on unsubscribe. */
function fakeSubscription() {
  const stream = new PassThrough({ objectMode: true });
  const unsubscribe = jest.fn(async () => undefined);
  return Object.assign(stream, { unsubscribe });
}

describe('untilAborted (native subscription bridge)', () => {
  it('yields what arrives, and ends and unsubscribes when the signal aborts while waiting', async () => {
    const source = fakeSubscription();
    const controller = new AbortController();
    const seen: number[] = [];
    const done = (async () => {
      for await (const n of untilAborted<number>(source, controller.signal)) seen.push(n);
    })();
    source.write(1);
    source.write(2);
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    await done;
    expect(seen).toEqual([1, 2]);
    expect(source.unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('unsubscribes when the consumer stops early', async () => {
    const source = fakeSubscription();
    source.write('a');
    source.write('b');
    for await (const item of untilAborted<string>(source, undefined)) {
      expect(item).toBe('a');
      break;
    }
    expect(source.unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('yields nothing when the signal is already aborted', async () => {
    const source = fakeSubscription();
    source.write('a');
    const controller = new AbortController();
    controller.abort();
    const seen: string[] = [];
    for await (const item of untilAborted<string>(source, controller.signal)) seen.push(item);
    expect(seen).toEqual([]);
    expect(source.unsubscribe).toHaveBeenCalledTimes(1);
  });

  it('ends when the source ends, and rethrows its errors after unsubscribing', async () => {
    const ending = fakeSubscription();
    ending.end('last');
    const seen: string[] = [];
    for await (const item of untilAborted<string>(ending, undefined)) seen.push(item);
    expect(seen).toEqual(['last']);

    const failing = fakeSubscription();
    const consume = (async () => {
      for await (const _ of untilAborted<string>(failing, undefined)) {
        // nothing arrives
      }
    })();
    setTimeout(() => failing.destroy(new Error('connection lost')), 5);
    await expect(consume).rejects.toThrow('connection lost');
    expect(failing.unsubscribe).toHaveBeenCalledTimes(1);
  });
});
