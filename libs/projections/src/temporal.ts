import type { RecordedEvent } from '@auxledger/event-store';
import {
  type Columns,
  END_OF_TIME_DATE,
  OPEN_KNOWN_TO,
  type Row,
  type TemporalModel,
  entityColumnOf,
  envelopeOf,
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
 * the anchor changes; the state just before it is the snapshot kept with the
 * last earlier event.
 */

/** A reference as the planner holds it (and the tail cache keeps it between batches). */
export interface MemRef {
  effectiveDate: string;
  globalPosition: number;
  eventJson: string;
  event: RecordedEvent | undefined;
  stateJson: string;
  /**
   * The state object `stateJson` was made from, while no evolve has been given
   * it yet (an evolve may change its input): saves parsing it back.
   */
  state: unknown;
  dirty: boolean;
  /** The row of `stateJson` and its text (cached: computed again only when the state changes). */
  rowFor: string | undefined;
  row: Row | null;
  text: string | null;
}

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
  stateJson: r.state,
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
  planTail(model, entity, { open: input.open.map((v) => memVersionOf(columns, v)), refs: input.refs.map(memRefOf), before: input.before, events: input.events }, writes);
}

/**
 * `planEntity` on the planner's own records (as the tail cache keeps them):
 * returns the entity's open versions and refs after the batch (the refs in
 * order); the objects given are changed in place.
 */
export function planTail(
  model: TemporalModel<unknown, Row>,
  entity: string,
  input: { open: MemVersion[]; refs: MemRef[]; before: string | undefined; events: readonly RecordedEvent[] },
  writes: TemporalWrites,
): { open: MemVersion[]; refs: MemRef[] } {
  const columns = temporalColumns(model);
  const entityColumn = entityColumnOf(model);
  const initialJson = input.before ?? JSON.stringify(model.initialState() ?? null);
  const refs = input.refs.sort(compareRef);
  let open = input.open;
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
      state: undefined,
      dirty: true,
      rowFor: undefined,
      row: null,
      text: null,
    };
    let at = refs.length;
    while (at > 0 && compareRef(refs[at - 1] as MemRef, fresh) > 0) at--;
    refs.splice(at, 0, fresh);

    // Fold again from the new event on.
    const previous = at === 0 ? undefined : (refs[at - 1] as MemRef);
    let stateJson = previous ? previous.stateJson : initialJson;
    let state: unknown = previous?.state !== undefined ? previous.state : JSON.parse(stateJson);
    if (previous) previous.state = undefined;
    for (let i = at; i < refs.length; i++) {
      const ref = refs[i] as MemRef;
      ref.event ??= JSON.parse(ref.eventJson) as RecordedEvent;
      state = model.evolve(state, envelopeOf(ref.event), ref.event) ?? null;
      stateJson = JSON.stringify(state);
      ref.state = undefined;
      if (stateJson !== ref.stateJson) {
        ref.stateJson = stateJson;
        ref.dirty = true;
      }
    }
    // The last state is given to no evolve yet: keep it for the row and the next event.
    (refs[refs.length - 1] as MemRef).state = state;

    const computed = versionsOf(refs, (ref) => {
      if (ref.rowFor !== ref.stateJson) {
        const row = model.row(ref.state !== undefined ? ref.state : JSON.parse(ref.stateJson));
        ref.row = row === null ? null : normalizeRow(model, columns, row, { column: entityColumn, value: entity });
        ref.text = ref.row === null ? null : rowText(columns, ref.row);
        ref.rowFor = ref.stateJson;
      }
      return ref;
    });

    const computedTexts = textsBySpan(computed);
    const openTexts = textsBySpan(open);
    const toClose = open.filter((v) => !computedTexts.get(`${v.validFrom}|${v.validTo}`)?.has(v.text));
    const toAdd = computed.filter((v) => !openTexts.get(`${v.validFrom}|${v.validTo}`)?.has(v.text));
    if (toClose.length === 0 && toAdd.length === 0) continue;

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
    const closing = new Set(toClose);
    open = open.filter((v) => !closing.has(v));
    for (const v of toAdd) open.push({ validFrom: v.validFrom, validTo: v.validTo, knownFrom: known, row: v.row, text: v.text, persisted: false });
  }

  writes.insert.push(...closedInBatch, ...open.filter((v) => !v.persisted).map((v) => toVersionRow(v, OPEN_KNOWN_TO)));
  for (const ref of refs) {
    if (ref.dirty) {
      writes.refs.push({ entity, effectiveDate: ref.effectiveDate, globalPosition: ref.globalPosition, event: ref.eventJson, state: ref.stateJson });
    }
  }
  return { open, refs };
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
 * Versions from refs in (effective date, position) order: the row after the
 * last event of each date holds from that date to the next date whose row
 * differs; equal neighbours merge; null rows make no version.
 */
function versionsOf(
  refs: readonly MemRef[],
  rowOf: (ref: MemRef) => { row: Row | null; text: string | null },
): Array<{ validFrom: string; validTo: string; row: Row; text: string }> {
  const out: Array<{ validFrom: string; validTo: string; row: Row; text: string }> = [];
  let current: { validFrom: string; row: Row; text: string } | null = null;
  for (let i = 0; i < refs.length; i++) {
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
