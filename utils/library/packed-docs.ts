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

/** Documents per step of the sliced forms. */
const STEP = 2000;

/** Null when a text holds one of the separators (then the library is not cached, only built). */
export function packDocs(docs: readonly SearchDoc[]): PackedDocs | null {
  const steps = packDocsSteps(docs);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

/** `packDocs` in steps (a column, or a few thousand documents, each), for a worker that must stay responsive. */
export function* packDocsSteps(docs: readonly SearchDoc[]): Generator<void, PackedDocs | null> {
  const paths = new Map<string, readonly string[]>();
  for (const d of docs) paths.set(d.situationId, d.situationPath);
  const items = (list: readonly string[]) => list.some((t) => t.includes(DOC) || t.includes(ITEM));
  // Any separator inside a text would shift every document after it: refuse rather than corrupt.
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i]!;
    if (items([d.key, d.packId, d.title, d.body, d.purpose, d.shortcut ?? '', d.situationId])) return null;
    if (items(d.keywords) || items(d.tags)) return null;
    if (i % STEP === STEP - 1) yield;
  }
  if ([...paths.values()].some(items)) return null;
  const columns: string[] = [];
  for (const get of [
    (d: SearchDoc) => d.key,
    (d: SearchDoc) => d.packId,
    (d: SearchDoc) => d.title,
    (d: SearchDoc) => d.body,
    (d: SearchDoc) => d.purpose,
    (d: SearchDoc) => d.shortcut ?? '',
    (d: SearchDoc) => d.situationId,
    (d: SearchDoc) => d.keywords.join(ITEM),
    (d: SearchDoc) => d.tags.join(ITEM),
  ]) {
    columns.push(docs.map(get).join(DOC));
    yield;
  }
  const [keys, packIds, titles, bodies, purposes, shortcuts, situationIds, keywords, tags] = columns as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const packed: PackedDocs = {
    count: docs.length,
    keys,
    packIds,
    titles,
    bodies,
    purposes,
    shortcuts,
    situationIds,
    keywords,
    tags,
    situations: [...paths].map(([id, path]) => [id, ...path].join(ITEM)).join(DOC),
  };
  const pictured = docs.flatMap((d, i) => (d.images?.length ? [[i, d.images] as const] : []));
  if (pictured.length) packed.images = JSON.stringify(pictured);
  return packed;
}

export function unpackDocs(packed: PackedDocs): SearchDoc[] {
  const steps = unpackDocsSteps(packed);
  for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
}

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
