/**
 * Seeded randomness whose state is plain data, so it lives inside the session state, serialises with
 * it and restores to the same sequence (boardgame.io keeps its PRNG in game state the same way).
 * The generator is seedrandom's Alea: fast, and its whole state is four numbers.
 */
import alea from 'seedrandom/lib/alea.js';

export interface RngState {
  readonly c: number;
  readonly s0: number;
  readonly s1: number;
  readonly s2: number;
}

export function rngState(seed: number | string): RngState {
  return alea(String(seed), { state: true }).state();
}

/** A pure draw: a float in [0, 1) and the state after it. */
export function rngNext(state: RngState): [value: number, next: RngState] {
  const prng = alea('', { state: { ...state } });
  const value = prng();
  return [value, prng.state()];
}

/**
 * A mutable generator for code that draws many numbers in one go (level generators, random agents).
 * Its state() can be stored and handed back to createRng to continue the same sequence.
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [0, n). */
  int(n: number): number;
  /** A uniformly chosen element. */
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher-Yates from the end, one int() per swap). */
  shuffled<T>(items: readonly T[]): T[];
  state(): RngState;
}

export function createRng(seed: number | string | RngState): Rng {
  const prng = typeof seed === 'object' ? alea('', { state: { ...seed } }) : alea(String(seed), { state: true });
  return {
    next: () => prng(),
    int: (n) => Math.floor(prng() * n),
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick() needs at least one item');
      return items[Math.floor(prng() * items.length)]!;
    },
    shuffled<T>(items: readonly T[]): T[] {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(prng() * (i + 1));
        [out[i], out[j]] = [out[j]!, out[i]!];
      }
      return out;
    },
    state: () => prng.state(),
  };
}
