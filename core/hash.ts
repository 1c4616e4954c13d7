/**
 * The canonical state hash: a 53-bit value (two 32-bit multiply-xor lanes folded together) over a
 * structural walk of a plain-data state. Object keys are visited in sorted order, so two states that
 * hold the same data hash the same however they were built; typed arrays hash by their bytes. The
 * result is a JS number (a fast Map key for the solver and scorer) and prints as 14 hex digits.
 * Same data, same hash, on every machine: only integer arithmetic and IEEE-754 bit patterns are used.
 */

let h1 = 0;
let h2 = 0;

function mix(word: number): void {
  h1 = Math.imul(h1 ^ word, 2654435761);
  h2 = Math.imul(h2 ^ word, 1597334677);
}

const TAG_NULL = 0x9e3779b1;
const TAG_FALSE = 0x85ebca77;
const TAG_TRUE = 0xc2b2ae3d;
const TAG_INT = 0x27d4eb2f;
const TAG_FLOAT = 0x165667b1;
const TAG_STRING = 0xd3a2646c;
const TAG_ARRAY = 0xfd7046c5;
const TAG_OBJECT = 0xb55a4f09;
const TAG_BYTES = 0x7f4a7c15;
const TAG_WORDS = 0x94d049bb;

const f64 = new Float64Array(1);
const f64Words = new Uint32Array(f64.buffer);

function mixString(s: string): void {
  mix(TAG_STRING ^ s.length);
  for (let i = 0; i < s.length; i++) mix(s.charCodeAt(i));
}

function mixValue(v: unknown, skip: ReadonlySet<string> | null): void {
  switch (typeof v) {
    case 'number':
      if ((v | 0) === v) {
        mix(TAG_INT);
        mix(v);
      } else {
        f64[0] = v;
        mix(TAG_FLOAT);
        mix(f64Words[0]!);
        mix(f64Words[1]!);
      }
      return;
    case 'string':
      mixString(v);
      return;
    case 'boolean':
      mix(v ? TAG_TRUE : TAG_FALSE);
      return;
    case 'undefined':
      mix(TAG_NULL);
      return;
    case 'object':
      break;
    default:
      throw new TypeError(`a game state may hold only plain data; found a ${typeof v}`);
  }
  if (v === null) {
    mix(TAG_NULL);
    return;
  }
  if (v instanceof Uint8Array) {
    mix(TAG_BYTES ^ v.length);
    const n = v.length;
    let i = 0;
    // Four cells per word: grids are the bulk of most states.
    for (; i + 3 < n; i += 4) mix(v[i]! | (v[i + 1]! << 8) | (v[i + 2]! << 16) | (v[i + 3]! << 24));
    for (; i < n; i++) mix(v[i]!);
    return;
  }
  if (v instanceof Int32Array || v instanceof Uint16Array || v instanceof Int16Array || v instanceof Uint32Array) {
    mix(TAG_WORDS ^ v.length);
    for (let i = 0; i < v.length; i++) mix(v[i]!);
    return;
  }
  if (Array.isArray(v)) {
    mix(TAG_ARRAY ^ v.length);
    for (let i = 0; i < v.length; i++) mixValue(v[i], null);
    return;
  }
  mixObject(v as Record<string, unknown>, skip);
}

function mixObject(o: Record<string, unknown>, skip: ReadonlySet<string> | null): void {
  let keys = Object.keys(o);
  // Sorting is needed only when keys were not written in order; checking is cheaper than sorting.
  for (let i = 1; i < keys.length; i++) {
    if (keys[i - 1]! > keys[i]!) {
      keys = keys.slice().sort();
      break;
    }
  }
  mix(TAG_OBJECT);
  let count = 0;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (skip !== null && skip.has(k)) continue;
    const value = o[k];
    if (value === undefined) continue; // an absent key and an undefined one are the same data
    mixString(k);
    mixValue(value, null);
    count++;
  }
  mix(TAG_OBJECT ^ count);
}

/**
 * Hashes plain data. `skip` names top-level keys to leave out (a game's volatile counters);
 * `salt` separates otherwise identical data in different contexts (the level index, for states).
 */
export function hashValue(value: unknown, skip: ReadonlySet<string> | null = null, salt = 0): number {
  h1 = 0xdeadbeef ^ salt;
  h2 = 0x41c6ce57 ^ salt;
  if (skip !== null && typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value)) {
    mixObject(value as Record<string, unknown>, skip);
  } else {
    mixValue(value, null);
  }
  // Final avalanche (as in cyrb53), then fold the lanes into 53 bits.
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** Hashes a string (level text, content fingerprints) to the same 53-bit space. */
export function hashString(s: string, salt = 0): number {
  return hashValue(s, null, salt);
}

/** The printed form used in replays and frame responses: 14 lowercase hex digits. */
export function hashHex(hash: number): string {
  return hash.toString(16).padStart(14, '0');
}
