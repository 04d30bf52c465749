import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@auxledger/application';
import { type EventStore, type TreeCheckpoint, isMerkleLogStore, verifyCheckpoint, verifyLog } from '@auxledger/event-store';
import type { Principal } from '../auth/principal';
import { CLOCK, EVENT_STORE } from '../infrastructure/tokens';
import { CheckpointService } from './checkpoint.service';
import { type VerificationRun, VerificationRuns } from './verification-runs';

/** Events per read while verifying: small enough that a batch holds the event loop for tens of milliseconds, not seconds. */
const VERIFY_BATCH = 500;

/**
 * The store as `verifyLog` reads it, giving the event loop a turn before each
 * batch: SQLite answers at once, so without it a verification of the whole log
 * would hold the API for its whole length (every other request waiting).
 */
function yieldingReads(store: EventStore): EventStore {
  const turn = () => new Promise<void>((done) => setImmediate(done));
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (property === 'readAll' || property === 'merkleNodes') {
        return async (...args: unknown[]) => {
          await turn();
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

/** The verification state: the last run the API recorded, and the latest signed checkpoint the log holds. */
export interface VerificationStateAnswer {
  lastRun: VerificationRun | null;
  checkpoint: { treeSize: number; rootHash: string; signedAt: string } | null;
}

/**
 * Verifies the log as `auxledger verify` does — every hash link, the log
 * digest, the stored Merkle tree node by node — and against the latest signed
 * checkpoint the log holds (its signature checked with the deployment's key
 * first), then records the run. One run at a time: a second request waits
 * for the first.
 */
@Injectable()
export class VerificationService {
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly checkpoints: CheckpointService,
    private readonly runs: VerificationRuns,
  ) {}

  verify(principal: Principal): Promise<VerificationRun> {
    const next = this.running.catch(() => undefined).then(() => this.run(principal));
    this.running = next;
    return next;
  }

  async state(): Promise<VerificationStateAnswer> {
    const latest = isMerkleLogStore(this.store) ? await this.store.latestCheckpoint() : null;
    return { lastRun: await this.runs.latest(), checkpoint: latest ? { treeSize: latest.treeSize, rootHash: latest.rootHash, signedAt: latest.signedAt } : null };
  }

  private async run(principal: Principal): Promise<VerificationRun> {
    const startedAt = this.clock.now().toISOString();
    const stored = isMerkleLogStore(this.store) ? await this.store.latestCheckpoint() : null;
    const problems: VerificationRun['problems'] = [];
    const against: TreeCheckpoint[] = [];
    if (stored) {
      try {
        const checked = verifyCheckpoint(stored.note, [this.checkpoints.signer]);
        against.push({ treeSize: checked.treeSize, rootHash: checked.rootHash, label: `signed ${stored.signedAt}` });
      } catch (error) {
        problems.push({ kind: 'CHECKPOINT_SIGNATURE_INVALID', message: error instanceof Error ? error.message : String(error), globalPosition: null, streamId: null });
      }
    }
    const report = await verifyLog(yieldingReads(this.store), { batchSize: VERIFY_BATCH, ...(against.length > 0 ? { checkpoints: against } : {}) });
    for (const b of report.breaks) problems.push({ kind: b.kind, message: b.message, globalPosition: b.globalPosition ?? null, streamId: b.streamId ?? null });
    const result = report.treeCheckpoints[0];
    const run: VerificationRun = {
      id: randomUUID(),
      startedAt,
      finishedAt: this.clock.now().toISOString(),
      by: { keyId: principal.keyId, name: principal.name, role: principal.role },
      ok: report.ok && problems.length === 0,
      headPosition: report.checkpoint.position,
      eventsChecked: report.eventsChecked,
      streamsChecked: report.streamsChecked,
      treeSize: report.treeHead.treeSize,
      rootHash: report.treeHead.rootHash,
      againstCheckpoint: stored ? { treeSize: stored.treeSize, rootHash: stored.rootHash, signedAt: stored.signedAt, matches: result?.matches ?? false } : null,
      storedTree: report.storedTree,
      problems,
    };
    await this.runs.record(run);
    return run;
  }
}
