import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Clock } from '@auxledger/application';
import {
  type EventStore,
  type MerkleLogStore,
  type SignerKey,
  type StoredCheckpoint,
  isMerkleLogStore,
  loadOrCreateSigningKey,
  signLogCheckpoint,
} from '@auxledger/event-store';
import { type ApiConfig, type SigningConfig, signingConfig } from '../config/api-config';
import { AppError } from '../errors/app-error';
import { API_CONFIG, CLOCK, EVENT_STORE } from '../infrastructure/tokens';

/** How often the writer looks at the log's size. */
const POLL_MS = 1000;

/**
 * The deployment's checkpoint signing key and the checkpoint writer (ADR 0005).
 * The key file is read, or created on first start (`keyCreated`: main.ts says
 * so and prints the public key). A signed checkpoint of the log is written into
 * the log's database at start when the log grew since the last one, then every
 * `everyEvents` events or `everyMinutes` minutes (when anything was appended),
 * and on demand (`writeNow`).
 */
@Injectable()
export class CheckpointService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Checkpoints');
  private readonly settings: SigningConfig;
  private key: SignerKey | undefined;
  /** True when this process created the key file. */
  keyCreated = false;
  private timer: NodeJS.Timeout | undefined;
  /** Writes are serialized: one at a time, in order. */
  private writing: Promise<unknown> = Promise.resolve();
  private lastWrittenAt = 0;

  constructor(
    @Inject(API_CONFIG) config: ApiConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.settings = config.signing ?? signingConfig({}, config.store);
  }

  onModuleInit(): void {
    const { signer, created } = loadOrCreateSigningKey(this.settings.keyPath, this.settings.origin);
    this.key = signer;
    this.keyCreated = created;
    if (created) this.logger.warn(`Created the checkpoint signing key ${this.settings.keyPath} (public key ${signer.text})`);
  }

  get signer(): SignerKey {
    if (!this.key) throw new Error('the signing key is read when the module starts');
    return this.key;
  }

  get keyPath(): string {
    return this.settings.keyPath;
  }

  async onApplicationBootstrap(): Promise<void> {
    const log = this.merkleLog();
    if (!log) return;
    const latest = await log.latestCheckpoint();
    this.lastWrittenAt = latest ? Date.parse(latest.signedAt) || 0 : 0;
    if ((await log.treeSize()) > (latest?.treeSize ?? 0)) await this.writeNow();
    this.timer = setInterval(() => void this.tick(), POLL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.writing.catch(() => undefined);
  }

  private async tick(): Promise<void> {
    try {
      const log = this.merkleLog();
      if (!log) return;
      const [size, latest] = await Promise.all([log.treeSize(), log.latestCheckpoint()]);
      const since = size - (latest?.treeSize ?? 0);
      const due = since >= this.settings.everyEvents || (since > 0 && Date.now() - this.lastWrittenAt >= this.settings.everyMinutes * 60_000);
      if (due) await this.writeNow();
    } catch (error) {
      this.logger.error(`Writing a checkpoint failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Signs a checkpoint of the log as it is now and stores it. */
  writeNow(): Promise<StoredCheckpoint> {
    const log = this.merkleLog();
    if (!log) {
      return Promise.reject(
        new AppError('UNAVAILABLE', 'NO_MERKLE_TREE', { zh: '此事件存储不保存默克尔树，无法签发检查点', en: 'This event store keeps no Merkle tree: it cannot sign checkpoints' }),
      );
    }
    const next = this.writing.catch(() => undefined).then(async () => {
      const written = await signLogCheckpoint(this.store, this.signer, this.clock.now());
      this.lastWrittenAt = Date.now();
      return written;
    });
    this.writing = next;
    return next;
  }

  /** The latest stored checkpoint; the first one is signed when there is none yet. */
  async latest(): Promise<StoredCheckpoint> {
    const log = this.merkleLog();
    return (await log?.latestCheckpoint()) ?? this.writeNow();
  }

  private merkleLog(): (EventStore & MerkleLogStore) | null {
    return isMerkleLogStore(this.store) ? (this.store as EventStore & MerkleLogStore) : null;
  }
}
