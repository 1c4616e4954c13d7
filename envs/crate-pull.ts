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
 * Version history: v1 (2026-11-23) first version.
 */
import { defineGame, newBytes, type GameAction, type Grid, type Level } from '../core/index.ts';

/** Cell flags. One byte per cell holds the fixed board and the crates. */
const WALL = 1;
const MARK = 2;
const PUSH = 4;
const PULL = 8;
const CRATE = PUSH | PULL;

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

interface State {
  /** The avatar's cell index (y * width + x). */
  readonly at: number;
  /** Flags per cell; copied only when a crate moves. */
  readonly cells: Uint8Array;
  /** Marks with no crate on them: the level clears at 0 (kept so outcome() need not scan the board). */
  readonly open: number;
  readonly width: number;
}

const GLYPH_FLAGS: Readonly<Record<string, number>> = {
  '#': WALL,
  '.': 0,
  P: 0,
  '*': MARK,
  o: PUSH,
  O: PUSH | MARK,
  q: PULL,
  Q: PULL | MARK,
};

function init(level: Level): State {
  const cells = new Uint8Array(level.width * level.height);
  let at = 0;
  let open = 0;
  for (let y = 0; y < level.height; y++) {
    for (let x = 0; x < level.width; x++) {
      const g = level.glyph(x, y);
      const flags = GLYPH_FLAGS[g] ?? 0;
      cells[y * level.width + x] = flags;
      if ((flags & (MARK | CRATE)) === MARK) open++;
      if (g === 'P') at = y * level.width + x;
    }
  }
  return { at, cells, open, width: level.width };
}

/** Moves the crate of `kind` at `from` to `to` in `cells`; returns the change in open marks. */
function moveCrate(cells: Uint8Array, kind: number, from: number, to: number): number {
  cells[from] = cells[from]! & ~kind;
  cells[to] = cells[to]! | kind;
  return (cells[from]! & MARK ? 1 : 0) - (cells[to]! & MARK ? 1 : 0);
}

function step(s: State, action: GameAction): State {
  const t = action.type;
  const d = t === 'ACTION1' ? -s.width : t === 'ACTION2' ? s.width : t === 'ACTION3' ? -1 : t === 'ACTION4' ? 1 : 0;
  if (d === 0) return s;
  const cells = s.cells;
  const from = s.at;
  const to = from + d;
  const there = cells[to]!;
  if (there & WALL) return s;
  // A pulled crate will not be pushed: walking into it does nothing.
  if (there & PULL) return s;
  // The cell we leave: a pulled crate directly behind follows us into it.
  const behind = from - d;
  const follows = (cells[behind]! & PULL) !== 0;
  const pushes = (there & PUSH) !== 0;
  if (pushes && cells[to + d]! & (WALL | CRATE)) return s;
  if (!pushes && !follows) return { at: to, cells, open: s.open, width: s.width };
  const next = cells.slice();
  let open = s.open;
  if (pushes) open += moveCrate(next, PUSH, to, to + d);
  if (follows) open += moveCrate(next, PULL, behind, from);
  return { at: to, cells: next, open, width: s.width };
}

function outcome(s: State): 'playing' | 'cleared' {
  return s.open === 0 ? 'cleared' : 'playing';
}

function view(s: State): Grid {
  const cells = s.cells;
  const out = newBytes(cells.length);
  for (let i = 0; i < cells.length; i++) out[i] = COLOUR[cells[i]!]!;
  out[s.at] = AVATAR_C;
  return { width: s.width, height: cells.length / s.width, cells: out };
}

export default defineGame<State>({
  id: 'crate-pull',
  legend: {
    '#': WALL_C,
    '.': FLOOR_C,
    P: AVATAR_C,
    '*': MARK_C,
    o: PUSH_C,
    O: PUSH_ON_MARK_C,
    q: PULL_C,
    Q: PULL_ON_MARK_C,
  },
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
  init,
  step,
  outcome,
  view,
});
