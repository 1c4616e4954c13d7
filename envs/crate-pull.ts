/**
 * Crate pull: a Sokoban-like game. The avatar walks; walking into an orange crate pushes it; the
 * level clears when every green mark is under a crate. A second, pink crate is pulled instead:
 * walking into it does nothing, walking away from it while next to it drags it along behind you.
 * Undo (ACTION7) is offered: a crate in a corner is lost, and taking one step back is fairer than a reset.
 *
 * Levels (design intent):
 *  1. One crate, one mark, in line: the mechanic in three moves.
 *  2. A wall under the crate: it has to go round a corner, pushed from two sides.
 *  3. Two crates, two marks, a divider: which crate goes where, and from which side.
 *  4. Belief break: the pink crate will not be pushed. Walking into it, the rule of levels 1-3, does
 *     nothing; walking away from it drags it. It has to be pulled onto its mark.
 *  5. A pink crate corks the corridor to the orange one: pull it back out of the way (it trails you).
 *  6. Both kinds at once: pull one onto a mark, push the other, without the trailing crate in the way.
 *  7. Two orange and one pink among pillars: corners that kill a pushed crate, order matters.
 *  8. Pulls never turn corners: the pink has to be walked round a bend out of the orange's column
 *     and up to the far room. The longest plan (39 moves).
 *
 * generate(seed): rooms of the same eight steps drawn fresh: level 1 a crate and its mark in line,
 * then rooms with pillars holding orange crates (levels 2-3), the pink crate alone (4), then both
 * kinds (5-8) in wider rooms. Each room is played backwards from solved (so it can be solved); of up
 * to 8 rooms the first about as long as the designed level is kept, else the longest. The engine's
 * solver check redraws any room that falls to a trivial policy.
 *
 * Version history: v1 (2026-11-23) first version. v1 + generate (2026-11-23): designed levels unchanged.
 */
import { copyBytes, defineGame, memoize, parseLevel, type GameAction, type Grid, type Level, type Rng } from '../core/index.ts';

/** Board flags, one byte per cell; a view also uses the crate flags. */
const WALL = 1;
const MARK = 2;
const PUSH = 4;
const PULL = 8;

/** Colours (ARC palette). Walls and the letterbox share a calm grey so the room reads as the world. */
const FLOOR_C = 0;
const WALL_C = 3;
const MARK_C = 14;
const AVATAR_C = 9;
const PUSH_C = 12;
/** A crate on a mark turns a darker shade of its own colour, so the mark never goes out of sight. */
const PUSH_ON_MARK_C = 13;
const PULL_C = 7;
const PULL_ON_MARK_C = 6;

/** Flags -> colour; an entry for every combination a cell can hold. */
const COLOUR = new Uint8Array(16);
COLOUR[0] = FLOOR_C;
COLOUR[WALL] = WALL_C;
COLOUR[MARK] = MARK_C;
COLOUR[PUSH] = PUSH_C;
COLOUR[PUSH | MARK] = PUSH_ON_MARK_C;
COLOUR[PULL] = PULL_C;
COLOUR[PULL | MARK] = PULL_ON_MARK_C;

/**
 * The board (walls and marks) is the level's, shared by every state; only the avatar and the crates
 * move, so a state is a few numbers and hashes in a handful of words. Keys in alphabetical order,
 * as the state hash visits them (out of order they are sorted on every hash).
 */
interface State {
  /** The avatar's cell index (y * width + x). */
  readonly at: number;
  readonly board: Uint8Array;
  /** Marks with no crate on them: the level clears at 0. */
  readonly open: number;
  /** Cell indices of the pulled (pink) crates, ascending. */
  readonly pull: readonly number[];
  /** Cell indices of the pushed (orange) crates, ascending. */
  readonly push: readonly number[];
  readonly width: number;
}

const BOARD_FLAGS: Readonly<Record<string, number>> = { '#': WALL, '*': MARK, O: MARK, Q: MARK };

const boardOf = memoize((level: Level) => level.codes(BOARD_FLAGS));

/** The board drawn without crates or avatar: copied, then painted over, by every view. */
const backdropOf = memoize((board: Uint8Array) => board.map((flags) => COLOUR[flags]!));

function cellsOf(level: Level, glyphs: string): number[] {
  return level.findAll(glyphs).map((c) => c.y * level.width + c.x);
}

function init(level: Level): State {
  const board = boardOf(level);
  const start = level.find('P')!;
  return {
    at: start.y * level.width + start.x,
    board,
    open: cellsOf(level, '*').length,
    pull: cellsOf(level, 'qQ'),
    push: cellsOf(level, 'oO'),
    width: level.width,
  };
}

/**
 * Every crate list a level's states hold, one array per distinct list: the solver keeps hundreds of
 * thousands of states, and lists shared this way stay in cache for the hash and the next step
 * instead of lying scattered across the heap. Keyed by the list's cells in base board.length.
 */
const listsOf = memoize((_board: Uint8Array) => new Map<number, readonly number[]>());

/** `crates` with the one at `from` moved to `to`, ascending again. */
function moved(board: Uint8Array, crates: readonly number[], from: number, to: number): readonly number[] {
  const out = crates.slice();
  let i = out.indexOf(from);
  out[i] = to;
  // One crate moved: slide it to its place (a full sort costs more than the rest of the step).
  for (; i > 0 && out[i - 1]! > to; i--) (out[i] = out[i - 1]!), (out[i - 1] = to);
  for (; i < out.length - 1 && out[i + 1]! < to; i++) (out[i] = out[i + 1]!), (out[i + 1] = to);
  if (out.length > 4) return out; // the key below stays exact (under 2^53) up to 4 crates on a 64x64 board
  let key = 1;
  for (let k = 0; k < out.length; k++) key = key * board.length + out[k]!;
  const lists = listsOf(board);
  const known = lists.get(key);
  if (known !== undefined) return known;
  lists.set(key, out);
  return out;
}

/** Whether the crate list holds cell c (lists hold a few crates: a loop beats a call to includes). */
function holds(crates: readonly number[], c: number): boolean {
  for (let i = 0; i < crates.length; i++) if (crates[i] === c) return true;
  return false;
}

/** How the open-mark count changes when a crate leaves `from` for `to`. */
function markDelta(board: Uint8Array, from: number, to: number): number {
  return (board[from]! & MARK ? 1 : 0) - (board[to]! & MARK ? 1 : 0);
}

function step(s: State, action: GameAction): State {
  const t = action.type;
  const d = t === 'ACTION1' ? -s.width : t === 'ACTION2' ? s.width : t === 'ACTION3' ? -1 : t === 'ACTION4' ? 1 : 0;
  if (d === 0) return s;
  const board = s.board;
  const from = s.at;
  const to = from + d;
  if (board[to]! & WALL) return s;
  const pull = s.pull;
  // A pulled crate will not be pushed: walking into it does nothing.
  if (holds(pull, to)) return s;
  const push = s.push;
  const pushes = holds(push, to);
  if (pushes && (board[to + d]! & WALL || holds(push, to + d) || holds(pull, to + d))) return s;
  // A pulled crate directly behind follows the avatar into the cell it leaves.
  const follows = holds(pull, from - d);
  let open = s.open;
  if (pushes) open += markDelta(board, to, to + d);
  if (follows) open += markDelta(board, from - d, from);
  return {
    at: to,
    board,
    open,
    pull: follows ? moved(board, pull, from - d, from) : pull,
    push: pushes ? moved(board, push, to, to + d) : push,
    width: s.width,
  };
}

function outcome(s: State): 'playing' | 'cleared' {
  return s.open === 0 ? 'cleared' : 'playing';
}

function view(s: State): Grid {
  const cells = copyBytes(backdropOf(s.board));
  for (const c of s.push) cells[c] = COLOUR[PUSH | (s.board[c]! & MARK)]!;
  for (const c of s.pull) cells[c] = COLOUR[PULL | (s.board[c]! & MARK)]!;
  cells[s.at] = AVATAR_C;
  return { width: s.width, height: cells.length / s.width, cells };
}

const LEGEND = {
  '#': WALL_C,
  '.': FLOOR_C,
  P: AVATAR_C,
  '*': MARK_C,
  o: PUSH_C,
  O: PUSH_ON_MARK_C,
  q: PULL_C,
  Q: PULL_ON_MARK_C,
} as const;

/** What each level of the design asks for; generate() draws a fresh room to each line. */
interface Recipe {
  /** Interior width and height ranges, inclusive. */
  readonly width: readonly [number, number];
  readonly height: readonly [number, number];
  readonly pillars: number;
  readonly push: number;
  readonly pull: number;
  /** Reverse moves played from the solved room. */
  readonly steps: number;
  /** A room this long to solve is served at once; otherwise the longest of DRAWS rooms. */
  readonly enough: number;
}

/** Most rooms drawn per generated level. */
const DRAWS = 8;

const RECIPES: readonly Recipe[] = [
  { width: [5, 7], height: [1, 3], pillars: 0, push: 1, pull: 0, steps: 0, enough: 1 }, // drawn in line, see lineRoom()
  { width: [4, 5], height: [3, 4], pillars: 2, push: 1, pull: 0, steps: 30, enough: 9 },
  { width: [6, 7], height: [3, 3], pillars: 3, push: 2, pull: 0, steps: 60, enough: 16 },
  { width: [5, 6], height: [3, 4], pillars: 3, push: 0, pull: 1, steps: 30, enough: 8 },
  { width: [6, 8], height: [2, 3], pillars: 4, push: 1, pull: 1, steps: 60, enough: 12 },
  { width: [7, 8], height: [3, 4], pillars: 5, push: 1, pull: 1, steps: 80, enough: 18 },
  { width: [7, 8], height: [4, 4], pillars: 6, push: 2, pull: 1, steps: 100, enough: 24 },
  { width: [9, 10], height: [5, 6], pillars: 14, push: 1, pull: 1, steps: 160, enough: 26 },
];

const between = (rng: Rng, [lo, hi]: readonly [number, number]): number => lo + rng.int(hi - lo + 1);

/** Level 1 of the design: the avatar, a crate and its mark in one row of a small room. */
function lineRoom(recipe: Recipe, rng: Rng): string[][] {
  const w = between(rng, recipe.width);
  const h = between(rng, recipe.height);
  const grid: string[][] = Array.from({ length: h + 2 }, (_, y) => Array.from({ length: w + 2 }, (_, x) => (y === 0 || y === h + 1 || x === 0 || x === w + 1 ? '#' : '.')));
  const y = 1 + rng.int(h);
  const a = 1 + rng.int(w - 2);
  const mark = a + 2 + rng.int(w - a - 1);
  const flip = rng.int(2) === 1; // mirrored: the crate goes left
  const col = (x: number): number => (flip ? w + 1 - x : x);
  grid[y]![col(a)] = 'P';
  grid[y]![col(a + 1)] = 'o';
  if (mark === a + 1) grid[y]![col(mark)] = 'O';
  else grid[y]![col(mark)] = '*';
  return grid;
}

/**
 * A room with pillars, then the level played backwards from its solved state: crates start on their
 * marks and a random walk of reverse moves (an orange crate dragged back, a pink one pushed back)
 * carries them off. Every reverse move undoes a legal forward move, so the room is solvable by
 * construction (the engine's solver still checks, and measures the optimum).
 */
function room(recipe: Recipe, rng: Rng): string[][] {
  for (;;) {
    const w = between(rng, recipe.width);
    const h = between(rng, recipe.height);
    const W = w + 2;
    const wall: boolean[] = [];
    for (let y = 0; y < h + 2; y++) for (let x = 0; x < W; x++) wall.push(y === 0 || y === h + 1 || x === 0 || x === w + 1);
    const inside = wall.flatMap((b, i) => (b ? [] : [i]));
    for (let k = 0; k < recipe.pillars; k++) wall[rng.pick(inside)] = true;
    const floor = inside.filter((i) => !wall[i]);
    if (floor.length < 2 * (recipe.push + recipe.pull) + 4 || !connected(wall, W)) continue;
    const order = rng.shuffled(floor);
    const marks = order.slice(0, recipe.push + recipe.pull);
    // Several backward walks from the solved room; keep the one that carried the crates farthest.
    let best: { at: number; push: number[]; pull: number[]; score: number } | undefined;
    for (let walk = 0; walk < 12; walk++) {
      const result = walkBack(wall, W, marks, recipe, order[marks.length]!, rng);
      if (result !== undefined && (best === undefined || result.score > best.score)) best = result;
    }
    if (best === undefined) continue;
    const glyphs: string[] = wall.map((b) => (b ? '#' : '.'));
    for (const m of marks) glyphs[m] = '*';
    for (const c of best.push) glyphs[c] = 'o';
    for (const c of best.pull) glyphs[c] = 'q';
    glyphs[best.at] = 'P';
    return Array.from({ length: h + 2 }, (_, y) => glyphs.slice(y * W, (y + 1) * W));
  }
}

/**
 * One backward walk: crates start on their marks (orange first, then pink), the avatar at `start`,
 * and `recipe.steps` random reverse moves follow, crate moves two times in three where there is one.
 * Returns where everything ended and how far the crates went (Manhattan, from their own marks), or
 * undefined when a crate or the avatar ends on a mark.
 */
function walkBack(wall: readonly boolean[], W: number, marks: readonly number[], recipe: Recipe, start: number, rng: Rng) {
  const push = marks.slice(0, recipe.push);
  const pull = marks.slice(recipe.push);
  let at = start;
  const empty = (i: number): boolean => !wall[i] && !push.includes(i) && !pull.includes(i);
  for (let n = 0; n < recipe.steps; n++) {
    const moves: (() => void)[] = [];
    const crateMoves: (() => void)[] = [];
    for (const d of [-W, W, -1, 1]) {
      const from = at;
      const to = from + d;
      // Undo a pull: step onto the pink crate's cell, pushing it one further.
      if (pull.includes(to) && empty(to + d)) crateMoves.push(() => ((pull[pull.indexOf(to)] = to + d), (at = to)));
      // A forward step back from `to` would drag a pink crate standing behind it: not a legal undo.
      if (!empty(to) || pull.includes(to + d)) continue;
      moves.push(() => (at = to));
      // Undo a push: step away, dragging the orange crate behind into the cell left.
      if (push.includes(from - d)) crateMoves.push(() => ((push[push.indexOf(from - d)] = from), (at = to)));
    }
    const pool = crateMoves.length > 0 && rng.int(3) > 0 ? crateMoves : moves.length > 0 ? moves : crateMoves;
    if (pool.length === 0) break;
    rng.pick(pool)();
  }
  if ([...push, ...pull, at].some((c) => marks.includes(c))) return undefined;
  const far = (c: number, m: number): number => Math.abs((c % W) - (m % W)) + Math.abs(Math.floor(c / W) - Math.floor(m / W));
  const score = [...push, ...pull].reduce((sum, c, i) => sum + far(c, marks[i]!), 0);
  return { at, push, pull, score };
}

/** Whether every floor cell of the room is reachable from every other. */
function connected(wall: readonly boolean[], width: number): boolean {
  const floor = wall.flatMap((b, i) => (b ? [] : [i]));
  if (floor.length === 0) return false;
  const seen = new Set<number>([floor[0]!]);
  const queue = [floor[0]!];
  for (let q = 0; q < queue.length; q++) {
    for (const d of [-width, width, -1, 1]) {
      const n = queue[q]! + d;
      if (!wall[n] && !seen.has(n)) seen.add(n), queue.push(n);
    }
  }
  return seen.size === floor.length;
}

/** Shortest solution of a drawn room by BFS over step() (0 if none within 60 moves or 40,000 states). */
function optimum(text: string): number {
  const start = init(parseLevel(text, LEGEND, { label: "game 'crate-pull' (generating)", level: 0 }));
  // Rooms have under 128 cells and at most four pieces: the positions fold into one exact number.
  const key = (s: State): number => {
    let k = s.at;
    for (const c of s.push) k = k * 128 + c;
    for (const c of s.pull) k = k * 128 + c;
    return k;
  };
  const seen = new Set([key(start)]);
  let frontier = [start];
  for (let depth = 1; frontier.length > 0 && depth <= 60 && seen.size < 40_000; depth++) {
    const next: State[] = [];
    for (const s of frontier) {
      for (const type of ['ACTION1', 'ACTION2', 'ACTION3', 'ACTION4'] as const) {
        const n = step(s, { type });
        if (n === s) continue;
        if (n.open === 0) return depth;
        const k = key(n);
        if (!seen.has(k)) seen.add(k), next.push(n);
      }
    }
    frontier = next;
  }
  return 0;
}

export function generate(_seed: number, rng: Rng): string[] {
  return RECIPES.map((recipe, i) => {
    if (i === 0) return lineRoom(recipe, rng).map((row) => row.join('')).join('\n');
    // Rooms drawn backwards are solvable but often short: keep drawing until one is about as long
    // as the designed level (or keep the longest).
    let best = '';
    let bestLength = -1;
    for (let k = 0; k < DRAWS && bestLength < recipe.enough; k++) {
      const text = room(recipe, rng).map((row) => row.join('')).join('\n');
      const length = optimum(text);
      if (length > bestLength) (best = text), (bestLength = length);
    }
    return best;
  });
}

export default defineGame<State>({
  id: 'crate-pull',
  legend: LEGEND,
  avatar: 'P',
  actions: ['ACTION1', 'ACTION2', 'ACTION3', 'ACTION4'],
  undo: true,
  letterbox: WALL_C,
  levels: [
    `
    #######
    #.....#
    #P.o.*#
    #.....#
    #######`,
    `
    #######
    #.....#
    #.P.o.#
    #...#.#
    #...*.#
    #######`,
    `
    #########
    #...#...#
    #.o...o.#
    #P..#*.*#
    #########`,
    `
    ########
    #......#
    #.*..q.#
    #......#
    #P.....#
    ########`,
    `
    ##########
    #...######
    #P..q.o.*#
    #...######
    ##########`,
    `
    ##########
    #.....#..#
    #.q...o..#
    #P..#.#*.#
    #*..#....#
    ##########`,
    `
    ###########
    #....#....#
    #.o..q..*.#
    #P.#...#..#
    #..o..#.*.#
    #*........#
    ###########`,
    `
    ############
    #..........#
    #.o.##...*.#
    #...##.....#
    ##..###..###
    #..q...P.o*#
    ###.####.###
    ###*####.###
    ############`,
  ],
  generate,
  // init is pure and states never change: one start state per level, made once (a solver starts every level again and again).
  init: memoize(init),
  step,
  outcome,
  view,
});
