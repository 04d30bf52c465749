import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@auxledger/event-store';

/** A realistically sized event (~400 bytes of data and metadata), like a duty assignment. */
export function sampleEvent(i: number): NewEvent {
  const commandId = randomUUID();
  return {
    eventId: randomUUID(),
    type: 'DutyAssigned',
    schemaVersion: 1,
    data: {
      auxiliaryId: `aux-${i % 10_000}`,
      usingOrganId: 'organ-150102',
      dutyCode: 'ART13-1-2',
      leadingOfficerIds: ['officer-1', 'officer-2'],
      note: '协助开展治安巡逻',
    },
    metadata: {
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: { id: 'operator-1', role: 'operator', organId: 'organ-150102' },
      effectiveDate: '2025-03-01',
      recordedAt: '2025-03-01T08:00:00.000Z',
      ruleSetRevision: '2024',
    },
  };
}
