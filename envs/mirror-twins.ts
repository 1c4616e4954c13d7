/**
 * Mirror twins: two avatars in two rooms either side of a pale glass line move on the same keys, the
 * orange twin as the blue one's reflection in the line. The level clears when both stand on green
 * marks at once; a red cell under either twin ends the run. Walls stop each twin on its own, which is
 * the only way to bring them out of step.
 *
 * Levels (design intent; optimal moves in brackets):
 *  1. Two bare corridors, marks mirrored: walk toward the glass and both arrive. Meets the reflection. [3]
 *  2. The marks a column out of step: a wall under the blue twin holds it while the orange one goes on. [5]
 *  3. A pillar in each room: the twins must be held twice, once each. [7]
 *  4. Red cells: the route that holds one twin must not walk the other onto red. [12]
 *  5. BELIEF BREAK. The glass lies flat, the rooms one above the other: now the twin mirrors up and
 *     down, and left and right move both the same way. A player sure that the twin swaps left and
 *     right walks it into the red or away from its mark. [11]
 *  6. Flat glass again, with pillars and red: out of step both ways. [15]
 *  7. Upright glass, the twins side by side at the glass, cluttered rooms with red: a plan. [19]
 *  8. Flat glass, narrow winding rooms with red on both sides: the longest plan. [20]
 *  (Levels 7 and 8 began as generated levels, kept for their length.)
 *
 * generate(seed): two random rooms either side of an upright or flat glass line, scattered walls and
 * red cells, marks placed away from the mirrored path; every candidate is solved before it is kept.
 *
 * Version history: v1 (2026-11-23) first version.
 */
import { copyBytes, defineGame, memoize, type GameAction, type Grid, type Level, type Rng } from '../core/index.ts';

// Board codes, one byte per cell, fixed for the level.
const FLOOR = 0;
const WALL = 1;
const MARK = 2;
const HAZARD = 3;
const GLASS = 4;

const FLOOR_C = 0;
const WALL_C = 3;
const MARK_C = 14;
const HAZARD_C = 8;
const GLASS_C = 10;
const BLUE_C = 9;
const TWIN_C = 12;

const CODES: Readonly<Record<string, number>> = { '.': FLOOR, P: FLOOR, Q: FLOOR, '#': WALL, E: MARK, '!': HAZARD, m: GLASS };
const COLOURS = [FLOOR_C, WALL_C, MARK_C, HAZARD_C, GLASS_C] as const;

interface State {
  /** The blue avatar's cell (y * width + x). */
  readonly a: number;
  /** The orange twin's cell. */
  readonly b: number;
  /** Board codes; shared by every state of a level. */
  readonly board: Uint8Array;
  /** 1: the glass lies flat and the twin mirrors up/down; 0: it stands upright and mirrors left/right. */
  readonly flat: number;
  readonly width: number;
}

const boardOf = memoize((level: Level) => level.codes(CODES));

/** The glass is flat when its cells share one row (a single glass cell counts as upright). */
function isFlat(level: Level): number {
  const glass = level.findAll('m');
  return glass.length > 1 && glass.every((c) => c.y === glass[0]!.y) ? 1 : 0;
}

function init(level: Level): State {
  const p = level.find('P')!;
  const q = level.find('Q')!;
  return { a: p.y * level.width + p.x, b: q.y * level.width + q.x, board: boardOf(level), flat: isFlat(level), width: level.width };
}

/** Where a twin at `from` goes for a step of `d`: a wall, the glass or the other twin holds it. */
function moveOne(board: Uint8Array, from: number, d: number, other: number): number {
  const to = from + d;
  const c = board[to]!;
  return c === WALL || c === GLASS || to === other ? from : to;
}

function step(s: State, action: GameAction): State {
  const t = action.type;
  const w = s.width;
  const d = t === 'ACTION1' ? -w : t === 'ACTION2' ? w : t === 'ACTION3' ? -1 : t === 'ACTION4' ? 1 : 0;
  if (d === 0) return s;
  // The twin's step is the reflection: across upright glass left and right swap, across flat glass up and down.
  const vertical = d === w || d === -w;
  const e = vertical === (s.flat === 1) ? -d : d;
  const a = moveOne(s.board, s.a, d, s.b);
  const b = moveOne(s.board, s.b, e, a);
  if (a === s.a && b === s.b) return s;
  return { a, b, board: s.board, flat: s.flat, width: w };
}

function outcome(s: State): 'playing' | 'cleared' | 'lost' {
  const ca = s.board[s.a];
  const cb = s.board[s.b];
  if (ca === HAZARD || cb === HAZARD) return 'lost';
  return ca === MARK && cb === MARK ? 'cleared' : 'playing';
}

const backdropOf = memoize((board: Uint8Array) => board.map((c) => COLOURS[c]!));

function view(s: State): Grid {
  const cells = copyBytes(backdropOf(s.board));
  cells[s.a] = BLUE_C;
  cells[s.b] = TWIN_C;
  return { width: s.width, height: cells.length / s.width, cells };
}

/**
 * Seeded variants: level i gets two rooms of about 3 + i/2 cells a side either side of the glass
 * (upright or flat), walls and, from level 3 on, red cells scattered in each room independently, the
 * twins' starts mirrored and the marks not, so walls must bring the twins out of step. core/variants.ts
 * solves each level and redraws any that is unsolvable or trivial.
 */
function generate(_seed: number, rng: Rng): string[] {
  const levels: string[] = [];
  for (let i = 0; i < 8; i++) {
    const flat = i > 0 && rng.next() < 0.4;
    const rw = 3 + Math.ceil(i / 2) + rng.int(2);
    const rh = (i === 0 ? 2 : 3) + Math.floor(i / 2) + rng.int(2);
    const wallP = i === 0 ? 0 : 0.1 + 0.015 * i;
    const hazardP = i < 2 ? 0 : 0.05;
    // Room cells in room coordinates (u across, v down), drawn as glyphs.
    const free = (g: string[][]): [number, number][] => {
      const out: [number, number][] = [];
      g.forEach((row, v) => row.forEach((c, u) => c === '.' && out.push([u, v])));
      return out;
    };
    // A room with room for a twin and a mark (redrawn from the same rng until it has).
    const room = (): string[][] => {
      for (;;) {
        const g = Array.from({ length: rh }, () => Array.from({ length: rw }, () => {
          const r = rng.next();
          return r < wallP ? '#' : r < wallP + hazardP ? '!' : '.';
        }));
        if (free(g).length >= 3) return g;
      }
    };
    const a = room();
    const b = room();
    const [pu, pv] = rng.pick(free(a));
    a[pv]![pu] = 'P';
    b[pv]![pu] = 'Q';
    const ea = free(a);
    const eb = free(b);
    // Each mark is the farthest from the start of three draws, so later levels do not end at once.
    const far = (cells: [number, number][]): [number, number] => {
      let best = rng.pick(cells);
      for (let k = 0; k < 2; k++) {
        const c = rng.pick(cells);
        if (Math.abs(c[0] - pu) + Math.abs(c[1] - pv) > Math.abs(best[0] - pu) + Math.abs(best[1] - pv)) best = c;
      }
      return best;
    };
    const [mu, mv] = far(ea);
    a[mv]![mu] = 'E';
    const [nu, nv] = far(eb);
    b[nv]![nu] = 'E';
    // Room a lies left of (or above) the glass, b its mirror image across it.
    const rows: string[] = [];
    if (!flat) {
      const wall = '#'.repeat(2 * rw + 3);
      rows.push(wall);
      for (let v = 0; v < rh; v++) rows.push(`#${a[v]!.join('')}m${[...b[v]!].reverse().join('')}#`);
      rows.push(wall);
    } else {
      const wall = '#'.repeat(rw + 2);
      rows.push(wall);
      for (let v = 0; v < rh; v++) rows.push(`#${a[v]!.join('')}#`);
      rows.push(`#${'m'.repeat(rw)}#`);
      for (let v = rh - 1; v >= 0; v--) rows.push(`#${b[v]!.join('')}#`);
      rows.push(wall);
    }
    levels.push(rows.join('\n'));
  }
  return levels;
}

const LEVELS: readonly string[] = [
  `
  ###########
  #....m....#
  #P..EmE..Q#
  #....m....#
  ###########`,
  `
  #############
  #P....m....Q#
  #...E.m.....#
  #...#.m.E...#
  #############`,
  `
  ###############
  #P.....m.....Q#
  #......m..#...#
  #.#....m......#
  #....E.m..E...#
  ###############`,
  `
  ###############
  #......m..E...#
  #P.!...m.#...Q#
  #...#..m....!.#
  #......m..!...#
  #....E.m......#
  ###############`,
  `
  #########
  #.P.....#
  #...#.!.#
  #.....E.#
  #mmmmmmm#
  #.E.....#
  #.....#.#
  #!.Q....#
  #########`,
  `
  ###########
  #P........#
  #..#...#..#
  #......!..#
  #.#..E....#
  #mmmmmmmmm#
  #.....#...#
  #.!.E...#.#
  #.#.......#
  #........Q#
  ###########`,
  `
  ###############
  #....#.m..#...#
  #...#..m#...#.#
  #.....PmQ.###.#
  #..#...m.#!#..#
  #!E....m!E....#
  #......m.##!#.#
  ###############`,
  `
  #########
  ###...###
  #.....###
  ##.!#..P#
  #...!..##
  #.....E.#
  #mmmmmmm#
  #.#.#!!.#
  ##..#...#
  #......Q#
  #.#.!.#.#
  #E!.#..!#
  #########`,
];

export default defineGame<State>({
  id: 'mirror-twins',
  legend: { '.': FLOOR_C, '#': WALL_C, E: MARK_C, '!': HAZARD_C, m: GLASS_C, P: BLUE_C, Q: TWIN_C },
  avatar: 'P',
  actions: ['ACTION1', 'ACTION2', 'ACTION3', 'ACTION4'],
  letterbox: WALL_C,
  levels: LEVELS,
  generate,
  // init is pure and states never change: one start state per level, made once (a solver starts every level again and again).
  init: memoize(init),
  step,
  outcome,
  view,
});
