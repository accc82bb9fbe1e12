/**
 * The library's documents as a handful of long strings, for the cached index: IndexedDB clones
 * ten strings of a few megabytes in a blink, where 200,000 objects of ten fields each take it
 * (and the background, reading them back) a second or more. Pure.
 */
import type { SearchDoc } from '../search';

/** Between documents, and between the items of a list within one document. */
const DOC = '\u0001';
const ITEM = '\u0002';

export interface PackedDocs {
  count: number;
  keys: string;
  packIds: string;
  titles: string;
  bodies: string;
  purposes: string;
  shortcuts: string;
  situationIds: string;
  keywords: string;
  tags: string;
  /** Per distinct situation id: the id, then its path's names, ITEM-separated; DOC between situations. */
  situations: string;
  /** JSON of [position, images] for the few documents that carry pictures. */
  images?: string;
}

/** Null when a text holds one of the separators (then the library is not cached, only built). */
export function packDocs(docs: readonly SearchDoc[]): PackedDocs | null {
  const paths = new Map<string, readonly string[]>();
  for (const d of docs) paths.set(d.situationId, d.situationPath);
  const column = (get: (d: SearchDoc) => string) => docs.map(get).join(DOC);
  const packed: PackedDocs = {
    count: docs.length,
    keys: column((d) => d.key),
    packIds: column((d) => d.packId),
    titles: column((d) => d.title),
    bodies: column((d) => d.body),
    purposes: column((d) => d.purpose),
    shortcuts: column((d) => d.shortcut ?? ''),
    situationIds: column((d) => d.situationId),
    keywords: column((d) => d.keywords.join(ITEM)),
    tags: column((d) => d.tags.join(ITEM)),
    situations: [...paths].map(([id, path]) => [id, ...path].join(ITEM)).join(DOC),
  };
  const pictured = docs.flatMap((d, i) => (d.images?.length ? [[i, d.images] as const] : []));
  if (pictured.length) packed.images = JSON.stringify(pictured);
  const items = (list: readonly string[]) => list.some((t) => t.includes(DOC) || t.includes(ITEM));
  // Any separator inside a text would shift every document after it: refuse rather than corrupt.
  const clean =
    docs.every(
      (d) =>
        !items([d.key, d.packId, d.title, d.body, d.purpose, d.shortcut ?? '', d.situationId]) &&
        !items(d.keywords) &&
        !items(d.tags),
    ) && ![...paths.values()].some(items);
  return clean ? packed : null;
}

export function unpackDocs(packed: PackedDocs): SearchDoc[] {
  const steps = unpackDocsSteps(packed);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/** Documents per step of `unpackDocsSteps`. */
const STEP = 2000;

/** `unpackDocs` in steps (a column, or a few thousand documents, each), for a worker that must stay responsive. */
export function* unpackDocsSteps(packed: PackedDocs): Generator<void, SearchDoc[]> {
  const columns: string[][] = [];
  for (const column of [
    packed.keys,
    packed.packIds,
    packed.titles,
    packed.bodies,
    packed.purposes,
    packed.shortcuts,
    packed.situationIds,
    packed.keywords,
    packed.tags,
  ]) {
    columns.push(packed.count === 0 ? [] : column.split(DOC));
    yield;
  }
  const [keys, packIds, titles, bodies, purposes, shortcuts, situationIds, keywords, tags] = columns;
  const paths = new Map<string, string[]>();
  if (packed.situations)
    for (const entry of packed.situations.split(DOC)) {
      const [id, ...path] = entry.split(ITEM);
      paths.set(id!, path);
    }
  const list = (s: string) => (s ? s.split(ITEM) : []);
  const docs: SearchDoc[] = new Array(packed.count);
  for (let i = 0; i < packed.count; i++) {
    const situationId = situationIds![i]!;
    docs[i] = {
      key: keys![i]!,
      packId: packIds![i]!,
      title: titles![i]!,
      body: bodies![i]!,
      purpose: purposes![i]!,
      keywords: list(keywords![i]!),
      tags: list(tags![i]!),
      ...(shortcuts![i] ? { shortcut: shortcuts![i]! } : {}),
      situationId,
      situationPath: paths.get(situationId) ?? [],
    };
    if (i % STEP === STEP - 1) yield;
  }
  if (packed.images)
    for (const [i, images] of JSON.parse(packed.images) as [number, SearchDoc['images']][])
      if (docs[i]) docs[i] = { ...docs[i], images };
  return docs;
}
