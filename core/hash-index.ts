/**
 * A map from 53-bit state hashes to small non-negative integers (state numbers), for exploreLevel and
 * the scorer (HashSet below is the solver's set of them). A Map keyed by such numbers boxes every key
 * (they are not small integers), so at a million states a second it spends most of its time
 * allocating and hashing boxes. This table keeps the hashes unboxed in a Float64Array (53-bit integers
 * are exact doubles, compared in one load) and the values beside it in an Int32Array read only on a
 * hit: open addressing with linear probing.
 */
/** Marks an empty slot: no hash is negative. */
const EMPTY = -1;

export class HashIndex {
  private mask: number;
  private keys: Float64Array;
  private values: Int32Array;
  private count = 0;

  constructor(expected = 128) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.values = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** The value stored for `hash`, or -1. */
  get(hash: number): number {
    const i = this.slotOf(hash);
    return this.keys[i] === EMPTY ? -1 : this.values[i]!;
  }

  /** Stores `value` (0 or more) for `hash` if it has none; returns the value now stored. */
  add(hash: number, value: number): number {
    const i = this.slotOf(hash);
    if (this.keys[i] !== EMPTY) return this.values[i]!;
    this.keys[i] = hash;
    this.values[i] = value;
    if (++this.count * 2 > this.mask) this.grow();
    return value;
  }

  /** Where `hash` is stored, or the empty slot where it would go. */
  private slotOf(hash: number): number {
    const keys = this.keys;
    // The hash's low bits are already well mixed (core/hash.ts ends with an avalanche).
    for (let i = (hash >>> 0) & this.mask; ; i = (i + 1) & this.mask) {
      const k = keys[i]!;
      if (k === hash || k === EMPTY) return i;
    }
  }

  private grow(): void {
    const keys = this.keys;
    const values = this.values;
    const capacity = (this.mask + 1) * 2;
    this.mask = capacity - 1;
    this.keys = new Float64Array(capacity).fill(EMPTY);
    this.values = new Int32Array(capacity);
    this.count = 0;
    for (let i = 0; i < keys.length; i++) if (keys[i] !== EMPTY) this.add(keys[i]!, values[i]!);
  }
}

/**
 * HashIndex without values: the solver's set of states seen, which only asks whether a state is new.
 * On a level of a million states every insert is a cache miss, and the values were a second one.
 */
export class HashSet {
  private mask: number;
  private keys: Float64Array;
  private count = 0;

  constructor(expected = 128) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.keys = new Float64Array(capacity).fill(EMPTY);
  }

  get size(): number {
    return this.count;
  }

  /** Slots allocated (twice the entries it holds before it grows, at least). */
  get capacity(): number {
    return this.mask + 1;
  }

  /** Empties the set, keeping its capacity: the solver reuses one set for level after level. */
  clear(): void {
    this.keys.fill(EMPTY);
    this.count = 0;
  }

  has(hash: number): boolean {
    return this.keys[this.slotOf(hash)] !== EMPTY;
  }

  /** Adds `hash`; returns whether it was new. */
  insert(hash: number): boolean {
    const i = this.slotOf(hash);
    if (this.keys[i] !== EMPTY) return false;
    this.keys[i] = hash;
    if (++this.count * 2 > this.mask) this.grow();
    return true;
  }

  private slotOf(hash: number): number {
    const keys = this.keys;
    for (let i = (hash >>> 0) & this.mask; ; i = (i + 1) & this.mask) {
      const k = keys[i]!;
      if (k === hash || k === EMPTY) return i;
    }
  }

  private grow(): void {
    const keys = this.keys;
    this.mask = this.mask * 2 + 1;
    this.keys = new Float64Array(this.mask + 1).fill(EMPTY);
    for (let i = 0; i < keys.length; i++) if (keys[i] !== EMPTY) this.keys[this.slotOf(keys[i]!)] = keys[i]!;
  }
}
