/**
 * Frames: every state renders to a 64x64 grid of ARC palette indices. The game's view is scaled by
 * the largest whole factor that fits, centred, and letterboxed. Encoders turn a frame into ARC's
 * nested arrays, a compact run-length form, and text (one hex digit per colour).
 */
import { copyBytes, newBytes } from './bytes.ts';
import type { Cell, Grid } from './grid.ts';

export const FRAME_SIZE = 64;
export const FRAME_CELLS = FRAME_SIZE * FRAME_SIZE;

/** 64x64 palette indices, row-major: frame cell (x, y) is frame[y * 64 + x]. */
export type Frame = Uint8Array;

/** Where a view of a given size sits inside the frame. */
export interface Layout {
  readonly width: number;
  readonly height: number;
  readonly scale: number;
  readonly left: number;
  readonly top: number;
}

const layouts = new Map<number, Layout>();

export function layoutFor(width: number, height: number): Layout {
  const key = width * 256 + height;
  let layout = layouts.get(key);
  if (layout === undefined) {
    const scale = Math.max(1, Math.floor(FRAME_SIZE / Math.max(width, height)));
    layout = Object.freeze({
      width,
      height,
      scale,
      left: Math.floor((FRAME_SIZE - width * scale) / 2),
      top: Math.floor((FRAME_SIZE - height * scale) / 2),
    });
    layouts.set(key, layout);
  }
  return layout;
}

/** Draws a view into a fresh frame (or into `into`), `letterbox` filling the margins. */
export function renderFrame(view: Grid, letterbox: number, into?: Frame): Frame {
  const { scale, left, top, width, height } = layoutFor(view.width, view.height);
  const cells = view.cells;
  const out = into ?? newBytes(FRAME_CELLS);
  if (into !== undefined || letterbox !== 0) out.fill(letterbox);
  for (let y = 0; y < height; y++) {
    const rowStart = (top + y * scale) * FRAME_SIZE;
    let o = rowStart + left;
    const src = y * width;
    for (let x = 0; x < width; x++) {
      const c = cells[src + x]!;
      for (let k = 0; k < scale; k++) out[o++] = c;
    }
    // The remaining scale-1 rows of this cell row are copies of the first.
    for (let k = 1; k < scale; k++) out.copyWithin(rowStart + k * FRAME_SIZE + left, rowStart + left, rowStart + left + width * scale);
  }
  return out;
}

/**
 * Draws `view` as a fresh frame, starting from `frame`, which shows `before`, a view of the same size.
 * Only the cells that differ are painted: a step usually changes a handful of cells, and on these
 * machines every byte a JavaScript loop writes costs about a nanosecond, so a full 4,096-byte render
 * would cost more than everything else in a step. Returns `frame` itself when nothing differs.
 * Grids are never mutated once drawn (a game's view() returns a new or an unchanging grid).
 */
export function redrawFrame(frame: Frame, before: Grid, view: Grid): Frame {
  const a = before.cells;
  const b = view.cells;
  const n = b.length;
  let out: Frame | undefined;
  let i = 0;
  // Four cells per comparison where both grids' bytes are 4-aligned; the rest one by one.
  if (((a.byteOffset | b.byteOffset) & 3) === 0) {
    const words = n >> 2;
    const a32 = new Uint32Array(a.buffer, a.byteOffset, words);
    const b32 = new Uint32Array(b.buffer, b.byteOffset, words);
    for (let w = 0; w < words; w++) {
      if (a32[w] === b32[w]) continue;
      for (let j = w << 2; j < (w << 2) + 4; j++) {
        if (a[j] !== b[j]) out = paintCell(out ?? copyBytes(frame), view, j);
      }
    }
    i = words << 2;
  }
  for (; i < n; i++) if (a[i] !== b[i]) out = paintCell(out ?? copyBytes(frame), view, i);
  return out ?? frame;
}

/** Paints view cell `index` (its scale x scale block) into `out`. */
function paintCell(out: Frame, view: Grid, index: number): Frame {
  const { scale, left, top } = layoutFor(view.width, view.height);
  const c = view.cells[index]!;
  const x = index % view.width;
  const y = (index - x) / view.width;
  let o = (top + y * scale) * FRAME_SIZE + left + x * scale;
  for (let r = 0; r < scale; r++, o += FRAME_SIZE) {
    for (let k = 0; k < scale; k++) out[o + k] = c;
  }
  return out;
}

/** The view cell under frame cell (x, y), or undefined when it falls on the letterbox. */
export function frameToViewCell(layout: Layout, x: number, y: number): Cell | undefined {
  const cx = Math.floor((x - layout.left) / layout.scale);
  const cy = Math.floor((y - layout.top) / layout.scale);
  if (x < layout.left || y < layout.top || cx >= layout.width || cy >= layout.height) return undefined;
  return { x: cx, y: cy };
}

/** The frame cell at the centre of view cell (x, y): where to click to hit it. */
export function viewCellToFrame(layout: Layout, x: number, y: number): Cell {
  const half = Math.floor(layout.scale / 2);
  return { x: layout.left + x * layout.scale + half, y: layout.top + y * layout.scale + half };
}

/** ARC's wire form: 64 rows of 64 ints. */
export function frameToArc(frame: Frame): number[][] {
  const rows: number[][] = new Array(FRAME_SIZE);
  for (let y = 0; y < FRAME_SIZE; y++) rows[y] = Array.from(frame.subarray(y * FRAME_SIZE, (y + 1) * FRAME_SIZE));
  return rows;
}

// Decoded frames are kept by whoever decodes them, so they get their own store, not a slab's.
export function frameFromArc(rows: readonly (readonly number[])[]): Frame {
  const frame = new Uint8Array(FRAME_CELLS);
  for (let y = 0; y < FRAME_SIZE; y++) frame.set(rows[y] ?? [], y * FRAME_SIZE);
  return frame;
}

const NUMBER_TEXT = Array.from({ length: 16 }, (_, i) => String(i));

interface CachedRow {
  readonly bytes: Uint8Array;
  readonly text: string;
  /** The text as ASCII bytes, made on first use by frameToJsonBytes. */
  ascii?: Uint8Array;
}

/** Row text by a hash of the row's 64 cells; each hit is checked cell by cell, so a collision costs time, never a wrong frame. */
const rowCache = new Map<number, CachedRow[]>();
const ROW_CACHE_LIMIT = 8192;

function rowJson(frame: Frame, o: number): string {
  return cachedRow(frame, o).text;
}

function rowAscii(frame: Frame, o: number): Uint8Array {
  const row = cachedRow(frame, o);
  if (row.ascii === undefined) {
    const ascii = new Uint8Array(row.text.length);
    for (let i = 0; i < ascii.length; i++) ascii[i] = row.text.charCodeAt(i);
    row.ascii = ascii;
  }
  return row.ascii;
}

function cachedRow(frame: Frame, o: number): CachedRow {
  let h = 0;
  for (let x = 0; x < FRAME_SIZE; x += 4) {
    h = Math.imul(h ^ (frame[o + x]! | (frame[o + x + 1]! << 8) | (frame[o + x + 2]! << 16) | (frame[o + x + 3]! << 24)), 2654435761);
  }
  let bucket = rowCache.get(h);
  if (bucket !== undefined) {
    for (const cached of bucket) if (sameCells(cached.bytes, 0, frame, o)) return cached;
  }
  let text = '[' + NUMBER_TEXT[frame[o]!]!;
  for (let x = 1; x < FRAME_SIZE; x++) text += ',' + NUMBER_TEXT[frame[o + x]!]!;
  text += ']';
  if (bucket === undefined) {
    if (rowCache.size >= ROW_CACHE_LIMIT) rowCache.clear();
    bucket = [];
    rowCache.set(h, bucket);
  }
  const row: CachedRow = { bytes: frame.slice(o, o + FRAME_SIZE), text };
  bucket.push(row);
  return row;
}

function sameCells(a: Uint8Array, ao: number, b: Uint8Array, bo: number): boolean {
  for (let x = 0; x < FRAME_SIZE; x++) if (a[ao + x] !== b[bo + x]) return false;
  return true;
}

/**
 * The same nested arrays, already as JSON text. This is the API's main cost (ARCHITECTURE.md), so
 * row texts are cached: successive frames of a game share almost all their rows.
 */
export function frameToJson(frame: Frame): string {
  let row = rowJson(frame, 0);
  let out = '[' + row;
  for (let y = 1; y < FRAME_SIZE; y++) {
    const o = y * FRAME_SIZE;
    // After scaling, most rows repeat the one above: reuse its text without a lookup.
    if (!sameCells(frame, o - FRAME_SIZE, frame, o)) row = rowJson(frame, o);
    out += ',' + row;
  }
  return out + ']';
}

/**
 * frameToJson's text as ASCII bytes, copied together from cached row bytes: what a server sends.
 * Encoding the text instead costs more than the rest of a request (measured: a quarter of the
 * server's time went to flattening and encoding frame strings). A fresh array the caller may keep.
 */
export function frameToJsonBytes(frame: Frame): Uint8Array {
  const rows: Uint8Array[] = new Array(FRAME_SIZE);
  let row = rowAscii(frame, 0);
  let length = 1 + FRAME_SIZE; // '[', a ',' between rows, ']'
  for (let y = 0; y < FRAME_SIZE; y++) {
    const o = y * FRAME_SIZE;
    if (y > 0 && !sameCells(frame, o - FRAME_SIZE, frame, o)) row = rowAscii(frame, o);
    rows[y] = row;
    length += row.length;
  }
  const out = new Uint8Array(length);
  out[0] = 0x5b; // [
  let at = 1;
  for (let y = 0; y < FRAME_SIZE; y++) {
    if (y > 0) out[at++] = 0x2c; // ,
    out.set(rows[y]!, at);
    at += rows[y]!.length;
  }
  out[at] = 0x5d; // ]
  return out;
}

/**
 * Compact form: one array per row of [colour, run length] pairs, flattened
 * ([5, 64] is a row of 64 black cells). A letterboxed frame shrinks about 20x.
 */
export function frameToRle(frame: Frame): number[][] {
  const rows: number[][] = new Array(FRAME_SIZE);
  for (let y = 0; y < FRAME_SIZE; y++) {
    const row: number[] = [];
    const o = y * FRAME_SIZE;
    let colour = frame[o]!;
    let run = 1;
    for (let x = 1; x < FRAME_SIZE; x++) {
      const c = frame[o + x]!;
      if (c === colour) run++;
      else {
        row.push(colour, run);
        colour = c;
        run = 1;
      }
    }
    row.push(colour, run);
    rows[y] = row;
  }
  return rows;
}

export function frameFromRle(rows: readonly (readonly number[])[]): Frame {
  const frame = new Uint8Array(FRAME_CELLS);
  rows.forEach((row, y) => {
    let o = y * FRAME_SIZE;
    for (let i = 0; i + 1 < row.length; i += 2) {
      frame.fill(row[i]!, o, o + row[i + 1]!);
      o += row[i + 1]!;
    }
  });
  return frame;
}

/** One character per colour: the hex digit of its palette index. */
export const TEXT_GLYPHS = '0123456789abcdef';

/** A frame (or any grid) as text, one line per row: for terminals and text-only agents. */
export function gridToText(grid: Grid): string {
  const lines: string[] = [];
  for (let y = 0; y < grid.height; y++) {
    let line = '';
    for (let x = 0; x < grid.width; x++) line += TEXT_GLYPHS[grid.cells[y * grid.width + x]!];
    lines.push(line);
  }
  return lines.join('\n');
}

export function frameToText(frame: Frame): string {
  return gridToText({ width: FRAME_SIZE, height: FRAME_SIZE, cells: frame });
}
