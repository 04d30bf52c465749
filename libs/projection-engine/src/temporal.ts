import type { RecordedEvent } from '@auxledger/event-store';
import {
  type Columns,
  END_OF_TIME_DATE,
  OPEN_KNOWN_TO,
  type Row,
  type TemporalModel,
  entityColumnOf,
  knownAt,
  normalizeRow,
  rowText,
  temporalColumns,
} from './model';
import type { TemporalRef, TemporalWrites, VersionRow } from './store';

/**
 * The pure heart of a temporal model: given what the store holds of one
 * entity from an anchor date on, and the entity's new events, compute what
 * changes. Work is proportional to the entity's events from the anchor on.
 *
 * The anchor is the earliest date a new event can change: the earliest new
 * effective date, pulled back to the start of the open version that covers
 * (or ends at) it, so that an unchanged row merges with it. Nothing before
 * the anchor changes; the state just before it is folded from the last
 * state snapshot before it (the store keeps one every `SNAPSHOT_EVERY`
 * references, not one per event: docs/read-models.md).
 */

/**
 * A reference keeps the entity's state after it (a snapshot) once every this
 * many references; the others keep none, and their states are folded again
 * from the snapshot before them when needed (at most this many evolves).
 */
export const SNAPSHOT_EVERY = 16;

/** A reference as the planner holds it (and the tail cache keeps it between batches). */
export interface MemRef {
  effectiveDate: string;
  globalPosition: number;
  eventJson: string;
  event: RecordedEvent | undefined;
  /**
   * The state after this reference, JSON; '' while not made (`jsonOf` makes it
   * from `state`), not known (no snapshot stored and not folded yet), or
   * dropped from a light tail.
   */
  stateJson: string;
  /** The snapshot the store holds for this reference (null: none; undefined: not stored yet). */
  snapshot: string | null | undefined;
  /** References since the last one with a snapshot, this one included (0: it keeps one; -1: not counted yet). */
  since: number;
  /** The state after this reference (undefined: only its JSON is held). No evolve changes it (`TemporalModel.evolve`). */
  state: unknown;
  dirty: boolean;
  /** The state (or its JSON) the row was made from, and the row and its text: computed again only when the state changes. */
  rowFor: unknown;
  row: Row | null;
  text: string | null;
}

/** A reference's state as JSON, made once from its state when needed (a snapshot, the state before a window). */
export function jsonOf(ref: MemRef): string {
  if (ref.stateJson === '' && ref.state !== undefined) ref.stateJson = JSON.stringify(ref.state);
  return ref.stateJson;
}

/** A reference's state, parsed from its JSON when only that is held (and kept: no evolve changes it). */
function stateOf(ref: MemRef): unknown {
  if (ref.state === undefined) ref.state = JSON.parse(ref.stateJson);
  return ref.state;
}

/** What a reference's row is made from: its state, or its JSON when only that is held. */
const rowSource = (ref: MemRef): unknown => (ref.state !== undefined ? ref.state : ref.stateJson);

/** An open version as the planner holds it. */
export interface MemVersion {
  validFrom: string;
  validTo: string;
  knownFrom: string;
  row: Row;
  text: string;
  persisted: boolean;
}

export const memRefOf = (r: TemporalRef): MemRef => ({
  effectiveDate: r.effectiveDate,
  globalPosition: r.globalPosition,
  eventJson: r.event,
  event: undefined,
  stateJson: r.state ?? '',
  snapshot: r.state,
  since: -1,
  state: undefined,
  dirty: false,
  rowFor: undefined,
  row: null,
  text: null,
});

export const memVersionOf = (columns: Columns, v: VersionRow): MemVersion => ({
  validFrom: v.validFrom,
  validTo: v.validTo,
  knownFrom: v.knownFrom,
  row: v.row,
  text: rowText(columns, v.row),
  persisted: true,
});

/** The earliest date the new events may change: see the module comment. */
export function anchorOf(minDate: string, open: ReadonlyArray<{ validFrom: string }>): string {
  let anchor = minDate;
  for (const version of open) if (version.validFrom < anchor) anchor = version.validFrom;
  return anchor;
}

/** Events without their log digest (an adapter detail), as kept in the references table. */
export function refEventJson(event: RecordedEvent): string {
  // Several temporal models may keep the same event (roster and person_file): made once per event object.
  let json = refJsonOf.get(event);
  if (json === undefined) {
    // Field by field, not `{ logDigest, ...rest }`: a rest copy of each event is slow in V8.
    const stored: Omit<Required<RecordedEvent>, 'logDigest'> = {
      eventId: event.eventId,
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data,
      metadata: event.metadata,
      streamId: event.streamId,
      streamRevision: event.streamRevision,
      globalPosition: event.globalPosition,
    };
    json = JSON.stringify(stored);
    refJsonOf.set(event, json);
  }
  return json;
}

const refJsonOf = new WeakMap<RecordedEvent, string>();

/** An event parsed from the JSON references keep (`refEventJson` then gives that JSON back, not a new one). */
export function eventOfRef(json: string): RecordedEvent {
  const event = JSON.parse(json) as RecordedEvent;
  refJsonOf.set(event, json);
  return event;
}

const compareRef = (a: { effectiveDate: string; globalPosition: number }, b: { effectiveDate: string; globalPosition: number }): number =>
  a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : a.globalPosition - b.globalPosition;

/**
 * Plans one entity: `open` are its stored open versions with valid_to >= the
 * earliest new date, `refs` its stored refs from `anchor` on, `before` the
 * state snapshot of its last ref before the anchor (JSON), `events` its new
 * events in global order. Appends the writes to `writes`.
 */
export function planEntity(
  model: TemporalModel<unknown, Row>,
  entity: string,
  input: { open: readonly VersionRow[]; refs: readonly TemporalRef[]; before: string | undefined; events: readonly RecordedEvent[] },
  writes: TemporalWrites,
): void {
  const columns = temporalColumns(model);
  planTail(model, entity, { open: input.open.map((v) => memVersionOf(columns, v)), refs: input.refs.map(memRefOf), before: input.before, beforeSince: 0, events: input.events }, writes);
}

/**
 * `planEntity` on the planner's own records (as the tail cache keeps them):
 * returns the entity's open versions and refs after the batch (the refs in
 * order); the objects given are changed in place.
 */
export function planTail(
  model: TemporalModel<unknown, Row>,
  entity: string,
  input: {
    open: MemVersion[];
    refs: MemRef[];
    before: string | undefined;
    /** References without a snapshot between the last one with a snapshot and the window (`sinceOf`). */
    beforeSince: number;
    events: readonly RecordedEvent[];
  },
  writes: TemporalWrites,
): { open: MemVersion[]; refs: MemRef[] } {
  const columns = temporalColumns(model);
  const entityColumn = entityColumnOf(model);
  const initialJson = input.before ?? JSON.stringify(model.initialState() ?? null);
  const refs = input.refs.sort(compareRef);
  foldUnknownStates(model, refs, initialJson);
  countSince(refs, input.beforeSince);
  /** The first reference whose state a new event may have changed: snapshots are decided from there on. */
  let firstTouched = refs.length;
  // Open versions in valid-time order (they do not overlap): an event changes only those from its date on.
  let open = input.open.sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : 0));
  const closedInBatch: VersionRow[] = [];
  const toVersionRow = (v: MemVersion, knownTo: string): VersionRow => ({
    entity,
    validFrom: v.validFrom,
    validTo: v.validTo,
    knownFrom: v.knownFrom,
    knownTo,
    row: v.row,
  });

  for (const event of input.events) {
    const fresh: MemRef = {
      effectiveDate: event.metadata.effectiveDate,
      globalPosition: event.globalPosition,
      eventJson: refEventJson(event),
      event,
      stateJson: '',
      snapshot: undefined,
      since: -1,
      state: undefined,
      dirty: true,
      rowFor: undefined,
      row: null,
      text: null,
    };
    let at = refs.length;
    while (at > 0 && compareRef(refs[at - 1] as MemRef, fresh) > 0) at--;
    refs.splice(at, 0, fresh);

    if (at < firstTouched) firstTouched = at;
    // Fold again from the new event on.
    const previous = at === 0 ? undefined : (refs[at - 1] as MemRef);
    let state: unknown = previous ? stateOf(previous) : JSON.parse(initialJson);
    for (let i = at; i < refs.length; i++) {
      const ref = refs[i] as MemRef;
      ref.event ??= JSON.parse(ref.eventJson) as RecordedEvent;
      state = model.evolve(state, ref.event) ?? null;
      ref.state = state;
      ref.stateJson = '';
    }

    // The open versions are the versions of the references before this event. It changes no row of a date before its
    // own, so the versions that end before that date stay: only the rest are computed again, from the references of
    // their first date on (the work of an event at the end of its entity's history does not grow with that history).
    const date = fresh.effectiveDate;
    let kept = open.length;
    while (kept > 0 && (open[kept - 1] as MemVersion).validTo >= date) kept--;
    const from = kept < open.length && (open[kept] as MemVersion).validFrom < date ? (open[kept] as MemVersion).validFrom : date;
    let first = refs.length;
    while (first > 0 && (refs[first - 1] as MemRef).effectiveDate >= from) first--;
    const computed = versionsOf(refs, first, (ref) => {
      if (ref.rowFor !== rowSource(ref)) {
        const row = model.row(stateOf(ref));
        ref.row = row === null ? null : normalizeRow(model, columns, row, { column: entityColumn, value: entity });
        ref.text = ref.row === null ? null : rowText(columns, ref.row);
        ref.rowFor = ref.state;
      }
      return ref;
    });

    const tail = open.slice(kept);
    const computedTexts = textsBySpan(computed);
    const toClose = tail.filter((v) => !computedTexts.get(`${v.validFrom}|${v.validTo}`)?.has(v.text));
    if (toClose.length === 0 && computed.length === tail.length) continue;

    // Transaction time never runs backwards within a version: a version closes no earlier than it opened.
    let known = knownAt(event);
    for (const v of toClose) if (v.knownFrom > known) known = v.knownFrom;
    for (const v of toClose) {
      if (v.persisted) {
        if (v.knownFrom === known) writes.remove.push({ entity, validFrom: v.validFrom, knownFrom: v.knownFrom });
        else writes.close.push({ entity, validFrom: v.validFrom, knownFrom: v.knownFrom, knownTo: known });
      } else if (v.knownFrom !== known) {
        closedInBatch.push(toVersionRow(v, known));
      }
    }
    // The versions from the event's date on, in order: those that stay as they were, and the new ones.
    const closing = new Set(toClose);
    const staying = new Map(tail.filter((v) => !closing.has(v)).map((v) => [`${v.validFrom}|${v.validTo}|${v.text}`, v]));
    open = open.slice(0, kept);
    for (const v of computed) {
      open.push(staying.get(`${v.validFrom}|${v.validTo}|${v.text}`) ?? { validFrom: v.validFrom, validTo: v.validTo, knownFrom: known, row: v.row, text: v.text, persisted: false });
    }
  }

  writes.insert.push(...closedInBatch, ...open.filter((v) => !v.persisted).map((v) => toVersionRow(v, OPEN_KNOWN_TO)));
  placeSnapshots(refs, firstTouched, firstTouched > 0 ? (refs[firstTouched - 1] as MemRef).since : input.beforeSince, model.snapshotEvery ?? SNAPSHOT_EVERY);
  for (const ref of refs) {
    if (ref.dirty) {
      writes.refs.push({ entity, effectiveDate: ref.effectiveDate, globalPosition: ref.globalPosition, event: ref.eventJson, state: ref.snapshot ?? null });
    }
  }
  return { open, refs };
}

/**
 * States of references loaded without a snapshot, folded from the one before
 * (the first from `initialJson`, the state before the window). References of
 * a light tail (state dropped, row kept) are never refolded and need none.
 */
function foldUnknownStates(model: TemporalModel<unknown, Row>, refs: readonly MemRef[], initialJson: string): void {
  /** The reference before (null: the state before the window, `initialJson`; undefined: a light tail's, not known). */
  let previous: MemRef | null | undefined = initialJson === '' ? undefined : null;
  for (const ref of refs) {
    if (ref.stateJson !== '' || ref.state !== undefined) {
      previous = ref;
      continue;
    }
    if (ref.rowFor === '') {
      previous = undefined; // a light tail's reference: its state is not needed
      continue;
    }
    if (previous === undefined) throw new Error(`read model ${model.name}: a reference's state cannot be folded (no state before it)`);
    ref.event ??= JSON.parse(ref.eventJson) as RecordedEvent;
    ref.state = model.evolve(previous === null ? JSON.parse(initialJson) : stateOf(previous), ref.event) ?? null;
    previous = ref;
  }
}

/** `since` of references not counted yet (loaded from the store), from the count before the window on. */
function countSince(refs: readonly MemRef[], beforeSince: number): void {
  let since = beforeSince;
  for (const ref of refs) {
    if (ref.since < 0) ref.since = ref.snapshot !== null && ref.snapshot !== undefined ? 0 : since + 1;
    since = ref.since;
  }
}

/** References after the last one with a snapshot among `prefix` (all of them when none has one): what `stateBefore` folds. */
export function sinceOf(prefix: readonly TemporalRef[]): number {
  let since = 0;
  for (const ref of [...prefix].sort(compareRef)) since = ref.state !== null ? 0 : since + 1;
  return since;
}

/**
 * Which references keep a snapshot, from `from` on (those before it did not
 * change): one every `every`, counted from the last snapshot before
 * `from` (`sinceBefore` references ago). A reference whose snapshot is to change (added, dropped, or its
 * state refolded) is marked dirty, to be written.
 */
function placeSnapshots(refs: readonly MemRef[], from: number, sinceBefore: number, every: number): void {
  let since = sinceBefore;
  for (let i = from; i < refs.length; i++) {
    const ref = refs[i] as MemRef;
    since++;
    const wanted = since >= every ? jsonOf(ref) : null;
    if (wanted !== null) since = 0;
    ref.since = since;
    if (ref.snapshot !== wanted) {
      ref.snapshot = wanted;
      ref.dirty = true;
    }
  }
}

/**
 * The state before an anchor, JSON, from the references the store gave before
 * it (`loadRefs`: from the last snapshot before the anchor on, or from the
 * entity's first reference when it has none): undefined when there are none.
 */
export function stateBefore(model: TemporalModel<unknown, Row>, prefix: readonly TemporalRef[]): string | undefined {
  if (prefix.length === 0) return undefined;
  const sorted = [...prefix].sort(compareRef);
  const first = sorted[0] as TemporalRef;
  let state: unknown;
  let rest = sorted;
  if (first.state !== null) {
    if (sorted.length === 1) return first.state;
    state = JSON.parse(first.state);
    rest = sorted.slice(1);
  } else state = model.initialState() ?? null;
  for (const ref of rest) {
    const event = JSON.parse(ref.event) as RecordedEvent;
    state = model.evolve(state, event) ?? null;
  }
  return JSON.stringify(state);
}

/** Row texts per valid-time span: which versions are the same (a version is its span and its row). */
function textsBySpan(versions: ReadonlyArray<{ validFrom: string; validTo: string; text: string }>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const v of versions) {
    const span = `${v.validFrom}|${v.validTo}`;
    let texts = out.get(span);
    if (!texts) out.set(span, (texts = new Set()));
    texts.add(v.text);
  }
  return out;
}

/**
 * Versions from refs in (effective date, position) order, from `first` on
 * (the first reference of a date): the row after the last event of each date holds from that date to the next date whose row
 * differs; equal neighbours merge; null rows make no version.
 */
function versionsOf(
  refs: readonly MemRef[],
  first: number,
  rowOf: (ref: MemRef) => { row: Row | null; text: string | null },
): Array<{ validFrom: string; validTo: string; row: Row; text: string }> {
  const out: Array<{ validFrom: string; validTo: string; row: Row; text: string }> = [];
  let current: { validFrom: string; row: Row; text: string } | null = null;
  for (let i = first; i < refs.length; i++) {
    const ref = refs[i] as MemRef;
    const next = refs[i + 1];
    if (next && next.effectiveDate === ref.effectiveDate) continue; // the date's last event decides
    const date = ref.effectiveDate;
    const { row, text } = rowOf(ref);
    if (current && current.text === text) continue;
    if (current) out.push({ validFrom: current.validFrom, validTo: date, row: current.row, text: current.text });
    current = row === null || text === null ? null : { validFrom: date, row, text };
  }
  if (current) out.push({ validFrom: current.validFrom, validTo: END_OF_TIME_DATE, row: current.row, text: current.text });
  return out;
}
