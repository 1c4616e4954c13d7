import { describe, expect, it } from 'vitest';
import { hashState, stateHasher } from '../../core/hash.ts';
import { decodeState, encodeState, hashHex, hashValue, newBytes } from '../../core/index.ts';

describe('the canonical state hash', () => {
  it('is the same on every machine (a frozen value)', () => {
    // If this changes, every stored replay stops verifying: change the hash only with a replay migration.
    // (Last changed 2026-11-23, before any replay existed: byte arrays and keys are now hashed on their own.)
    expect(hashHex(hashValue({ at: 3, grid: new Uint8Array([1, 2, 3, 4, 5]), keys: ['a', 1.5, null, true] }))).toBe(
      hashHex(hashValue({ keys: ['a', 1.5, null, true], grid: new Uint8Array([1, 2, 3, 4, 5]), at: 3 })),
    );
    expect(hashHex(hashValue({ at: 3, grid: new Uint8Array([1, 2, 3, 4, 5]) }))).toBe('14169ead5ada74');
  });

  it('ignores key order and absent keys, and nothing else', () => {
    expect(hashValue({ a: 1, b: 2 })).toBe(hashValue({ b: 2, a: 1 }));
    expect(hashValue({ a: 1, b: undefined })).toBe(hashValue({ a: 1 }));
    const distinct = [
      { a: 1 }, { a: 2 }, { b: 1 }, { a: '1' }, { a: [1] }, { a: new Uint8Array([1]) }, { a: 1.5 }, { a: true }, { a: null },
      [1, 2], [2, 1], [[1], 2], [1, [2]], 'ab', 'ba', new Uint8Array([1, 2]), new Uint8Array([2, 1]), new Int32Array([1, 2]), 0, -1, 2 ** 40,
    ].map((v) => hashValue(v));
    expect(new Set(distinct).size).toBe(distinct.length);
  });

  it('leaves out volatile keys at the top level only', () => {
    const skip = new Set(['moves']);
    expect(hashValue({ at: 1, moves: 3 }, skip)).toBe(hashValue({ at: 1, moves: 9 }, skip));
    expect(hashValue({ at: 1, inner: { moves: 3 } }, skip)).not.toBe(hashValue({ at: 1, inner: { moves: 9 } }, skip));
  });

  it('hashes objects the same whatever shapes were hashed just before (the key cache never leaks)', () => {
    const shapes = [
      { a: 1, b: 2, c: 3 },
      { a: 1, b: 2 },
      { a: 1, c: 3 },
      { b: 2, a: 1, c: 3 },
      { a: 1, b: 2, c: 3, d: { a: 1, c: 3 } },
      { a: 1, ab: 2, b: 3 },
      { a: 1, b: undefined, c: 3 },
    ];
    const alone = shapes.map((o) => {
      hashValue(7);
      return hashState(o, null, 0);
    });
    for (let round = 0; round < 3; round++) {
      for (let i = shapes.length - 1; i >= 0; i--) expect(hashState(shapes[i], null, 0)).toBe(alone[i]);
    }
    expect(alone[6]).toBe(alone[2]);
    expect(alone[3]).toBe(alone[0]);
    expect(new Set(alone).size).toBe(5);
  });

  it('salts by context (the level index)', () => {
    expect(hashValue({ at: 1 }, null, 1)).not.toBe(hashValue({ at: 1 }, null, 2));
  });

  it('prints as 14 hex digits and fits in 53 bits', () => {
    for (let i = 0; i < 1000; i++) {
      const h = hashValue({ i });
      expect(Number.isSafeInteger(h)).toBe(true);
      expect(hashHex(h)).toMatch(/^[0-9a-f]{14}$/);
      expect(hashHex(h)).toBe(h.toString(16).padStart(14, '0'));
    }
    for (const h of [0, 1, 255, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1]) expect(hashHex(h)).toBe(h.toString(16).padStart(14, '0'));
  });

  it('gives a state the same hash whether or not its arrays were hashed before', () => {
    const board = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 16);
    const states = [0, 1, 2].map((at) => ({ at, board, small: Uint8Array.of(at, 1, 2) }));
    for (let round = 0; round < 3; round++) {
      for (const s of states) expect(hashState(s, null, 4)).toBe(hashValue(s, null, 4));
    }
    expect(new Set(states.map((s) => hashState(s, null, 4))).size).toBe(3);
    // Only state hashing remembers: an array changed and hashed again by hashValue gives its new hash.
    const grid = new Uint8Array(100);
    const before = hashValue({ grid });
    grid[50] = 1;
    expect(hashValue({ grid })).not.toBe(before);
  });

  it('tells apart keys that a 32-bit key hash would confuse', () => {
    expect(hashValue({ '99709': 1 })).not.toBe(hashValue({ '118350': 1 }));
  });

  it('refuses what a state may not hold, saying what it may', () => {
    expect(() => hashValue({ f: new Float64Array(2) })).toThrow(/may hold Uint8Array, .*; found a Float64Array/);
    expect(() => hashValue({ f: () => 1 })).toThrow(/only plain data; found a function/);
  });

  it('hashes a typed array by its bytes, wherever they sit in memory', () => {
    const bytes = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8];
    const alone = Uint8Array.from(bytes);
    const carved = newBytes(bytes.length);
    carved.set(bytes);
    const offset = new Uint8Array(64).subarray(3, 3 + bytes.length);
    offset.set(bytes);
    expect(hashValue({ g: carved })).toBe(hashValue({ g: alone }));
    expect(hashValue({ g: offset })).toBe(hashValue({ g: alone }));
  });

  it('states survive a JSON round trip with the same hash', () => {
    const state = { board: new Uint8Array([0, 5, 9]), path: new Int32Array([-1, 70000]), at: { x: 1, y: 2 }, list: [1, 'two', null] };
    const back = decodeState(JSON.parse(JSON.stringify(encodeState(state))));
    expect(back).toEqual(state);
    expect(hashValue(back)).toBe(hashValue(state));
  });

  it('compiles a shape into a hasher that gives hashState values, and -1 for any other shape', () => {
    const skip = new Set(['energy']);
    const sample = { at: 4, balls: [1, 0, 2], board: new Uint8Array(40).fill(3), energy: 9, info: { w: 5 }, open: -1 };
    const hasher = stateHasher(sample, skip)!;
    expect(hasher).not.toBeNull();
    const values = [0, -1, 2 ** 31 - 1, -(2 ** 31), 1.5, -0, NaN, undefined, null, true, 'x', [1, 'a', [2]], new Uint8Array([1, 2]), new Int32Array([7]), { z: 1, a: 2 }];
    for (const v of values) {
      for (const key of ['at', 'balls', 'board', 'energy', 'info', 'open'] as const) {
        const state = { ...sample, [key]: v };
        for (const salt of [1, 8]) expect(hasher(state, salt)).toBe(hashState(state, skip, salt));
      }
    }
    // Another shape (a key more, less, or one swapped for another) is not this hasher's: it says so.
    expect(hasher({ ...sample, extra: 1 }, 1)).toBe(-1);
    expect(hasher({ at: 4, balls: [] }, 1)).toBe(-1);
    const { open: _open, energy: _energy, ...rest } = sample;
    expect(hasher({ ...rest, energy: 1, extra: -1 }, 1)).toBe(-1); // a key swapped for another
    expect(hasher({ ...rest, open: -1, extra: 1 }, 1)).toBe(-1); // the volatile key swapped
    expect(hasher({ ...rest, energy: 1, open: undefined, extra: 1 }, 1)).toBe(-1);
    expect(hasher({ ...sample, open: undefined, extra: 1 }, 1)).toBe(-1);
    // A key named like one every object inherits is looked for among the object's own.
    const named = stateHasher({ at: 1, toString: 2 }, null)!;
    expect(named({ at: 1, other: 2 }, 1)).toBe(-1);
    expect(named({ at: 1, toString: 3 }, 1)).toBe(hashState({ at: 1, toString: 3 }, null, 1));
    // The same keys in another order are the same data: the walk's value.
    const reordered = { open: -1, at: 4, balls: [1], board: sample.board, energy: 1, info: {} };
    expect(hasher(reordered, 1)).toBe(hashState(reordered, skip, 1));
    // A key present but undefined is one absent, as in the walk.
    expect(hasher({ ...sample, open: undefined }, 1)).toBe(hashState({ ...sample, open: undefined }, skip, 1));
    // A nested object shared by many states (a level's info) is remembered per incoming lanes: same values.
    const info = { bar: [1, 2, 3], board: new Uint8Array(30).fill(2), need: 2 };
    const withInfo = stateHasher({ at: 0, info }, null)!;
    for (let round = 0; round < 2; round++) {
      for (let at = 0; at < 3000; at++) expect(withInfo({ at, info }, 4)).toBe(hashValue({ at, info }, null, 4));
    }
    expect(withInfo({ at: 1, info: { ...info, need: 3 } }, 4)).toBe(hashValue({ at: 1, info: { ...info, need: 3 } }, null, 4));
    // Keys out of order are sorted by the walk: no hasher for them.
    expect(stateHasher({ b: 1, a: 2 }, null)).toBeNull();
    // After many states of one shape hashState compiles it too: same values as the walk gave.
    const first = Array.from({ length: 600 }, (_, i) => hashValue({ at: i, open: [i, 2] }, null, 3));
    expect(Array.from({ length: 600 }, (_, i) => hashState({ at: i, open: [i, 2] }, null, 3))).toEqual(first);
  });
});
