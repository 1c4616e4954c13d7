/**
 * Gravity flip: a side view. The avatar walks left and right and cannot jump; everything loose falls
 * until it lands, and ACTION5 flips gravity, so the avatar (and every crate) falls to the ceiling and
 * walks there. Reach the green exit; red spikes end the run. Orange crates are pushed sideways and
 * fall like the avatar; a crate that falls onto spikes covers them. Purple balloons fall the other way.
 *
 * Levels (design intent; optimal actions in brackets):
 *  1. A low wall on the floor: flip to the ceiling, walk over it, flip back down onto the exit. [8]
 *  2. Spikes on the floor, then on the ceiling: flip at the one column where both are safe. [12]
 *  3. A spiked pit under a spiked ceiling, a bump on the floor: carry the crate over the bump on the
 *     ceiling and drop it into the pit to cover it, then walk across. [12]
 *  4. Two rooms, two crates, two pits: the same trick twice, each crate carried over its own bump. [19]
 *  5. BELIEF BREAK: the purple piece falls the *other* way. Everything so far fell with the avatar;
 *     this one drops to the floor when the avatar rises, and hanging under it is the only way into
 *     the gap in the pillar (the floor beyond is spiked). [10]
 *  6. The balloon's gap, then a crate to carry on the ceiling and drop into a pit. [15]
 *  7. Ledges and a walled-in balloon: flip back and forth to climb, with a crate to clear. [18]
 *  8. The longest plan: crate, balloon, two pits and spiked floor and ceiling around the exit. [25]
 * Levels 7 and 8 were picked from a solver-checked random search (both need the crate and the
 * balloon: without either they are unsolvable), then checked by eye.
 *
 * Version history: v1 (2026-11-23) first version.
 */
import { copyBytes, defineGame, memoize, type GameAction, type Grid, type Level } from '../core/index.ts';

// Board codes, one byte per cell; fixed for the level (loose pieces live in the state).
const EMPTY = 0;
const WALL = 1;
const EXIT = 2;
const SPIKE = 3;

const BG_C = 5;
const WALL_C = 2;
const EXIT_C = 14;
const SPIKE_C = 8;
const BODY_C = 9;
/** The avatar's head: drawn on the side away from gravity, so a flip shows even when nothing moves. */
const HEAD_C = 10;
const CRATE_C = 12;
const BALLOON_C = 15;

/** Keys in alphabetical order, as the state hash visits them. */
interface State {
  /** The avatar's cell index (y * width + x). */
  readonly at: number;
  /** Balloon cells (fall against gravity), ascending. */
  readonly balloons: readonly number[];
  /** Board codes; shared by every state of a level. */
  readonly board: Uint8Array;
  /** Crate cells (fall with gravity), ascending. */
  readonly crates: readonly number[];
  /** 1: gravity pulls down; -1: up. */
  readonly gravity: number;
  readonly width: number;
}

const CODES: Readonly<Record<string, number>> = { '.': EMPTY, P: EMPTY, o: EMPTY, u: EMPTY, '#': WALL, E: EXIT, '^': SPIKE };

const boardOf = memoize((level: Level) => level.codes(CODES));

const cellsOf = (level: Level, glyph: string): number[] => level.findAll(glyph).map((c) => c.y * level.width + c.x);

function init(level: Level): State {
  const start = level.find('P')!;
  const board = boardOf(level);
  return settle(start.y * level.width + start.x, cellsOf(level, 'u'), cellsOf(level, 'o'), board, 1, level.width);
}

/** Is the avatar finished (on the exit or the spikes)? It stops moving then. */
const done = (board: Uint8Array, at: number): boolean => board[at] === EXIT || board[at] === SPIKE;

/**
 * Lets every loose piece fall one cell at a time until nothing moves: the avatar and crates along
 * gravity, balloons against it. Walls stop everything; the exit and spikes stop crates and balloons
 * (a crate on spikes covers them: it settles *into* the spike cell); the avatar falls into them.
 * The lists it is given (ascending) are kept when nothing in them moved.
 */
function settle(at0: number, balloons0: readonly number[], crates0: readonly number[], board: Uint8Array, gravity: number, width: number): State {
  const dy = gravity * width;
  let at = at0;
  // Copied on the first write: on most moves no crate or balloon moves, and the lists are kept.
  let crates = crates0 as number[];
  let balloons = balloons0 as number[];
  for (let moved = true; moved; ) {
    moved = false;
    if (!done(board, at) && board[at + dy] !== WALL && !taken(at + dy, at, crates, balloons)) {
      at += dy;
      moved = true;
    }
    for (let i = 0; i < crates.length; i++) {
      const c = crates[i]!;
      if (board[c] === SPIKE) continue;
      const to = c + dy;
      if (board[to] === WALL || board[to] === EXIT || taken(to, at, crates, balloons)) continue;
      if (crates === crates0) crates = crates0.slice();
      crates[i] = to;
      moved = true;
    }
    for (let i = 0; i < balloons.length; i++) {
      const c = balloons[i]!;
      if (board[c] === SPIKE) continue;
      const to = c - dy;
      if (board[to] === WALL || board[to] === EXIT || taken(to, at, crates, balloons)) continue;
      if (balloons === balloons0) balloons = balloons0.slice();
      balloons[i] = to;
      moved = true;
    }
  }
  // Pieces only ever move along dy, so a list that was written differs from the one given; one
  // that was not is still ascending.
  if (crates !== crates0) sortSmall(crates);
  if (balloons !== balloons0) sortSmall(balloons);
  return { at, balloons, board, crates, gravity, width };
}

// settle runs on every move the solver and scorer try: plain functions and loops (a level has a
// piece or two, so includes() and sort() with a comparator cost more than they save), and under tsx
// every named closure made at run time also pays a defineProperty for its name.
function taken(c: number, at: number, crates: readonly number[], balloons: readonly number[]): boolean {
  return c === at || has(crates, c) || has(balloons, c);
}

function has(list: readonly number[], c: number): boolean {
  for (let i = 0; i < list.length; i++) if (list[i] === c) return true;
  return false;
}

/** Sorts a short list ascending in place (insertion sort: what sort() gives, without its overhead). */
function sortSmall(list: number[]): void {
  for (let i = 1; i < list.length; i++) {
    const v = list[i]!;
    let j = i;
    for (; j > 0 && list[j - 1]! > v; j--) list[j] = list[j - 1]!;
    list[j] = v;
  }
}

/** `list` with the piece at `from` moved to `to`, ascending. */
function replaced(list: readonly number[], from: number, to: number): readonly number[] {
  const out = list.slice();
  out[out.indexOf(from)] = to;
  sortSmall(out);
  return out;
}

function step(s: State, action: GameAction): State {
  if (outcome(s) !== 'playing') return s;
  if (action.type === 'ACTION5') return settle(s.at, s.balloons, s.crates, s.board, -s.gravity, s.width);
  const dx = action.type === 'ACTION3' ? -1 : action.type === 'ACTION4' ? 1 : 0;
  if (dx === 0) return s;
  const to = s.at + dx;
  const board = s.board;
  if (board[to] === WALL) return s;
  let crates = s.crates;
  let balloons = s.balloons;
  const pushesCrate = has(crates, to);
  if (pushesCrate || has(balloons, to)) {
    // A pushed piece moves one cell into a free, empty cell (not the exit or spikes beside it).
    const beyond = to + dx;
    if (board[beyond] !== EMPTY || has(crates, beyond) || has(balloons, beyond)) return s;
    if (pushesCrate) crates = replaced(crates, to, beyond);
    else balloons = replaced(balloons, to, beyond);
  }
  return settle(to, balloons, crates, board, s.gravity, s.width);
}

function outcome(s: State): 'playing' | 'cleared' | 'lost' {
  const c = s.board[s.at];
  return c === EXIT ? 'cleared' : c === SPIKE ? 'lost' : 'playing';
}

/** The board drawn at 2x2 view cells a cell (the avatar needs two halves to show which way is down). */
const backdropOf = memoize((board: Uint8Array, width: number): Uint8Array => {
  const vw = width * 2;
  const cells = new Uint8Array(board.length * 4);
  const colour = [BG_C, WALL_C, EXIT_C, SPIKE_C];
  for (let i = 0; i < board.length; i++) fill(cells, vw, i, width, colour[board[i]!]!);
  return cells;
});

function fill(cells: Uint8Array, vw: number, i: number, width: number, c: number): void {
  const o = Math.floor(i / width) * 2 * vw + (i % width) * 2;
  cells[o] = cells[o + 1] = cells[o + vw] = cells[o + vw + 1] = c;
}

function view(s: State): Grid {
  const w = s.width;
  const vw = w * 2;
  const cells = copyBytes(backdropOf(s.board, w));
  for (const c of s.crates) fill(cells, vw, c, w, CRATE_C);
  for (const c of s.balloons) fill(cells, vw, c, w, BALLOON_C);
  const o = Math.floor(s.at / w) * 2 * vw + (s.at % w) * 2;
  const head = s.gravity > 0 ? o : o + vw;
  const body = s.gravity > 0 ? o + vw : o;
  cells[head] = cells[head + 1] = HEAD_C;
  cells[body] = cells[body + 1] = BODY_C;
  return { width: vw, height: (s.board.length / w) * 2, cells };
}

export default defineGame<State>({
  id: 'gravity-flip',
  legend: { '.': BG_C, '#': WALL_C, E: EXIT_C, '^': SPIKE_C, P: BODY_C, o: CRATE_C, u: BALLOON_C },
  avatar: 'P',
  actions: ['ACTION3', 'ACTION4', 'ACTION5'],
  levels: [
    `
    #########
    #.......#
    #.......#
    #P..#..E#
    #########`,
    `
    ##############
    #......^^^^..#
    #............#
    #............#
    #P.^^^.....E.#
    ##############`,
    `
    #############
    #.......^^..#
    #...........#
    #P.o.#.....E#
    #######^#####`,
    `
    ##################
    #.......^.....^..#
    #................#
    #P.o.#....o#....E#
    #######^#####^####`,
    `
    ###########
    #^...u#...#
    #.........#
    #P....#^.E#
    ###########`,
    `
    ################
    #^...u#......^.#
    #..............#
    #P....#^.o#...E#
    ############^###`,
    `
    ################
    #...^####.^.##E#
    #.......#.#....#
    #....##...#....#
    #.o...###u.....#
    #P......^......#
    #####^###^######`,
    `
    ################
    #.....^...o..^.#
    #..........#...#
    #.####....#....#
    #....##....u...#
    #P.^.#^....#^^E#
    ####^###########`,
  ],
  // init is pure and states never change: one start state per level, made once (a solver starts every level again and again).
  init: memoize(init),
  step,
  outcome,
  view,
});
