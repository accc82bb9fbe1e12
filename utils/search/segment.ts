/**
 * Postings of the inverted index, in two segments (the way Lucene does it):
 *
 * - the base segment, built in one pass over many scripts into flat typed arrays
 *   (compressed-row layout: `offsets[unit]..offsets[unit + 1]` in `postings`), cheap to scan and
 *   to hand to a cache or from a worker as a handful of ArrayBuffers;
 * - the delta segment, small and mutable, where scripts added or edited since the base was
 *   built live until the next compaction.
 *
 * A posting is `doc << 6 | fields`: the script's number and the fields the unit occurs in.
 * In the base segment each unit's postings list the scripts that have it in a short field
 * (title, situation, keywords, tags) first, then those that have it in the body only: for a
 * unit found in most scripts (收到, 您好) the search reads the first part only. Each part is
 * sorted by document number.
 * Removed or replaced scripts are not deleted from postings; the index skips dead numbers.
 */
import { IntMap } from './int-map';
import type { SearchDoc } from './types';
import {
  FIELD_BITS,
  FIELD_BODY,
  FIELD_HEAD,
  FIELD_KEYWORDS,
  FIELD_PURPOSE,
  FIELD_SITUATION,
  FIELD_TAGS,
  FIELD_TITLE,
  scanUnits,
  UnitBuffer,
} from './units';

/** All units of a script with the field of each (repeats included; callers merge). */
export function scanDoc(doc: SearchDoc, out: UnitBuffer): void {
  scanUnits(doc.title, FIELD_TITLE, true, out);
  for (const name of doc.situationPath) scanUnits(name, FIELD_SITUATION, true, out);
  for (const k of doc.keywords) scanUnits(k, FIELD_KEYWORDS, true, out);
  for (const t of doc.tags) scanUnits(t, FIELD_TAGS, true, out);
  scanUnits(doc.purpose, FIELD_PURPOSE, false, out);
  scanUnits(doc.body, FIELD_BODY, false, out);
}

/** About how many distinct units a script brings: a pair per character, a character more in short fields. */
export function expectedUnits(doc: SearchDoc): number {
  let head = doc.title.length;
  for (const list of [doc.situationPath, doc.keywords, doc.tags]) for (const t of list) head += t.length;
  return 2 * head + doc.body.length + doc.purpose.length;
}

/** The arrays of a base segment: plain data, structured-clone friendly. */
export interface BaseSegmentData {
  unitKeys: Int32Array;
  unitIds: Int32Array;
  unitCount: number;
  offsets: Uint32Array;
  /** Per unit: where its body-only postings start. */
  headEnds: Uint32Array;
  postings: Uint32Array;
  /** Per unit: in how many situations it occurs (saturates at 65535). */
  situationCounts: Uint16Array;
}

export class BaseSegment {
  readonly units: IntMap;
  readonly offsets: Uint32Array;
  readonly headEnds: Uint32Array;
  readonly postings: Uint32Array;
  readonly situationCounts: Uint16Array;

  constructor(readonly data: BaseSegmentData) {
    this.units = IntMap.fromArrays(data.unitKeys, data.unitIds, data.unitCount);
    this.offsets = data.offsets;
    this.headEnds = data.headEnds;
    this.postings = data.postings;
    this.situationCounts = data.situationCounts;
  }

  static empty(): BaseSegment {
    return new BaseSegment(new SegmentBuilder().finish());
  }

  /** Unit id of a key, or -1. */
  unit(key: number): number {
    return this.units.get(key);
  }

  docFrequency(unit: number): number {
    return this.offsets[unit + 1]! - this.offsets[unit]!;
  }
}

function grownInt32(a: Int32Array, min: number, fill = 0): Int32Array {
  if (a.length >= min) return a;
  let n = a.length * 2;
  while (n < min) n *= 2;
  const b = new Int32Array(n);
  if (fill !== 0) b.fill(fill, a.length);
  b.set(a);
  return b;
}

/**
 * Builds a base segment from scripts fed one at a time (so a caller can slice the work and
 * yield to the UI between scripts). Feed scripts grouped by situation: the number of
 * situations a unit occurs in is counted by noticing when the situation changes.
 */
export class SegmentBuilder {
  private readonly buf = new UnitBuffer();
  private readonly table = new IntMap(1 << 15);
  private unitCount = 0;
  private stamp: Int32Array = new Int32Array(1 << 15).fill(-1);
  private fieldsOf: Int32Array = new Int32Array(1 << 15);
  private frequency: Int32Array = new Int32Array(1 << 15);
  private headFrequency: Int32Array = new Int32Array(1 << 15);
  private situations: Int32Array = new Int32Array(1 << 15);
  private lastSituation: Int32Array = new Int32Array(1 << 15).fill(-1);
  private seen: Int32Array = new Int32Array(1024);
  /** Per script, its distinct units: `unit << 6 | fields`, scripts one after another. */
  private occurrences: Int32Array;
  private occurrenceCount = 0;
  private docs: number[] = [];
  private docEnds: number[] = [];

  /**
   * `expectedUnits`: a guess of the postings to come (see `expectedUnits`). Sized once, the
   * buffer is not regrown and copied a few times over at 50,000 scripts, which would mean
   * tens of megabytes of garbage and a long garbage-collection pause in the middle of a
   * background build.
   */
  constructor(expectedUnits = 1 << 16) {
    this.occurrences = new Int32Array(Math.max(1 << 10, expectedUnits));
  }

  add(doc: SearchDoc, docNumber: number, situation: number): void {
    const buf = this.buf;
    buf.length = 0;
    scanDoc(doc, buf);
    const local = this.docs.length;
    let seenCount = 0;
    for (let i = 0; i < buf.length; i++) {
      let id = this.table.getOrSet(buf.keys[i]!, this.unitCount);
      if (id === this.unitCount) {
        this.unitCount++;
        if (this.unitCount > this.stamp.length) this.growUnits();
        id = this.unitCount - 1;
      }
      if (this.stamp[id] !== local) {
        this.stamp[id] = local;
        this.fieldsOf[id] = buf.fields[i]!;
        if (seenCount === this.seen.length) this.seen = grownInt32(this.seen, seenCount + 1);
        this.seen[seenCount++] = id;
      } else {
        this.fieldsOf[id]! |= buf.fields[i]!;
      }
    }
    this.occurrences = grownInt32(this.occurrences, this.occurrenceCount + seenCount);
    // Imported bindings read once per script, not per unit (see scanUnits).
    const head = FIELD_HEAD;
    const bits = FIELD_BITS;
    for (let j = 0; j < seenCount; j++) {
      const id = this.seen[j]!;
      this.frequency[id]!++;
      if (this.fieldsOf[id]! & head) this.headFrequency[id]!++;
      if (this.lastSituation[id] !== situation) {
        this.lastSituation[id] = situation;
        this.situations[id]!++;
      }
      this.occurrences[this.occurrenceCount++] = (id << bits) | this.fieldsOf[id]!;
    }
    this.docs.push(docNumber);
    this.docEnds.push(this.occurrenceCount);
  }

  private growUnits(): void {
    const n = this.stamp.length * 2;
    this.stamp = grownInt32(this.stamp, n, -1);
    this.fieldsOf = grownInt32(this.fieldsOf, n);
    this.frequency = grownInt32(this.frequency, n);
    this.headFrequency = grownInt32(this.headFrequency, n);
    this.situations = grownInt32(this.situations, n);
    this.lastSituation = grownInt32(this.lastSituation, n, -1);
  }

  finish(): BaseSegmentData {
    const steps = this.finishSteps();
    for (let r = steps.next(); ; r = steps.next()) if (r.done) return r.value;
  }

  /** `finish` in slices (a yield per thousand scripts) for a build that must not block. */
  *finishSteps(): Generator<void, BaseSegmentData> {
    const units = this.unitCount;
    const offsets = new Uint32Array(units + 1);
    for (let u = 0; u < units; u++) offsets[u + 1] = offsets[u]! + this.frequency[u]!;
    const headCursor = offsets.slice(0, units);
    const bodyCursor = new Uint32Array(units);
    const headEnds = new Uint32Array(units);
    for (let u = 0; u < units; u++) headEnds[u] = bodyCursor[u] = offsets[u]! + this.headFrequency[u]!;
    const postings = new Uint32Array(offsets[units]!);
    const head = FIELD_HEAD;
    const bits = FIELD_BITS;
    // In document-number order, so that each part of a unit's postings is sorted by number.
    let last = -1;
    for (const d of this.docs) last = Math.max(last, d);
    const fedAt = new Int32Array(last + 1).fill(-1);
    this.docs.forEach((d, l) => (fedAt[d] = l));
    for (let d = 0, done = 0; d <= last; d++) {
      const l = fedAt[d]!;
      if (l < 0) continue;
      const doc = d << bits;
      const end = this.docEnds[l]!;
      for (let o = l === 0 ? 0 : this.docEnds[l - 1]!; o < end; o++) {
        const v = this.occurrences[o]!;
        const fields = v & ((1 << bits) - 1);
        const cursor = fields & head ? headCursor : bodyCursor;
        postings[cursor[v >>> bits]!++] = (doc | fields) >>> 0;
      }
      if (++done % 1000 === 0) yield;
    }
    const situationCounts = new Uint16Array(units);
    for (let u = 0; u < units; u++) situationCounts[u] = Math.min(65535, this.situations[u]!);
    return {
      unitKeys: this.table.keys,
      unitIds: this.table.values,
      unitCount: this.table.size,
      offsets,
      headEnds,
      postings,
      situationCounts,
    };
  }
}

/** Scripts added or edited since the base segment was built. */
export class DeltaSegment {
  readonly postings = new Map<number, number[]>();
  private readonly buf = new UnitBuffer();
  private readonly fields = new Map<number, number>();

  add(doc: SearchDoc, docNumber: number): void {
    this.buf.length = 0;
    scanDoc(doc, this.buf);
    this.fields.clear();
    for (let i = 0; i < this.buf.length; i++) {
      const k = this.buf.keys[i]!;
      this.fields.set(k, (this.fields.get(k) ?? 0) | this.buf.fields[i]!);
    }
    for (const [key, fields] of this.fields) {
      let list = this.postings.get(key);
      if (!list) this.postings.set(key, (list = []));
      list.push(((docNumber << FIELD_BITS) | fields) >>> 0);
    }
  }
}
