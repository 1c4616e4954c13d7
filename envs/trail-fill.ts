/**
 * Trail fill (growth): the avatar paints every floor cell it leaves, and a painted cell is a wall from
 * then on. The level clears when no white floor is left; an avatar boxed in by its own trail with
 * floor still unpainted is a loss (GAME_OVER), so a bad route shows at once. Yellow cells take two
 * visits: the first turns them white, the second paints them.
 *
 * Levels (design intent; optimal moves in brackets; every solution visits each cell its count, so
 * every solution is optimal):
 *  1. An L-shaped corridor: walking paints it behind you, and the level clears when it is full. [6]
 *  2. A small room with a pillar: a wrong turn walls you in; snake through it. [10]
 *  3. A 4x4 room with a pillar: the snake has to bend round it. [14]
 *  4. Two rooms joined along the bottom: finish the first room at the doorway. [18]
 *  5. BELIEF BREAK. Two rings that share one yellow cell: "a cell you leave is a wall" stops holding.
 *     No route covers both rings visiting each cell once; the yellow crossing must be passed twice. [15]
 *  6. A room of pillars with a yellow cell in the middle: out of reach without using it twice. [22]
 *  7. Two yellow cells at the ends of a long room: which to cross, and when. [24]
 *  8. The largest floor, three yellow cells, side pockets that must be swept on the way: a plan. [35]
 * The solver checks each level (level 8 has about 530,000 reachable states).
 *
 * Version history: v1 (2026-11-23) first version.
 */
import { copyBytes, defineGame, memoize, type GameAction, type Grid, type Level, type Rng } from '../core/index.ts';

// Colours: calm grey walls, white floor, a blue avatar whose trail is the light shade of its colour.
const FLOOR_C = 0;
const WALL_C = 3;
const AVATAR_C = 9;
const TRAIL_C = 10;
const TWICE_C = 11;

/** Visits each cell still needs, by glyph: walls and the start need none (the start is painted when left). */
const NEED: Readonly<Record<string, number>> = { '#': 0, P: 0, '.': 1, o: 2 };

/** Keys in alphabetical order, as the state hash visits them. */
interface State {
  /** The avatar's cell index (y * width + x). */
  readonly at: number;
  /** 1 where the level has a wall; shared by every state of a level, never copied. */
  readonly board: Uint8Array;
  /** Visits each cell still needs (0 = wall or trail); copied on every move. */
  readonly need: Uint8Array;
  readonly width: number;
}

const boardOf = memoize((level: Level) => level.mask('#'));

const needOf = memoize((level: Level) => level.codes(NEED));

function init(level: Level): State {
  const start = level.find('P')!;
  return { at: start.y * level.width + start.x, board: boardOf(level), need: needOf(level), width: level.width };
}

function step(s: State, action: GameAction): State {
  const t = action.type;
  const d = t === 'ACTION1' ? -s.width : t === 'ACTION2' ? s.width : t === 'ACTION3' ? -1 : t === 'ACTION4' ? 1 : 0;
  if (d === 0) return s;
  const to = s.at + d;
  // Walls and trail both have nothing left to visit; levels are walled all round, so `to` stays inside.
  if (s.need[to] === 0) return s;
  const need = copyBytes(s.need);
  need[to]!--;
  return { at: to, board: s.board, need, width: s.width };
}

function outcome(s: State): 'playing' | 'cleared' | 'lost' {
  const n = s.need;
  if (n[s.at - 1] || n[s.at + 1] || n[s.at - s.width] || n[s.at + s.width]) return 'playing';
  // Boxed in: cleared if nothing is left to paint, lost otherwise (a loop: every() with its callback
  // took 7% of solving level 8, where most states end boxed in).
  for (let i = 0; i < n.length; i++) if (n[i] !== 0) return 'lost';
  return 'cleared';
}

const backdropOf = memoize((board: Uint8Array) => board.map((w) => (w ? WALL_C : TRAIL_C)));

function view(s: State): Grid {
  const cells = copyBytes(backdropOf(s.board));
  const n = s.need;
  for (let i = 0; i < n.length; i++) if (n[i] !== 0) cells[i] = n[i] === 1 ? FLOOR_C : TWICE_C;
  cells[s.at] = AVATAR_C;
  return { width: s.width, height: n.length / s.width, cells };
}

/**
 * Seeded variants: each level is carved by the route that solves it. A random walk grows inside a
 * box, preferring cells that touch what it has already covered (so the floor comes out as rooms,
 * not one corridor); now and then it crosses its own trail straight through a cell, which becomes
 * yellow. The floor is exactly the cells walked, so the walk is a solution by construction.
 * Sizes rise like the designed set: [box width, box height, cells to walk, crossings].
 */
const SHAPES: readonly (readonly [number, number, number, number])[] = [
  [4, 2, 6, 0],
  [7, 5, 15, 0],
  [6, 5, 17, 0],
  [7, 5, 19, 0],
  [7, 5, 18, 1],
  [7, 6, 22, 1],
  [7, 5, 22, 2],
  [7, 5, 25, 3],
];

function generate(_seed: number, rng: Rng): string[] {
  return SHAPES.map(([w, h, length, crossings]) => carve(rng, w, h, length, crossings));
}

function carve(rng: Rng, w: number, h: number, length: number, crossings: number): string {
  const dirs = [-w, w, -1, 1];
  for (;;) {
    const visits = new Uint8Array(w * h);
    const start = rng.int(w * h);
    let at = start;
    visits[at] = 1;
    let walked = 1;
    let crossed = 0;
    while (walked < length) {
      const options: number[] = [];
      const weights: number[] = [];
      for (const d of dirs) {
        const to = at + d;
        if (!inBox(at, d, w, h)) continue;
        if (visits[to] === 0) {
          let touching = 0;
          for (const e of dirs) if (inBox(to, e, w, h) && visits[to + e] !== 0) touching++;
          options.push(d);
          weights.push(1);
        } else if (crossed < crossings && visits[to] === 1 && to !== start && inBox(to, d, w, h) && visits[to + d] === 0) {
          // Cross the trail straight through `to`, onto the fresh cell beyond it.
          options.push(2 * d);
          weights.push(3);
        }
      }
      if (options.length === 0) break;
      let r = rng.next() * weights.reduce((a, b) => a + b, 0);
      let k = 0;
      while (r >= weights[k]!) r -= weights[k++]!;
      const d = options[k]!;
      if (Math.abs(d) === 2 || Math.abs(d) === 2 * w) {
        visits[at + d / 2] = 2;
        crossed++;
        walked++;
      }
      at += d;
      visits[at] = 1;
      walked++;
    }
    if (walked < length || crossed < crossings) continue;
    const rows = ['#'.repeat(w + 2)];
    for (let y = 0; y < h; y++) {
      let row = '#';
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        row += i === start ? 'P' : visits[i] === 2 ? 'o' : visits[i] === 1 ? '.' : '#';
      }
      rows.push(`${row}#`);
    }
    rows.push('#'.repeat(w + 2));
    return rows.join('\n');
  }
}

/** Whether a step by `d` from `at` stays inside a w x h box. */
function inBox(at: number, d: number, w: number, h: number): boolean {
  const x = at % w;
  if (d === -1) return x > 0;
  if (d === 1) return x < w - 1;
  const to = at + d;
  return to >= 0 && to < w * h;
}

export default defineGame<State>({
  id: 'trail-fill',
  legend: { '#': WALL_C, '.': FLOOR_C, P: AVATAR_C, o: TWICE_C },
  avatar: 'P',
  actions: ['ACTION1', 'ACTION2', 'ACTION3', 'ACTION4'],
  levels: [
    `
    #######
    #P....#
    #####.#
    #####.#
    #######`,
    `
    ######
    #P...#
    #....#
    #.#..#
    ######`,
    `
    ######
    #P...#
    #....#
    #.#..#
    #....#
    ######`,
    `
    #########
    #P..#...#
    #...#...#
    #.......#
    #########`,
    `
    #######
    #P..###
    #.#.###
    #..o..#
    ###.#.#
    ###...#
    #######`,
    `
    #######
    #.P...#
    #.#.#.#
    #..o..#
    #.#...#
    #.....#
    #######`,
    `
    ########
    #......#
    #o.##P.#
    #...#..#
    ###.#..#
    ##.o...#
    ########`,
    `
    ##########
    #####..###
    #####..###
    #.......##
    #o.P...o.#
    #..##....#
    #.o......#
    ##########`,
  ],
  generate,
  // init is pure and states never change: one start state per level, made once (a solver starts every level again and again).
  init: memoize(init),
  step,
  outcome,
  view,
});
