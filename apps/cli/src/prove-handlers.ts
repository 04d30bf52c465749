import { writeFileSync } from 'node:fs';
import { eventHash, leafHash, metadataInput, openMerkleTree, verifyConsistency, verifyInclusion } from '@auxledger/event-store';
import { type SigningKeyOptions, bilingual, loadSigner, readSignedCheckpoint, verifierKeys } from './checkpoint-keys';
import { CliError, UsageError } from './cli-error';
import { type LogLocation, openLog } from './open-log';
import type { Output } from './output';

/**
 * The work of signing-key and prove inclusion | consistency (registered by
 * prove-commands.ts, loaded only when one of them runs).
 */

export type ProveOptions = LogLocation & SigningKeyOptions & { key?: string[]; json?: boolean };

export function signingKeyCommand(options: SigningKeyOptions & LogLocation & { out?: string }, io: Output): number {
  const signer = loadSigner(options);
  if (options.out) writeFileSync(options.out, `${signer.text}\n`);
  io.out(options.out ? `public key written to ${options.out}: ${signer.text}\n` : `${signer.text}\n`);
  return 0;
}

export async function proveInclusionCommand(ref: string, options: ProveOptions & { checkpoint: string }, io: Output): Promise<number> {
  const keys = verifierKeys(options, io);
  const checkpoint = readSignedCheckpoint(options.checkpoint, keys);
  const store = await openLog(options);
  try {
    const tree = await openMerkleTree(store);
    const size = await tree.size();
    if (size < checkpoint.treeSize) throw truncated(size, checkpoint.treeSize);
    const found = await tree.findLeaf(/^\d{1,15}$/.test(ref) ? { position: Number(ref) } : { eventId: ref });
    if (!found) throw new CliError('EVENT_NOT_FOUND', { zh: `记录库中没有事件 ${ref}`, en: `no event ${ref} in the log` });
    const { leafIndex, event } = found;
    if (leafIndex >= checkpoint.treeSize) {
      throw new CliError('PROOF_OUT_OF_RANGE', {
        zh: `事件 ${ref}（第 ${leafIndex + 1} 个）晚于检查点（${checkpoint.treeSize} 个事件）：请用更新的检查点`,
        en: `event ${ref} (the ${leafIndex + 1}th) came after the checkpoint of ${checkpoint.treeSize} events: use a later checkpoint`,
      });
    }
    const proof = await tree.inclusionProof(leafIndex, checkpoint.treeSize);
    const leaf = leafHash(event.metadata.hash);
    const contentMatches = eventHash({ ...event, metadata: metadataInput(event.metadata) }, event.metadata.prevHash) === event.metadata.hash;
    const included = verifyInclusion(leafIndex, checkpoint.treeSize, leaf, proof, checkpoint.rootHash);
    const ok = included && contentMatches;
    if (options.json) {
      io.out(
        `${JSON.stringify(
          {
            verified: ok,
            contentMatchesHash: contentMatches,
            checkpoint: { origin: checkpoint.origin, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash.toString('base64'), time: checkpoint.time, signedBy: checkpoint.signedBy.text },
            event: { eventId: event.eventId, globalPosition: event.globalPosition, streamId: event.streamId, streamRevision: event.streamRevision, type: event.type, hash: event.metadata.hash },
            leafIndex,
            leafHash: leaf.toString('base64'),
            proof: proof.map((p) => p.toString('base64')),
          },
          null,
          2,
        )}\n`,
      );
    } else {
      io.out(
        [
          `event ${event.eventId} at position ${event.globalPosition} (${event.streamId} revision ${event.streamRevision}, ${event.type})`,
          `checkpoint ${checkpoint.origin}, ${checkpoint.treeSize} events, root ${checkpoint.rootHash.toString('base64')}${checkpoint.time ? `, signed ${checkpoint.time}` : ''}`,
          `leaf ${leafIndex}: SHA-256(0x00 ‖ event hash ${event.metadata.hash}) = ${leaf.toString('base64')}`,
          `inclusion proof (RFC 9162 §2.1.3), ${proof.length} hashes:`,
          ...proof.map((p, i) => `  ${i + 1}. ${p.toString('base64')}`),
          contentMatches ? 'content: gives its stored hash' : 'content: EDITED — does not give its stored hash',
          included ? 'verified: the proof leads from this event to the signed root' : 'NOT VERIFIED: the proof does not lead from this event to the signed root — the log was rewritten since the checkpoint',
          '',
        ].join('\n'),
      );
    }
    return ok ? 0 : 1;
  } catch (error) {
    throw bilingual(error);
  } finally {
    await store.close();
  }
}

export async function proveConsistencyCommand(options: ProveOptions & { from: string; to: string }, io: Output): Promise<number> {
  const keys = verifierKeys(options, io);
  const from = readSignedCheckpoint(options.from, keys);
  const to = readSignedCheckpoint(options.to, keys);
  if (from.treeSize > to.treeSize) {
    throw new UsageError('CHECKPOINTS_REVERSED', { zh: `--from（${from.treeSize} 个事件）须不大于 --to（${to.treeSize} 个事件）`, en: `--from (${from.treeSize} events) must not be larger than --to (${to.treeSize} events)` });
  }
  const store = await openLog(options);
  try {
    const tree = await openMerkleTree(store);
    const size = await tree.size();
    if (size < to.treeSize) throw truncated(size, to.treeSize);
    const proof = from.treeSize === 0 ? [] : await tree.consistencyProof(from.treeSize, to.treeSize);
    const ok = verifyConsistency(from.treeSize, to.treeSize, from.rootHash, to.rootHash, proof);
    if (options.json) {
      io.out(
        `${JSON.stringify(
          {
            verified: ok,
            from: { treeSize: from.treeSize, rootHash: from.rootHash.toString('base64'), time: from.time },
            to: { treeSize: to.treeSize, rootHash: to.rootHash.toString('base64'), time: to.time },
            proof: proof.map((p) => p.toString('base64')),
          },
          null,
          2,
        )}\n`,
      );
    } else {
      io.out(
        [
          `from ${from.file}: ${from.treeSize} events, root ${from.rootHash.toString('base64')}${from.time ? `, signed ${from.time}` : ''}`,
          `to   ${to.file}: ${to.treeSize} events, root ${to.rootHash.toString('base64')}${to.time ? `, signed ${to.time}` : ''}`,
          `consistency proof (RFC 9162 §2.1.4), ${proof.length} hashes:`,
          ...proof.map((p, i) => `  ${i + 1}. ${p.toString('base64')}`),
          ok
            ? `verified: the log of ${to.treeSize} events extends the log of ${from.treeSize} — nothing in the first ${from.treeSize} was rewritten or removed`
            : `NOT CONSISTENT: the log of ${to.treeSize} events does not extend the log of ${from.treeSize} — events up to ${from.treeSize} were rewritten, removed or reordered between the two checkpoints (or the log was since)`,
          '',
        ].join('\n'),
      );
    }
    return ok ? 0 : 1;
  } catch (error) {
    throw bilingual(error);
  } finally {
    await store.close();
  }
}

const truncated = (size: number, treeSize: number) =>
  new CliError('LOG_TRUNCATED', {
    zh: `记录库只有 ${size} 个事件，而检查点覆盖 ${treeSize} 个：日志被截断`,
    en: `the log holds ${size} events, but the checkpoint covers ${treeSize}: it was truncated`,
  });
