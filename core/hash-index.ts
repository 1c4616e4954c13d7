/**
 * A map from 53-bit state hashes to small non-negative integers (state numbers), for the solver and
 * the scorer. A Map keyed by such numbers boxes every key (they are not small integers), so at a
 * million states a second it spends most of its time allocating and hashing boxes. This table keeps
 * the two halves of each hash in flat typed arrays, open addressing with linear probing.
 */
const EMPTY = -1;
const TWO_32 = 4294967296;

export class HashIndex {
  private mask: number;
  private hi: Uint32Array;
  private lo: Uint32Array;
  private values: Int32Array;
  private count = 0;

  constructor(expected = 1024) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.values = new Int32Array(capacity).fill(EMPTY);
  }

  get size(): number {
    return this.count;
  }

  /** The value stored for `hash`, or -1. */
  get(hash: number): number {
    const lo = hash >>> 0;
    const hi = (hash - lo) / TWO_32;
    // The hash's low bits are already well mixed (core/hash.ts ends with an avalanche).
    for (let i = lo & this.mask; ; i = (i + 1) & this.mask) {
      const v = this.values[i]!;
      if (v === EMPTY) return EMPTY;
      if (this.lo[i] === lo && this.hi[i] === hi) return v;
    }
  }

  /** Stores `value` (0 or more) for `hash` if it has none; returns the value now stored. */
  add(hash: number, value: number): number {
    const lo = hash >>> 0;
    const hi = (hash - lo) / TWO_32;
    for (let i = lo & this.mask; ; i = (i + 1) & this.mask) {
      const v = this.values[i]!;
      if (v === EMPTY) {
        this.hi[i] = hi;
        this.lo[i] = lo;
        this.values[i] = value;
        if (++this.count * 2 > this.mask) this.grow();
        return value;
      }
      if (this.lo[i] === lo && this.hi[i] === hi) return v;
    }
  }

  private grow(): void {
    const { hi, lo, values } = this;
    const capacity = values.length * 2;
    this.mask = capacity - 1;
    this.hi = new Uint32Array(capacity);
    this.lo = new Uint32Array(capacity);
    this.values = new Int32Array(capacity).fill(EMPTY);
    this.count = 0;
    for (let i = 0; i < values.length; i++) if (values[i] !== EMPTY) this.add(hi[i]! * TWO_32 + lo[i]!, values[i]!);
  }
}
