import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventMetadata, EventMetadataInput, JsonObject } from './port';

/**
 * The hash chain (ADR 0002).
 *
 * - Each event's `hash` is SHA-256 over the RFC 8785 canonical JSON of its
 *   identity, content and place in its stream, together with `prevHash`, the
 *   hash of the previous event of the same stream. It does not cover the global
 *   position, which EventStoreDB assigns itself, so an event keeps its hash in
 *   whichever store holds it.
 * - The log digest chains every event hash in global order:
 *   D₀ = SHA-256("auxledger/log/v1"), Dₙ = SHA-256(Dₙ₋₁ ‖ hashₙ).
 *   An auditor saves (position, count, digest) and later checks the log against it.
 */

export const HASH_ALGORITHM = 'sha256-jcs-v1';
export const LOG_DIGEST_ALGORITHM = 'sha256-chain-v1';
export const GENESIS_LOG_DIGEST = sha256Hex('auxledger/log/v1');

/** What the event hash covers: everything but the global position and the hash itself. */
export interface HashedContent {
  eventId: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  streamRevision: number;
  data: JsonObject;
  metadata: EventMetadataInput;
}

export function canonicalEncoding(content: HashedContent, prevHash: string | null): string {
  const encoded = canonicalize({
    v: HASH_ALGORITHM,
    eventId: content.eventId,
    type: content.type,
    schemaVersion: content.schemaVersion,
    streamId: content.streamId,
    streamRevision: content.streamRevision,
    data: content.data,
    metadata: content.metadata,
    prevHash,
  });
  if (encoded === undefined) throw new Error('unreachable: an object always canonicalizes');
  return encoded;
}

export function eventHash(content: HashedContent, prevHash: string | null): string {
  return sha256Hex(canonicalEncoding(content, prevHash));
}

/** Strips the chain link from stored metadata, giving back what the writer supplied. */
export function metadataInput(metadata: EventMetadata): EventMetadataInput {
  const { prevHash: _prevHash, hash: _hash, ...input } = metadata;
  return input;
}

export function nextLogDigest(previousDigest: string, hash: string): string {
  return createHash('sha256').update(previousDigest).update(hash).digest('hex');
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
