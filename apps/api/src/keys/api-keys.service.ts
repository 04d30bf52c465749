import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import type { Clock } from '@auxledger/application';
import { BOOTSTRAP_KEY_ID, hashSecret, issueKey } from '../auth/api-key';
import type { ApiRole, Principal } from '../auth/principal';
import { verifiedKeys } from '../auth/verified-key-cache';
import type { ApiConfig } from '../config/api-config';
import { AppError } from '../errors/app-error';
import type { ApiKeyRow, ApiTables } from '../infrastructure/api-tables';
import { API_CONFIG, API_TABLES, CLOCK } from '../infrastructure/tokens';

export type PublicKey = Omit<ApiKeyRow, 'salt' | 'hash'>;

const publicView = ({ salt: _salt, hash: _hash, ...rest }: ApiKeyRow): PublicKey => rest;

/** Creating, listing and revoking API keys; and the first admin key from AUXLEDGER_ADMIN_KEY. */
@Injectable()
export class ApiKeysService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ApiKeys');

  constructor(
    @Inject(API_TABLES) private readonly tables: ApiTables,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  /**
   * A first admin key this process generated (no key stored and no
   * AUXLEDGER_ADMIN_KEY): `main.ts` prints it once; it is stored hashed only.
   */
  generatedAdminKey: string | null = null;

  /**
   * On first start (no key at all) the admin key is AUXLEDGER_ADMIN_KEY, or,
   * without it, a new random key shown once; later both are ignored.
   */
  async onApplicationBootstrap(): Promise<void> {
    if ((await this.tables.countKeys()) > 0) return;
    const generated = this.config.adminKey ? null : issueKey();
    const { salt, hash } = hashSecret(generated ? generated.secret : (this.config.adminKey as string));
    const row = generated
      ? { id: generated.id, name: 'first admin (generated on first start)', role: 'admin' as const, organIds: [], salt, hash, createdAt: this.now(), createdBy: null, revokedAt: null }
      : { id: BOOTSTRAP_KEY_ID, name: 'bootstrap admin (AUXLEDGER_ADMIN_KEY)', role: 'admin' as const, organIds: [], salt, hash, createdAt: this.now(), createdBy: null, revokedAt: null };
    // Two processes starting at once: only the first key of an empty table is kept.
    const first = await this.tables.insertFirstKey(row);
    if (!first) return;
    if (generated) {
      this.generatedAdminKey = generated.key;
      this.logger.warn(`No API key existed and AUXLEDGER_ADMIN_KEY was not set: generated the first admin key ${generated.id} (printed once on the console)`);
    } else {
      this.logger.log('Created the first admin key from AUXLEDGER_ADMIN_KEY');
    }
  }

  async create(by: Principal, name: string, role: ApiRole, organIds: string[]): Promise<PublicKey & { key: string }> {
    if (role === 'operator' && organIds.length === 0) {
      throw invalid('OPERATOR_NEEDS_ORGANS', { zh: '操作员密钥须指定至少一个授权机关（organIds）', en: 'An operator key names at least one organ (organIds)' });
    }
    if (role !== 'operator' && organIds.length > 0) {
      throw invalid('ORGANS_FOR_OPERATORS_ONLY', { zh: '只有操作员密钥指定授权机关', en: 'Only operator keys name organs' });
    }
    const issued = issueKey();
    const { salt, hash } = hashSecret(issued.secret);
    const row: ApiKeyRow = { id: issued.id, name, role, organIds: [...new Set(organIds)], salt, hash, createdAt: this.now(), createdBy: by.keyId, revokedAt: null };
    await this.tables.insertKey(row);
    return { ...publicView(row), key: issued.key };
  }

  async list(): Promise<PublicKey[]> {
    return (await this.tables.listKeys()).map(publicView);
  }

  /** Revocations one at a time in this process: two admins revoking each other at once cannot leave none. */
  private revocations: Promise<unknown> = Promise.resolve();

  /**
   * Revokes a key — but never the last active admin key (409
   * LAST_ADMIN_KEY), whoever asks (only an admin can, so it would be that
   * key revoking itself): without an admin key nobody could create or revoke
   * keys again short of editing the database.
   */
  revoke(id: string): Promise<PublicKey> {
    const run = this.revocations.then(() => this.revokeNow(id));
    this.revocations = run.catch(() => undefined);
    return run;
  }

  private async revokeNow(id: string): Promise<PublicKey> {
    const target = await this.tables.findKey(id);
    if (target?.role === 'admin' && target.revokedAt === null) {
      const activeAdmins = (await this.tables.listKeys()).filter((k) => k.role === 'admin' && k.revokedAt === null);
      if (activeAdmins.length <= 1) {
        throw new AppError(
          'CONFLICT',
          'LAST_ADMIN_KEY',
          { zh: `API 密钥 ${id} 是最后一个有效的管理员密钥，不能吊销：请先创建另一个管理员密钥`, en: `API key ${id} is the last active admin key and cannot be revoked: create another admin key first` },
          { id },
        );
      }
    }
    const revoked = await this.tables.revokeKey(id, this.now());
    verifiedKeys(this.tables).forget(id);
    const row = await this.tables.findKey(id);
    if (!revoked || !row) {
      throw new AppError('NOT_FOUND', 'KEY_NOT_FOUND', { zh: `没有有效的 API 密钥 ${id}`, en: `No active API key ${id}` }, { id });
    }
    return publicView(row);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }
}

const invalid = (code: string, message: { zh: string; en: string }) => new AppError('INVALID_INPUT', code, message);
