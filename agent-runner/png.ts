/**
 * Frames as PNG pictures for people (tabula render): each frame cell becomes a scale x scale block
 * in its ARC colour. pngjs encodes; nothing here needs a browser.
 */
import { PNG } from 'pngjs';
import { FRAME_SIZE, PALETTE_RGB, type Frame } from '../core/index.ts';

/** Pixels per frame cell by default: a 64x64 frame becomes 512x512, easy to read on a screen. */
export const PNG_SCALE = 8;

/** Encodes a 64x64 frame as a PNG, `scale` pixels a cell. */
export function frameToPng(frame: Frame, scale = PNG_SCALE): Buffer {
  if (!Number.isInteger(scale) || scale < 1 || scale > 32) throw new RangeError(`scale must be a whole number 1..32, got ${scale}`);
  const size = FRAME_SIZE * scale;
  const png = new PNG({ width: size, height: size, colorType: 2 });
  const data = png.data;
  for (let y = 0; y < size; y++) {
    const row = Math.floor(y / scale) * FRAME_SIZE;
    for (let x = 0; x < size; x++) {
      const [r, g, b] = PALETTE_RGB[frame[row + Math.floor(x / scale)]!]!;
      const o = (y * size + x) * 4;
      data[o] = r;
      data[o + 1] = g;
      data[o + 2] = b;
      data[o + 3] = 255;
    }
  }
  return PNG.sync.write(png, { colorType: 2 });
}

/** Decodes a PNG written by frameToPng back to frame cells (tests read renders back this way). */
export function pngToFrame(bytes: Buffer, scale = PNG_SCALE): Frame {
  const png = PNG.sync.read(bytes);
  if (png.width !== FRAME_SIZE * scale || png.height !== FRAME_SIZE * scale) {
    throw new RangeError(`expected a ${FRAME_SIZE * scale}x${FRAME_SIZE * scale} picture, got ${png.width}x${png.height}`);
  }
  const frame = new Uint8Array(FRAME_SIZE * FRAME_SIZE);
  for (let y = 0; y < FRAME_SIZE; y++) {
    for (let x = 0; x < FRAME_SIZE; x++) {
      const o = (y * scale * png.width + x * scale) * 4;
      const c = PALETTE_RGB.findIndex(([r, g, b]) => r === png.data[o] && g === png.data[o + 1] && b === png.data[o + 2]);
      if (c < 0) throw new RangeError(`pixel at ${x * scale},${y * scale} is not an ARC palette colour`);
      frame[y * FRAME_SIZE + x] = c;
    }
  }
  return frame;
}
