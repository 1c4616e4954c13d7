/**
 * Pad gates: walk a maze to the green exit; stepping onto a floor plate flips every gate of one colour
 * between solid and open (an open gate stays drawn as a checkered ghost, so its place is never lost).
 *
 * Red cells end the run (GAME_OVER); the player learns that from the first touch.
 *
 * Levels (design intent):
 *  1. One orange plate in the only corridor, one orange gate before the exit: plates open gates.
 *  2. A gate that starts open (checker) shuts when the plate opens the other: plates toggle, not open;
 *     a second plate flips them back.
 *  3. Two colours: each plate flips only gates of its own colour.
 *  4. Order matters: the purple plate that opens the exit gate also shuts the way back.
 *  5. Belief break: a plate hung at the top of its cell flips the *other* colour. The plate beside the
 *     orange gate does nothing to it; the purple gate below opens instead, and its hanging purple plate
 *     opens the orange gate. The player who trusted "same colour opens" walks back and forth.
 *  6. Crossed and plain plates in one maze: read each plate's shape before using it.
 *  7. Nine rooms, both colours of toggle to sequence, and red cells beside the plates: a plan.
 *  8. The widest maze, both plate kinds, red cells guarding the exit: the longest plan (60 actions).
 *
 * Version history: v1 (2026-11-23) first version.
 */
import { copyBytes, defineGame, memoize, type GameAction, type Grid, type Level } from '../core/index.ts';

// Board codes, one byte per cell; fixed for the whole level (the gates' state lives in `flips`).
const FLOOR = 0;
const WALL = 1;
const EXIT = 2;
const HAZARD = 3;
/** GATE | colour << 1 | 1 if the gate starts open. */
const GATE = 8;
/** PAD | shown colour << 3 | mask of the colours it flips (bit k = colour k). */
const PAD = 32;

const FLOOR_C = 0;
const WALL_C = 3;
const EXIT_C = 14;
const HAZARD_C = 8;
const AVATAR_C = 9;
/** Gate colours by colour index: orange, purple. */
const GATE_C = [12, 15] as const;

interface State {
  /** The avatar's cell index (y * width + x). */
  readonly at: number;
  /** Board codes; shared by every state of a level, never copied. */
  readonly board: Uint8Array;
  /** Bit k set: every gate of colour k is the opposite of how it started. */
  readonly flips: number;
  readonly height: number;
  readonly width: number;
}

const CODES: Readonly<Record<string, number>> = {
  '.': FLOOR,
  P: FLOOR,
  '#': WALL,
  E: EXIT,
  '!': HAZARD,
  A: GATE | (0 << 1),
  x: GATE | (0 << 1) | 1,
  B: GATE | (1 << 1),
  y: GATE | (1 << 1) | 1,
  a: PAD | (0 << 3) | 1,
  b: PAD | (1 << 3) | 2,
  // Crossed plates (the belief break): shown in one colour, they flip the other.
  c: PAD | (0 << 3) | 2,
  d: PAD | (1 << 3) | 1,
};

/** One board per level, shared by every state, session and reset (so the backdrop memo hits). */
const boardOf = memoize((level: Level) => level.codes(CODES));

function init(level: Level): State {
  const start = level.find('P')!;
  return { at: start.y * level.width + start.x, board: boardOf(level), flips: 0, height: level.height, width: level.width };
}

function step(s: State, action: GameAction): State {
  const t = action.type;
  const d = t === 'ACTION1' ? -s.width : t === 'ACTION2' ? s.width : t === 'ACTION3' ? -1 : t === 'ACTION4' ? 1 : 0;
  if (d === 0) return s;
  const to = s.at + d;
  const c = s.board[to]!;
  if (c === WALL) return s;
  let flips = s.flips;
  if (c & PAD) flips ^= c & 7;
  else if (c & GATE) {
    // Solid when its start state (bit 0: open) has not been flipped an odd number of times.
    if (((c & 1) ^ ((flips >> ((c >> 1) & 3)) & 1)) === 0) return s;
  }
  return { at: to, board: s.board, flips, height: s.height, width: s.width };
}

function outcome(s: State): 'playing' | 'cleared' | 'lost' {
  const c = s.board[s.at];
  return c === EXIT ? 'cleared' : c === HAZARD ? 'lost' : 'playing';
}

/** What never changes within a level: its picture with every gate left out, and where the gates are. */
interface Backdrop {
  readonly cells: Uint8Array;
  /** View offset of each gate's top-left sub-cell, and the gate's board code, in pairs. */
  readonly gates: Int32Array;
}

/**
 * Each cell is drawn as 2x2 view cells (still 4 px a cell for a 16x16 level), so three shapes of one
 * colour can be told apart: a solid gate is a full block, an open gate a checker, a plate a low bar
 * (a crossed plate hangs at the top of its cell: the quiet cue of the belief break). Memoised by the
 * level's board (shared by all its states), so view() does not redraw walls and plates every call.
 */
const backdropOf = memoize((board: Uint8Array, width: number): Backdrop => {
  const w = width;
  const vw = w * 2;
  const cells = new Uint8Array(vw * (board.length / w) * 2);
  const gates: number[] = [];
  for (let i = 0; i < board.length; i++) {
    const c = board[i]!;
    const o = Math.floor(i / w) * 2 * vw + (i % w) * 2;
    let top = FLOOR_C;
    let bottom = FLOOR_C;
    if (c === WALL) top = bottom = WALL_C;
    else if (c === EXIT) top = bottom = EXIT_C;
    else if (c === HAZARD) top = bottom = HAZARD_C;
    else if (c & PAD) {
      if (isCrossed(c)) top = GATE_C[(c >> 3) & 3]!;
      else bottom = GATE_C[(c >> 3) & 3]!;
    } else if (c & GATE) gates.push(o, c);
    cells[o] = cells[o + 1] = top;
    cells[o + vw] = cells[o + vw + 1] = bottom;
  }
  return { cells, gates: Int32Array.from(gates) };
});

/** A plate that flips a colour other than its own. */
function isCrossed(c: number): boolean {
  return (c & 7) !== 1 << ((c >> 3) & 3);
}

function view(s: State): Grid {
  const b = backdropOf(s.board, s.width);
  const cells = copyBytes(b.cells);
  const vw = s.width * 2;
  const gates = b.gates;
  for (let g = 0; g < gates.length; g += 2) {
    const o = gates[g]!;
    const c = gates[g + 1]!;
    const k = (c >> 1) & 3;
    const col = GATE_C[k]!;
    cells[o] = cells[o + vw + 1] = col;
    // Solid: a full block; open: a checker, so the gate's place and colour stay in sight.
    if (((c & 1) ^ ((s.flips >> k) & 1)) === 0) cells[o + 1] = cells[o + vw] = col;
  }
  // The avatar fills its cell, or the half a plate's bar leaves free (so the plate under it shows).
  const o = Math.floor(s.at / s.width) * 2 * vw + (s.at % s.width) * 2;
  const c = s.board[s.at]!;
  const crossed = (c & PAD) !== 0 && isCrossed(c);
  const plain = (c & PAD) === 0;
  if (plain || !crossed) cells[o] = cells[o + 1] = AVATAR_C;
  if (plain || crossed) cells[o + vw] = cells[o + vw + 1] = AVATAR_C;
  return { width: vw, height: s.height * 2, cells };
}

export default defineGame<State>({
  id: 'pad-gates',
  legend: { '.': FLOOR_C, P: AVATAR_C, '#': WALL_C, E: EXIT_C, '!': HAZARD_C, A: 12, x: 12, a: 12, c: 12, B: 15, y: 15, b: 15, d: 15 },
  avatar: 'P',
  actions: ['ACTION1', 'ACTION2', 'ACTION3', 'ACTION4'],
  levels: [
    `
    ##########
    #....#...#
    #P.a.A..E#
    #....#...#
    ##########`,
    `
    #############
    #....#...#..#
    #.P..x.a.A.a#
    #....#...#..#
    ##########x##
    #########.E.#
    #############`,
    `
    ###############
    #...#.....#...#
    #.P.A..b..B.E.#
    #.a.#.....#...#
    ###############`,
    `
    ###############
    #...#.....##E##
    #.b.x..P..##B##
    #...#.....##.##
    #####.a.####A##
    #####.........#
    ###############`,
    `
    #############
    #.....#.....#
    #.P.c.A..E..#
    #.....#.....#
    ###B#########
    #.....#######
    #..d..#######
    #############`,
    `
    #############
    #.b.#...#####
    #....a..#####
    #P..#...#####
    ######B######
    #...#...#E..#
    #c..Ad..y...#
    #...#...#...#
    #############`,
    `
    #############
    #...#...#...#
    #..PA.......#
    #.d.#...#...#
    ##.#######B##
    #...#...#a..#
    #...#...x..b#
    #...#...#...#
    ##.###.######
    #...#...#...#
    #...#...y.E.#
    #.c!#..!#...#
    #############`,
    `
    ################
    #.P..#....######
    #....#....######
    #.........######
    #....#.c..######
    ###B####A#######
    #....#....#....#
    #....#....#....#
    #...b#.d.......#
    #....#....#....#
    ###y#########x##
    #.a..######....#
    #....######....#
    #....######..!.#
    #....######E!..#
    ################`,
  ],
  // init is pure and states never change: one start state per level, made once (a solver starts every level again and again).
  init: memoize(init),
  step,
  outcome,
  view,
});
