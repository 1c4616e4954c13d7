/**
 * The action key of a click (SCORING.md "State key"): the clicked object, i.e. the colour and the
 * 4-connected same-colour component under (x, y) in the frame before the click. Two clicks on the
 * same object are the same experiment; the scorer falls back to the raw (x, y) where it sees one
 * object's clicks lead to different places.
 */
import { FRAME_CELLS, FRAME_SIZE } from '../frame.ts';

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
