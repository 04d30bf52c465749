import type { Actor, Command } from '../kernel';

let counter = 0;

/** A command with test metadata: effective on `effectiveDate`, recorded the same day, by an admin of the region. */
export function command<C extends Command>(type: C['type'], data: C['data'], effectiveDate = '2024-10-01', actor: Actor = { id: 'admin-1', role: 'admin', organId: null }): C {
  counter += 1;
  return { type, data, metadata: { commandId: `cmd-${counter}`, actor, effectiveDate, recordedAt: `${effectiveDate}T08:00:00.000Z` } } as C;
}
