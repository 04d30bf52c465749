import { type ReadModelStore, defineCurrent } from '@auxledger/projection-engine';

/**
 * The streams of the log (current): one row per stream with its kind (the
 * prefix before the first `-`: `auxiliary`, `application`, `fine`…), how many
 * events it holds, its last revision, event type and global position, and
 * when its first and last events were recorded. How an auditor finds a
 * record to browse (`GET /api/streams`); the events themselves are read from
 * the log. No payload is copied.
 */
export type StreamIndexRow = {
  stream_id: string;
  /** The stream id again: keyset paging compares it (`gt`) while `stream_id` takes the prefix condition. */
  stream_key: string;
  stream_type: string;
  events: number;
  last_revision: number;
  last_type: string;
  head_position: number;
  first_recorded_at: string;
  last_recorded_at: string;
};

export const streamIndex = defineCurrent<StreamIndexRow>({
  name: 'stream_index',
  columns: {
    stream_id: 'text',
    stream_key: 'text',
    stream_type: 'text',
    events: 'integer',
    last_revision: 'integer',
    last_type: 'text',
    head_position: 'integer',
    first_recorded_at: 'text',
    last_recorded_at: 'text',
  },
  primaryKey: ['stream_id'],
  indexes: [['stream_key'], ['stream_type']],
  key: (event) => event.streamId,
  evolve: (row, event) => ({
    stream_id: event.streamId,
    stream_key: event.streamId,
    stream_type: event.streamId.includes('-') ? event.streamId.slice(0, event.streamId.indexOf('-')) : event.streamId,
    events: (row?.events ?? 0) + 1,
    last_revision: event.streamRevision,
    last_type: event.type,
    head_position: event.globalPosition,
    first_recorded_at: row?.first_recorded_at ?? event.metadata.recordedAt,
    last_recorded_at: event.metadata.recordedAt,
  }),
});

/** Streams whose id starts with `prefix`, in id order, after `after` (keyset), at most `limit`. */
export async function streamsOf(store: ReadModelStore, query: { prefix?: string; after?: string; limit: number }): Promise<StreamIndexRow[]> {
  return (await store.list(streamIndex, {
    where: { ...(query.prefix ? { stream_id: { startsWith: query.prefix } } : {}), ...(query.after !== undefined ? { stream_key: { gt: query.after } } : {}) },
    orderBy: ['stream_key'],
    limit: query.limit,
  })) as StreamIndexRow[];
}
