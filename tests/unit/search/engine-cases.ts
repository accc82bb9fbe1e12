/**
 * Seeded random libraries, query sets and edit sequences, and a compact record of what the
 * search answered for each: the record of the engine as it was when its speed work began is
 * kept as a file snapshot, so any change to rankings, scores or highlights shows as a diff.
 */
import { pinyin } from 'pinyin-pro';
import { loadDefaultPack } from '../../../scripts-library/default-pack';
import { docsFromPack } from '../../../utils/library/search-docs';
import {
  createSearchIndex,
  restoreSearchIndex,
  type SearchContext,
  type SearchDoc,
  type SearchHit,
  type SearchIndex,
  type UsageStats,
} from '../../../utils/search';
import { TRADITIONAL_PAIRS } from '../../../utils/search/traditional';

/** A small deterministic generator (mulberry32): the same seed gives the same library everywhere. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** Words of the default pack (titles, keywords, situation names): real customer-service vocabulary. */
const VOCABULARY: string[] = (() => {
  const words = new Set<string>();
  for (const d of docsFromPack(loadDefaultPack())) {
    for (const w of [...d.keywords, ...d.situationPath, ...d.title.split(/[\s，、/（）()]+/)])
      if (/^[\u4e00-\u9fff]{2,6}$/.test(w)) words.add(w);
  }
  return [...words].sort();
})();
/** Everyday words that end up in most scripts: what makes a unit common. */
const FILLER = ['您好', '亲', '收到', '订单', '衣服', '谢谢', '请稍等', '马上', '为您', '处理'];
const TAGS = ['售后', '物流', '运费', '发票', '催付', '安抚', '促销', '尺码'];
const TO_TRADITIONAL = new Map<string, string>();
for (let i = 0; i + 1 < TRADITIONAL_PAIRS.length; i += 2)
  if (!TO_TRADITIONAL.has(TRADITIONAL_PAIRS[i + 1]!))
    TO_TRADITIONAL.set(TRADITIONAL_PAIRS[i + 1]!, TRADITIONAL_PAIRS[i]!);

function initials(word: string): string {
  return pinyin(word, { pattern: 'first', toneType: 'none', type: 'array' }).join('');
}

function spelled(word: string): string {
  return pinyin(word, { toneType: 'none', type: 'array', v: true }).join('');
}

/** A library of `size` scripts over `situations` situations in up to three packs. */
export function randomLibrary(seed: number, size: number, situationCount: number): SearchDoc[] {
  const r = random(seed);
  const packs = ['team', 'team.extra', 'shop'].slice(0, int(r, 1, 3));
  const situations: { id: string; path: string[] }[] = [];
  for (let s = 0; s < situationCount; s++) {
    const parent = s > 2 && r() < 0.6 ? pick(r, situations) : null;
    const name = pick(r, VOCABULARY);
    situations.push({
      id: `${pick(r, packs)}/s${s}`,
      path: parent && parent.path.length < 3 ? [...parent.path, name] : [name],
    });
  }
  const sentence = () => {
    const parts: string[] = [];
    for (let i = int(r, 3, 9); i > 0; i--) parts.push(r() < 0.35 ? pick(r, FILLER) : pick(r, VOCABULARY));
    return parts.join(r() < 0.5 ? '' : '，') + pick(r, ['。', '！', '？', '~']);
  };
  const docs: SearchDoc[] = [];
  for (let i = 0; i < size; i++) {
    const situation = situations[Math.floor(Math.pow(r(), 1.6) * situations.length)]!;
    const titleWords = Array.from({ length: int(r, 1, 3) }, () => pick(r, VOCABULARY));
    const title =
      titleWords.join(r() < 0.3 ? ' ' : '') + (r() < 0.2 ? `（${pick(r, ['大促版', '老客户', 'v2'])}）` : '');
    const doc: SearchDoc = {
      key: `${situation.id.split('/')[0]}/d${i.toString(36)}`,
      packId: situation.id.split('/')[0]!,
      title,
      body: Array.from({ length: int(r, 1, 4) }, sentence).join(''),
      purpose: r() < 0.5 ? sentence() : '',
      keywords: Array.from({ length: int(r, 0, 4) }, () => pick(r, VOCABULARY)),
      tags: Array.from({ length: int(r, 0, 2) }, () => pick(r, TAGS)),
      situationId: situation.id,
      situationPath: situation.path,
    };
    if (r() < 0.35) doc.shortcut = `${initials(titleWords[0]!)}${r() < 0.8 ? int(r, 1, 30) : ''}`;
    docs.push(doc);
  }
  return docs;
}

/** What an agent might type in this library: words, parts, pinyin, initials, codes, typos, filters, as typed. */
export function randomQueries(seed: number, docs: readonly SearchDoc[], count: number): string[] {
  const r = random(seed);
  const out: string[] = [];
  const part = (text: string) => {
    const chars = [...text];
    const start = int(r, 0, Math.max(0, chars.length - 2));
    return chars.slice(start, start + int(r, 1, 6)).join('');
  };
  const word = () => {
    const d = pick(r, docs);
    const source = pick(r, [d.title, d.body, d.keywords[0] ?? d.title, d.situationPath.at(-1)!, pick(r, VOCABULARY)]);
    const w = part(source);
    switch (int(r, 0, 9)) {
      case 0:
        return spelled(w);
      case 1:
        return initials(w);
      case 2:
        return spelled(w).slice(0, int(r, 1, 6));
      case 3:
        return d.shortcut ? `/${d.shortcut.slice(0, int(r, 1, d.shortcut.length))}` : w;
      case 4:
        return d.shortcut ?? w;
      case 5:
        return [...w].map((c) => TO_TRADITIONAL.get(c) ?? c).join('');
      case 6: // a typo: one character replaced
        return [...w].map((c, i) => (i === 1 ? pick(r, VOCABULARY)[0]! : c)).join('');
      default:
        return w;
    }
  };
  while (out.length < count) {
    const kind = r();
    let q: string;
    if (kind < 0.55) q = word();
    else if (kind < 0.75) q = `${word()} ${word()}`;
    else if (kind < 0.82) q = `${word()}${word()}`;
    else if (kind < 0.88) q = `#${pick(r, TAGS).slice(0, int(r, 1, 2))} ${word()}`;
    else if (kind < 0.93) q = `@${part(pick(r, docs).situationPath[0]!)}${r() < 0.5 ? ` ${word()}` : ''}`;
    else if (kind < 0.96) q = `pack:${pick(r, docs).packId.slice(0, int(r, 1, 5))}`;
    else q = sentenceOf(r, docs);
    // As typed: every prefix of some queries, the whole of the others.
    if (r() < 0.25) for (let i = 1; i < [...q].length; i++) out.push([...q].slice(0, i).join(''));
    out.push(q);
  }
  return out;
}

/** A customer's own sentence: a run cut from some script's body. */
function sentenceOf(r: Rand, docs: readonly SearchDoc[]): string {
  const body = [...pick(r, docs).body];
  const start = int(r, 0, Math.max(0, body.length - 8));
  return body.slice(start, start + int(r, 6, 14)).join('');
}

/** Contexts the lists search with: plain, with usage, with the conversation's situation, other limits. */
export function randomContexts(seed: number, docs: readonly SearchDoc[]): SearchContext[] {
  const r = random(seed);
  const now = Date.UTC(2026, 5, 1);
  const usage = new Map<string, UsageStats>();
  for (const d of docs)
    if (r() < 0.05) usage.set(d.key, { count: int(r, 1, 30), lastUsedAt: now - int(r, 0, 40) * 86_400_000 });
  return [
    { now },
    { now, usage, limit: 10 },
    { now, situationId: pick(r, docs).situationId, limit: 50 },
    { now, usage, situationId: pick(r, docs).situationId, limit: 5 },
  ];
}

/** One line per search: the query and a hash of every hit (key, score, highlights). */
export function recordLine(label: string, query: string, hits: SearchHit[]): string {
  let h = 0x811c9dc5;
  const text = hits
    .map((x) => `${x.key}|${x.score}|${x.highlights.map((f) => `${f.field}:${f.ranges.join(';')}`).join(',')}`)
    .join('\n');
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${label}\t${JSON.stringify(query)}\t${hits.length}\t${hits[0]?.key ?? '-'}\t${(h >>> 0).toString(16)}`;
}

/**
 * A library's life: built, searched in every context; edited (changed, removed and new scripts,
 * one pack synced) and searched again; cached, restored and searched again; then most of it
 * replaced at once (a compaction) and searched again.
 */
export function libraryLife(seed: number, size: number, situations: number, queries: number): string[] {
  const r = random(seed ^ 0x9e3779b9);
  const docs = randomLibrary(seed, size, situations);
  const qs = randomQueries(seed + 1, docs, queries);
  const contexts = randomContexts(seed + 2, docs);
  const lines: string[] = [];
  const searchAll = (phase: string, index: SearchIndex) =>
    qs.forEach((q, i) => {
      const c = i % contexts.length;
      lines.push(recordLine(`${seed}.${phase}.${c}`, q, index.search(q, contexts[c])));
    });
  let index = createSearchIndex(docs);
  searchAll('built', index);

  const extra = randomLibrary(seed + 3, Math.max(5, Math.floor(size * 0.03)), situations).map((d) => ({
    ...d,
    key: `${d.key}-new`,
  }));
  for (const d of docs) {
    const x = r();
    if (x < 0.04)
      index.upsert({ ...d, title: `${d.title}${pick(r, VOCABULARY)}`, body: `${pick(r, FILLER)}${d.body}` });
    else if (x < 0.07) index.remove(d.key);
  }
  index.upsertMany(extra);
  const firstPack = docs[0]!.packId;
  index.sync(
    docs
      .filter((d, i) => d.packId === firstPack && i % 11 !== 0)
      .map((d, i) => (i % 13 === 0 ? { ...d, tags: [] } : d)),
    firstPack,
  );
  searchAll('edited', index);

  index = restoreSearchIndex(structuredClone(index.toSnapshot()))!;
  searchAll('restored', index);

  index.upsertMany(docs.filter(() => r() < 0.4).map((d) => ({ ...d, purpose: `${d.purpose}${pick(r, FILLER)}` })));
  searchAll('compacted', index);
  return lines;
}

/** The default pack: every prefix of the labeled queries, plain and in one of the other contexts. */
export function defaultPackLines(prefixes: readonly string[]): string[] {
  const docs = docsFromPack(loadDefaultPack());
  const index = createSearchIndex(docs);
  const contexts = randomContexts(7, docs);
  return prefixes.flatMap((q, i) => {
    const c = 1 + (i % (contexts.length - 1));
    return [
      recordLine('default.0', q, index.search(q, contexts[0])),
      recordLine(`default.${c}`, q, index.search(q, contexts[c])),
    ];
  });
}
