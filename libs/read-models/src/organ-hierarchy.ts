import type { OrganRegistered } from '@auxledger/domain';
import { type ReadModelStore, defineCurrent } from '@auxledger/projection-engine';

/**
 * The organ tree (current): one row per registered organ with its parent,
 * level, kind and name, and its materialised path `/<root>/…/<organ>/`, so
 * that "the subtree of X" is one indexed query: `path` starts with X's path.
 * Organs never move (the domain has no event for it), so the path is fixed
 * at registration; the parent is registered first (RegisterOrgan refuses
 * otherwise) and its row is read with the same batch (`reads`).
 */
export type OrganHierarchyRow = {
  organ_id: string;
  parent_id: string | null;
  level: string;
  kind: string;
  name: string;
  /** `/nmg/hohhot/xincheng/`: the ancestors, root first, then the organ, each followed by `/`. */
  path: string;
  /** The ancestors' ids, root first (the organ itself excluded). */
  ancestor_ids: string[];
  /** 0 for a root. */
  depth: number;
  registered_on: string;
};

export const organHierarchy = defineCurrent<OrganHierarchyRow>({
  name: 'organ_hierarchy',
  columns: {
    organ_id: 'text',
    parent_id: 'text',
    level: 'text',
    kind: 'text',
    name: 'text',
    path: 'text',
    ancestor_ids: 'json',
    depth: 'integer',
    registered_on: 'date',
  },
  primaryKey: ['organ_id'],
  indexes: [['path'], ['parent_id']],
  handles: ['OrganRegistered'],
  key: (event) => (event.data as OrganRegistered['data']).organId,
  reads: (event) => (event.data as OrganRegistered['data']).parentId,
  evolve: (row, event, _key, read) => {
    if (row) return row; // registered once; a second registration changes nothing
    const d = event.data as OrganRegistered['data'];
    const parent = d.parentId ? (read?.(d.parentId) ?? null) : null;
    const ancestors = parent ? [...parent.ancestor_ids, parent.organ_id] : d.parentId ? [d.parentId] : [];
    return {
      organ_id: d.organId,
      parent_id: d.parentId,
      level: d.level,
      kind: d.kind,
      name: d.name,
      path: `/${[...ancestors, d.organId].join('/')}/`,
      ancestor_ids: ancestors,
      depth: ancestors.length,
      registered_on: event.metadata.effectiveDate,
    };
  },
});

/** The organ and every organ under it (one indexed query on `path`); empty when the organ is unknown. */
export async function organSubtree(store: ReadModelStore, organId: string): Promise<OrganHierarchyRow[]> {
  const organ = await store.get(organHierarchy, organId);
  if (!organ) return [];
  return (await store.list(organHierarchy, { where: { path: { startsWith: organ.path } }, orderBy: ['path'] })) as OrganHierarchyRow[];
}

/** The organ ids `organId` stands for: itself, or its whole subtree. */
export async function organScope(store: ReadModelStore, organId: string, includeSubtree: boolean): Promise<string[]> {
  if (!includeSubtree) return [organId];
  const subtree = await organSubtree(store, organId);
  return subtree.length === 0 ? [organId] : subtree.map((o) => o.organ_id);
}
