import { hash as oneShotHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { EventMetadata, EventMetadataInput, JsonObject } from './port';

/**
 * The hash chain (ADR 0002).
 *
 * - An event's **content digest** is SHA-256 over the RFC 8785 canonical JSON
 *   of its identity and content, including its stream id but not its place in
 *   the stream: a writer computes it before it knows the stream's head.
 * - Its **hash** links that digest to its place: SHA-256 of
 *   `contentDigest:streamRevision:prevHash`, where prevHash is the hash of the
 *   previous event of the same stream ('' for the first). The format is fixed
 *   width or digits on both sides of each ':', so it is unambiguous, and simple
 *   enough for a database to compute inside the append (PostgreSQL does).
 * - Neither covers the global position, which EventStoreDB assigns itself, so
 *   an event keeps its hash in whichever store holds it.
 * - The log digest chains every event hash in global order:
 *   D₀ = SHA-256("auxledger/log/v1"), Dₙ = SHA-256(Dₙ₋₁ ‖ hashₙ).
 *   An auditor saves (position, count, digest) and later checks the log against it.
 */

export const HASH_ALGORITHM = 'sha256-jcs-v1';
export const LOG_DIGEST_ALGORITHM = 'sha256-chain-v1';
export const GENESIS_LOG_DIGEST = sha256Hex('auxledger/log/v1');

/** What the content digest covers: everything but the event's place and the chain. */
export interface EventContent {
  eventId: string;
  type: string;
  schemaVersion: number;
  streamId: string;
  data: JsonObject;
  metadata: EventMetadataInput;
}

/** What the event hash covers: the content and its place in the stream. */
export interface HashedContent extends EventContent {
  streamRevision: number;
}

/**
 * The canonical encoding of an event's content: RFC 8785 of
 * `{ data, eventId, metadata, schemaVersion, streamId, type, v }`, composed
 * from the canonical JSON of `data` and `metadata` (the members in sorted
 * order, as RFC 8785 puts them), so that writers can store those two strings
 * as they are and encode each event only once.
 */
export function composeCanonicalEncoding(
  content: Omit<EventContent, 'data' | 'metadata'>,
  dataJson: string,
  metadataJson: string,
): string {
  return (
    `{"data":${dataJson},"eventId":${JSON.stringify(content.eventId)},"metadata":${metadataJson},` +
    `"schemaVersion":${JSON.stringify(content.schemaVersion)},"streamId":${JSON.stringify(content.streamId)},` +
    `"type":${JSON.stringify(content.type)},"v":${JSON.stringify(HASH_ALGORITHM)}}`
  );
}

export function canonicalEncoding(content: EventContent): string {
  return composeCanonicalEncoding(content, canonicalJson(content.data), canonicalJson(content.metadata));
}

export function linkHash(contentDigest: string, streamRevision: number, prevHash: string | null): string {
  return sha256Hex(`${contentDigest}:${streamRevision}:${prevHash ?? ''}`);
}

export function eventHash(content: HashedContent, prevHash: string | null): string {
  return linkHash(sha256Hex(canonicalEncoding(content)), content.streamRevision, prevHash);
}

/** Strips the chain link from stored metadata, giving back what the writer supplied. */
export function metadataInput(metadata: EventMetadata): EventMetadataInput {
  const { prevHash: _prevHash, hash: _hash, ...input } = metadata;
  return input;
}

export function nextLogDigest(previousDigest: string, hash: string): string {
  return oneShotHash('sha256', previousDigest + hash);
}

export function sha256Hex(text: string): string {
  // One-shot hashing (Node ≥ 20.12): half the cost of a Hash object for inputs this small, on every append.
  return oneShotHash('sha256', text);
}
