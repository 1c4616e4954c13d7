/**
 * A map from 53-bit state hashes to small non-negative integers (state numbers), for the solver and
 * the scorer. A Map keyed by such numbers boxes every key (they are not small integers), so at a
 * million states a second it spends most of its time allocating and hashing boxes. This table keeps
 * each entry's two hash halves and its value side by side in one flat array (one cache line per
 * probe), open addressing with linear probing.
 */
const TWO_32 = 4294967296;
/** Words per slot: hash high half, hash low half, value + 1 (0 marks an empty slot), padding. */
const STRIDE = 4;

export class HashIndex {
  private mask: number;
  private slots: Uint32Array;
  private count = 0;

  constructor(expected = 128) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Uint32Array(capacity * STRIDE);
  }

  get size(): number {
    return this.count;
  }

  /** The value stored for `hash`, or -1. */
  get(hash: number): number {
    return this.slots[this.slotOf(hash) + 2]! - 1;
  }

  /** Stores `value` (0 or more) for `hash` if it has none; returns the value now stored. */
  add(hash: number, value: number): number {
    const at = this.slotOf(hash);
    const slots = this.slots;
    if (slots[at + 2] !== 0) return slots[at + 2]! - 1;
    slots[at] = (hash - (hash >>> 0)) / TWO_32;
    slots[at + 1] = hash >>> 0;
    slots[at + 2] = value + 1;
    if (++this.count * 2 > this.mask) this.grow();
    return value;
  }

  /** Where `hash` is stored, or the empty slot where it would go. */
  private slotOf(hash: number): number {
    const lo = hash >>> 0;
    const hi = (hash - lo) / TWO_32;
    const slots = this.slots;
    // The hash's low bits are already well mixed (core/hash.ts ends with an avalanche).
    for (let i = lo & this.mask; ; i = (i + 1) & this.mask) {
      const at = i * STRIDE;
      if (slots[at + 2] === 0 || (slots[at + 1] === lo && slots[at] === hi)) return at;
    }
  }

  private grow(): void {
    const old = this.slots;
    const capacity = (this.mask + 1) * 2;
    this.mask = capacity - 1;
    this.slots = new Uint32Array(capacity * STRIDE);
    this.count = 0;
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at + 2] !== 0) this.add(old[at]! * TWO_32 + old[at + 1]!, old[at + 2]! - 1);
    }
  }
}
