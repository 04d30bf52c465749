import type { ReadModel } from './model';

/**
 * Names of a read model's objects (docs/read-models.md):
 * - `<model>`: the view readers and reporting tools query (stable);
 * - `<model>__g<N>`: generation N's table;
 * - `<model>__g<N>__events`: a temporal model's event references (internal);
 * - `projection_events`: the events those references point to, each once for every model and generation (internal);
 * - `projection_checkpoints`: one row per projector generation.
 */
export const CHECKPOINT_TABLE = 'projection_checkpoints';
/** The events temporal models' references point to, by global position: one copy of each, shared by every model and generation. */
export const EVENTS_TABLE = 'projection_events';

export const viewName = (model: Pick<ReadModel, 'name'>): string => model.name;
export const tableName = (model: Pick<ReadModel, 'name'>, generation: number): string => `${model.name}__g${generation}`;
export const refsTableName = (model: Pick<ReadModel, 'name'>, generation: number): string => `${model.name}__g${generation}__events`;

/** Every table of a model in a generation. */
export function tablesOf(model: Pick<ReadModel, 'name' | 'kind'>, generation: number): string[] {
  return model.kind === 'temporal' ? [tableName(model, generation), refsTableName(model, generation)] : [tableName(model, generation)];
}

const PROJECTOR = /^[a-z][a-z0-9_]{0,39}$/;

export function checkProjectorName(name: string): void {
  if (!PROJECTOR.test(name)) throw new Error(`projector name must match ${PROJECTOR} (got ${JSON.stringify(name)})`);
}
