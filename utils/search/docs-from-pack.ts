/** A pack (schema `Pack`) as search documents. Pure: no database. */
import type { Pack } from '../../scripts-library/schema';
import type { SearchDoc } from './types';

export function docsFromPack(pack: Pack): SearchDoc[] {
  const byId = new Map(pack.situations.map((s) => [s.id, s]));
  const paths = new Map<string, string[]>();
  const pathOf = (id: string): string[] => {
    const known = paths.get(id);
    if (known) return known;
    const names: string[] = [];
    // The schema refuses cycles; the bound only keeps a bad pack from hanging the search.
    for (let s = byId.get(id), steps = 0; s && steps <= pack.situations.length; s = s.parent ? byId.get(s.parent) : undefined, steps++)
      names.unshift(s.name);
    paths.set(id, names);
    return names;
  };
  return pack.scripts.map((s) => ({
    key: `${pack.id}/${s.id}`,
    packId: pack.id,
    title: s.title,
    body: s.body,
    purpose: s.purpose,
    keywords: s.keywords,
    tags: s.tags,
    ...(s.shortcut ? { shortcut: s.shortcut } : {}),
    situationId: `${pack.id}/${s.situation}`,
    situationPath: pathOf(s.situation),
  }));
}
