/**
 * A frame's objects as the built-in agents click them: the scorer's objects (core's FrameObjects,
 * SCORING.md "State key": a 4-connected same-colour region, numbered colour * 4096 + its least cell),
 * listed so that an agent can pick one uniformly and then a cell inside it. Frames are never written
 * once drawn and a session hands back the same frame object while nothing changes, so each table is
 * built once per frame object.
 *
 * Built from rectangles (runs of bands of identical rows) joined by union-find rather than by a
 * flood fill per cell: a frame is a few hundred rectangles, so a table costs about one pass over the
 * bytes, and the random agent's clicks stay cheap on click games where most clicks redraw the frame.
 */
import { FRAME_CELLS, FRAME_SIZE, type Action, type ClickAction, type Frame } from '../../core/index.ts';

export interface ObjectTable {
  /** Number of objects in the frame, numbered 0.. in the order of their least cell. */
  readonly count: number;
  /** Object k's id as the scorer numbers it (clickedObject): colour * 4096 + its least cell. */
  readonly ids: Int32Array;
  /** Object k's number of cells. */
  readonly sizes: Int32Array;
  /** Object k's least cell (y * 64 + x): a cell surely inside it. */
  first(k: number): number;
  /** Object k's r-th cell in scan order, 0 <= r < sizes[k]. */
  cell(k: number, r: number): number;
}

class RectTable implements ObjectTable {
  constructor(
    readonly count: number,
    readonly ids: Int32Array,
    readonly sizes: Int32Array,
    /** Object k's rectangles are rects[rectFrom[k] .. rectFrom[k + 1] - 1], in scan order of their corners. */
    private readonly rectFrom: Int32Array,
    private readonly rectStart: Int32Array,
    private readonly rectWidth: Int32Array,
    private readonly rectHeight: Int32Array,
  ) {}

  first(k: number): number {
    return this.rectStart[this.rectFrom[k]!]!;
  }

  cell(k: number, r: number): number {
    let rect = this.rectFrom[k]!;
    while (r >= this.rectWidth[rect]! * this.rectHeight[rect]!) r -= this.rectWidth[rect]! * this.rectHeight[rect++]!;
    const width = this.rectWidth[rect]!;
    const down = Math.floor(r / width);
    return this.rectStart[rect]! + down * FRAME_SIZE + (r - down * width);
  }
}

const tables = new WeakMap<Frame, ObjectTable>();

export function objectTable(frame: Frame): ObjectTable {
  let table = tables.get(frame);
  if (table === undefined) {
    table = buildTable(frame);
    tables.set(frame, table);
  }
  return table;
}

// Scratch for one build (at most one rectangle per cell).
const start = new Int32Array(FRAME_CELLS);
const width = new Int32Array(FRAME_CELLS);
const height = new Int32Array(FRAME_CELLS);
const parent = new Int32Array(FRAME_CELLS);
const objectOf = new Int32Array(FRAME_CELLS);
/** Each object's next free place among the rectangles, while they are sorted by object. */
const next = new Int32Array(FRAME_CELLS);

function root(i: number): number {
  while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
  return i;
}

/** Whether rows a and b of the frame hold the same bytes (compared a word at a time where aligned). */
function sameRow(frame: Frame, words: Int32Array | undefined, a: number, b: number): boolean {
  if (words !== undefined) {
    const wa = a * (FRAME_SIZE / 4);
    const wb = b * (FRAME_SIZE / 4);
    for (let i = 0; i < FRAME_SIZE / 4; i++) if (words[wa + i] !== words[wb + i]) return false;
    return true;
  }
  for (let i = 0; i < FRAME_SIZE; i++) if (frame[a * FRAME_SIZE + i] !== frame[b * FRAME_SIZE + i]) return false;
  return true;
}

/**
 * A frame is the game's view scaled by whole blocks, so rows come in bands of identical rows: each
 * band's runs are rectangles, joined to the band above where they share a column and a colour.
 */
function buildTable(frame: Frame): ObjectTable {
  const words = frame.byteOffset % 4 === 0 ? new Int32Array(frame.buffer, frame.byteOffset, FRAME_CELLS / 4) : undefined;
  let rects = 0;
  let above = 0; // first rectangle of the band above
  for (let y = 0; y < FRAME_SIZE; ) {
    let tall = 1;
    while (y + tall < FRAME_SIZE && sameRow(frame, words, y, y + tall)) tall++;
    const row = y * FRAME_SIZE;
    const first = rects;
    let p = above; // the band above's rectangles, walked alongside this band's
    for (let x = 0; x < FRAME_SIZE; ) {
      const colour = frame[row + x]!;
      const x0 = x;
      while (x < FRAME_SIZE && frame[row + x] === colour) x++;
      start[rects] = row + x0;
      width[rects] = x - x0;
      height[rects] = tall;
      parent[rects] = rects;
      if (y > 0) {
        // Rectangles above sharing a column with [x0, x) and of the same colour are the same object.
        while ((start[p]! % FRAME_SIZE) + width[p]! <= x0) p++;
        for (let q = p; q < first && start[q]! % FRAME_SIZE < x; q++) {
          if (frame[start[q]!] !== colour) continue;
          const a = root(q);
          const b = root(rects);
          // The older root stays the root, so a root is its object's first rectangle (its least cell).
          if (a !== b) parent[a < b ? b : a] = a < b ? a : b;
        }
      }
      rects++;
    }
    above = first;
    y += tall;
  }
  // Number the objects by their first rectangle, count their rectangles and cells. The table's
  // arrays are views of one store: each typed array of its own would get an off-heap store, a few
  // microseconds to allocate and sweep each, on every click that redraws the frame.
  let count = 0;
  for (let i = 0; i < rects; i++) if (root(i) === i) objectOf[i] = count++;
  const store = new Int32Array(3 * count + 1 + 3 * rects);
  const ids = store.subarray(0, count);
  const sizes = store.subarray(count, 2 * count);
  const rectFrom = store.subarray(2 * count, 3 * count + 1);
  for (let i = 0; i < rects; i++) {
    const k = objectOf[root(i)]!;
    if (root(i) === i) ids[k] = frame[start[i]!]! * FRAME_CELLS + start[i]!;
    sizes[k]! += width[i]! * height[i]!;
    rectFrom[k + 1]!++;
  }
  for (let k = 0; k < count; k++) rectFrom[k + 1]! += rectFrom[k]!;
  next.set(rectFrom.subarray(0, count));
  const rectStart = store.subarray(3 * count + 1, 3 * count + 1 + rects);
  const rectWidth = store.subarray(3 * count + 1 + rects, 3 * count + 1 + 2 * rects);
  const rectHeight = store.subarray(3 * count + 1 + 2 * rects);
  for (let i = 0; i < rects; i++) {
    const at = next[objectOf[root(i)]!]!++;
    rectStart[at] = start[i]!;
    rectWidth[at] = width[i]!;
    rectHeight[at] = height[i]!;
  }
  return new RectTable(count, ids, sizes, rectFrom, rectStart, rectWidth, rectHeight);
}

/** One frozen ACTION6 per frame cell, so clicking allocates nothing. */
const CLICKS: readonly ClickAction[] = Array.from({ length: FRAME_CELLS }, (_, i) =>
  Object.freeze({ type: 'ACTION6' as const, x: i % FRAME_SIZE, y: Math.floor(i / FRAME_SIZE) }),
);

/** The click on frame cell i (y * 64 + x). */
export function clickAt(cell: number): Action {
  return CLICKS[cell]!;
}

/** The frame an observation shows now: the last of its frames. */
export function lastFrame(frames: readonly Frame[]): Frame {
  const frame = frames[frames.length - 1];
  if (frame === undefined) throw new Error('an observation carried no frame');
  return frame;
}
