import { hash } from 'node:crypto';

/**
 * The id of the index-th event a command writes to a stream: derived, not
 * random, so that a retried command produces the same ids and the store
 * recognises the retry (ADR 0003). Formatted as a UUID version 8 (RFC 9562:
 * custom, here SHA-256 based).
 */
export function deterministicEventId(commandId: string, streamId: string, index: number): string {
  const bytes = hash('sha256', `auxledger/event-id/v1\n${commandId}\n${streamId}\n${index}`, 'buffer');
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
