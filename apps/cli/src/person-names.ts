import { existsSync } from 'node:fs';
import { PersonIdentity, envelopeOf, fold, streamIdOf } from '@auxledger/domain';
import { IdentityVault, SqlitePeopleKeyStore, identityFiles, readSecret } from '@auxledger/identity';
import type { ReadModelStore } from '@auxledger/projection-engine';
import { personFileModel } from '@auxledger/read-models';
import { CliError, UsageError } from './cli-error';
import { openLog } from './open-log';

export interface NameOptions {
  /** The SQLite log, whose identity streams hold the sealed records. */
  db?: string;
  /** Who reads (recorded in each access record as `cli:<user>`). */
  actor?: string;
  peopleDb?: string;
  wrapKey?: string;
}

/** A person as the CLI shows them: the name, or that it was shredded. */
export type ShownName = { status: 'READABLE'; name: string; idNumberMasked: string } | { status: 'SHREDDED'; name: null; idNumberMasked: null };

/** Reads names by person key for one reader, each person's read recorded once; close() when done. */
export interface NameReader {
  nameOf(personKey: string, organId: string | null): Promise<ShownName | null>;
  close(): Promise<void>;
}

/**
 * Opens the key store beside the log for one reader (`cli:<user>`, role
 * `cli`): each person's identity record folded from the log, opened masked,
 * the read recorded in the key store's access records (once per person for
 * this reader); null for a person without an identity record (client keys).
 */
export async function openNameReader(options: NameOptions & { flag: string }): Promise<NameReader> {
  if (!options.db) throw new UsageError('DB_REQUIRED', { zh: '显示姓名须以 --db <文件> 指定事件记录库（身份记录在其中）', en: 'names need the event log: --db <file> (the identity records are in it)' });
  if (!options.actor) throw new UsageError('ACTOR_REQUIRED', { zh: `查看姓名会被记录：须以 ${options.flag} <用户> 说明是谁`, en: `reading names is recorded: say who you are with ${options.flag} <user>` });
  const files = identityFiles(process.env, options.db);
  const keyStorePath = options.peopleDb ?? files.keyStorePath;
  const wrapKeyPath = options.wrapKey ?? files.wrapKeyPath;
  if (!existsSync(keyStorePath)) throw new CliError('KEY_STORE_NOT_FOUND', { zh: `没有数据密钥库 ${keyStorePath}（--people-db 或 AUXLEDGER_PEOPLE_DB）`, en: `no key store at ${keyStorePath} (--people-db or AUXLEDGER_PEOPLE_DB)` });
  if (!existsSync(wrapKeyPath)) throw new CliError('WRAP_KEY_NOT_FOUND', { zh: `没有封装密钥文件 ${wrapKeyPath}（--wrap-key 或 AUXLEDGER_DATA_KEY_WRAP_KEY）`, en: `no wrap-key file at ${wrapKeyPath} (--wrap-key or AUXLEDGER_DATA_KEY_WRAP_KEY)` });
  const keys = new SqlitePeopleKeyStore(keyStorePath, readSecret(wrapKeyPath, 'data-key wrap key'));
  const vault = new IdentityVault(Buffer.alloc(32), keys);
  const log = await openLog({ db: options.db });
  const seen = new Map<string, ShownName | null>();
  const reader = `cli:${options.actor}`;
  return {
    async nameOf(personKey, organId) {
      if (seen.has(personKey)) return seen.get(personKey) ?? null;
      const events = await log.readStream(streamIdOf(PersonIdentity, personKey));
      const state = fold(PersonIdentity, events.map((e) => envelopeOf(e)) as never);
      let shown: ShownName | null = null;
      if (state.status === 'RECORDED') {
        const read = await vault.readMasked(personKey, state.sealed, { keyId: reader, role: 'cli', organId }, new Date());
        shown = read === 'SHREDDED' ? { status: 'SHREDDED', name: null, idNumberMasked: null } : { status: 'READABLE', name: read.name, idNumberMasked: read.idNumberMasked };
      }
      seen.set(personKey, shown);
      return shown;
    },
    async close() {
      await log.close();
      await keys.close();
    },
  };
}

/**
 * The names of the auxiliaries listed (ADR 0006), for one who holds the
 * deployment's key store: each person's identity record folded from the log,
 * opened masked (the name, the ID number masked), and every read recorded in
 * the key store's access records — who (`cli:<user>`, role `cli`), when,
 * which fields, as which organ — as the API records its reads. Auxiliaries
 * registered before identities existed have no name (absent from the map).
 */
export async function namesOf(readModels: ReadModelStore, entries: ReadonlyArray<{ auxiliary_id: string; using_organ_id: string }>, asOf: string, options: NameOptions): Promise<Map<string, ShownName>> {
  if (!options.db) throw new UsageError('DB_REQUIRED', { zh: '显示姓名须以 --db <文件> 指定事件记录库（身份记录在其中）', en: 'names need the event log: --db <file> (the identity records are in it)' });
  if (!options.actor) throw new UsageError('ACTOR_REQUIRED', { zh: '查看姓名会被记录：须以 --actor <用户> 说明是谁', en: 'reading names is recorded: say who you are with --actor <user>' });
  const files = identityFiles(process.env, options.db);
  const keyStorePath = options.peopleDb ?? files.keyStorePath;
  const wrapKeyPath = options.wrapKey ?? files.wrapKeyPath;
  if (!existsSync(keyStorePath)) throw new CliError('KEY_STORE_NOT_FOUND', { zh: `没有数据密钥库 ${keyStorePath}（--people-db 或 AUXLEDGER_PEOPLE_DB）`, en: `no key store at ${keyStorePath} (--people-db or AUXLEDGER_PEOPLE_DB)` });
  if (!existsSync(wrapKeyPath)) throw new CliError('WRAP_KEY_NOT_FOUND', { zh: `没有封装密钥文件 ${wrapKeyPath}（--wrap-key 或 AUXLEDGER_DATA_KEY_WRAP_KEY）`, en: `no wrap-key file at ${wrapKeyPath} (--wrap-key or AUXLEDGER_DATA_KEY_WRAP_KEY)` });
  const keys = new SqlitePeopleKeyStore(keyStorePath, readSecret(wrapKeyPath, 'data-key wrap key'));
  // Reading needs no person-key secret: the vault makes no key here.
  const vault = new IdentityVault(Buffer.alloc(32), keys);
  const log = await openLog({ db: options.db });
  const names = new Map<string, ShownName>();
  try {
    if (entries.length === 0) return names;
    const rows = (await readModels.asOf(personFileModel, asOf, { where: { auxiliary_id: entries.map((e) => e.auxiliary_id) } })) as unknown as Array<{ auxiliary_id: string; person_key: string }>;
    const keyOf = new Map(rows.map((r) => [r.auxiliary_id, r.person_key]));
    const now = new Date();
    for (const entry of entries) {
      const personKey = keyOf.get(entry.auxiliary_id);
      if (!personKey) continue;
      const events = await log.readStream(streamIdOf(PersonIdentity, personKey));
      const state = fold(PersonIdentity, events.map((e) => envelopeOf(e)) as never);
      if (state.status !== 'RECORDED') continue;
      const shown = await vault.readMasked(personKey, state.sealed, { keyId: `cli:${options.actor}`, role: 'cli', organId: entry.using_organ_id }, now);
      names.set(entry.auxiliary_id, shown === 'SHREDDED' ? { status: 'SHREDDED', name: null, idNumberMasked: null } : { status: 'READABLE', name: shown.name, idNumberMasked: shown.idNumberMasked });
    }
    return names;
  } finally {
    await log.close();
    await keys.close();
  }
}
