import { randomUUID } from 'node:crypto';
import type { JsonObject, NewEvent } from '../port';

/**
 * For tests and seeding: events as past commands would have written them —
 * each its own command, by a `system` actor, recorded at 08:00 UTC on its
 * effective date under rule set 2024.
 */
export function pastEvents(events: Array<[string, { type: string; schemaVersion: number; data: unknown }]>): NewEvent[] {
  return events.map(([effectiveDate, event]) => {
    const commandId = randomUUID();
    return {
      eventId: randomUUID(),
      type: event.type,
      schemaVersion: event.schemaVersion,
      data: event.data as JsonObject,
      metadata: {
        commandId,
        correlationId: commandId,
        causationId: commandId,
        actor: { id: 'seed', role: 'system', organId: null },
        effectiveDate,
        recordedAt: `${effectiveDate}T08:00:00.000Z`,
        ruleSetRevision: '2024',
      },
    };
  });
}
