/**
 * Merge split: the avatar is a blob of light-blue cells round a blue nucleus, moved as one by the
 * arrows. A loose pale-grey cell it comes into contact with joins it (and turns light blue); clicking
 * one of its cells (not the nucleus) drops that cell where it is; cells cut off from the nucleus drop
 * with it.
 * The level clears when the blob covers the green cells exactly: no cell more, no cell less.
 *
 * Levels (design intent; optimal actions in brackets, clicks included):
 *  1. A nucleus and one loose cell: touch it, it joins; carry the pair onto the two green cells. [5]
 *  2. A pair and one green cell: a click drops a cell; walk away without touching it again. [7]
 *  3. A one-wide gap: drop cells to fit through, pick up a fresh one beyond. [12]
 *  4. An L-shaped green patch: gather loose cells so that the blob takes its shape. [13]
 *  5. BELIEF BREAK. A darker grey cell sits in the gap: it looks like the loose cells, but contact
 *     does not join it; walking into it pushes it, and it has to be pushed through. [11]
 *  6. A three-cell blob, a pushed cell in the gap, loose cells on both sides: drop, push, gather. [11]
 *  7. A pair carried through the gap lying flat, then an L built from cells on both sides. [21]
 *  8. Two rooms and a corridor, two grey cells: a route and a shape planned together. [18]
 * The solver checks each level (level 8 has about 183,000 reachable states).
 *
 * Version history: v1 (2026-11-23) first version.
 */
import { defineGame, memoize, newBytes, type GameAction, type Grid, type Level } from '../core/index.ts';

const FLOOR_C = 0;
const WALL_C = 3;
const TARGET_C = 14;
const BODY_C = 10;
const CORE_C = 9;
/** Loose cells and grey blocks are two close greys on purpose: the quiet cue of the belief break. */
const LOOSE_C = 1;
const BLOCK_C = 2;

interface LevelInfo {
  /** The picture without blob, loose cells or grey blocks. */
  readonly backdrop: Uint8Array;
  /** Green cells, ascending. */
  readonly target: readonly number[];
  /** 1 where there is a wall. */
  readonly walls: Uint8Array;
  readonly width: number;
}

/** Keys in alphabetical order, as the state hash visits them. Cell lists are ascending indices. */
interface State {
  /** The blob, nucleus included. */
  readonly blob: readonly number[];
  /** The grey cells (pushed, never joined). */
  readonly blocks: readonly number[];
  readonly core: number;
  readonly info: LevelInfo;
  readonly loose: readonly number[];
}

const infoOf = memoize((level: Level): LevelInfo => {
  const width = level.width;
  const walls = level.mask('#');
  const target = indices(level.mask('g'));
  return { backdrop: level.colours('Pblk', '.'), target, walls, width };
});

function indices(mask: Uint8Array): number[] {
  const out: number[] = [];
  mask.forEach((v, i) => v && out.push(i));
  return out;
}

/** Glyphs: P nucleus, b blob cell, l loose cell, k grey block, g green cell, '#' wall, '.' floor. */
function init(level: Level): State {
  const p = level.find('P')!;
  const core = p.y * level.width + p.x;
  const blob = indices(level.mask('Pb'));
  return { blob, blocks: indices(level.mask('k')), core, info: infoOf(level), loose: indices(level.mask('l')) };
}

function step(s: State, action: GameAction): State {
  if (action.type === 'ACTION6') return split(s, action.y * s.info.width + action.x);
  const t = action.type;
  const w = s.info.width;
  const d = t === 'ACTION1' ? -w : t === 'ACTION2' ? w : t === 'ACTION3' ? -1 : t === 'ACTION4' ? 1 : 0;
  if (d === 0) return s;
  const walls = s.info.walls;
  const moved = s.blob.map((c) => c + d);
  let blocks = s.blocks;
  for (const c of moved) {
    if (walls[c] || s.loose.includes(c)) return s;
    if (s.blocks.includes(c)) {
      // A grey cell in the way is pushed one step, if the cell beyond is free floor.
      const to = c + d;
      if (walls[to] || s.loose.includes(to) || s.blocks.includes(to) || moved.includes(to)) return s;
      blocks = blocks.map((b) => (b === c ? to : b));
    }
  }
  // Loose cells the blob now touches and did not touch before join it, with any loose cells they touch.
  let joined: Set<number> | undefined;
  const queue: number[] = [];
  for (const c of s.loose) if (touches(moved, c, w) && !touches(s.blob, c, w)) queue.push(c);
  while (queue.length > 0) {
    const c = queue.pop()!;
    if (joined === undefined) joined = new Set<number>();
    else if (joined.has(c)) continue;
    joined.add(c);
    for (const n of s.loose) if (!joined.has(n) && adjacent(c, n, w)) queue.push(n);
  }
  const blob = joined === undefined ? moved : [...moved, ...joined].sort((a, b) => a - b);
  const loose = joined === undefined ? s.loose : s.loose.filter((c) => !joined.has(c));
  return { blob, blocks: blocks === s.blocks ? s.blocks : blocks.slice().sort((a, b) => a - b), core: s.core + d, info: s.info, loose };
}

// step and split run on every move the solver and scorer try: plain functions and loops, since
// under tsx every named closure made at run time also pays a defineProperty for its name.
function adjacent(a: number, c: number, w: number): boolean {
  return a === c - 1 || a === c + 1 || a === c - w || a === c + w;
}

/** Whether any of `cells` is a 4-neighbour of c. */
function touches(cells: readonly number[], c: number, w: number): boolean {
  for (let i = 0; i < cells.length; i++) if (adjacent(cells[i]!, c, w)) return true;
  return false;
}

/** Drops the clicked blob cell and whatever no longer reaches the nucleus without it. */
function split(s: State, c: number): State {
  if (c === s.core || !s.blob.includes(c)) return s;
  const w = s.info.width;
  const rest = s.blob.filter((b) => b !== c);
  const kept = new Set<number>([s.core]);
  const queue = [s.core];
  while (queue.length > 0) {
    const a = queue.pop()!;
    for (let k = 0; k < 4; k++) {
      const n = k === 0 ? a - 1 : k === 1 ? a + 1 : k === 2 ? a - w : a + w;
      if (!kept.has(n) && rest.includes(n)) (kept.add(n), queue.push(n));
    }
  }
  const blob = rest.filter((b) => kept.has(b));
  const dropped = s.blob.filter((b) => !kept.has(b));
  const loose = [...s.loose, ...dropped].sort((a, b) => a - b);
  return { blob, blocks: s.blocks, core: s.core, info: s.info, loose };
}

function outcome(s: State): 'playing' | 'cleared' | 'lost' {
  const t = s.info.target;
  if (s.blob.length !== t.length) return 'playing';
  for (let i = 0; i < t.length; i++) if (s.blob[i] !== t[i]) return 'playing';
  return 'cleared';
}

function view(s: State): Grid {
  const { info } = s;
  const cells = newBytes(info.backdrop.length);
  cells.set(info.backdrop);
  for (const c of s.loose) cells[c] = LOOSE_C;
  for (const c of s.blocks) cells[c] = BLOCK_C;
  for (const c of s.blob) cells[c] = BODY_C;
  cells[s.core] = CORE_C;
  return { width: info.width, height: cells.length / info.width, cells };
}

/** Blob cells other than the nucleus: the only cells a click can drop. */
function clickable(s: State): readonly number[] {
  return s.blob.filter((c) => c !== s.core);
}

export default defineGame<State>({
  id: 'merge-split',
  legend: { '#': WALL_C, '.': FLOOR_C, P: CORE_C, b: BODY_C, l: LOOSE_C, k: BLOCK_C, g: TARGET_C },
  avatar: 'P',
  actions: ['ACTION1', 'ACTION2', 'ACTION3', 'ACTION4', 'ACTION6'],
  levels: [
    `
    ########
    #P.l...#
    #....gg#
    ########`,
    `
    #######
    #Pb...#
    #.....#
    #....g#
    #######`,
    `
    #########
    #Pb.#...#
    #bb.#.l.#
    #......g#
    #...#..g#
    #########`,
    `
    #########
    #P..#.l.#
    #.l.#...#
    #.......#
    #l..#.gg#
    #...#.g.#
    #########`,
    `
    #########
    #.l.#...#
    #...k...#
    #P..#.g.#
    #...#.g.#
    #########`,
    `
    #########
    #Pb.#..l#
    #b..k...#
    #...#.l.#
    #.l.#ggg#
    #########`,
    `
    ##########
    #P.l#....#
    #...k..l.#
    #.l.#....#
    #...#.gg.#
    #...#..g.#
    ##########`,
    `
    ###########
    #P..#..l..#
    #.l.k.....#
    #...#..k..#
    #l..#.....#
    #######.###
    #...l.....#
    #..ggg..l.#
    ###########`,
  ],
  // init is pure and states never change: one start state per level, made once (a solver starts every level again and again).
  init: memoize(init),
  step,
  outcome,
  view,
  clickable,
});
