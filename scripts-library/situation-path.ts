/** A situation's path in its pack, "一级 › 二级 › 三级". Pure. */
import type { Pack } from './schema';

type Situations = Pick<Pack, 'situations'>;
const lookups = new WeakMap<Situations, Map<string, Pack['situations'][number]>>();

/** Names from the top level down to `id`; the id → situation map is built once per pack. */
export function situationPath(pack: Situations, id: string): string {
  let byId = lookups.get(pack);
  if (!byId) lookups.set(pack, (byId = new Map(pack.situations.map((s) => [s.id, s]))));
  const names: string[] = [];
  // Bounded: a parent cycle in an unchecked pack cannot loop forever.
  for (let cur = byId.get(id), n = 0; cur && n < 50; cur = cur.parent ? byId.get(cur.parent) : undefined, n++)
    names.unshift(cur.name);
  return names.join(' › ');
}
