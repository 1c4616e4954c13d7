/**
 * The ARC palette (API.md): what each of the 16 palette indices in a frame looks like. Frames carry
 * indices only; whatever draws them for a person (PNG renders, the viewer) reads the colours here so
 * every picture of a frame agrees.
 */
export const PALETTE: readonly string[] = Object.freeze([
  '#FFFFFF', '#CCCCCC', '#999999', '#666666', '#333333', '#000000', '#E53AA3', '#FF7BCC',
  '#F93C31', '#1E93FF', '#88D8F1', '#FFDC00', '#FF851B', '#921231', '#4FCC30', '#A356D6',
]);

/** The palette as [r, g, b] bytes, index by index. */
export const PALETTE_RGB: readonly (readonly [number, number, number])[] = Object.freeze(
  PALETTE.map((hex) => Object.freeze([0, 2, 4].map((i) => parseInt(hex.slice(1 + i, 3 + i), 16)) as [number, number, number])),
);
