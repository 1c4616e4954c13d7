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

/**
 * Four cells per word, little-endian order: grids are the bulk of most states, so this loop is the
 * hash's hot path. It works on local copies of the lanes (module variables are slower to update).
 * (A Uint32Array view over the bytes was tried: making the view costs more than it saves.)
 */
function mixBytes(v: Uint8Array): void {
  const n = v.length;
  let a = Math.imul(h1 ^ (TAG_BYTES ^ n), 2654435761);
  let b = Math.imul(h2 ^ (TAG_BYTES ^ n), 1597334677);
  let i = 0;
  for (; i + 3 < n; i += 4) {
    const w = v[i]! | (v[i + 1]! << 8) | (v[i + 2]! << 16) | (v[i + 3]! << 24);
    a = Math.imul(a ^ w, 2654435761);
    b = Math.imul(b ^ w, 1597334677);
  }
  for (; i < n; i++) {
    a = Math.imul(a ^ v[i]!, 2654435761);
    b = Math.imul(b ^ v[i]!, 1597334677);
  }
  h1 = a;
  h2 = b;
}

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
    mixBytes(v);
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
  // for-in walks V8's cached key list without allocating (Object.keys would, on every state hashed).
  // Keys are almost always written in sorted order; if they were not, start over on a sorted copy.
  const start1 = h1;
  const start2 = h2;
  mix(TAG_OBJECT);
  let count = 0;
  let previous = '';
  for (const k in o) {
    if (k < previous) {
      h1 = start1;
      h2 = start2;
      mixSorted(o, skip);
      return;
    }
    previous = k;
    count += mixEntry(k, o[k], skip);
  }
  mix(TAG_OBJECT ^ count);
}

function mixSorted(o: Record<string, unknown>, skip: ReadonlySet<string> | null): void {
  const keys = Object.keys(o).sort();
  mix(TAG_OBJECT);
  let count = 0;
  for (let i = 0; i < keys.length; i++) count += mixEntry(keys[i]!, o[keys[i]!], skip);
  mix(TAG_OBJECT ^ count);
}

/** Mixes one key and its value; returns 1 if it counted, 0 if skipped or undefined. */
function mixEntry(k: string, value: unknown, skip: ReadonlySet<string> | null): number {
  if (value === undefined) return 0; // an absent key and an undefined one are the same data
  if (skip !== null && skip.has(k)) return 0;
  mixString(k);
  mixValue(value, null);
  return 1;
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

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * The printed form used in replays and frame responses: 14 lowercase hex digits. Built from a byte
 * table because Number#toString(16) on a 53-bit value takes V8's slow path (7x slower, every step).
 */
export function hashHex(hash: number): string {
  const hi = Math.floor(hash / 4294967296);
  const lo = hash >>> 0;
  return BYTE_HEX[hi >>> 16]! + BYTE_HEX[(hi >>> 8) & 255]! + BYTE_HEX[hi & 255]! +
    BYTE_HEX[lo >>> 24]! + BYTE_HEX[(lo >>> 16) & 255]! + BYTE_HEX[(lo >>> 8) & 255]! + BYTE_HEX[lo & 255]!;
}
