import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/index.ts';

describe('Rng.shuffled', () => {
  it('returns a permutation, the same for the same seed, and leaves its input alone', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const a = createRng('shuffle').shuffled(items);
    expect(a).toEqual(createRng('shuffle').shuffled(items));
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(a).not.toEqual(items);
    expect(items[0]).toBe(0);
  });
});
