import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PostgresReadModelStore, type ReadModelStore, SqliteReadModelStore } from '@auxledger/projection-engine';
import { READ_MODELS_PROJECTOR } from '@auxledger/read-models';
import type { ReadModelsConfig } from '../config/api-config';

/**
 * The projector's name: its checkpoints in `projection_checkpoints`. The same
 * as the CLI's (`auxledger project`), so that either may keep the read models
 * the API reads.
 */
export const PROJECTOR_NAME = READ_MODELS_PROJECTOR;

/** Opens the read models: a SQLite file (its folder created), or a schema of the PostgreSQL database. */
export async function openReadModelStore(config: ReadModelsConfig): Promise<ReadModelStore> {
  if (config.kind === 'sqlite') {
    mkdirSync(dirname(config.path), { recursive: true });
    return new SqliteReadModelStore({ path: config.path });
  }
  return PostgresReadModelStore.open({ connectionString: config.url, schema: config.schema });
}

/** Where the read models are, for the start-up line, without a password. */
export function describeReadModels(config: ReadModelsConfig): string {
  if (config.kind === 'sqlite') return `SQLite ${config.path}`;
  return `PostgreSQL schema ${config.schema}`;
}
