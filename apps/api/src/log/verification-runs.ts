import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import Database from 'better-sqlite3';
import { Pool } from 'pg';
import { applySqlitePragmas } from '@auxledger/event-store';
import type { ApiConfig } from '../config/api-config';
import { API_CONFIG } from '../infrastructure/tokens';

/** One verification of the log the API ran: who asked, when, and what it found. */
export interface VerificationRun {
  id: string;
  startedAt: string;
  finishedAt: string;
  by: { keyId: string; name: string; role: string };
  ok: boolean;
  /** The log's last global position the run read. */
  headPosition: number;
  eventsChecked: number;
  streamsChecked: number;
  /** The Merkle tree head as read (RFC 9162 root, base64). */
  treeSize: number;
  rootHash: string;
  /** The stored signed checkpoint the log was checked against (its signature checked first), or null when none was stored. */
  againstCheckpoint: { treeSize: number; rootHash: string; signedAt: string; matches: boolean } | null;
  /** Whether the store's own Merkle tree was compared node by node. */
  storedTree: 'compared' | 'none';
  /** Each break found (at most 100): kind, where, and what. */
  problems: Array<{ kind: string; message: string; globalPosition: number | null; streamId: string | null }>;
}

const SQLITE_DDL = `
CREATE TABLE IF NOT EXISTS api_verification_runs (
  id TEXT PRIMARY KEY,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  ok INTEGER NOT NULL,
  run TEXT NOT NULL
);
`;

const PG_DDL = `
CREATE SCHEMA IF NOT EXISTS auxledger;
CREATE TABLE IF NOT EXISTS auxledger.api_verification_runs (
  id text PRIMARY KEY,
  seq bigserial NOT NULL,
  started_at timestamptz NOT NULL,
  finished_at timestamptz NOT NULL,
  ok boolean NOT NULL,
  run jsonb NOT NULL
);
CREATE INDEX IF NOT EXISTS api_verification_runs_seq ON auxledger.api_verification_runs (seq);`;

/**
 * The verifications of the log the API ran (`POST /api/log/verify`), in the
 * API's own table `api_verification_runs` beside the event log (SQLite: its
 * file, a connection of its own; PostgreSQL: schema `auxledger`). Not a
 * record of the regulation — the log is — but of who checked the log, when,
 * and what was found.
 */
@Injectable()
export class VerificationRuns implements OnModuleInit, OnApplicationShutdown {
  private sqlite: Database.Database | undefined;
  private pool: Pool | undefined;

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {}

  async onModuleInit(): Promise<void> {
    const store = this.config.store;
    if (store.kind === 'sqlite') {
      this.sqlite = new Database(store.path);
      applySqlitePragmas(this.sqlite);
      this.sqlite.exec(SQLITE_DDL);
      return;
    }
    const pool = new Pool({ connectionString: store.url, max: 1, connectionTimeoutMillis: 10_000, application_name: 'auxledger-api-verify' });
    pool.on('error', () => undefined);
    const client = await pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock(hashtext($1))', ['auxledger-api-ddl']);
      try {
        await client.query(PG_DDL);
      } finally {
        await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['auxledger-api-ddl']);
      }
    } finally {
      client.release();
    }
    this.pool = pool;
  }

  async record(run: VerificationRun): Promise<void> {
    if (this.sqlite) {
      this.sqlite.prepare('INSERT INTO api_verification_runs (id, started_at, finished_at, ok, run) VALUES (?, ?, ?, ?, ?)').run(run.id, run.startedAt, run.finishedAt, run.ok ? 1 : 0, JSON.stringify(run));
      return;
    }
    await this.pool?.query('INSERT INTO auxledger.api_verification_runs (id, started_at, finished_at, ok, run) VALUES ($1, $2, $3, $4, $5)', [run.id, run.startedAt, run.finishedAt, run.ok, JSON.stringify(run)]);
  }

  /** The run recorded last, or null when the API never verified the log. */
  async latest(): Promise<VerificationRun | null> {
    if (this.sqlite) {
      const row = this.sqlite.prepare('SELECT run FROM api_verification_runs ORDER BY rowid DESC LIMIT 1').get() as { run: string } | undefined;
      return row ? (JSON.parse(row.run) as VerificationRun) : null;
    }
    const result = await this.pool?.query<{ run: VerificationRun }>('SELECT run FROM auxledger.api_verification_runs ORDER BY seq DESC LIMIT 1');
    return result?.rows[0]?.run ?? null;
  }

  async onApplicationShutdown(): Promise<void> {
    this.sqlite?.close();
    await this.pool?.end();
  }
}
