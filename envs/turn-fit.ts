/**
 * Turn fit: coloured pieces lie on a floor with black holes cut in it. Clicking a piece picks it (it
 * lights up); the arrows slide the picked piece, ACTION5 turns it a quarter clockwise about one of its
 * cells, and the level clears when every hole is covered. Undo (ACTION7) steps back one move: a piece
 * turned into a corner is easy to get wrong.
 *
 * Levels (design intent; optimal actions in brackets, clicks included):
 *  1. One bar, one upright hole of its length: pick, turn, slide. [6]
 *  2. An L piece whose hole faces another way: three quarter turns (turns only go clockwise). [9]
 *  3. A turn blocked by the wall: slide into the open, turn there, then slide into the hole. [10]
 *  4. Two bars, two holes: pick each in turn, one lies flat, one stands. [11]
 *  5. BELIEF BREAK. A purple bar nailed to the floor (its grey cell) closes the room: the arrows,
 *     which moved every piece so far, do nothing to it. It only turns about the nail, which opens
 *     gaps beside it and drops it into its own two holes; the blue bar then stands up to pass. [12]
 *  6. A nailed domino and two free L pieces: turn the nailed one out of the way first. [12]
 *  7. Two L pieces and one T-shaped hole with a tail: which piece covers which part. [13]
 *  8. A nailed bar and an L that must pass the gate it opens and turn into the far corner. [15]
 * The solver checks each level (at most about 6,600 reachable states).
 *
 * Version history: v1 (2026-11-23) first version.
 */
import { defineGame, memoize, newBytes, type GameAction, type Grid, type Level } from '../core/index.ts';

const FLOOR_C = 0;
const WALL_C = 3;
const HOLE_C = 5;
const NAIL_C = 2;
/** Piece colours by piece kind, and the lit shade each turns when picked. */
const PIECE_C: Readonly<Record<string, readonly [number, number]>> = {
  a: [12, 11],
  b: [9, 10],
  c: [13, 8],
  x: [15, 7],
};

/** A piece as the level draws it: cells as offsets from its turning cell, and whether it is nailed. */
interface Piece {
  readonly colour: number;
  readonly lit: number;
  readonly nailed: boolean;
  /** Offsets (dx, dy) from the turning cell, in pairs, at rotation 0. */
  readonly shape: readonly number[];
}

interface LevelInfo {
  readonly height: number;
  /** 1 where the floor has a hole. */
  readonly holes: Uint8Array;
  readonly pieces: readonly Piece[];
  /** 1 where there is a wall. */
  readonly walls: Uint8Array;
  readonly width: number;
}

/** Keys in alphabetical order, as the state hash visits them. */
interface State {
  readonly info: LevelInfo;
  /** Per piece: x, y of its turning cell and its quarter turns (0..3), in triples. */
  readonly pos: readonly number[];
  /** The picked piece, or -1. */
  readonly sel: number;
}

/**
 * Levels: lower-case letters are piece cells (one piece per letter), the upper-case letter its turning
 * cell; 'x'/'X' is the nailed piece and its nail. 'o' a hole, '#' a wall, '.' floor.
 */
const infoOf = memoize((level: Level): LevelInfo => {
  const { width, height } = level;
  const walls = newBytes(width * height);
  const holes = newBytes(width * height);
  const kinds = [...new Set(level.rows.join('').replace(/[^a-z]/g, '').replace(/o/g, ''))].sort();
  for (let i = 0; i < width * height; i++) {
    const g = level.glyph(i % width, Math.floor(i / width));
    walls[i] = g === '#' ? 1 : 0;
    holes[i] = g === 'o' ? 1 : 0;
  }
  const pieces = kinds.map((k) => {
    const pivot = level.find(k.toUpperCase())!;
    const shape: number[] = [];
    for (const c of level.findAll(k + k.toUpperCase())) shape.push(c.x - pivot.x, c.y - pivot.y);
    const [colour, lit] = PIECE_C[k]!;
    return { colour, lit, nailed: k === 'x', shape };
  });
  return { height, holes, pieces, walls, width };
});

function init(level: Level): State {
  const info = infoOf(level);
  const pos: number[] = [];
  for (const k of [...new Set(level.rows.join('').replace(/[^a-z]/g, '').replace(/o/g, ''))].sort()) {
    const p = level.find(k.toUpperCase())!;
    pos.push(p.x, p.y, 0);
  }
  return { info, pos, sel: -1 };
}

/**
 * Cell k of a piece's shape at (x, y) turned r quarters clockwise, as an index. A quarter turn takes
 * (dx, dy) to (-dy, dx), so r turns are one of four sign swaps. step, outcome and view work cell by
 * cell with this instead of building lists: they run on every move the solver and scorer try.
 */
function cellAt(shape: readonly number[], k: number, x: number, y: number, r: number, width: number): number {
  const dx = shape[k]!;
  const dy = shape[k + 1]!;
  const rx = r === 0 ? dx : r === 1 ? -dy : r === 2 ? -dx : dy;
  const ry = r === 0 ? dy : r === 1 ? dx : r === 2 ? -dy : -dx;
  return (y + ry) * width + (x + rx);
}

/** The cells piece i covers at (x, y) turned r quarters clockwise, as indices. */
function cellsOf(info: LevelInfo, i: number, x: number, y: number, r: number): number[] {
  const shape = info.pieces[i]!.shape;
  const out: number[] = [];
  for (let k = 0; k < shape.length; k += 2) out.push(cellAt(shape, k, x, y, r, info.width));
  return out;
}

/** Whether piece i fits at (x, y, r): inside the room, off the walls and off every other piece. */
function fits(info: LevelInfo, pos: readonly number[], i: number, x: number, y: number, r: number): boolean {
  const w = info.width;
  const mine = info.pieces[i]!.shape;
  for (let k = 0; k < mine.length; k += 2) {
    const c = cellAt(mine, k, x, y, r, w);
    if (c < 0 || c >= info.walls.length || info.walls[c]) return false;
  }
  for (let j = 0; j < info.pieces.length; j++) {
    if (j === i) continue;
    const other = info.pieces[j]!.shape;
    for (let m = 0; m < other.length; m += 2) {
      const c = cellAt(other, m, pos[3 * j]!, pos[3 * j + 1]!, pos[3 * j + 2]!, w);
      for (let k = 0; k < mine.length; k += 2) if (cellAt(mine, k, x, y, r, w) === c) return false;
    }
  }
  return true;
}

/** Which piece covers cell c, or -1. */
function pieceAt(s: State, c: number): number {
  const { info, pos } = s;
  for (let j = 0; j < info.pieces.length; j++) {
    const shape = info.pieces[j]!.shape;
    for (let k = 0; k < shape.length; k += 2) if (cellAt(shape, k, pos[3 * j]!, pos[3 * j + 1]!, pos[3 * j + 2]!, info.width) === c) return j;
  }
  return -1;
}

function step(s: State, action: GameAction): State {
  const { info, sel } = s;
  if (action.type === 'ACTION6') {
    const j = pieceAt(s, action.y * info.width + action.x);
    return j < 0 || j === sel ? s : { info, pos: s.pos, sel: j };
  }
  if (sel < 0) return s;
  const t = action.type;
  let x = s.pos[3 * sel]!;
  let y = s.pos[3 * sel + 1]!;
  let r = s.pos[3 * sel + 2]!;
  if (t === 'ACTION5') r = (r + 1) & 3;
  else {
    // A nailed piece only turns.
    if (info.pieces[sel]!.nailed) return s;
    if (t === 'ACTION1') y--;
    else if (t === 'ACTION2') y++;
    else if (t === 'ACTION3') x--;
    else if (t === 'ACTION4') x++;
    else return s;
  }
  if (!fits(info, s.pos, sel, x, y, r)) return s;
  const pos = s.pos.slice();
  pos[3 * sel] = x;
  pos[3 * sel + 1] = y;
  pos[3 * sel + 2] = r;
  return { info, pos, sel };
}

/** Per cell, the outcome() call that last saw a piece on it: a scratch array instead of a Set per state. */
let covered = new Uint32Array(0);
let coverEpoch = 0;

function outcome(s: State): 'playing' | 'cleared' | 'lost' {
  const { info, pos } = s;
  const holes = info.holes;
  if (covered.length < holes.length || coverEpoch === 0xffffffff) {
    covered = new Uint32Array(Math.max(covered.length, holes.length));
    coverEpoch = 0;
  }
  const epoch = ++coverEpoch;
  for (let j = 0; j < info.pieces.length; j++) {
    const shape = info.pieces[j]!.shape;
    for (let k = 0; k < shape.length; k += 2) {
      const c = cellAt(shape, k, pos[3 * j]!, pos[3 * j + 1]!, pos[3 * j + 2]!, info.width);
      if (c >= 0 && c < holes.length) covered[c] = epoch;
    }
  }
  for (let i = 0; i < holes.length; i++) if (holes[i] && covered[i] !== epoch) return 'playing';
  return 'cleared';
}

const backdropOf = memoize((info: LevelInfo) => info.walls.map((w, i) => (w ? WALL_C : info.holes[i] ? HOLE_C : FLOOR_C)));

function view(s: State): Grid {
  const { info } = s;
  const cells = newBytes(info.walls.length);
  cells.set(backdropOf(info));
  for (let j = 0; j < info.pieces.length; j++) {
    const p = info.pieces[j]!;
    const x = s.pos[3 * j]!;
    const y = s.pos[3 * j + 1]!;
    const r = s.pos[3 * j + 2]!;
    for (let k = 0; k < p.shape.length; k += 2) cells[cellAt(p.shape, k, x, y, r, info.width)] = j === s.sel ? p.lit : p.colour;
    if (p.nailed) cells[y * info.width + x] = NAIL_C;
  }
  return { width: info.width, height: info.height, cells };
}

/** Every piece cell: the only places a click can pick something. */
function clickable(s: State): number[] {
  const out: number[] = [];
  for (let j = 0; j < s.info.pieces.length; j++) out.push(...cellsOf(s.info, j, s.pos[3 * j]!, s.pos[3 * j + 1]!, s.pos[3 * j + 2]!));
  return out;
}

export default defineGame<State>({
  id: 'turn-fit',
  legend: { '#': WALL_C, '.': FLOOR_C, o: HOLE_C, a: 12, A: 12, b: 9, B: 9, c: 13, C: 13, x: 15, X: NAIL_C },
  actions: ['ACTION1', 'ACTION2', 'ACTION3', 'ACTION4', 'ACTION5', 'ACTION6'],
  undo: true,
  levels: [
    `
    #######
    #.....#
    #aAa.o#
    #....o#
    #....o#
    #######`,
    `
    ########
    #......#
    #.a....#
    #.Aa..o#
    #....oo#
    ########`,
    `
    ##########
    #........#
    #.####...#
    #aAa#..o.#
    #...#..o.#
    #......o.#
    ##########`,
    `
    #########
    #.......#
    #.aAa...#
    #......o#
    #.bBb..o#
    #......o#
    #.ooo...#
    #########`,
    `
    #######
    #ooo..#
    #.....#
    #..o..#
    ##xXx##
    #..o..#
    #.....#
    #.bBb.#
    #######`,
    `
    ########
    #oo....#
    #o.....#
    ##.xX###
    #......#
    #.aA.bB#
    #..a.b.#
    ########`,
    `
    ########
    #..o...#
    #.ooo..#
    #...oo.#
    #aA..bB#
    #.a..b.#
    #......#
    ########`,
    `
    ########
    #oo....#
    #.o....#
    #...o..#
    ###xXx.#
    #...o..#
    #......#
    #..aA..#
    #...a..#
    ########`,
  ],
  // init is pure and states never change: one start state per level, made once (a solver starts every level again and again).
  init: memoize(init),
  step,
  outcome,
  view,
  clickable,
});
