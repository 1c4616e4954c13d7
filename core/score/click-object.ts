/**
 * The action key of a click (SCORING.md "State key"): the clicked object, i.e. the colour and the
 * 4-connected same-colour component under (x, y) in the frame before the click. Two clicks on the
 * same object are the same experiment; the scorer falls back to the raw (x, y) where it sees one
 * object's clicks lead to different places.
 */
import { FRAME_SIZE } from '../frame.ts';

const stack = new Int32Array(FRAME_SIZE * FRAME_SIZE);
const seen = new Uint32Array(FRAME_SIZE * FRAME_SIZE);
let mark = 0;

/** colour * 4096 + the component's smallest cell index: one number per object of a frame. */
export function clickedObject(frame: Uint8Array, x: number, y: number): number {
  const start = y * FRAME_SIZE + x;
  const colour = frame[start]!;
  if (++mark === 0xffffffff) {
    seen.fill(0);
    mark = 1;
  }
  let top = 0;
  let least = start;
  stack[top++] = start;
  seen[start] = mark;
  while (top > 0) {
    const i = stack[--top]!;
    if (i < least) least = i;
    const cx = i % FRAME_SIZE;
    if (cx > 0 && seen[i - 1] !== mark && frame[i - 1] === colour) (seen[i - 1] = mark), (stack[top++] = i - 1);
    if (cx < FRAME_SIZE - 1 && seen[i + 1] !== mark && frame[i + 1] === colour) (seen[i + 1] = mark), (stack[top++] = i + 1);
    if (i >= FRAME_SIZE && seen[i - FRAME_SIZE] !== mark && frame[i - FRAME_SIZE] === colour) (seen[i - FRAME_SIZE] = mark), (stack[top++] = i - FRAME_SIZE);
    if (i < FRAME_SIZE * (FRAME_SIZE - 1) && seen[i + FRAME_SIZE] !== mark && frame[i + FRAME_SIZE] === colour) (seen[i + FRAME_SIZE] = mark), (stack[top++] = i + FRAME_SIZE);
  }
  return colour * FRAME_SIZE * FRAME_SIZE + least;
}
