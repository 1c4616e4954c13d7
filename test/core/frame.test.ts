import { describe, expect, it } from 'vitest';
import {
  FRAME_CELLS,
  frameFromArc,
  frameFromRle,
  frameToArc,
  frameToJson,
  frameToJsonBytes,
  frameToRle,
  frameToText,
  frameToViewCell,
  layoutFor,
  createRng,
  newBytes,
  redrawFrame,
  renderFrame,
  viewCellToFrame,
} from '../../core/index.ts';

function grid(width: number, height: number): { width: number; height: number; cells: Uint8Array } {
  return { width, height, cells: Uint8Array.from({ length: width * height }, (_, i) => i % 16) };
}

describe('frames', () => {
  it('scales by the largest whole factor that fits, centred', () => {
    expect(layoutFor(16, 16)).toMatchObject({ scale: 4, left: 0, top: 0 });
    expect(layoutFor(10, 7)).toMatchObject({ scale: 6, left: 2, top: 11 });
    expect(layoutFor(32, 20)).toMatchObject({ scale: 2, left: 0, top: 12 });
    expect(layoutFor(64, 64)).toMatchObject({ scale: 1, left: 0, top: 0 });
    expect(layoutFor(33, 5)).toMatchObject({ scale: 1, left: 15, top: 29 });
  });

  it('renders every view cell as a scale x scale block and letterboxes the rest', () => {
    const g = grid(10, 7);
    const frame = renderFrame(g, 5);
    expect(frame).toHaveLength(FRAME_CELLS);
    const { scale, left, top } = layoutFor(10, 7);
    for (let y = 0; y < 64; y++) {
      for (let x = 0; x < 64; x++) {
        const cell = frameToViewCell(layoutFor(10, 7), x, y);
        const expected = cell === undefined ? 5 : g.cells[cell.y * 10 + cell.x];
        expect(frame[y * 64 + x]).toBe(expected);
      }
    }
    expect(frame[top * 64 + left + scale * 3]).toBe(3);
  });

  it('re-renders into a used frame without leftovers', () => {
    const used = renderFrame(grid(64, 64), 0);
    const again = renderFrame(grid(3, 3), 0, used);
    expect(again).toBe(used);
    expect(Array.from(again)).toEqual(Array.from(renderFrame(grid(3, 3), 0)));
  });

  it('draws a changed view over the last frame exactly as a full render would', () => {
    const rng = createRng('redraw');
    for (const [w, h] of [[10, 7], [16, 16], [32, 32], [33, 5], [64, 64], [3, 1]] as const) {
      let view = grid(w, h);
      let frame = renderFrame(view, 5);
      for (let round = 0; round < 20; round++) {
        const cells = Uint8Array.from(view.cells);
        for (let k = rng.int(4); k >= 0; k--) cells[rng.int(cells.length)] = rng.int(16);
        const next = { width: w, height: h, cells };
        const before = Array.from(frame);
        const drawn = redrawFrame(frame, view, next);
        expect(Array.from(drawn)).toEqual(Array.from(renderFrame(next, 5)));
        expect(Array.from(frame)).toEqual(before); // the old frame is never written
        if (Array.from(cells).every((c, i) => c === view.cells[i])) expect(drawn).toBe(frame);
        else expect(drawn).not.toBe(frame);
        view = next;
        frame = drawn;
      }
    }
  });

  it('gives every new frame and view its own zeroed bytes', () => {
    const taken = Array.from({ length: 40 }, (_, i) => {
      const b = newBytes(i === 7 ? 5000 : FRAME_CELLS - i * 50);
      expect(b.every((x) => x === 0)).toBe(true);
      expect(b.byteOffset % 8).toBe(0);
      b.fill(i + 1);
      return b;
    });
    taken.forEach((b, i) => expect(b.every((x) => x === i + 1)).toBe(true));
  });

  it('maps every view cell to a frame click and back', () => {
    for (const [w, h] of [[5, 3], [16, 16], [33, 20], [64, 64], [1, 1]] as const) {
      const layout = layoutFor(w, h);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) expect(frameToViewCell(layout, ...Object.values(viewCellToFrame(layout, x, y)) as [number, number])).toEqual({ x, y });
    }
    const layout = layoutFor(5, 3);
    expect(frameToViewCell(layout, 0, 0)).toBeUndefined();
    expect(frameToViewCell(layout, 63, 63)).toBeUndefined();
  });

  it('encodes to ARC nested arrays, JSON text, run lengths and text, all lossless', () => {
    const frame = renderFrame(grid(7, 5), 5);
    const arc = frameToArc(frame);
    expect(arc).toHaveLength(64);
    expect(arc.every((row) => row.length === 64)).toBe(true);
    expect(frameToJson(frame)).toBe(JSON.stringify(arc));
    expect(frameFromArc(arc)).toEqual(frame);
    const rle = frameToRle(frame);
    expect(rle[0]).toEqual([5, 64]);
    expect(frameFromRle(rle)).toEqual(frame);
    const text = frameToText(frame).split('\n');
    expect(text).toHaveLength(64);
    expect(text[0]).toBe('5'.repeat(64));
    expect(text.join('')).toBe(Array.from(frame, (c) => c.toString(16)).join(''));
  });

  it('encodes frames that change on every row', () => {
    const frame = Uint8Array.from({ length: FRAME_CELLS }, (_, i) => (i * 7 + (i >> 6)) % 16);
    expect(frameToJson(frame)).toBe(JSON.stringify(frameToArc(frame)));
    expect(frameFromRle(frameToRle(frame))).toEqual(frame);
  });

  it('gives the same JSON as bytes (what the server sends), from cached and fresh rows alike', () => {
    const busy = Uint8Array.from({ length: FRAME_CELLS }, (_, i) => (i * 11 + (i >> 6) * 3) % 16);
    for (const frame of [renderFrame(grid(7, 5), 5), busy, busy]) {
      const bytes = frameToJsonBytes(frame);
      expect(new TextDecoder().decode(bytes)).toBe(JSON.stringify(frameToArc(frame)));
    }
  });
});
