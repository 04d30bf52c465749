import { basename, dirname, extname, join } from 'node:path';
import type { EventStore } from '../port';
import { type SignerKey, parseCheckpoint, signCheckpoint } from './checkpoint';
import { type StoredCheckpoint, isMerkleLogStore, openMerkleTree } from './merkle-log';

/** The log's identity when the deployment names none (AUXLEDGER_LOG_ORIGIN): set your own, e.g. `auxledger.gat.nmg/ulanqab`. */
export const DEFAULT_LOG_ORIGIN = 'auxledger.local/log';

/** Beside the SQLite log, named after it (`data/auxledger.db` → `data/auxledger.signing.key`); for PostgreSQL, `./data/auxledger.signing.key`. */
export const defaultSigningKeyPath = (sqliteLogPath: string | null): string =>
  sqliteLogPath === null ? join('data', 'auxledger.signing.key') : join(dirname(sqliteLogPath), `${basename(sqliteLogPath, extname(sqliteLogPath))}.signing.key`);

/**
 * Signs a checkpoint of the log as it is now (or of its first `size` events)
 * and, where the store keeps checkpoints, stores it there.
 */
export async function signLogCheckpoint(store: EventStore, signer: SignerKey, now: Date, options: { size?: number; save?: boolean } = {}): Promise<StoredCheckpoint> {
  const tree = await openMerkleTree(store);
  const treeSize = options.size ?? (await tree.size());
  const rootHash = await tree.rootHash(treeSize);
  const signedAt = now.toISOString();
  const note = signCheckpoint({ treeSize, rootHash, time: signedAt }, signer);
  const checkpoint: StoredCheckpoint = { treeSize, rootHash: parseCheckpoint(note).rootHash.toString('base64'), note, signedAt };
  if (options.save !== false && isMerkleLogStore(store)) await store.saveCheckpoint(checkpoint);
  return checkpoint;
}
