/**
 * The canonical state hash: a 53-bit value (two 32-bit multiply-xor lanes folded together) over a
 * structural walk of a plain-data state. Object keys are visited in sorted order, so two states that
 * hold the same data hash the same however they were built; typed arrays hash by their bytes. The
 * result is a JS number (a fast Map key for the solver and scorer) and prints as 14 hex digits.
 * Same data, same hash, on every machine: only integer arithmetic and IEEE-754 bit patterns are used.
 */

/** The two lanes of the walk in progress; fields of one object update faster than module-level lets. */
const L = { h1: 0, h2: 0 };

function mix(word: number): void {
  L.h1 = Math.imul(L.h1 ^ word, 2654435761);
  L.h2 = Math.imul(L.h2 ^ word, 1597334677);
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
 * A byte array (a grid: the bulk of most states) is hashed on its own, four cells per word in
 * little-endian order, and its 53-bit sub-hash is mixed in. stateHash() remembers the sub-hashes of
 * the arrays it met lately, by identity: states are immutable, and a level's board is shared by every
 * state of the level, so the solver does not re-read the same bytes for each of a million states.
 * Only stateHash() remembers: any other caller may hash an array, change it and hash it again.
 *
 * The memory is a ring of RECENT arrays run as a CLOCK: an array hashed again is marked used, and a
 * new one takes the first unmarked slot past the hand, clearing marks on the way. A state's shared
 * grids are met on every state and stay; arrays made fresh for each state (a trail, say) pass
 * through one slot. (A WeakMap remembered every fresh array too: a set and its GC work per state.)
 */
const RECENT = 8;
const recentArrays: (Uint8Array | null)[] = new Array<Uint8Array | null>(RECENT).fill(null);
const recentSubs = new Float64Array(RECENT);
const recentUsed = new Uint8Array(RECENT);
let hand = 0;
/** Arrays shorter than this are re-hashed: the lookup would cost as much as the hash. */
const REMEMBER_FROM = 16;
let remember = false;

/** The array hashed last, in front of the ring: a level's board comes round on every state. */
let lastArray: Uint8Array | null = null;
let lastSub = 0;

function rememberedHash(v: Uint8Array): number {
  if (v === lastArray) return lastSub;
  let sub = -1;
  for (let i = 0; i < RECENT; i++) {
    if (recentArrays[i] === v) {
      recentUsed[i] = 1;
      sub = recentSubs[i]!;
      break;
    }
  }
  if (sub < 0) {
    sub = bytesHash(v);
    while (recentUsed[hand] === 1) {
      recentUsed[hand] = 0;
      hand = (hand + 1) % RECENT;
    }
    recentArrays[hand] = v;
    recentSubs[hand] = sub;
    hand = (hand + 1) % RECENT;
  }
  lastArray = v;
  lastSub = sub;
  return sub;
}

function mixBytes(v: Uint8Array): void {
  const n = v.length;
  const sub = remember && n >= REMEMBER_FROM ? rememberedHash(v) : bytesHash(v);
  mix(TAG_BYTES ^ n);
  mix(sub >>> 0);
  mix(Math.floor(sub / 4294967296));
}

/** The bytes' own 53-bit hash; local lanes, because module variables are slower to update. */
function bytesHash(v: Uint8Array): number {
  const n = v.length;
  let a = 0x2545f491 ^ n;
  let b = 0x6c8e9cf5 ^ n;
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
  return fold(a, b);
}

/** Final avalanche (as in cyrb53), then the two lanes folded into 53 bits. */
function fold(a: number, b: number): number {
  const x = Math.imul(a ^ (a >>> 16), 2246822507) ^ Math.imul(b ^ (b >>> 13), 3266489909);
  const y = Math.imul(b ^ (b >>> 16), 2246822507) ^ Math.imul(x ^ (x >>> 13), 3266489909);
  return 4294967296 * (2097151 & y) + (x >>> 0);
}

/** An integer, exactly as mixValue mixes one (TAG_INT, then the value); the hot paths call it directly. */
function mixInt(x: number): void {
  L.h1 = Math.imul(Math.imul(L.h1 ^ TAG_INT, 2654435761) ^ x, 2654435761);
  L.h2 = Math.imul(Math.imul(L.h2 ^ TAG_INT, 1597334677) ^ x, 1597334677);
}

function mixString(s: string): void {
  mix(TAG_STRING ^ s.length);
  for (let i = 0; i < s.length; i++) mix(s.charCodeAt(i));
}

function mixValue(v: unknown, skip: ReadonlySet<string> | null): void {
  switch (typeof v) {
    case 'number':
      if ((v | 0) === v) {
        mixInt(v);
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
  // Plain arrays and objects first: they are most of what a state holds besides its grids.
  if (Array.isArray(v)) {
    mixArray(v);
    return;
  }
  if (ArrayBuffer.isView(v)) {
    if (v instanceof Uint8Array) {
      mixBytes(v);
    } else if (v instanceof Int32Array || v instanceof Uint16Array || v instanceof Int16Array || v instanceof Uint32Array) {
      mix(TAG_WORDS ^ v.length);
      for (let i = 0; i < v.length; i++) mix(v[i]!);
    } else {
      throw new TypeError(`a game state may hold Uint8Array, Uint16Array, Int16Array, Int32Array or Uint32Array; found a ${v.constructor.name}`);
    }
    return;
  }
  mixObject(v as Record<string, unknown>, skip);
}

/** A plain array: its lanes in locals while it holds small integers (cell indices, counters: most of what arrays hold). */
function mixArray(v: readonly unknown[]): void {
  const n = v.length;
  let a = Math.imul(L.h1 ^ (TAG_ARRAY ^ n), 2654435761);
  let b = Math.imul(L.h2 ^ (TAG_ARRAY ^ n), 1597334677);
  for (let i = 0; i < n; i++) {
    const x: unknown = v[i];
    if (typeof x === 'number' && (x | 0) === x) {
      a = Math.imul(Math.imul(a ^ TAG_INT, 2654435761) ^ x, 2654435761);
      b = Math.imul(Math.imul(b ^ TAG_INT, 1597334677) ^ x, 1597334677);
    } else {
      L.h1 = a;
      L.h2 = b;
      mixValue(x, null);
      a = L.h1;
      b = L.h2;
    }
  }
  L.h1 = a;
  L.h2 = b;
}

/**
 * The keys of the object hashed last at each depth, in order, with their hashes. A game's states all
 * have the same keys, and so do the objects nested in them (a level's info, a list of pieces), so
 * each key is matched by identity (keys are interned strings) instead of looked up in keyHashes and
 * compared with the one before. A list stays sorted: a key joins only after the order check, and
 * everything after it is dropped. Objects deeper than SHAPE_DEPTHS take the plain path.
 */
interface Shape {
  readonly keys: string[];
  readonly lo: number[];
  readonly hi: number[];
  /** Per key: whether `skipSet` leaves it out (a Set lookup per key and state cost 10% on charge-count). */
  readonly skipped: boolean[];
  skipSet: ReadonlySet<string> | null;
}
const SHAPE_DEPTHS = 4;
const shapes: readonly Shape[] = Array.from({ length: SHAPE_DEPTHS }, () => ({ keys: [], lo: [], hi: [], skipped: [], skipSet: null }));
let depth = 0;

function mixObject(o: Record<string, unknown>, skip: ReadonlySet<string> | null): void {
  // for-in walks V8's cached key list without allocating (Object.keys would, on every state hashed).
  // Keys are almost always written in sorted order; if they were not, start over on a sorted copy.
  // The lanes live in locals, in L only around a call that walks a nested value.
  const start1 = L.h1;
  const start2 = L.h2;
  let a = Math.imul(start1 ^ TAG_OBJECT, 2654435761);
  let b = Math.imul(start2 ^ TAG_OBJECT, 1597334677);
  const shape = depth < SHAPE_DEPTHS ? shapes[depth]! : null;
  if (shape !== null && shape.skipSet !== skip) {
    shape.skipSet = skip;
    for (let i = 0; i < shape.keys.length; i++) shape.skipped[i] = skip !== null && skip.has(shape.keys[i]!);
  }
  depth++;
  let count = 0;
  let pos = 0;
  let previous = '';
  for (const k in o) {
    const value = o[k];
    if (shape !== null && k === shape.keys[pos]) {
      // mixEntry's work with the key's words from the cache, written out: a call here costs 15%.
      if (value !== undefined && !shape.skipped[pos]) {
        const lo = shape.lo[pos]!;
        const hi = shape.hi[pos]!;
        a = Math.imul(Math.imul(a ^ lo, 2654435761) ^ hi, 2654435761);
        b = Math.imul(Math.imul(b ^ lo, 1597334677) ^ hi, 1597334677);
        if (typeof value === 'number' && (value | 0) === value) {
          a = Math.imul(Math.imul(a ^ TAG_INT, 2654435761) ^ value, 2654435761);
          b = Math.imul(Math.imul(b ^ TAG_INT, 1597334677) ^ value, 1597334677);
        } else {
          L.h1 = a;
          L.h2 = b;
          mixValue(value, null);
          a = L.h1;
          b = L.h2;
        }
        count++;
      }
    } else {
      if (k < previous) {
        L.h1 = start1;
        L.h2 = start2;
        mixSorted(o, skip);
        depth--;
        return;
      }
      if (shape !== null) {
        shape.keys.length = shape.lo.length = shape.hi.length = shape.skipped.length = pos + 1;
        const key = keyHash(k);
        shape.keys[pos] = k;
        shape.skipped[pos] = skip !== null && skip.has(k);
        shape.lo[pos] = key >>> 0;
        shape.hi[pos] = Math.floor(key / 4294967296);
      }
      L.h1 = a;
      L.h2 = b;
      count += mixEntry(k, value, skip);
      a = L.h1;
      b = L.h2;
    }
    previous = k;
    pos++;
  }
  depth--;
  L.h1 = Math.imul(a ^ (TAG_OBJECT ^ count), 2654435761);
  L.h2 = Math.imul(b ^ (TAG_OBJECT ^ count), 1597334677);
}

function mixSorted(o: Record<string, unknown>, skip: ReadonlySet<string> | null): void {
  const keys = Object.keys(o).sort();
  mix(TAG_OBJECT);
  let count = 0;
  for (let i = 0; i < keys.length; i++) count += mixEntry(keys[i]!, o[keys[i]!], skip);
  mix(TAG_OBJECT ^ count);
}

/** Whether a key counts: an absent key and an undefined one are the same data, and volatile keys are left out. */
function counts(k: string, value: unknown, skip: ReadonlySet<string> | null): boolean {
  return value !== undefined && (skip === null || !skip.has(k));
}

/** Mixes one key and its value; returns 1 if it counted, 0 if skipped or undefined. */
function mixEntry(k: string, value: unknown, skip: ReadonlySet<string> | null): number {
  if (!counts(k, value, skip)) return 0;
  const key = keyHash(k);
  mix(key >>> 0);
  mix(Math.floor(key / 4294967296));
  mixValue(value, null);
  return 1;
}

/**
 * Object keys are few and come round on every state, so each is hashed once to 53 bits (two lanes
 * from fixed seeds, as for byte arrays) and those two words are mixed in, instead of its characters
 * every time. (One 32-bit word per key was tried: data-made keys like "99709" and "118350" collided.)
 */
const keyHashes = new Map<string, number>();
function keyHash(k: string): number {
  let w = keyHashes.get(k);
  if (w === undefined) {
    let a = 0x7f4a7c15 ^ k.length;
    let b = 0x1b873593 ^ k.length;
    for (let i = 0; i < k.length; i++) {
      a = Math.imul(a ^ k.charCodeAt(i), 2654435761);
      b = Math.imul(b ^ k.charCodeAt(i), 1597334677);
    }
    w = fold(a, b);
    // Keys made from data (a dictionary keyed by cell) could be endless: remember only so many.
    if (keyHashes.size < 4096) keyHashes.set(k, w);
  }
  return w;
}

/**
 * Hashes plain data. `skip` names top-level keys to leave out (a game's volatile counters);
 * `salt` separates otherwise identical data in different contexts (the level index, for states).
 */
export function hashValue(value: unknown, skip: ReadonlySet<string> | null = null, salt = 0): number {
  return hashWith(value, skip, salt, false);
}

/** hashValue for game states, which are immutable: it may remember the hashes of their byte arrays. */
export function hashState(value: unknown, skip: ReadonlySet<string> | null, salt: number): number {
  return hashWith(value, skip, salt, true);
}

function hashWith(value: unknown, skip: ReadonlySet<string> | null, salt: number, rememberBytes: boolean): number {
  remember = rememberBytes;
  depth = 0; // a walk that threw (a state holding a function, say) may have left it raised
  // A state is a plain object: straight to mixObject (what mixValue does with one), a call less per hash.
  if (typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value)) {
    if (rememberBytes) {
      const h = compiledHash(value as Record<string, unknown>, skip, salt);
      if (h >= 0) return h;
    }
    L.h1 = 0xdeadbeef ^ salt;
    L.h2 = 0x41c6ce57 ^ salt;
    mixObject(value as Record<string, unknown>, skip);
  } else {
    L.h1 = 0xdeadbeef ^ salt;
    L.h2 = 0x41c6ce57 ^ salt;
    mixValue(value, null);
  }
  return fold(L.h1, L.h2);
}

/**
 * Compiled state shapes. A game's states all have the same keys, and the generic walk above, shared
 * by every game, runs as slow polymorphic code (about 60 ns a small state, against 25 ns for the same
 * words mixed by straight-line code). So a top-level state's key list, once seen often, gets a hasher
 * of its own, generated as source: one load and one inline mix per key, the same words in the same
 * order as mixObject (lists of small integers inline as in mixArray, anything else through mixValue),
 * so the value is identical. It first checks that the object has exactly its keys (in any order: the
 * walk too mixes them in sorted order), and answers -1 when not; the generic walk then does the work. Where code cannot be generated
 * (a page whose policy forbids it) the walk does it all.
 */
export type ShapeHasher = (o: object, salt: number) => number;

const canCompile = ((): boolean => {
  try {
    return new Function('return 1')() === 1;
  } catch {
    return false;
  }
})();
/** Per volatile set: key list (joined by NUL) -> times seen, or its hasher once made (null: not compilable). */
const shapeHashers = new Map<ReadonlySet<string> | null, Map<string, number | ShapeHasher | null>>();
/** Key lists seen before one is compiled; and at most this many lists remembered (keys made from data could be endless). */
const COMPILE_AFTER = 16;
const MAX_SHAPES = 512;
let shapeCount = 0;
let lastHasher: ShapeHasher | null = null;
let misses = 0;
let lastSkip: ReadonlySet<string> | null = null;

/**
 * A hasher for states shaped like `sample` (the same keys), for a caller that will
 * hash many of them, such as the solver: `hasher(state, salt)` is `hashState(state, skip, salt)`,
 * or -1 for a state of another shape (hash that one with hashState). Null when no hasher can be made.
 */
export function stateHasher(sample: object, skip: ReadonlySet<string> | null): ShapeHasher | null {
  if (!canCompile || typeof sample !== 'object' || sample === null || Array.isArray(sample) || ArrayBuffer.isView(sample)) return null;
  const keys: string[] = [];
  for (const k in sample) keys.push(k);
  const id = keys.join('\u0000');
  let byKeys = shapeHashers.get(skip);
  if (byKeys === undefined) shapeHashers.set(skip, (byKeys = new Map()));
  const known = byKeys.get(id);
  if (typeof known === 'function' || known === null) return known;
  if (known === undefined) {
    if (shapeCount >= MAX_SHAPES) return null;
    shapeCount++;
  }
  const hasher = compileShape(keys, skip);
  byKeys.set(id, hasher);
  return hasher;
}

function compiledHash(o: Record<string, unknown>, skip: ReadonlySet<string> | null, salt: number): number {
  if (lastHasher !== null && lastSkip === skip) {
    const h = lastHasher(o, salt);
    if (h >= 0) return h;
  }
  // Looking a key list up costs an array and a string: after a miss, only one state in 16 does it
  // (a shape that cannot be compiled, keys out of order say, would pay it on every hash).
  if (!canCompile || (misses++ & 15) !== 0) return -1;
  const keys: string[] = [];
  for (const k in o) keys.push(k);
  const id = keys.join('\u0000');
  let byKeys = shapeHashers.get(skip);
  if (byKeys === undefined) shapeHashers.set(skip, (byKeys = new Map()));
  const known = byKeys.get(id);
  if (typeof known === 'function') {
    lastHasher = known;
    lastSkip = skip;
    return known(o, salt);
  }
  if (known === null) return -1;
  if (known === undefined) {
    if (shapeCount >= MAX_SHAPES) return -1;
    shapeCount++;
  }
  const seen = (known ?? 0) + 1;
  if (seen < COMPILE_AFTER) {
    byKeys.set(id, seen);
    return -1;
  }
  const hasher = compileShape(keys, skip);
  byKeys.set(id, hasher);
  if (hasher === null) return -1;
  lastHasher = hasher;
  lastSkip = skip;
  return hasher(o, salt);
}

/** The hasher for objects with exactly these keys in this order; null if they are not sorted (the walk sorts them). */
function compileShape(keys: readonly string[], skip: ReadonlySet<string> | null): ShapeHasher | null {
  for (let i = 1; i < keys.length; i++) if (!(keys[i - 1]! < keys[i]!)) return null;
  const imul = (lane: string, p: number, word: string): string => `${lane} = Math.imul(${lane} ^ ${word}, ${p});`;
  const mix2 = (w: string): string => `${imul('a', 2654435761, w)} ${imul('b', 1597334677, w)}`;
  // The object has exactly these keys if it has as many and each of them. Counting them is cheaper
  // than comparing each with the list (a third of a small state's hash), and a defined value proves its
  // key is there (a volatile key's too: a load costs less than hasOwnProperty); only an undefined key
  // is looked up. The order does not matter: the words are mixed in sorted key order, as the walk does.
  const lines: string[] = [
    'let i = 0;',
    'for (const k in o) i++;',
    `if (i !== ${keys.length}) return -1;`,
    'enter();',
    `let a = Math.imul((${0xdeadbeef} ^ salt) ^ ${TAG_OBJECT}, 2654435761);`,
    `let b = Math.imul((${0x41c6ce57} ^ salt) ^ ${TAG_OBJECT}, 1597334677);`,
    'let count = 0; let v; let x; let n;',
  ];
  for (const k of keys) {
    const name = JSON.stringify(k);
    // A key every object inherits (toString, constructor...) reads as defined where the object lacks
    // it: only an own-property check says it is there.
    if (k in Object.prototype) lines.push(`if (!has.call(o, ${name})) return -1;`);
    if (skip !== null && skip.has(k)) {
      lines.push(`if (o[${name}] === undefined && !has.call(o, ${name})) return -1;`);
      continue;
    }
    const key = keyHash(k);
    const keyWords = `${mix2(String(key >>> 0))} ${mix2(String(Math.floor(key / 4294967296)))}`;
    lines.push(
      `v = o[${name}];`,
      `if (typeof v === 'number' && (v | 0) === v) { ${keyWords} ${mix2(String(TAG_INT))} ${mix2('v')} count++; }`,
      `else if (v === undefined) { if (!has.call(o, ${name})) return -1; }`,
      `else { ${keyWords} count++;`,
      `  if (Array.isArray(v)) { n = v.length; ${mix2(`(${TAG_ARRAY} ^ n)`)}`,
      `    for (let j = 0; j < n; j++) { x = v[j];`,
      `      if (typeof x === 'number' && (x | 0) === x) { ${mix2(String(TAG_INT))} ${mix2('x')} }`,
      '      else { L.h1 = a; L.h2 = b; mixValue(x, null); a = L.h1; b = L.h2; } } }',
      // mixBytes's words (a grid: most states hold one), mixed here in the locals.
      `  else if (v instanceof Uint8Array) { n = v.length; x = n >= ${REMEMBER_FROM} ? rememberedHash(v) : bytesHash(v);`,
      `    ${mix2(`(${TAG_BYTES} ^ n)`)} ${mix2('(x >>> 0)')} ${mix2('Math.floor(x / 4294967296)')} }`,
      '  else { L.h1 = a; L.h2 = b; mixNested(v); a = L.h1; b = L.h2; } }',
    );
  }
  lines.push(`${mix2(`(${TAG_OBJECT} ^ count)`)}`, 'return fold(a, b);');
  const make = new Function('has', 'L', 'enter', 'mixValue', 'rememberedHash', 'bytesHash', 'mixNested', 'fold', `return function hashShape(o, salt) {\n${lines.join('\n')}\n};`);
  return make(Object.prototype.hasOwnProperty, L, enter, mixValue, rememberedHash, bytesHash, mixNested, fold) as ShapeHasher;
}

/**
 * A nested object in a state (a level's info: its board, backdrop and lists) is the same object in
 * every state of the level, and walking it cost more than the rest of the state. Its words cannot be
 * summed up once, because they are mixed into lanes that depend on the keys before it; but those are
 * few (the avatar's cell and a counter, say). So a small direct-mapped table remembers, per object and
 * incoming lanes, the lanes it leaves: the same words, mixed once. Only compiled state hashers use it
 * (states are immutable; hashValue's callers may change what they hash). 4096 entries (96 KiB): with
 * 1024, a level's few hundred (cell, count) pairs in charge-count collided and evicted each other.
 */
const NESTED_BITS = 12;
const NESTED = 1 << NESTED_BITS;
const nestedObjects: (object | null)[] = new Array<object | null>(NESTED).fill(null);
const nestedIn = new Int32Array(NESTED * 2);
const nestedOut = new Int32Array(NESTED * 2);

function mixNested(v: unknown): void {
  if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) {
    mixValue(v, null);
    return;
  }
  const a = L.h1;
  const b = L.h2;
  const i = (a ^ Math.imul(b, 0x9e3779b1)) >>> (32 - NESTED_BITS);
  if (nestedObjects[i] === v && nestedIn[2 * i] === a && nestedIn[2 * i + 1] === b) {
    L.h1 = nestedOut[2 * i]!;
    L.h2 = nestedOut[2 * i + 1]!;
    return;
  }
  mixValue(v, null);
  nestedObjects[i] = v;
  nestedIn[2 * i] = a;
  nestedIn[2 * i + 1] = b;
  nestedOut[2 * i] = L.h1;
  nestedOut[2 * i + 1] = L.h2;
}

/** What hashState sets before a walk; a compiled hasher called directly (stateHasher) sets it itself. */
function enter(): void {
  remember = true;
  depth = 0;
}

/** Hashes a string (level text, content fingerprints) to the same 53-bit space. */
export function hashString(s: string, salt = 0): number {
  return hashValue(s, null, salt);
}

/** Char codes of the hex digits. */
const HEX = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * The printed form used in replays and frame responses: 14 lowercase hex digits. Number#toString(16)
 * on a 53-bit value takes V8's slow path (7x slower, every step), and joining 2-digit pieces with +
 * makes a rope that every comparison or Map lookup must flatten first: one fromCharCode call gives a
 * flat string at once (4x faster counting the comparison the replay check makes).
 */
export function hashHex(hash: number): string {
  const hi = Math.floor(hash / 4294967296);
  const lo = hash >>> 0;
  return String.fromCharCode(
    HEX[(hi >>> 20) & 15]!, HEX[(hi >>> 16) & 15]!, HEX[(hi >>> 12) & 15]!, HEX[(hi >>> 8) & 15]!, HEX[(hi >>> 4) & 15]!, HEX[hi & 15]!,
    HEX[lo >>> 28]!, HEX[(lo >>> 24) & 15]!, HEX[(lo >>> 20) & 15]!, HEX[(lo >>> 16) & 15]!,
    HEX[(lo >>> 12) & 15]!, HEX[(lo >>> 8) & 15]!, HEX[(lo >>> 4) & 15]!, HEX[lo & 15]!,
  );
}
