import { Inject } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { type EventStore, type StoredCheckpoint, leafHash, openMerkleTree } from '@auxledger/event-store';
import type { Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { EVENT_STORE } from '../infrastructure/tokens';
import { CheckpointService } from './checkpoint.service';
import type { InclusionProofRequestDto } from './log.request.dto';

/** The latest signed checkpoint and the key it verifies with. */
export interface CheckpointAnswer {
  /** The signed note (C2SP tlog-checkpoint): keep it as it is, byte for byte. */
  checkpoint: string;
  origin: string;
  treeSize: number;
  /** RFC 9162 root of the first `treeSize` events, base64. */
  rootHash: string;
  signedAt: string;
  /** The verifier key, `<name>+<key id>+<base64 Ed25519 key>`: compare it with the one you keep. */
  publicKey: string;
}

export interface InclusionProofAnswer {
  event: { eventId: string; globalPosition: number; streamId: string; streamRevision: number; type: string; hash: string };
  /** 0-based leaf index (global position − 1). */
  leafIndex: number;
  treeSize: number;
  /** SHA-256(0x00 ‖ the 32 bytes of the event hash), base64. */
  leafHash: string;
  /** RFC 9162 §2.1.3 inclusion path, leaf side first, base64. */
  proof: string[];
  rootHash: string;
  /** The signed checkpoint of `treeSize` events when one is stored (always when `treeSize` was not given). */
  checkpoint: string | null;
  publicKey: string;
}

export class GetLatestCheckpoint extends Query<CheckpointAnswer> {
  constructor(readonly principal: Principal) {
    super();
  }
}

export class GetInclusionProof extends Query<InclusionProofAnswer> {
  constructor(
    readonly params: InclusionProofRequestDto,
    readonly principal: Principal,
  ) {
    super();
  }
}

const answer = (c: StoredCheckpoint, publicKey: string): CheckpointAnswer => ({
  checkpoint: c.note,
  origin: c.note.slice(0, c.note.indexOf('\n')),
  treeSize: c.treeSize,
  rootHash: c.rootHash,
  signedAt: c.signedAt,
  publicKey,
});

@QueryHandler(GetLatestCheckpoint)
export class GetLatestCheckpointHandler implements IQueryHandler<GetLatestCheckpoint> {
  constructor(private readonly checkpoints: CheckpointService) {}

  async execute(): Promise<CheckpointAnswer> {
    return answer(await this.checkpoints.latest(), this.checkpoints.signer.text);
  }
}

/** An inclusion proof for one event: an auditor checks one person's history against a signed checkpoint, without the log. */
@QueryHandler(GetInclusionProof)
export class GetInclusionProofHandler implements IQueryHandler<GetInclusionProof> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly checkpoints: CheckpointService,
  ) {}

  async execute({ params }: GetInclusionProof): Promise<InclusionProofAnswer> {
    const tree = await openMerkleTree(this.store);
    const found = await tree.findLeaf(/^\d+$/.test(params.event) ? { position: Number(params.event) } : { eventId: params.event });
    if (!found) throw new AppError('NOT_FOUND', 'EVENT_NOT_FOUND', { zh: `记录库中没有事件 ${params.event}`, en: `No event ${params.event} in the log` }, { event: params.event });
    let checkpoint: StoredCheckpoint | null = null;
    let treeSize = params.treeSize;
    if (treeSize === undefined) {
      checkpoint = await this.checkpoints.latest();
      if (checkpoint.treeSize <= found.leafIndex) checkpoint = await this.checkpoints.writeNow();
      treeSize = checkpoint.treeSize;
    }
    const size = await tree.size();
    if (treeSize > size || treeSize <= found.leafIndex) {
      throw new AppError(
        'INVALID_INPUT',
        'TREE_SIZE_OUT_OF_RANGE',
        {
          zh: `treeSize 须在 ${found.leafIndex + 1} 与 ${size} 之间（事件是第 ${found.leafIndex + 1} 个，日志共 ${size} 个事件）`,
          en: `treeSize must lie between ${found.leafIndex + 1} and ${size} (the event is the ${found.leafIndex + 1}th; the log holds ${size})`,
        },
        { treeSize, min: found.leafIndex + 1, max: size },
      );
    }
    const [proof, root] = await Promise.all([tree.inclusionProof(found.leafIndex, treeSize), tree.rootHash(treeSize)]);
    const { event } = found;
    return {
      event: { eventId: event.eventId, globalPosition: event.globalPosition, streamId: event.streamId, streamRevision: event.streamRevision, type: event.type, hash: event.metadata.hash },
      leafIndex: found.leafIndex,
      treeSize,
      leafHash: leafHash(event.metadata.hash).toString('base64'),
      proof: proof.map((p) => p.toString('base64')),
      rootHash: root.toString('base64'),
      checkpoint: checkpoint?.note ?? null,
      publicKey: this.checkpoints.signer.text,
    };
  }
}
