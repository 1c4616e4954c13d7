/**
 * Pipe turn: a grid of pipe tiles between a green source and an orange sink. Clicking a tile turns
 * it a quarter clockwise; pipes joined to the source fill blue, and the level clears when the water
 * reaches the sink. Click-only.
 *
 * Levels (design intent; optimal clicks in brackets):
 *  1. One straight pipe across the gap, lying the wrong way: one click. [1]
 *  2. Two bends: a turn is always clockwise, so a corner may need three clicks. [5]
 *  3. A longer bend of straights and corners (the sink takes water from any side). [5]
 *  4. A staircase route with a spare piece. [8]
 *  5. BELIEF BREAK: purple tiles turn together. The two purple straights lie crossed; clicking each
 *     once, as every earlier tile wanted, turns both twice and leaves both wrong. One click sets
 *     both. [3]
 *  6. A purple corner joins the purple straights: one shared click, then the plain tiles. [8]
 *  7. Purple tiles that need three shared turns, around plain corners. [12]
 *  8. Purple tiles already right in pairs that a shared half-turn keeps, corners that need it. [11]
 * No generate(seed) yet: random routes scrambled by random turns are the natural generator.
 *
 * Version history: v1 (2026-11-23) first version.
 */
import { GameDefinitionError, copyBytes, defineGame, parseLevel, type GameAction, type Grid } from '../core/index.ts';

// Openings as bits: north, east, south, west. Turning clockwise moves each bit one place on.
const N = 1;
const E = 2;
const S = 4;
const W = 8;
const turn = (m: number): number => ((m << 1) | (m >> 3)) & 15;

const BG = 5;
const TILE = 4;
const PIPE = 1;
const WATER = 9;
const LINKED = 15;
const SOURCE = 14;
const SINK = 12;

/** Glyph -> openings; lower-case letters are the purple (linked) versions of the same shapes. */
const SHAPES: Readonly<Record<string, number>> = {
  '-': E | W, '|': N | S, L: N | E, r: E | S, '7': S | W, J: W | N, T: E | S | W,
  h: E | W, v: N | S, a: N | E, b: E | S, c: S | W, d: W | N,
};
const LINKED_GLYPHS = 'hvabcd';

const LEGEND: Record<string, number> = { '.': BG, S: SOURCE, K: SINK };
for (const g of Object.keys(SHAPES)) LEGEND[g] = LINKED_GLYPHS.includes(g) ? LINKED : PIPE;

/** Designed levels as they look: each glyph one tile, '.' nothing, S the source, K the sink. */
const LEVELS: readonly string[] = [
  `
  S|K`,
  `
  SL.
  .rK`,
  `
  S|7.
  ..-.
  ..rK`,
  `
  Sr...
  .J|L.
  ...-.
  ...7K`,
  `
  Sv7.
  ..h.
  ..7K`,
  `
  S....
  h.a|K
  rvL..`,
  `
  ..c|J.
  SvL.h.
  ....7K`,
  `
  S|r-.
  ..v..
  d|b..
  -....
  rh||K`,
];

interface Compiled {
  readonly width: number;
  readonly height: number;
  /** Per cell: openings at the start (0: empty cell; source and sink are open on every side). */
  readonly start: readonly number[];
  /** Per cell: 1 turnable plain, 2 turnable purple, 0 fixed or empty. */
  readonly kind: Uint8Array;
  readonly source: number;
  readonly sink: number;
  readonly targets: readonly number[];
  /** The view without pipes: background, and each tile's square (a cell with openings keeps them). */
  readonly backdrop: Uint8Array;
}

function compile(text: string, index: number): Compiled {
  const level = parseLevel(text, LEGEND, { label: "game 'pipe-turn'", level: index });
  const { width, height } = level;
  const start: number[] = [];
  const kind = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const g = level.glyph(x, y);
      start.push(g === 'S' || g === 'K' ? 15 : SHAPES[g] ?? 0);
      if (SHAPES[g] !== undefined) kind[y * width + x] = LINKED_GLYPHS.includes(g) ? 2 : 1;
    }
  }
  const s = level.find('S');
  const k = level.find('K');
  if (s === undefined || k === undefined) throw new GameDefinitionError(`pipe-turn level ${index + 1}: draw one source 'S' and one sink 'K'`);
  const vw = width * 3;
  // The solver's hint: one view cell per effect, the top-left one of each plain tile and of the first
  // purple tile (a click on any purple tile turns them all), in reading order.
  const targets: number[] = [];
  let purple = false;
  for (let i = 0; i < kind.length; i++) {
    if (kind[i] === 0 || (kind[i] === 2 && purple)) continue;
    purple ||= kind[i] === 2;
    targets.push(Math.floor(i / width) * 3 * vw + (i % width) * 3);
  }
  const backdrop = new Uint8Array(vw * height * 3).fill(BG);
  for (let i = 0; i < start.length; i++) {
    if (start[i] === 0) continue;
    const o = Math.floor(i / width) * 3 * vw + (i % width) * 3;
    for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) backdrop[o + dy * vw + dx] = kind[i] === 2 ? LINKED : TILE;
  }
  return { width, height, start, kind, source: s.y * width + s.x, sink: k.y * width + k.x, targets: Object.freeze(targets), backdrop };
}

const COMPILED: readonly Compiled[] = LEVELS.map(compile);

/** Keys in alphabetical order, as the state hash visits them. */
interface State {
  readonly level: number;
  /** Openings per cell, as turned so far. */
  readonly pipes: readonly number[];
}

function step(s: State, action: GameAction): State {
  if (action.type !== 'ACTION6') return s;
  const c = COMPILED[s.level]!;
  const x = Math.floor(action.x / 3);
  const y = Math.floor(action.y / 3);
  if (x >= c.width || y >= c.height) return s;
  const i = y * c.width + x;
  const k = c.kind[i]!;
  if (k === 0) return s;
  const pipes = s.pipes.slice();
  // A plain tile turns alone; a purple one turns every purple tile.
  if (k === 1) pipes[i] = turn(pipes[i]!);
  else for (let j = 0; j < pipes.length; j++) if (c.kind[j] === 2) pipes[j] = turn(pipes[j]!);
  if (samePipes(pipes, s.pipes)) return s;
  return { level: s.level, pipes };
}

// Hot paths (step, outcome, view run on every move the solver and scorer try) use loops, not
// callbacks: under tsx every named closure made at run time also pays a defineProperty for its name.
function samePipes(a: readonly number[], b: readonly number[]): boolean {
  for (let j = 0; j < a.length; j++) if (a[j] !== b[j]) return false;
  return true;
}

/**
 * Cells joined to the source through openings that face each other. outcome() and view() both ask
 * for a state's, one right after the other, so the last two answers are kept: a WeakMap entry per
 * state cost more (in its set and in the collector) than the flood itself.
 */
let wetPipes: readonly number[] | undefined;
let wetCells: Uint8Array | undefined;
let olderPipes: readonly number[] | undefined;
let olderCells: Uint8Array | undefined;

function wet(pipes: readonly number[], c: Compiled): Uint8Array {
  if (pipes === wetPipes) return wetCells!;
  if (pipes === olderPipes) return olderCells!;
  olderPipes = wetPipes;
  olderCells = wetCells;
  wetPipes = pipes;
  wetCells = flood(pipes, c);
  return wetCells;
}

function flood(pipes: readonly number[], c: Compiled): Uint8Array {
  const out = new Uint8Array(pipes.length);
  const stack = [c.source];
  const width = c.width;
  out[c.source] = 1;
  while (stack.length > 0) {
    const i = stack.pop()!;
    const m = pipes[i]!;
    const x = i % width;
    const y = Math.floor(i / width);
    // Each neighbour in N, E, S, W order: joined when both sides open towards each other.
    let j = i - width;
    if (y > 0 && m & N && pipes[j]! & S && out[j] === 0) (out[j] = 1), stack.push(j);
    j = i + 1;
    if (x < width - 1 && m & E && pipes[j]! & W && out[j] === 0) (out[j] = 1), stack.push(j);
    j = i + width;
    if (y < c.height - 1 && m & S && pipes[j]! & N && out[j] === 0) (out[j] = 1), stack.push(j);
    j = i - 1;
    if (x > 0 && m & W && pipes[j]! & E && out[j] === 0) (out[j] = 1), stack.push(j);
  }
  return out;
}

function view(s: State): Grid {
  const c = COMPILED[s.level]!;
  const vw = c.width * 3;
  const cells = copyBytes(c.backdrop);
  const w = wet(s.pipes, c);
  for (let i = 0; i < s.pipes.length; i++) {
    const m = s.pipes[i]!;
    if (m === 0) continue;
    const o = Math.floor(i / c.width) * 3 * vw + (i % c.width) * 3;
    const pipe = i === c.source ? SOURCE : i === c.sink ? (w[i] ? WATER : SINK) : w[i] ? WATER : PIPE;
    cells[o + vw + 1] = pipe;
    if (i === c.source || i === c.sink) {
      for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) cells[o + dy * vw + dx] = pipe;
      continue;
    }
    if (m & N) cells[o + 1] = pipe;
    if (m & E) cells[o + vw + 2] = pipe;
    if (m & S) cells[o + 2 * vw + 1] = pipe;
    if (m & W) cells[o + vw] = pipe;
  }
  return { width: vw, height: c.height * 3, cells };
}

export default defineGame<State>({
  id: 'pipe-turn',
  legend: LEGEND,
  actions: ['ACTION6'],
  levels: LEVELS,
  init: (level) => ({ level: level.index, pipes: COMPILED[level.index]!.start }),
  step,
  outcome: (s) => (wet(s.pipes, COMPILED[s.level]!)[COMPILED[s.level]!.sink] ? 'cleared' : 'playing'),
  view,
  clickable: (s) => COMPILED[s.level]!.targets,
});
