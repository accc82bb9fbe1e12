/**
 * A map from non-negative 31-bit integers to integers, open addressing over two Int32Arrays.
 * The index looks up a unit id for every character and character pair of 50,000 scripts while
 * building; a JS Map there is several times slower and three times larger.
 */
const EMPTY = -1;

export class IntMap {
  keys: Int32Array;
  values: Int32Array;
  size = 0;
  private mask: number;
  /** Fibonacci hashing takes the high bits of the product: the low ones follow the key's. */
  private shift: number;

  constructor(capacity = 1024) {
    let cap = 16;
    while (cap < capacity * 2) cap <<= 1;
    this.keys = new Int32Array(cap).fill(EMPTY);
    this.values = new Int32Array(cap);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
  }

  /** The value for `key`, or -1. */
  get(key: number): number {
    const { keys, mask } = this;
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = keys[i]!;
      if (k === key) return this.values[i]!;
      if (k === EMPTY) return -1;
      i = (i + 1) & mask;
    }
  }

  /** The value for `key`; when absent, stores and returns `value`. */
  getOrSet(key: number, value: number): number {
    if (this.size * 2 >= this.keys.length) this.grow();
    const { keys, mask } = this;
    let i = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const k = keys[i]!;
      if (k === key) return this.values[i]!;
      if (k === EMPTY) {
        keys[i] = key;
        this.values[i] = value;
        this.size++;
        return value;
      }
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const cap = oldKeys.length * 2;
    this.keys = new Int32Array(cap).fill(EMPTY);
    this.values = new Int32Array(cap);
    this.mask = cap - 1;
    this.shift = 32 - Math.log2(cap);
    this.size = 0;
    for (let i = 0; i < oldKeys.length; i++) if (oldKeys[i] !== EMPTY) this.getOrSet(oldKeys[i]!, oldValues[i]!);
  }

  /** For a snapshot: the arrays as they are. */
  static fromArrays(keys: Int32Array, values: Int32Array, size: number): IntMap {
    const m = new IntMap(1);
    m.keys = keys;
    m.values = values;
    m.mask = keys.length - 1;
    m.shift = 32 - Math.log2(keys.length);
    m.size = size;
    return m;
  }
}
