/**
 * Paint pass: walk a maze to the green exit. Stepping on a paint pad (a coloured plus) paints the
 * avatar that colour; a coloured block lets the avatar through only while it wears the same colour.
 * From level 5 some pads are drawn as an X: they swap, the avatar takes the pad's colour and the pad
 * takes the avatar's old one (an unpainted avatar leaves the pad blank, and a blank pad does nothing).
 *
 * Levels (design intent; optimal moves in brackets):
 *  1. One blue pad before one blue block: paint, then pass. [6]
 *  2. Two colours: the blue pad opens the way to the yellow pad; each block takes its own colour. [12]
 *  3. Two colours, the long way round: yellow is found behind blue, and the exit is behind yellow. [19]
 *  4. Three colours; the blue pad beside the start is the wrong first choice. [20]
 *  5. BELIEF BREAK: the X pad in the only doorway swaps. So far a pad gave its colour for ever; this
 *     one takes the avatar's blue and gives yellow, and the exit wants blue: step back onto it to
 *     trade the blue back. [13]
 *  6. One X pad between rooms, holding the blue the exit route needs. [16]
 *  7. Two X pads, three colours: the longest plan. [19]
 * Levels 6 and 7 come from a solver-checked random search kept only where the X pads matter (as
 * plain pads the level is unsolvable), then checked by eye. Only 7 levels so far (8 were planned).
 *
 * Version history: v1 (2026-11-23) first version.
 */
import { copyBytes, defineGame, memoize, type GameAction, type Grid, type Level } from '../core/index.ts';

// Board codes, one byte per cell, fixed for the level. Paint colours are numbered 1..4; 0 is none.
const FLOOR = 0;
const WALL = 1;
const EXIT = 2;
/** BLOCK | paint colour: passable only for an avatar of that colour. */
const BLOCK = 8;
/** PAD | paint colour: paints the avatar. */
const PAD = 16;
/** SWAP | index into the state's `swaps`: trades colours with the avatar. */
const SWAP = 32;

const FLOOR_C = 5;
const WALL_C = 3;
const EXIT_C = 14;
/** ARC colour of each paint (index 0: the unpainted avatar, white). */
const PAINT_C = [0, 9, 11, 6, 12] as const;

/** Keys in alphabetical order, as the state hash visits them. */
interface State {
  /** The avatar's cell index (y * width + x). */
  readonly at: number;
  readonly board: Uint8Array;
  /** The avatar's paint (0: none). */
  readonly paint: number;
  /** The paint each swap pad holds, by swap index (0: blank). */
  readonly swaps: readonly number[];
  readonly width: number;
}

/** Glyphs: pads are lower case, blocks upper case, swap pads digits (their starting paint). */
const PAINT_OF: Readonly<Record<string, number>> = { b: 1, y: 2, m: 3, o: 4 };

const boardOf = memoize((level: Level) => {
  const board = new Uint8Array(level.width * level.height);
  let swaps = 0;
  for (let y = 0; y < level.height; y++) {
    for (let x = 0; x < level.width; x++) {
      const g = level.glyph(x, y);
      const i = y * level.width + x;
      if (g === '#') board[i] = WALL;
      else if (g === 'E') board[i] = EXIT;
      else if (PAINT_OF[g] !== undefined) board[i] = PAD | PAINT_OF[g]!;
      else if (PAINT_OF[g.toLowerCase()] !== undefined) board[i] = BLOCK | PAINT_OF[g.toLowerCase()]!;
      else if (g >= '0' && g <= '4') board[i] = SWAP | swaps++;
      else board[i] = FLOOR;
    }
  }
  return board;
});

function init(level: Level): State {
  const start = level.find('P')!;
  return {
    at: start.y * level.width + start.x,
    board: boardOf(level),
    paint: 0,
    swaps: level.findAll('01234').map((c) => Number(level.glyph(c.x, c.y))),
    width: level.width,
  };
}

function step(s: State, action: GameAction): State {
  const t = action.type;
  const d = t === 'ACTION1' ? -s.width : t === 'ACTION2' ? s.width : t === 'ACTION3' ? -1 : t === 'ACTION4' ? 1 : 0;
  if (d === 0 || s.board[s.at] === EXIT) return s;
  const to = s.at + d;
  const c = s.board[to]!;
  if (c === WALL) return s;
  if (c & BLOCK && (c & 7) !== s.paint) return s;
  let paint = s.paint;
  let swaps = s.swaps;
  if (c & PAD) paint = c & 7;
  else if (c & SWAP) {
    const k = c & 15;
    paint = swaps[k]!;
    const next = swaps.slice();
    next[k] = s.paint;
    swaps = next;
  }
  return { at: to, board: s.board, paint, swaps, width: s.width };
}

/**
 * The board at 3x3 view cells a cell: a block is solid colour, a pad a plus, a swap pad an X, the
 * avatar a ring of its paint around a dark eye, so colour and shape tell the pieces apart.
 */
const PLUS = [1, 3, 4, 5, 7];
const CROSS = [0, 2, 4, 6, 8];
const RING = [0, 1, 2, 3, 5, 6, 7, 8];
const FULL = [0, 1, 2, 3, 4, 5, 6, 7, 8];

function draw(cells: Uint8Array, vw: number, i: number, width: number, shape: readonly number[], c: number): void {
  const o = Math.floor(i / width) * 3 * vw + (i % width) * 3;
  for (const k of shape) cells[o + Math.floor(k / 3) * vw + (k % 3)] = c;
}

const backdropOf = memoize((board: Uint8Array, width: number): Uint8Array => {
  const vw = width * 3;
  const cells = new Uint8Array(board.length * 9).fill(FLOOR_C);
  for (let i = 0; i < board.length; i++) {
    const c = board[i]!;
    if (c === WALL) draw(cells, vw, i, width, FULL, WALL_C);
    else if (c === EXIT) draw(cells, vw, i, width, FULL, EXIT_C);
    else if (c & BLOCK) draw(cells, vw, i, width, FULL, PAINT_C[c & 7]!);
    else if (c & PAD) draw(cells, vw, i, width, PLUS, PAINT_C[c & 7]!);
  }
  return cells;
});

/** Where each swap pad is, by index (memoised with the board). */
const swapCellsOf = memoize((board: Uint8Array): number[] => {
  const at: number[] = [];
  board.forEach((c, i) => {
    if (c & SWAP) at[c & 15] = i;
  });
  return at;
});

function view(s: State): Grid {
  const w = s.width;
  const vw = w * 3;
  const cells = copyBytes(backdropOf(s.board, w));
  const swapAt = swapCellsOf(s.board);
  // A blank swap pad is a grey X: still a pad, holding nothing.
  s.swaps.forEach((p, k) => draw(cells, vw, swapAt[k]!, w, CROSS, p === 0 ? WALL_C : PAINT_C[p]!));
  draw(cells, vw, s.at, w, FULL, FLOOR_C);
  draw(cells, vw, s.at, w, RING, PAINT_C[s.paint]!);
  return { width: vw, height: (s.board.length / w) * 3, cells };
}

export default defineGame<State>({
  id: 'paint-pass',
  legend: {
    '.': FLOOR_C, '#': WALL_C, E: EXIT_C, P: PAINT_C[0],
    b: PAINT_C[1], y: PAINT_C[2], m: PAINT_C[3], o: PAINT_C[4],
    B: PAINT_C[1], Y: PAINT_C[2], M: PAINT_C[3], O: PAINT_C[4],
    '0': WALL_C, '1': PAINT_C[1], '2': PAINT_C[2], '3': PAINT_C[3], '4': PAINT_C[4],
  },
  avatar: 'P',
  actions: ['ACTION1', 'ACTION2', 'ACTION3', 'ACTION4'],
  levels: [
    `
    #########
    #P.b.B.E#
    #########`,
    `
    ##########
    #.b.#.y..#
    #P..B..#Y#
    #...#..#E#
    ##########`,
    `
    ##########
    #P.b#..y.#
    #...B....#
    ########Y#
    #E.Y.....#
    ##########`,
    `
    ##########
    #P.y#...m#
    #.b.Y....#
    #...####M#
    ######.b.#
    #E..B....#
    ##########`,
    `
    ##########
    #P.b#..#E#
    #...2..#B#
    #...#....#
    ##########`,
    `
    ##########
    #.#...#by#
    #.B...#..#
    ##.##Y####
    ##B#.#####
    #.1...M.E#
    #m#..P#..#
    ##########`,
    `
    ##########
    #E.#..#..#
    #..#.y#..#
    #M##MYB###
    #..2..#..#
    #...P.1..#
    #..#.b#.m#
    ##########`,
  ],
  // init is pure and states never change: one start state per level, made once (a solver starts every level again and again).
  init: memoize(init),
  step,
  outcome: (s) => (s.board[s.at] === EXIT ? 'cleared' : 'playing'),
  view,
});
