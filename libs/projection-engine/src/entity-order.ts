import type { RecordedEvent } from '@auxledger/event-store';
import { ModelDefinitionError, type TemporalModel, handlesEvent } from './model';

/** The entities a temporal model files an event under, each once (none: the model does not keep it). */
export function entitiesOf(model: TemporalModel, event: RecordedEvent): string[] {
  if (!handlesEvent(model, event)) return [];
  const ids = model.entity(event);
  if (ids === null || ids === undefined) return [];
  const list = typeof ids === 'string' ? [ids] : [...new Set<string>(ids)];
  for (const id of list) {
    if (typeof id !== 'string' || id.length === 0) throw new ModelDefinitionError(`read model ${model.name}: entity ids are non-empty strings`);
  }
  return list;
}

/** One entity's events, by global position (ascending, each once). */
export interface EntityEvents {
  entity: string;
  positions: number[];
}

const POSITION_SPAN = 2 ** 32;
/** Entities × positions must stay below 2^53 (exact in a double): 2^21 entities of up to 2^32 positions. */
const MAX_ENTITIES = 2 ** 21;

/**
 * Which events each entity has, noted in log order during a rebuild's first
 * pass and given back entity by entity in key order (the order of the
 * tables' primary keys), so that the second pass writes each table's rows
 * in the order of its B-tree: appended, not inserted all over it. Memory is
 * 8 bytes a (entity, event) pair, however many models file the event under
 * the entity, and one string and one number an entity.
 */
export class EntityPositions {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  /** Each entity's last position added: the models that file an event under the same entity (the roster, the person file) add it once. */
  private readonly last: number[] = [];
  private pairs = new Float64Array(1 << 16);
  private size = 0;

  add(entity: string, position: number): void {
    if (this.pairs.length === 0) throw new Error('EntityPositions: no entity may be added once their chunks are given');
    if (!(Number.isSafeInteger(position) && position >= 0 && position < POSITION_SPAN)) throw new Error(`position out of range: ${position}`);
    let id = this.ids.get(entity);
    if (id === undefined) {
      id = this.names.length;
      if (id >= MAX_ENTITIES) throw new Error(`a rebuild keeps at most ${MAX_ENTITIES} entities in its temporal models`);
      this.ids.set(entity, id);
      this.names.push(entity);
      this.last.push(-1);
    } else if (this.last[id] === position) return;
    this.last[id] = position;
    if (this.size === this.pairs.length) {
      const grown = new Float64Array(this.pairs.length * 2);
      grown.set(this.pairs);
      this.pairs = grown;
    }
    this.pairs[this.size++] = id * POSITION_SPAN + position;
  }

  get entities(): number {
    return this.names.length;
  }

  /** The (entity, event) pairs held: 8 bytes each. */
  get pairCount(): number {
    return this.size;
  }

  /**
   * The entities in key order (by code unit, as SQLite's and the C
   * collation's byte order for the ASCII ids in use; any order would be
   * right, this one is fast), in chunks of at least `positions` events
   * (an entity is never split), each with its positions ascending. Once:
   * it sorts the pairs where they are.
   */
  *chunks(positions: number): Generator<EntityEvents[]> {
    const order = this.names.map((_, i) => i).sort((a, b) => {
      const x = this.names[a] as string;
      const y = this.names[b] as string;
      return x < y ? -1 : x > y ? 1 : 0;
    });
    const rank = new Float64Array(this.names.length);
    order.forEach((id, r) => {
      rank[id] = r;
    });
    // No entity is added from here on: the map goes, and the pairs become sort keys in place (no second copy).
    this.ids.clear();
    this.last.length = 0;
    const keys = this.pairs.subarray(0, this.size);
    for (let i = 0; i < keys.length; i++) {
      const pair = keys[i] as number;
      const id = Math.floor(pair / POSITION_SPAN);
      keys[i] = (rank[id] as number) * POSITION_SPAN + (pair - id * POSITION_SPAN);
    }
    this.pairs = new Float64Array(0);
    this.size = 0;
    keys.sort();
    let chunk: EntityEvents[] = [];
    let inChunk = 0;
    let current: EntityEvents | undefined;
    let currentRank = -1;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i] as number;
      const r = Math.floor(key / POSITION_SPAN);
      const position = key - r * POSITION_SPAN;
      if (r !== currentRank) {
        if (current && inChunk >= positions) {
          yield chunk;
          chunk = [];
          inChunk = 0;
        }
        currentRank = r;
        current = { entity: this.names[order[r] as number] as string, positions: [] };
        chunk.push(current);
      }
      const list = (current as EntityEvents).positions;
      if (list[list.length - 1] !== position) {
        list.push(position);
        inChunk++;
      }
    }
    if (chunk.length > 0) yield chunk;
  }
}
