/**
 * The action key of a click (SCORING.md "State key"): the clicked object, i.e. the colour and the
 * 4-connected same-colour component under (x, y) in the frame before the click. Two clicks on the
 * same object are the same experiment; the scorer falls back to the raw (x, y) where it sees one
 * object's clicks lead to different places.
 */
import { FRAME_CELLS, FRAME_SIZE, frameToViewCell, layoutFor } from '../frame.ts';
import type { Grid } from '../grid.ts';

/**
 * Finds objects by flood fill and remembers, for the last frame, every cell of each object it has
 * filled: a player clicking around one unchanged frame (most clicks do nothing) pays for each
 * object once, not once per click.
 */
export class FrameObjects {
  private frame: Uint8Array | undefined;
  /** Per cell, the epoch in which its object was found; a new frame starts a new epoch. */
  private readonly seen = new Uint32Array(FRAME_CELLS);
  private epoch = 0;
  private readonly objects = new Int32Array(FRAME_CELLS);
  private readonly stack = new Int32Array(FRAME_CELLS);

  /** The object under (x, y). Frames are never written once drawn, so identity says "same frame". */
  at(frame: Uint8Array, x: number, y: number): number {
    if (frame !== this.frame) {
      this.frame = frame;
      if (++this.epoch === 0xffffffff) {
        this.seen.fill(0);
        this.epoch = 1;
      }
    }
    const start = y * FRAME_SIZE + x;
    if (this.seen[start] !== this.epoch) this.fill(frame, start);
    return this.objects[start]!;
  }

  private fill(frame: Uint8Array, start: number): void {
    const { seen, stack, objects, epoch } = this;
    const colour = frame[start]!;
    let top = 0;
    let count = 0;
    let least = start;
    stack[top++] = start;
    seen[start] = epoch;
    // The stack doubles as the list of the component's cells: pop by index, never overwrite.
    while (count < top) {
      const i = stack[count++]!;
      if (i < least) least = i;
      const cx = i % FRAME_SIZE;
      if (cx > 0 && seen[i - 1] !== epoch && frame[i - 1] === colour) (seen[i - 1] = epoch), (stack[top++] = i - 1);
      if (cx < FRAME_SIZE - 1 && seen[i + 1] !== epoch && frame[i + 1] === colour) (seen[i + 1] = epoch), (stack[top++] = i + 1);
      if (i >= FRAME_SIZE && seen[i - FRAME_SIZE] !== epoch && frame[i - FRAME_SIZE] === colour) (seen[i - FRAME_SIZE] = epoch), (stack[top++] = i - FRAME_SIZE);
      if (i < FRAME_CELLS - FRAME_SIZE && seen[i + FRAME_SIZE] !== epoch && frame[i + FRAME_SIZE] === colour) (seen[i + FRAME_SIZE] = epoch), (stack[top++] = i + FRAME_SIZE);
    }
    const id = colour * FRAME_CELLS + least;
    for (let k = 0; k < top; k++) objects[stack[k]!] = id;
  }
}

const shared = new FrameObjects();

/** The object under (x, y) in a frame: colour * 4096 + the smallest cell index of its component. */
export function clickedObject(frame: Uint8Array, x: number, y: number): number {
  return shared.at(frame, x, y);
}

/**
 * The same objects found on the game's view instead of the 64x64 frame: the frame is the view
 * scaled by whole blocks and letterboxed, so view components are frame components, except where a
 * border cell has the letterbox colour and joins the margin. The margins are modelled as up to four
 * strips (top, bottom, left, right), one region when a top or bottom strip and a side strip exist. Gives the
 * same numbers as FrameObjects for a frame drawn from this view, without drawing it: a view is
 * tens of cells where a frame is 4,096, which is what keeps scoring click games fast.
 */
export class ViewObjects {
  private view: Grid | undefined;
  private epoch = 0;
  private seen = new Uint32Array(0);
  private objects = new Int32Array(0);
  private stack = new Int32Array(0);

  /** The object under frame cell (x, y) of a frame drawn from `view` with `letterbox` margins. */
  at(view: Grid, letterbox: number, x: number, y: number): number {
    const { width: w, height: h, cells } = view;
    const n = w * h;
    if (view !== this.view) {
      this.view = view;
      if (this.seen.length < n + 4) {
        this.seen = new Uint32Array(n + 4);
        this.objects = new Int32Array(n + 4);
        this.stack = new Int32Array(n + 4);
        this.epoch = 0;
      }
      if (++this.epoch === 0xffffffff) {
        this.seen.fill(0);
        this.epoch = 1;
      }
    }
    const layout = layoutFor(w, h);
    const { scale: s, left, top } = layout;
    const right = FRAME_SIZE - left - w * s;
    const bottom = FRAME_SIZE - top - h * s;
    // Strip nodes: n + 0 top, 1 bottom, 2 left, 3 right. A top or bottom strip touches both side
    // strips, so when both kinds exist every margin is one region (node n); else each is its own.
    const joined = (top > 0 || bottom > 0) && (left > 0 || right > 0);
    let start: number;
    const cell = frameToViewCell(layout, x, y);
    if (cell !== undefined) start = cell.y * w + cell.x;
    else start = joined ? n : n + (y < top ? 0 : y >= top + h * s ? 1 : x < left ? 2 : 3);
    const { seen, objects, stack, epoch } = this;
    if (seen[start] === epoch) return objects[start]!;
    const colour = start < n ? cells[start]! : letterbox;
    // A strip joins the component only when it exists and has the component's colour.
    const topNode = top > 0 && letterbox === colour ? (joined ? n : n) : -1;
    const bottomNode = bottom > 0 && letterbox === colour ? (joined ? n : n + 1) : -1;
    const leftNode = left > 0 && letterbox === colour ? (joined ? n : n + 2) : -1;
    const rightNode = right > 0 && letterbox === colour ? (joined ? n : n + 3) : -1;
    // The fill is written out inline (this runs on every click scored): the least view cell is
    // tracked, since frame order is view order (rows of w * s <= 64 cells), and turned into a frame
    // index once at the end; the margins give their own least cells.
    let leastCell = n;
    let least = Infinity;
    let pushed = 0;
    let count = 0;
    seen[start] = epoch;
    stack[pushed++] = start;
    let j: number;
    while (count < pushed) {
      const i = stack[count++]!;
      if (i < n) {
        if (i < leastCell) leastCell = i;
        const vx = i % w;
        if (vx > 0 && seen[(j = i - 1)] !== epoch && cells[j] === colour) (seen[j] = epoch), (stack[pushed++] = j);
        if (vx < w - 1 && seen[(j = i + 1)] !== epoch && cells[j] === colour) (seen[j] = epoch), (stack[pushed++] = j);
        if (i >= w && seen[(j = i - w)] !== epoch && cells[j] === colour) (seen[j] = epoch), (stack[pushed++] = j);
        if (i < n - w && seen[(j = i + w)] !== epoch && cells[j] === colour) (seen[j] = epoch), (stack[pushed++] = j);
        if (i < w && topNode >= 0 && seen[topNode] !== epoch) (seen[topNode] = epoch), (stack[pushed++] = topNode);
        if (i >= n - w && bottomNode >= 0 && seen[bottomNode] !== epoch) (seen[bottomNode] = epoch), (stack[pushed++] = bottomNode);
        if (vx === 0 && leftNode >= 0 && seen[leftNode] !== epoch) (seen[leftNode] = epoch), (stack[pushed++] = leftNode);
        if (vx === w - 1 && rightNode >= 0 && seen[rightNode] !== epoch) (seen[rightNode] = epoch), (stack[pushed++] = rightNode);
      } else {
        // A margin: its own least cell, and every border cell of its colour it touches.
        if (top > 0 && (joined || i === n)) {
          least = 0;
          for (let vx = 0; vx < w; vx++) if (seen[(j = vx)] !== epoch && cells[j] === colour) (seen[j] = epoch), (stack[pushed++] = j);
        }
        if (bottom > 0 && (joined || i === n + 1)) {
          least = Math.min(least, (top + h * s) * FRAME_SIZE);
          for (let vx = 0; vx < w; vx++) if (seen[(j = (h - 1) * w + vx)] !== epoch && cells[j] === colour) (seen[j] = epoch), (stack[pushed++] = j);
        }
        if (left > 0 && (joined || i === n + 2)) {
          least = Math.min(least, top * FRAME_SIZE);
          for (let vy = 0; vy < h; vy++) if (seen[(j = vy * w)] !== epoch && cells[j] === colour) (seen[j] = epoch), (stack[pushed++] = j);
        }
        if (right > 0 && (joined || i === n + 3)) {
          least = Math.min(least, top * FRAME_SIZE + left + w * s);
          for (let vy = 0; vy < h; vy++) if (seen[(j = vy * w + w - 1)] !== epoch && cells[j] === colour) (seen[j] = epoch), (stack[pushed++] = j);
        }
      }
    }
    if (leastCell < n) {
      const vx = leastCell % w;
      least = Math.min(least, (top + ((leastCell - vx) / w) * s) * FRAME_SIZE + left + vx * s);
    }
    const id = colour * FRAME_CELLS + least;
    for (let k = 0; k < pushed; k++) objects[stack[k]!] = id;
    return id;
  }
}
