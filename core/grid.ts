/**
 * Cells, levels and grids. A level is ASCII art plus a legend (glyph -> ARC palette index); a grid is
 * what a game draws: width x height palette indices, row-major, in a Uint8Array.
 */
import { copyBytes } from './bytes.ts';
import { GameDefinitionError } from './errors.ts';

export interface Cell {
  readonly x: number;
  readonly y: number;
}

export interface Grid {
  readonly width: number;
  readonly height: number;
  /** Palette indices 0..15, row-major: cell (x, y) is cells[y * width + x]. */
  readonly cells: Uint8Array;
}

export type Legend = Readonly<Record<string, number>>;

/** A parsed level: the picture, and ways for a game's init() to read it. */
export interface Level {
  readonly index: number;
  readonly width: number;
  readonly height: number;
  readonly rows: readonly string[];
  /** The glyph at (x, y). */
  glyph(x: number, y: number): string;
  /** The first cell holding `glyph`, reading rows top to bottom; undefined if there is none. */
  find(glyph: string): Cell | undefined;
  /** Every cell holding one of `glyphs`, in reading order. */
  findAll(glyphs: string): Cell[];
  /** The level's colours, with every glyph in `lift` drawn as `floor` instead (pieces lifted off the board). */
  colours(lift?: string, floor?: string): Uint8Array;
  /** 1 where the cell holds one of `glyphs`, else 0. */
  mask(glyphs: string): Uint8Array;
  /** Per cell, the game's own code for its glyph (`table[glyph]`; 0 for a glyph the table leaves out). */
  codes(table: Readonly<Record<string, number>>): Uint8Array;
}

/** Where a definition problem was found, for error messages a designer can act on. */
export interface Where {
  /** How to name the game in a message, e.g. "game 'keys'" or "game 'keys' (seed 7)". */
  readonly label: string;
  readonly level: number;
}

/** Removes the indentation a template literal brings, and blank first and last lines. */
export function dedent(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length > 0 && lines[0]!.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent).trimEnd());
}

export function parseLevel(text: string, legend: Legend, where: Where): Level {
  const at = `${where.label}, level ${where.level + 1}`;
  const rows = dedent(text);
  if (rows.length === 0) throw new GameDefinitionError(`${at}: the level is empty; draw it as rows of glyphs`);
  const width = rows[0]!.length;
  const height = rows.length;
  if (width > 64 || height > 64) {
    throw new GameDefinitionError(`${at}: the level is ${width}x${height}; a level must fit in 64x64 cells`);
  }
  rows.forEach((row, y) => {
    if (row.length !== width) {
      throw new GameDefinitionError(
        `${at}, row ${y + 1}, column ${Math.min(row.length, width) + 1}: ragged row (${row.length} cells, the first row has ${width}); every row must be the same width`,
      );
    }
    for (let x = 0; x < row.length; x++) {
      const g = row[x]!;
      if (legend[g] === undefined) {
        throw new GameDefinitionError(
          `${at}, row ${y + 1}, column ${x + 1}: unknown glyph '${g}'; the legend has ${Object.keys(legend).map((k) => `'${k}'`).join(' ')}`,
        );
      }
    }
  });
  return makeLevel(where.level, rows, legend);
}

function makeLevel(index: number, rows: readonly string[], legend: Legend): Level {
  const width = rows[0]!.length;
  const height = rows.length;
  const glyph = (x: number, y: number): string => rows[y]![x]!;
  const findAll = (glyphs: string): Cell[] => {
    const out: Cell[] = [];
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (glyphs.includes(glyph(x, y))) out.push({ x, y });
    return out;
  };
  return Object.freeze({
    index,
    width,
    height,
    rows,
    glyph,
    find: (g: string) => findAll(g)[0],
    findAll,
    colours(lift = '', floor = '.') {
      const cells = new Uint8Array(width * height);
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const g = glyph(x, y);
          cells[y * width + x] = legend[lift.includes(g) ? floor : g] ?? 0;
        }
      }
      return cells;
    },
    mask(glyphs: string) {
      const cells = new Uint8Array(width * height);
      for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) cells[y * width + x] = glyphs.includes(glyph(x, y)) ? 1 : 0;
      return cells;
    },
    codes(table: Readonly<Record<string, number>>) {
      const cells = new Uint8Array(width * height);
      for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) cells[y * width + x] = table[glyph(x, y)] ?? 0;
      return cells;
    },
  });
}

/**
 * Memoises a function of an object: what every state of a level shares (its board built from the
 * level, a backdrop drawn from the board) is built on first use and the same value handed out after,
 * so states can share it by reference. Any further arguments must follow from the key.
 *
 * The last key is checked before the WeakMap: play and search stay on one level for thousands of
 * steps in a row, and a WeakMap lookup per step showed in solver profiles.
 */
export function memoize<K extends object, A extends unknown[], T>(build: (key: K, ...rest: A) => T): (key: K, ...rest: A) => T {
  const memo = new WeakMap<K, T>();
  let lastKey: K | undefined;
  let lastValue: T | undefined;
  return (key, ...rest) => {
    if (key === lastKey) return lastValue as T;
    let value = memo.get(key);
    if (value === undefined) {
      value = build(key, ...rest);
      memo.set(key, value);
    }
    lastKey = key;
    lastValue = value;
    return value;
  };
}

export function makeGrid(width: number, height: number, cells: Uint8Array): Grid {
  return { width, height, cells };
}

/** A copy of `grid` with single cells painted over: the usual way to draw pieces on a board. */
export function paint(grid: Grid, ...pieces: ReadonlyArray<readonly [x: number, y: number, colour: number]>): Grid {
  const cells = copyBytes(grid.cells);
  for (const [x, y, c] of pieces) cells[y * grid.width + x] = c;
  return { width: grid.width, height: grid.height, cells };
}
