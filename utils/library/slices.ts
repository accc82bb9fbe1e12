/**
 * Long work in slices: a generator yields between small steps, and `runSliced` gives the event
 * loop back every `sliceMs`, so neither a page nor the background holds the thread for long
 * (messages, the panel's keystrokes and alarms are answered in between).
 */
export async function runSliced<T>(steps: Generator<unknown, T>, sliceMs = 8): Promise<T> {
  let start = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - start < sliceMs) continue;
    await new Promise((resolve) => setTimeout(resolve, 0));
    start = performance.now();
  }
}

/** Documents per step of a sliced loop over the library: well under a millisecond each. */
const STEP = 500;

/**
 * A fingerprint of the library's documents (everything the index reads, in order): two
 * independent 32-bit FNV-1a hashes, so an unchanged library is recognised and a changed one
 * almost surely is not. Yields every few hundred documents (see runSliced).
 */
export function* libraryHashSteps(
  docs: readonly {
    key: string;
    title: string;
    body: string;
    purpose: string;
    packId: string;
    shortcut?: string;
    situationId: string;
    situationPath: readonly string[];
    keywords: readonly string[];
    tags: readonly string[];
  }[],
): Generator<void, string> {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ docs.length;
  const add = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    // A separator, so ['ab', 'c'] and ['a', 'bc'] differ.
    a = Math.imul(a ^ 0xffff, 0x01000193);
    b = Math.imul(b ^ 0xffff, 0x5bd1e995);
  };
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i]!;
    add(d.key);
    add(d.packId);
    add(d.title);
    add(d.body);
    add(d.purpose);
    add(d.shortcut ?? '');
    add(d.situationId);
    for (const list of [d.situationPath, d.keywords, d.tags]) {
      add(String(list.length));
      for (const t of list) add(t);
    }
    if (i % STEP === STEP - 1) yield;
  }
  return `${docs.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}

/**
 * A fingerprint of the tables a library is read from, without its pack scripts: the chunks'
 * stamps (see chunkStamps), the agent's own rows and the situations (both small: a few
 * milliseconds, so it runs in one go, inside the read's transaction). Equal fingerprints: the
 * same documents.
 */
export function libraryStamp(
  chunkStamps: readonly string[],
  ownRows: readonly unknown[],
  situations: readonly unknown[],
): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (const text of [chunkStamps.join('\n'), JSON.stringify(ownRows), JSON.stringify(situations)]) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
    }
    a = Math.imul(a ^ 0xffff, 0x01000193);
    b = Math.imul(b ^ 0xffff, 0x5bd1e995);
  }
  return `${chunkStamps.length}:${(a >>> 0).toString(36)}:${(b >>> 0).toString(36)}`;
}
