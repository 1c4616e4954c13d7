/**
 * Fresh byte arrays carved from shared slabs. On V8 every new Uint8Array over 64 bytes gets its own
 * off-heap store, which costs 1-2 µs to allocate and sweep: more than a whole game step. Frames and
 * views are made on every step, so they are carved from 16 KiB slabs instead, at a few nanoseconds
 * each. A slab lives while any array carved from it does, so one array held for long pins at most
 * 16 KiB. Arrays start on 8-byte boundaries so they can be read a word at a time.
 *
 * Use them for what is drawn and dropped (views, frames), not for game state: states are kept (undo
 * history, solver tables), and each one kept would pin a whole slab.
 * Never use `.buffer` of such an array as if it were the array's own: it is the whole slab.
 */
const SLAB_BYTES = 16384;
/** Larger arrays get their own store: carving them would waste most of a slab. */
const MAX_CARVED = 4096;

let slab = new ArrayBuffer(0);
let used = SLAB_BYTES;

/** A zeroed array of `length` bytes that no one else holds. */
export function newBytes(length: number): Uint8Array {
  if (length > MAX_CARVED) return new Uint8Array(length);
  const size = (length + 7) & ~7;
  if (used + size > SLAB_BYTES) {
    slab = new ArrayBuffer(SLAB_BYTES);
    used = 0;
  }
  const out = new Uint8Array(slab, used, length);
  used += size;
  return out;
}

/** A fresh copy of `source` (what `source.slice()` gives, cheaper). */
export function copyBytes(source: Uint8Array): Uint8Array {
  const out = newBytes(source.length);
  out.set(source);
  return out;
}
