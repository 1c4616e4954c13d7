/**
 * Ice slide: the avatar stands on ice and, once pushed off, slides until something stops it: a wall
 * in front, a patch of snow it runs onto, or the green exit, which clears the level. Purple blocks
 * stop it like walls, but a block with room behind it is knocked away by the hit and slides on until
 * it is stopped in turn, and the avatar stays where it hit. Keyboard only.
 *
 * Levels (design intent; optimal moves in brackets):
 *  1. A corridor with the exit at its end: one push and the avatar glides in. [1]
 *  2. A small room with two pillars: walls are the only brakes, and the exit sits off every wall. [3]
 *  3. Snow: a white patch in open ice is where a slide can stop and turn (without it, 5 moves). [4]
 *  4. Purple blocks met as brakes: the route stops against them as against walls. [5]
 *  5. BELIEF BREAK. A purple block in open ice below a snow patch: hit, it is knocked away and slides
 *     to the far wall; the player who aims at it as a brake (the rule of level 4) stops short. With the
 *     block fixed the level cannot be solved: it has to be knocked to where a brake is needed. [8]
 *  6. Two blocks and two snow patches, one block knocked into place. [7]
 *  7. A room of pillars, snow and two blocks: a route of many short slides. [11]
 *  8. The widest room: three blocks, three snow patches, the longest route. [13]
 * Levels 2-8 were drawn by this file's generator and picked for their length and for needing the
 * level's new idea (snow on 3, a knocked block on 5-8), then checked by the solver and by eye.
 *
 * generate(seed): rooms of the same eight steps, walls, snow and blocks placed at random; draws
 * continue (up to 40) until one is about as long as the designed level, else the longest is kept,
 * and the engine's solver check redraws anything unsolvable or trivial.
 *
 * Version history: v1 (2026-11-23) first version.
 */
import { copyBytes, defineGame, memoize, type GameAction, type Grid, type Level, type Rng } from '../core/index.ts';

// Board codes, one byte per cell, fixed for the level (blocks live in the state).
const ICE = 0;
const WALL = 1;
const SNOW = 2;
const EXIT = 3;

const ICE_C = 10;
const WALL_C = 4;
const SNOW_C = 0;
const EXIT_C = 14;
const AVATAR_C = 9;
const BLOCK_C = 15;

const CODES: Readonly<Record<string, number>> = { '.': ICE, P: ICE, B: ICE, '#': WALL, s: SNOW, E: EXIT };
const COLOUR = [ICE_C, WALL_C, SNOW_C, EXIT_C] as const;

interface State {
  /** The avatar's cell index (y * width + x). */
  readonly at: number;
  /** Cell indices of the blocks, ascending. */
  readonly blocks: readonly number[];
  /** Board codes; shared by every state of a level, never copied. */
  readonly board: Uint8Array;
  readonly width: number;
}

const boardOf = memoize((level: Level) => level.codes(CODES));

const backdropOf = memoize((board: Uint8Array): Uint8Array => board.map((code) => COLOUR[code as 0 | 1 | 2 | 3]));

function init(level: Level): State {
  const p = level.find('P')!;
  return {
    at: p.y * level.width + p.x,
    blocks: level.findAll('B').map((c) => c.y * level.width + c.x),
    board: boardOf(level),
    width: level.width,
  };
}

/**
 * Where a slide from each cell in each direction ends when no block is in the way (cell * 4 + d, d the
 * action's index 0..3): the avatar's (`avatar`, stopped by walls, snow and the exit) and a knocked
 * block's (`block`, stopped by walls and the exit); -1 until first asked for (the generator's search
 * meets a fresh board every draw and asks for few). step then only checks the few blocks against that
 * stretch, instead of walking it cell by cell and scanning the blocks at every cell.
 */
interface Slides {
  readonly board: Uint8Array;
  readonly steps: readonly number[];
  readonly avatar: Int32Array;
  readonly block: Int32Array;
}

const slidesOf = memoize(
  (board: Uint8Array, width: number): Slides => ({
    board,
    steps: [-width, width, -1, 1],
    avatar: new Int32Array(board.length * 4).fill(-1),
    block: new Int32Array(board.length * 4).fill(-1),
  }),
);

/** Out of the board counts as a wall (a board is walled all round; this only keeps a stray slide finite). */
function isWall(board: Uint8Array, c: number): boolean {
  return c < 0 || c >= board.length || board[c] === WALL;
}

function avatarSlide(t: Slides, c: number, k: number): number {
  let p = t.avatar[c * 4 + k]!;
  if (p >= 0) return p;
  const { board } = t;
  const d = t.steps[k]!;
  p = c;
  while (!isWall(board, p + d)) {
    p += d;
    if (board[p] === SNOW || board[p] === EXIT) break;
  }
  return (t.avatar[c * 4 + k] = p);
}

function blockSlide(t: Slides, c: number, k: number): number {
  let q = t.block[c * 4 + k]!;
  if (q >= 0) return q;
  const { board } = t;
  const d = t.steps[k]!;
  q = c;
  while (!isWall(board, q + d) && board[q + d] !== EXIT) q += d;
  return (t.block[c * 4 + k] = q);
}

/** The nearest of `blocks` on the stretch from `from` (excluded) to `to` (included) in steps of d; -1 if none. */
function firstBlock(blocks: readonly number[], from: number, to: number, d: number): number {
  // Distances counted along d, so never negative: a negative dividend's % can give -0, a slow double.
  const unit = d > 0 ? d : -d;
  const span = d > 0 ? to - from : from - to;
  let best = -1;
  let bestDist = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    const dist = d > 0 ? b - from : from - b;
    if (dist <= 0 || dist > span || dist % unit !== 0) continue;
    if (best < 0 || dist < bestDist) (best = b), (bestDist = dist);
  }
  return best;
}

function step(s: State, action: GameAction): State {
  const t = action.type;
  const k = t === 'ACTION1' ? 0 : t === 'ACTION2' ? 1 : t === 'ACTION3' ? 2 : t === 'ACTION4' ? 3 : -1;
  if (k < 0) return s;
  const { board, blocks, width } = s;
  const slides = slidesOf(board, width);
  const d = slides.steps[k]!;
  const at = s.at;
  const end = avatarSlide(slides, at, k);
  const n = blocks.length === 0 ? -1 : firstBlock(blocks, at, end, d);
  if (n < 0) return end === at ? s : { at: end, blocks, board, width };
  // The hit knocks the block on; it slides over ice and snow until a wall, a block or the exit.
  const p = n - d;
  const far = blockSlide(slides, n, k);
  const other = firstBlock(blocks, n, far, d);
  const q = other < 0 ? far : other - d;
  if (q === n) return p === at ? s : { at: p, blocks, board, width }; // backed by something: it holds like a wall
  // The block from n now at q, the list kept ascending.
  const moved: number[] = [];
  let put = false;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b === n) continue;
    if (!put && q < b) (moved[moved.length] = q), (put = true);
    moved[moved.length] = b;
  }
  if (!put) moved[moved.length] = q;
  return { at: p, blocks: moved, board, width };
}

function view(s: State): Grid {
  const cells = copyBytes(backdropOf(s.board));
  for (const b of s.blocks) cells[b] = BLOCK_C;
  cells[s.at] = AVATAR_C;
  return { width: s.width, height: cells.length / s.width, cells };
}

/** What each level of the design asks for; generate() draws fresh rooms to each line. */
interface Recipe {
  readonly width: number;
  readonly height: number;
  readonly pillars: number;
  readonly snow: number;
  readonly blocks: number;
  /** A draw this long or longer is served at once; otherwise the longest of DRAWS draws. */
  readonly enough: number;
}

const RECIPES: readonly Recipe[] = [
  { width: 6, height: 1, pillars: 0, snow: 0, blocks: 0, enough: 1 },
  { width: 5, height: 4, pillars: 2, snow: 0, blocks: 0, enough: 3 },
  { width: 6, height: 5, pillars: 2, snow: 1, blocks: 0, enough: 4 },
  { width: 7, height: 6, pillars: 4, snow: 1, blocks: 2, enough: 5 },
  { width: 7, height: 6, pillars: 3, snow: 1, blocks: 1, enough: 6 },
  { width: 8, height: 7, pillars: 5, snow: 2, blocks: 2, enough: 7 },
  { width: 9, height: 8, pillars: 8, snow: 2, blocks: 2, enough: 9 },
  { width: 11, height: 9, pillars: 12, snow: 3, blocks: 3, enough: 11 },
];

/** Most random draws per generated level; the longest is served if none is long enough. */
const DRAWS = 40;

function draw(recipe: Recipe, rng: Rng): string {
  const W = recipe.width + 2;
  const H = recipe.height + 2;
  const g: string[] = [];
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) g.push(y === 0 || y === H - 1 || x === 0 || x === W - 1 ? '#' : '.');
  const free = (): number => {
    for (;;) {
      const i = W + 1 + rng.int(W * (H - 2) - 2);
      if (g[i] === '.') return i;
    }
  };
  for (let k = 0; k < recipe.pillars; k++) g[free()] = '#';
  for (let k = 0; k < recipe.snow; k++) g[free()] = 's';
  for (let k = 0; k < recipe.blocks; k++) g[free()] = 'B';
  g[free()] = 'E';
  g[free()] = 'P';
  return Array.from({ length: H }, (_, y) => g.slice(y * W, (y + 1) * W).join('')).join('\n');
}

/** Shortest solution length of a drawn level by BFS over step() (0 when it cannot be solved). */
function optimum(text: string): number {
  const rows = text.split('\n');
  const width = rows[0]!.length;
  const flat = rows.join('');
  const board = Uint8Array.from(flat, (ch) => CODES[ch]!);
  const start: State = { at: flat.indexOf('P'), blocks: [...flat].flatMap((ch, i) => (ch === 'B' ? [i] : [])), board, width };
  // A position as a number, its cells as digits in base board.length (a draw's block count never changes).
  const key = (s: State): number => s.blocks.reduce((k, b) => k * board.length + b, s.at);
  const seen = new Set([key(start)]);
  let frontier = [start];
  for (let depth = 1; frontier.length > 0 && depth <= 60; depth++) {
    const next: State[] = [];
    for (const s of frontier) {
      for (const type of ['ACTION1', 'ACTION2', 'ACTION3', 'ACTION4'] as const) {
        const n = step(s, { type });
        if (n === s) continue;
        if (board[n.at] === EXIT) return depth;
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
    if (i === 0) {
      // The corridor of level 1, the exit at a random end.
      const w = 4 + rng.int(4);
      const row = rng.int(2) === 0 ? `#P${'.'.repeat(w)}E#` : `#E${'.'.repeat(w)}P#`;
      return [`#`.repeat(w + 4), row, `#`.repeat(w + 4)].join('\n');
    }
    let best = '';
    let bestLength = -1;
    for (let k = 0; k < DRAWS && bestLength < recipe.enough; k++) {
      const text = draw(recipe, rng);
      const length = optimum(text);
      if (length > bestLength) (best = text), (bestLength = length);
    }
    return best;
  });
}

export default defineGame<State>({
  id: 'ice-slide',
  legend: { '.': ICE_C, '#': WALL_C, s: SNOW_C, E: EXIT_C, P: AVATAR_C, B: BLOCK_C },
  avatar: 'P',
  actions: ['ACTION1', 'ACTION2', 'ACTION3', 'ACTION4'],
  letterbox: WALL_C,
  levels: [
    `
    ########
    #P....E#
    ########`,
    `
    #######
    #..#E.#
    #.....#
    #.#P..#
    #.....#
    #######`,
    `
    ########
    #..s...#
    #......#
    #......#
    #P#.E..#
    #..#...#
    ########`,
    `
    #########
    #....B..#
    #s......#
    #.##.#P.#
    #.......#
    #E.B....#
    #...#...#
    #########`,
    `
    #########
    #....s..#
    #....B..#
    #.....P.#
    #.......#
    #......##
    ##E..#..#
    #########`,
    `
    ##########
    #..B...s##
    #...#....#
    #.#P#.sB.#
    #........#
    #........#
    #.E......#
    #.....#..#
    ##########`,
    `
    ###########
    #.#.......#
    #P..B....B#
    #.........#
    #...#.....#
    ##....E...#
    #.#...#.s##
    #.........#
    ##...s.#..#
    ###########`,
    `
    #############
    #......#....#
    #.......s.#.#
    #.....###..B#
    #.....E.##..#
    #......Bs...#
    #P#.........#
    #.........s.#
    #.#..B##....#
    #..........##
    #############`,
  ],
  generate,
  // init is pure and states never change: one start state per level, made once (a solver starts every level again and again).
  init: memoize(init),
  step,
  outcome: (s) => (s.board[s.at] === EXIT ? 'cleared' : 'playing'),
  view,
});
