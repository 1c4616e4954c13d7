import { describe, expect, it } from 'vitest';
import { HashIndex, HashSet } from '../../core/hash-index.ts';
import { createRng, hashValue } from '../../core/index.ts';

describe('the hash index', () => {
  it('agrees with a Map (and HashSet with a Set) on 53-bit keys through many growths', () => {
    const index = new HashIndex(4);
    const set = new HashSet(4);
    const reference = new Map<number, number>();
    const rng = createRng('hash-index');
    for (let i = 0; i < 20_000; i++) {
      // Real state hashes, plus keys that differ only in their high half (same slot, other key).
      const key = i % 5 === 0 ? (i % 7) * 2 ** 32 + 12345 : hashValue({ i, r: rng.int(1000) });
      const known = reference.has(key);
      const expected = known ? reference.get(key)! : i;
      if (!known) reference.set(key, i);
      expect(index.add(key, i)).toBe(expected);
      expect(set.insert(key)).toBe(!known);
    }
    expect(index.size).toBe(reference.size);
    expect(set.size).toBe(reference.size);
    for (const key of reference.keys()) expect(set.has(key)).toBe(true);
    expect(set.has(2 ** 53 - 1)).toBe(false);
    set.clear();
    expect([set.size, set.has([...reference.keys()][0]!)]).toEqual([0, false]);
    for (const [key, value] of reference) expect(index.get(key)).toBe(value);
    expect(index.get(2 ** 53 - 1)).toBe(-1);
    expect(index.get(0)).toBe(reference.get(0) ?? -1);
  });
});
