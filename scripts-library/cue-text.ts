/**
 * 客户常说 as text a team lead can edit in a sheet cell or a text box, and back. Pure.
 *
 * One line per group of words that read alike: the words separated by 、(or ，/ ,), then the
 * group's options as tags — `#0.4` (how strongly the words point at the situation; 1 when
 * absent), `#可否认` (没有坏 denies it), `#称赞` (不满意 cancels it), `#单独8` (only in a clause
 * of at most 8 characters that says nothing else). A `re:` pattern takes a line of its own (it
 * may hold commas). Lines with the same tags in a row make one group again.
 */
import { CUE_PATTERN_PREFIX } from './cue-pattern';
import type { CueGroup, Cues } from './schema';

const NEGATABLE = '可否认';
const PRAISE = '称赞';
const ALONE = '单独';

function tagsOf(g: CueGroup): string {
  const tags: string[] = [];
  if (g.weight !== undefined && g.weight !== 1) tags.push(`#${g.weight}`);
  if (g.negatable) tags.push(`#${NEGATABLE}`);
  if (g.praise) tags.push(`#${PRAISE}`);
  if (g.alone !== undefined) tags.push(`#${ALONE}${g.alone}`);
  return tags.length ? ` ${tags.join(' ')}` : '';
}

export function formatCues(cues: Cues | undefined): string {
  const lines: string[] = [];
  for (const c of cues ?? []) {
    const g = typeof c === 'string' ? { words: [c] } : c;
    const tags = tagsOf(g);
    const words = g.words.filter((w) => !w.startsWith(CUE_PATTERN_PREFIX));
    if (words.length) lines.push(words.join('、') + tags);
    for (const w of g.words) if (w.startsWith(CUE_PATTERN_PREFIX)) lines.push(w + tags);
  }
  return lines.join('\n');
}

/** Options of a line: its trailing ` #tag`s, when every one is known. */
function readTags(line: string): { text: string; options: Omit<CueGroup, 'words'> } {
  const options: Omit<CueGroup, 'words'> = {};
  let text = line;
  for (let m = /\s#(\S+)$/.exec(text); m; m = /\s#(\S+)$/.exec(text)) {
    const tag = m[1]!;
    if (tag === NEGATABLE) options.negatable = true;
    else if (tag === PRAISE) options.praise = true;
    else if (tag.startsWith(ALONE) && /^\d+$/.test(tag.slice(ALONE.length)))
      options.alone = Number(tag.slice(ALONE.length));
    else if (/^\d+(\.\d+)?$/.test(tag)) options.weight = Number(tag);
    else break;
    text = text.slice(0, m.index);
  }
  return { text: text.trim(), options };
}

/** Text → cues; empty lines and words dropped, repeated words kept once. */
export function parseCues(text: string): Cues {
  const groups: CueGroup[] = [];
  let lastKey = '';
  const seen = new Set<string>();
  for (const raw of text.split(/\r?\n/)) {
    const { text: line, options } = readTags(raw.trim());
    if (!line) continue;
    const words = (line.startsWith(CUE_PATTERN_PREFIX) ? [line] : line.split(/[、，,]/))
      .map((w) => w.trim())
      .filter((w) => w && !seen.has(w));
    for (const w of words) seen.add(w);
    if (!words.length) continue;
    const key = JSON.stringify(options);
    const last = groups.at(-1);
    if (last && key === lastKey) last.words.push(...words);
    else groups.push({ words, ...options });
    lastKey = key;
  }
  return groups;
}
