import { type MemRef, type MemVersion, jsonOf } from './temporal';

/**
 * What a temporal model needs of one entity to take its next in-order events
 * without reading the store: the end of its history, as the last committed
 * batch left it.
 *
 * Invariant: `open` holds every stored open version of the entity with
 * `valid_to > openAbove` (strictly); `refs` every stored reference with
 * `effective_date >= refsFrom`, in (date, position) order; `before` the state
 * of the last reference before `refsFrom` (undefined: none). References are
 * kept light — their row and text, no event, and no state but the last one's
 * — so the tail answers only events dated on or after the last reference's
 * date (which fold on from the last state); an earlier one reads the store.
 */
export interface EntityTail {
  openAbove: string;
  open: MemVersion[];
  refsFrom: string;
  refs: MemRef[];
  before: string | undefined;
  /** References since the last snapshot at `before` (see `MemRef.since`). */
  beforeSince: number;
  /** Rough size in bytes (UTF-16 strings), for the cache's bound. */
  bytes: number;
}

/**
 * The tails of recently touched entities, kept between batches by one
 * projector for one generation (so a rebuild or a follow loop reads the
 * store only for entities it has not seen lately, or for events dated before
 * what it keeps). Bounded by size, least recently used out first: memory does
 * not grow with the log.
 *
 * It is only an answer to "what does the store hold": it is valid for the
 * checkpoint it was committed at, and is emptied when a batch fails (rolled
 * back), when the checkpoint is not where it was left (another process moved
 * it), or for another generation.
 */
export class TemporalTailCache {
  private generation = -1;
  /** The checkpoint the tails reflect; -1 while a batch is in flight or after a failure. */
  private position = -1;
  private readonly tails = new Map<string, EntityTail>();
  private bytes = 0;

  constructor(readonly maxBytes = 64 * 2 ** 20) {}

  /** Before a batch of `generation` from checkpoint `from`: keeps the tails only if they reflect exactly that. */
  begin(generation: number, from: number): void {
    if (generation !== this.generation || from !== this.position) this.clear();
    this.generation = generation;
    this.position = -1;
  }

  /** The batch committed at `position`: the tails written during it are the store's. */
  commit(position: number): void {
    this.position = position;
  }

  /** The batch did not commit: nothing kept can be trusted. */
  abort(): void {
    this.clear();
  }

  get(model: string, entity: string): EntityTail | undefined {
    const key = `${model}\u0000${entity}`;
    const tail = this.tails.get(key);
    if (tail) {
      // Most recently used last.
      this.tails.delete(key);
      this.tails.set(key, tail);
    }
    return tail;
  }

  set(model: string, entity: string, tail: EntityTail): void {
    const key = `${model}\u0000${entity}`;
    const old = this.tails.get(key);
    if (old) {
      this.bytes -= old.bytes;
      this.tails.delete(key);
    }
    this.tails.set(key, tail);
    this.bytes += tail.bytes;
    while (this.bytes > this.maxBytes && this.tails.size > 0) {
      const [oldest, evicted] = this.tails.entries().next().value as [string, EntityTail];
      this.tails.delete(oldest);
      this.bytes -= evicted.bytes;
    }
  }

  get size(): number {
    return this.tails.size;
  }

  private clear(): void {
    this.tails.clear();
    this.bytes = 0;
    this.position = -1;
  }
}

/** The day before an ISO date (YYYY-MM-DD). */
export function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/**
 * Keeps only the end of a tail: the references from the start of the
 * second-to-last open version on (so an event dated on the last version's
 * first day still finds everything it needs), and the open versions ending
 * on or after that day. Drops parsed events, which can be parsed again.
 */
export function trimTail(tail: EntityTail): EntityTail {
  const open = [...tail.open].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
  const keepFrom = open.length >= 2 ? (open[open.length - 2] as MemVersion).validFrom : open[0]?.validFrom;
  let { openAbove, refsFrom, before, beforeSince } = tail;
  let refs = tail.refs;
  if (keepFrom !== undefined && keepFrom > refsFrom) {
    const firstKept = refs.findIndex((r) => r.effectiveDate >= keepFrom);
    const cut = firstKept === -1 ? refs.length : firstKept;
    if (cut > 0) {
      before = jsonOf(refs[cut - 1] as MemRef);
      beforeSince = (refs[cut - 1] as MemRef).since;
    }
    refs = refs.slice(cut);
    refsFrom = keepFrom;
    const above = dayBefore(keepFrom);
    if (above > openAbove) openAbove = above;
  }
  const kept = open.filter((v) => v.validTo > openAbove);
  // Rough heap size: each string and row counted once however many records share it (a ref's row is its version's row).
  // JSON text is mostly one byte a character; a parsed row or state takes about three times its text.
  const counted = new Set<string>();
  const rowBytes = (text: string | null): number => {
    if (text === null || counted.has(text)) return 0;
    counted.add(text);
    return 4 * text.length;
  };
  let bytes = 200;
  let previous: MemRef | undefined;
  refs.forEach((r, i) => {
    r.event = undefined;
    // Appending after the last reference folds on from its state; nothing refolds the references themselves.
    r.eventJson = '';
    if (i < refs.length - 1) {
      // Light: the row is cached (rowFor equals stateJson, ''), the state is not needed to append after the last.
      r.stateJson = '';
      r.rowFor = '';
    } else {
      // The last state is kept as its JSON only (parsed again when the entity's next event comes): a parsed state takes
      // several times the heap, and more tails in the bound spare more reads of the store. Its row stays cached.
      const made = r.rowFor !== undefined && r.rowFor === r.state;
      jsonOf(r);
      if (made) r.rowFor = r.stateJson;
    }
    r.state = undefined;
    // Whether it keeps a snapshot is all the planner asks of a reference it does not refold ('': kept, text dropped).
    if (r.snapshot !== null && r.snapshot !== undefined) r.snapshot = '';
    if (previous && previous.text !== null && previous.text === r.text) {
      // Equal rows in a run share one row object and one text.
      r.text = previous.text;
      r.row = previous.row;
    }
    bytes += 150 + r.stateJson.length + rowBytes(r.text);
    previous = r;
  });
  for (const v of kept) bytes += 150 + rowBytes(v.text);
  if (before) bytes += before.length;
  return { openAbove, open: kept, refsFrom, refs, before, beforeSince, bytes };
}
