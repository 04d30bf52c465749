/** An organ as GET /api/organs answers: its path is `/nmg/hohhot/xincheng/`. */
export interface OrganNode {
  organ_id: string;
  parent_id: string | null;
  name: string;
  level: string;
  path: string;
}

/**
 * Rolls per-organ values up to the organs directly below `organId` (each
 * child's whole subtree summed); the organ's own value stays its own row. For
 * a leaf organ: the organ alone.
 */
export function rollUpToChildren<T extends Record<string, number>>(
  organs: readonly OrganNode[],
  organId: string,
  valueOf: (organ: OrganNode) => T | null,
  zero: () => T,
): Array<{ organ: OrganNode; values: T }> {
  const self = organs.find((o) => o.organ_id === organId);
  if (!self) return [];
  const children = organs.filter((o) => o.parent_id === organId);
  const groups: Array<{ organ: OrganNode; values: T; own: boolean }> = [
    { organ: self, values: zero(), own: true },
    ...children.map((organ) => ({ organ, values: zero(), own: false })),
  ];
  for (const o of organs) {
    if (!o.path.startsWith(self.path)) continue;
    const v = valueOf(o);
    if (v === null) continue;
    const group = o.organ_id === organId ? groups[0] : groups.find((g) => !g.own && o.path.startsWith(g.organ.path));
    if (!group) continue;
    for (const key of Object.keys(v) as Array<keyof T>) (group.values[key] as number) += v[key] as number;
  }
  const own = groups[0] as (typeof groups)[number];
  const rolled = groups.slice(1);
  return children.length === 0 || Object.values(own.values).some((n) => n !== 0) ? [own, ...rolled] : rolled;
}
