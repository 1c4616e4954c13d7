/**
 * Echo tiles: a lights-out board beside a small framed picture of it; clicking a tile flips it and its
 * neighbours (a plus), and the level clears when the board looks exactly like the picture.
 *
 * Levels (design intent; optimal clicks in brackets):
 *  1. 3x3, all dark, the picture a lit plus: one click on the centre. Meets the plus and the picture. [1]
 *  2. 3x3, two cut-off pluses in opposite corners: clicks add up, edges clip the plus. [2]
 *  3. 3x3 starting as a lit X, the picture two side dots: flips also turn lights off, overlaps cancel. [3]
 *  4. 4x3 with two fixed (maroon) tiles in the middle, the picture four lit corners: fixed tiles never
 *     change, so pluses next to them lose an arm; the corners come from pairs of edge clicks. [4]
 *  5. BELIEF BREAK. 4x3 with one blue tile beside a fixed one, the picture all lit: the blue tile flips
 *     its whole row (fixed tiles excepted), not a plus. A player who still plans in pluses gets a plan of
 *     8 clicks that goes through the blue tile and fails; the answer is the four corners and the blue row. [5]
 *  6. 4x4 with one blue and one fixed tile, the picture a checkerboard: out of reach by plain clicks
 *     alone (and by plus-thinking), so the row flip has to be planned in. [6]
 *  7. 4x4 with two blue and two fixed tiles, a few lights already on, the picture all lit: both blue
 *     rows are needed, and every plus-thinking plan clicks a blue tile and goes wrong. [6]
 *  8. 5x4 pinwheel (four fixed corners, two fixed and two blue inside), picture above the board: a
 *     rotationally symmetric pattern that takes a plan of eight clicks. [8]
 *
 * generate(seed): the same eight steps on fresh boards (sizes, fixed and blue tiles placed at random,
 * the picture made by applying the level's number of clicks, blue ones included from level 5 on); the
 * engine's solver check redraws a candidate that is trivial. Generated states carry their level's
 * picture as bytes (`text`, hashed once by identity); designed states stay { bits, level }, so
 * designed hashes did not change.
 *
 * Version history: v1 (2026-11-22) first version. v1 + generate (2026-11-23): designed levels and
 * their hashes unchanged.
 */
import { GameDefinitionError, copyBytes, dedent, defineGame, memoize, parseLevel, type GameAction, type Grid, type Level, type Rng } from '../core/index.ts';

// Colours. The board sits on dark grey with gaps between tiles; the picture is packed tight inside a
// white frame, so it reads as "a picture of the board" rather than as more board. Lit is the bright
// shade of each kind (yellow for plain tiles, light blue for row tiles); fixed tiles are maroon.
const BG = 4;
const FRAME = 0;
const SCREEN = 5;
const DARK = 2;
const LIT = 11;
const FIXED = 13;
const ROW_DARK = 9;
const ROW_LIT = 10;

const LEGEND = {
  '.': BG,
  '#': FRAME,
  ',': SCREEN,
  o: DARK,
  Y: LIT,
  x: FIXED,
  b: ROW_DARK,
  c: ROW_LIT,
} as const;

/**
 * Levels are drawn as they look. The board's tiles stand on every other cell (a one-cell gap keeps
 * neighbouring lit tiles apart); the panel inside the '#' frame holds the same tiles packed tight,
 * in the colours the board must show. o/Y a plain tile dark/lit, b/c a row tile dark/lit, x fixed,
 * ',' an empty spot of the picture (a hole in the board).
 */
const LEVELS: readonly string[] = [
  `
  .............
  .o.o.o.#####.
  .......#oYo#.
  .o.o.o.#YYY#.
  .......#oYo#.
  .o.o.o.#####.
  .............`,
  `
  .............
  .o.o.o.#####.
  .......#YYo#.
  .o.o.o.#YoY#.
  .......#oYY#.
  .o.o.o.#####.
  .............`,
  `
  .............
  .Y.o.Y.#####.
  .......#ooo#.
  .o.Y.o.#YoY#.
  .......#ooo#.
  .Y.o.Y.#####.
  .............`,
  `
  ................
  .o.o.o.o.######.
  .........#YooY#.
  .o.x.x.o.#oxxo#.
  .........#YooY#.
  .o.o.o.o.######.
  ................`,
  `
  ................
  .o.o.o.o.######.
  .........#YYYY#.
  .o.b.x.o.#YcxY#.
  .........#YYYY#.
  .o.o.o.o.######.
  ................`,
  `
  ................
  .o.o.o.o.######.
  .........#YoYo#.
  .o.b.o.o.#ocoY#.
  .........#YxYo#.
  .o.x.o.o.#oYoY#.
  .........######.
  .o.o.o.o........
  ................`,
  `
  ................
  .o.x.o.o.######.
  .........#YxYY#.
  .Y.c.o.o.#YcYY#.
  .........#YYcY#.
  .o.o.c.Y.#YYxY#.
  .........######.
  .o.o.x.o........
  ................`,
  `
  ...........
  ..#######..
  ..#xYoYx#..
  ..#obYxY#..
  ..#YxYbo#..
  ..#xYoYx#..
  ..#######..
  ...........
  .x.o.o.o.x.
  ...........
  .o.b.o.x.o.
  ...........
  .o.x.o.b.o.
  ...........
  .x.o.o.o.x.
  ...........`,
];

/** What a level compiles to: everything step/view need, shared by every state of the level. */
interface Compiled {
  readonly width: number;
  readonly height: number;
  /** Per view cell: the tiles a click there flips (bit k = toggleable tile k); 0 = nothing happens. */
  readonly clicks: Int32Array;
  /** The solver's hint: the first view cell of each distinct flip (two row tiles in one row flip the same tiles). */
  readonly targets: readonly number[];
  /** The picture with every toggleable tile drawn dark. */
  readonly base: Uint8Array;
  /** Per toggleable tile k: its view cell, and its dark and lit colours. */
  readonly cell: Int32Array;
  readonly dark: Uint8Array;
  readonly lit: Uint8Array;
  readonly start: number;
  readonly target: number;
}

const TOGGLE_DARK: Readonly<Record<string, number>> = { o: DARK, Y: DARK, b: ROW_DARK, c: ROW_DARK };
const TOGGLE_LIT: Readonly<Record<string, number>> = { o: LIT, Y: LIT, b: ROW_LIT, c: ROW_LIT };
const IS_LIT: Readonly<Record<string, boolean>> = { Y: true, c: true };
/** Tile glyph -> kind, so a board tile and its picture cell can be checked to be the same piece. */
const KIND: Readonly<Record<string, string>> = { o: 'plain', Y: 'plain', b: 'row', c: 'row', x: 'fixed' };

function compile(text: string, index: number): Compiled {
  const level = parseLevel(text, LEGEND, { label: "game 'echo-tiles'", level: index });
  const { width, height } = level;
  const at = `echo-tiles level ${index + 1}`;
  const frame = level.findAll('#');
  let fx0 = width, fy0 = height, fx1 = -1, fy1 = -1;
  for (const c of frame) {
    fx0 = Math.min(fx0, c.x);
    fy0 = Math.min(fy0, c.y);
    fx1 = Math.max(fx1, c.x);
    fy1 = Math.max(fy1, c.y);
  }
  const inPanel = (x: number, y: number): boolean => x >= fx0 && x <= fx1 && y >= fy0 && y <= fy1;
  const tiles = level.findAll('oYbcx').filter((c) => !inPanel(c.x, c.y));
  const bx0 = Math.min(...tiles.map((c) => c.x));
  const by0 = Math.min(...tiles.map((c) => c.y));
  const cols = fx1 - fx0 - 1;
  const rows = fy1 - fy0 - 1;
  // Lattice position (i, j) of the board <-> view cell of the board, and cell of the picture.
  const lattice = new Int32Array(cols * rows).fill(-1);
  for (const c of tiles) {
    const i = (c.x - bx0) / 2;
    const j = (c.y - by0) / 2;
    if (!Number.isInteger(i) || !Number.isInteger(j) || i >= cols || j >= rows) throw new GameDefinitionError(`${at}: tile at ${c.x},${c.y} is off the lattice`);
    lattice[j * cols + i] = c.y * width + c.x;
  }
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      const v = lattice[j * cols + i]!;
      const p = level.glyph(fx0 + 1 + i, fy0 + 1 + j);
      const g = v < 0 ? ',' : level.glyph(v % width, Math.floor(v / width));
      if ((KIND[g] ?? ',') !== (KIND[p] ?? ',')) throw new GameDefinitionError(`${at}: board tile ${i},${j} ('${g}') and its picture cell ('${p}') differ in kind`);
    }
  }
  // Toggleable tiles get bits in reading order of the lattice.
  const bit = new Int32Array(cols * rows).fill(0);
  const cell: number[] = [];
  const dark: number[] = [];
  const lit: number[] = [];
  let start = 0;
  let target = 0;
  for (let k = 0; k < cols * rows; k++) {
    const v = lattice[k]!;
    if (v < 0) continue;
    const g = level.glyph(v % width, Math.floor(v / width));
    if (KIND[g] === 'fixed') continue;
    const b = cell.length;
    bit[k] = 1 << b;
    cell.push(v);
    dark.push(TOGGLE_DARK[g]!);
    lit.push(TOGGLE_LIT[g]!);
    if (IS_LIT[g]) start |= 1 << b;
    if (IS_LIT[level.glyph(fx0 + 1 + (k % cols), fy0 + 1 + Math.floor(k / cols))]) target |= 1 << b;
  }
  if (cell.length > 16) throw new GameDefinitionError(`${at}: ${cell.length} toggleable tiles; keep it to 16 so the solver can search every state`);
  const clicks = new Int32Array(width * height);
  for (let k = 0; k < cols * rows; k++) {
    const v = lattice[k]!;
    if (v < 0) continue;
    const kind = KIND[level.glyph(v % width, Math.floor(v / width))];
    const i = k % cols;
    const j = Math.floor(k / cols);
    let m = 0;
    if (kind === 'plain') {
      // The plus: the tile and the tiles next to it; fixed tiles and holes simply stay as they are.
      m = bit[k]!;
      if (i > 0) m |= bit[k - 1]!;
      if (i < cols - 1) m |= bit[k + 1]!;
      if (j > 0) m |= bit[k - cols]!;
      if (j < rows - 1) m |= bit[k + cols]!;
    } else if (kind === 'row') {
      // The belief break: a row tile flips its whole row instead of a plus.
      for (let ii = 0; ii < cols; ii++) m |= bit[j * cols + ii]!;
    }
    clicks[v] = m;
  }
  const base = level.colours();
  for (let b = 0; b < cell.length; b++) base[cell[b]!] = dark[b]!;
  const targets: number[] = [];
  const masks = new Set<number>();
  clicks.forEach((m, v) => m !== 0 && !masks.has(m) && masks.add(m) && targets.push(v));
  Object.freeze(targets);
  return {
    base,
    cell: Int32Array.from(cell),
    clicks,
    dark: Uint8Array.from(dark),
    height,
    lit: Uint8Array.from(lit),
    start,
    target,
    targets,
    width,
  };
}

const COMPILED: readonly Compiled[] = LEVELS.map(compile);

interface State {
  /** Bit k set: toggleable tile k is lit. */
  readonly bits: number;
  /** Index into LEVELS: the level's compiled tables live outside the state, so a step copies two numbers. */
  readonly level: number;
  /**
   * A generated level's picture as character codes, shared by every state of it: a byte array is
   * hashed once by identity, and it restores from JSON, which compiled tables would not. Designed
   * levels leave it out and find their tables by `level`, so their states and hashes are as before.
   */
  readonly text?: Uint8Array;
}

/** A generated level's tables, compiled once per picture. */
const compileText = memoize((text: Uint8Array, index: number): Compiled => compile(String.fromCharCode(...text), index));

const tableOf = (s: State): Compiled => (s.text === undefined ? COMPILED[s.level]! : compileText(s.text, s.level));

function step(s: State, action: GameAction): State {
  if (action.type !== 'ACTION6') return s;
  const c = tableOf(s);
  if (action.x < 0 || action.y < 0 || action.x >= c.width || action.y >= c.height) return s;
  const m = c.clicks[action.y * c.width + action.x]!;
  if (m === 0) return s;
  return s.text === undefined ? { bits: s.bits ^ m, level: s.level } : { bits: s.bits ^ m, level: s.level, text: s.text };
}

function view(s: State): Grid {
  const c = tableOf(s);
  const cells = copyBytes(c.base);
  for (let b = 0, bits = s.bits; bits !== 0; b++, bits >>>= 1) if (bits & 1) cells[c.cell[b]!] = c.lit[b]!;
  return { width: c.width, height: c.height, cells };
}

/** The designed levels' rows, to tell a designed level (tables in COMPILED) from a generated one. */
const DESIGNED = LEVELS.map((text) => dedent(text).join('\n'));

/** A generated level's picture as bytes, made once per parsed level so its states share one array. */
const textOf = memoize((level: Level): Uint8Array => Uint8Array.from(level.rows.join('\n'), (ch) => ch.charCodeAt(0)));

function init(level: Level): State {
  if (level.rows.join('\n') === DESIGNED[level.index]) return { bits: COMPILED[level.index]!.start, level: level.index };
  const text = textOf(level);
  return { bits: compileText(text, level.index).start, level: level.index, text };
}

type Kind = 'plain' | 'row' | 'fixed';

/** What each level of the design asks for; generate() draws a fresh board to each line. */
interface Recipe {
  readonly sizes: readonly (readonly [cols: number, rows: number])[];
  readonly fixed: number;
  /** Blue (row) tiles, each in its own row; every one of them is among the clicks. */
  readonly row: number;
  /** Plain tiles lit at the start. */
  readonly lit: number;
  /** Distinct clicks applied to the start to make the picture. */
  readonly clicks: number;
}

const RECIPES: readonly Recipe[] = [
  { sizes: [[3, 3]], fixed: 0, row: 0, lit: 0, clicks: 1 },
  { sizes: [[3, 3], [4, 3], [3, 4]], fixed: 0, row: 0, lit: 0, clicks: 2 },
  { sizes: [[3, 3], [4, 3]], fixed: 0, row: 0, lit: 4, clicks: 3 },
  { sizes: [[4, 3], [3, 4]], fixed: 2, row: 0, lit: 0, clicks: 4 },
  { sizes: [[4, 3], [3, 4]], fixed: 1, row: 1, lit: 0, clicks: 5 },
  { sizes: [[4, 4]], fixed: 1, row: 1, lit: 0, clicks: 6 },
  { sizes: [[4, 4]], fixed: 2, row: 2, lit: 4, clicks: 6 },
  { sizes: [[5, 4], [4, 5]], fixed: 6, row: 2, lit: 0, clicks: 8 },
];

/** One board for a recipe, drawn as the designed levels are: the board left, its picture framed right. */
function generateLevel(recipe: Recipe, rng: Rng): string {
  const [cols, rows] = rng.pick(recipe.sizes);
  const n = cols * rows;
  const kind: Kind[] = new Array<Kind>(n).fill('plain');
  const order = rng.shuffled([...Array(n).keys()]);
  const rowTiles: number[] = [];
  const usedRows = new Set<number>();
  for (const k of order) {
    if (rowTiles.length === recipe.row) break;
    if (usedRows.has(Math.floor(k / cols))) continue;
    usedRows.add(Math.floor(k / cols));
    rowTiles.push(k);
    kind[k] = 'row';
  }
  for (const k of order.filter((k) => kind[k] === 'plain').slice(0, recipe.fixed)) kind[k] = 'fixed';
  const lit = new Array<boolean>(n).fill(false);
  for (const k of rng.shuffled(order.filter((k) => kind[k] === 'plain')).slice(0, recipe.lit)) lit[k] = true;
  const start = [...lit];
  const plain = rng.shuffled(order.filter((k) => kind[k] === 'plain'));
  for (const k of [...rowTiles, ...plain.slice(0, recipe.clicks - rowTiles.length)]) {
    const i = k % cols;
    const j = Math.floor(k / cols);
    const flip = (t: number): void => {
      if (kind[t] !== 'fixed') lit[t] = !lit[t];
    };
    if (kind[k] === 'row') for (let ii = 0; ii < cols; ii++) flip(j * cols + ii);
    else {
      flip(k);
      if (i > 0) flip(k - 1);
      if (i < cols - 1) flip(k + 1);
      if (j > 0) flip(k - cols);
      if (j < rows - 1) flip(k + cols);
    }
  }
  const glyph = (k: number, on: boolean): string => (kind[k] === 'fixed' ? 'x' : kind[k] === 'row' ? (on ? 'c' : 'b') : on ? 'Y' : 'o');
  const width = 3 * cols + 4;
  const height = 2 * rows + 1;
  const grid = Array.from({ length: height }, () => new Array<string>(width).fill('.'));
  const fx = 2 * cols + 1;
  for (let y = 1; y <= rows + 2; y++) for (let x = fx; x <= fx + cols + 1; x++) grid[y]![x] = '#';
  for (let k = 0; k < n; k++) {
    const i = k % cols;
    const j = Math.floor(k / cols);
    grid[1 + 2 * j]![1 + 2 * i] = glyph(k, start[k]!);
    grid[2 + j]![fx + 1 + i] = glyph(k, lit[k]!);
  }
  return grid.map((r) => r.join('')).join('\n');
}

export function generate(_seed: number, rng: Rng): string[] {
  return RECIPES.map((recipe) => generateLevel(recipe, rng));
}

export default defineGame<State>({
  id: 'echo-tiles',
  legend: LEGEND,
  actions: ['ACTION6'],
  levels: LEVELS,
  generate,
  // init is pure and states never change: one start state per level, made once (a solver starts every level again and again).
  init: memoize(init),
  step,
  outcome: (s) => (s.bits === tableOf(s).target ? 'cleared' : 'playing'),
  view,
  clickable: (s) => tableOf(s).targets,
});
