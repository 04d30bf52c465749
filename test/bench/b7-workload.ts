import { randomUUID } from 'node:crypto';
import { type AssignDuty, type Envelope, type StreamRef, assignDuty } from '@auxledger/domain';
import { FoldedStreamCache, executeCommand } from '@auxledger/application';
import type { EventStore, NewEvent } from '@auxledger/event-store';
import { REGISTRY } from '@auxledger/statute';
import type { Measurement } from './measure';

/**
 * B7's workload, the same on every peer and store: AssignDuty commands for
 * hired auxiliaries, decided by AuxLedger's own handler on a state folded from
 * the peer's stream, so that the sides differ only in the store and the path.
 * Nothing here depends on an Emmett version (B7 runs 0.38.5 on SQLite, 0.42.0
 * on PostgreSQL).
 */

/** What the fold needs of an event's metadata, as Emmett keeps it. */
export type StoredMetadata = { schemaVersion: number; effectiveDate: string; recordedAt: string; commandId: string; actorId: string };

/** An AuxLedger event as Emmett stores it (an Emmett event of either version has this shape). */
export type EmmettShaped = { type: string; data: Record<string, unknown>; metadata: StoredMetadata };

export const NOW = new Date('2025-03-01T08:00:00Z');

/** The i-th command of a side (`side` keeps the sides' assignment ids apart). */
export const command = (i: number, auxiliaries: number, side: string): AssignDuty => ({
  type: 'AssignDuty',
  data: { auxiliaryId: `aux-${i % auxiliaries}`, assignmentId: `as-${side}-${i}`, dutyCodes: ['ENF_TRAFFIC'], nationalBasis: null, leadingOfficerIds: ['officer-1'], alone: false, matterId: null, equipmentIssued: [] },
  metadata: { commandId: randomUUID(), actor: { id: 'op-1', role: 'operator', organId: 'xincheng' }, effectiveDate: '2025-03-01', recordedAt: '' },
});

/** An AuxLedger event as an Emmett event: the type and data as they are, what the fold needs in the metadata. */
export const toEmmett = (event: NewEvent): EmmettShaped => ({
  type: event.type,
  data: event.data as Record<string, unknown>,
  metadata: { schemaVersion: event.schemaVersion, effectiveDate: event.metadata.effectiveDate, recordedAt: event.metadata.recordedAt, commandId: event.metadata.commandId, actorId: event.metadata.actor.id },
});

const envelopeOfEmmett = (event: EmmettShaped): Envelope => ({
  event: { type: event.type, schemaVersion: event.metadata.schemaVersion, data: event.data },
  effectiveDate: event.metadata.effectiveDate,
  recordedAt: event.metadata.recordedAt,
  commandId: event.metadata.commandId,
  actorId: event.metadata.actorId,
}) as Envelope;

/** The auxiliary aggregate AssignDuty reads and writes (the same for every command). */
export const auxiliaryAggregate = (assignDuty.streams(command(0, 1, 'x')).auxiliary as StreamRef).aggregate;

export type AuxiliaryState = ReturnType<typeof auxiliaryAggregate.initialState>;

/** One Emmett event folded into the auxiliary's state, by AuxLedger's own evolve. */
export const evolveEmmett = (state: AuxiliaryState, event: EmmettShaped): AuxiliaryState => auxiliaryAggregate.evolve(state, envelopeOfEmmett(event) as never);

/** The state of an auxiliary from the events read back from Emmett. */
export const foldEmmett = (events: readonly EmmettShaped[]): AuxiliaryState => events.reduce(evolveEmmett, auxiliaryAggregate.initialState());

/**
 * Decides with AuxLedger's own AssignDuty handler (every rule of Arts. 10–16
 * and 39) on a state folded from Emmett's stream, and answers the events to
 * append.
 */
export function decideOnEmmett(cmd: AssignDuty, state: AuxiliaryState): EmmettShaped[] {
  const decision = assignDuty.decide(cmd, { auxiliary: state } as never, { metadata: cmd.metadata, registry: REGISTRY });
  if (!decision.accepted) throw new Error('B7: AssignDuty refused on Emmett\'s side; the benchmark must measure accepted commands');
  const recordedAt = NOW.toISOString();
  return (decision.events.auxiliary ?? []).map((event) => ({
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: { schemaVersion: event.schemaVersion, effectiveDate: cmd.metadata.effectiveDate, recordedAt, commandId: cmd.metadata.commandId, actorId: cmd.metadata.actor.id },
  }));
}

/** The spread of one side's rate against another's, chunk by chunk: [lowest, median, highest] of ours ÷ theirs. */
export function chunkRatios(ours: Measurement, theirs: Measurement, chunk: number): [number, number, number] {
  const sums = (m: Measurement) => Array.from({ length: Math.ceil(m.latenciesMs.length / chunk) }, (_, c) => m.latenciesMs.slice(c * chunk, (c + 1) * chunk).reduce((a, b) => a + b, 0));
  const a = sums(ours);
  const b = sums(theirs);
  const ratios = a.map((t, c) => (b[c] as number) / t).sort((x, y) => x - y);
  return [ratios[0] as number, ratios[Math.floor(ratios.length / 2)] as number, ratios[ratios.length - 1] as number];
}

/** AuxLedger's side of B7, one command an operation: its command path on `store` (the folded stream cache; the claim and the Merkle tree in the same append). */
export function auxLedgerSide(store: EventStore, auxiliaries: number): (i: number) => Promise<void> {
  const deps = { store, registry: REGISTRY, clock: { now: () => NOW }, cache: new FoldedStreamCache() };
  return async (i) => {
    const outcome = await executeCommand(deps, assignDuty, command(i, auxiliaries, 'a'));
    if (outcome.status !== 'accepted') throw new Error('B7: AssignDuty refused on AuxLedger; the benchmark must measure accepted commands');
  };
}
