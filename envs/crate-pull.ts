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
import { copyBytes, defineGame, memoize, type GameAction, type Grid, type Level } from '../core/index.ts';

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

const boardOf = memoize((level: Level) => {
  const board = new Uint8Array(level.width * level.height);
  for (let y = 0; y < level.height; y++) {
    for (let x = 0; x < level.width; x++) board[y * level.width + x] = BOARD_FLAGS[level.glyph(x, y)] ?? 0;
  }
  return board;
});

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

/** `crates` with the one at `from` moved to `to`, ascending again. */
function moved(crates: readonly number[], from: number, to: number): number[] {
  const out = crates.slice();
  let i = out.indexOf(from);
  out[i] = to;
  // One crate moved: slide it to its place (a full sort costs more than the rest of the step).
  for (; i > 0 && out[i - 1]! > to; i--) (out[i] = out[i - 1]!), (out[i - 1] = to);
  for (; i < out.length - 1 && out[i + 1]! < to; i++) (out[i] = out[i + 1]!), (out[i + 1] = to);
  return out;
}

/** How the open-mark count changes when a crate leaves `from` for `to`. */
function markDelta(board: Uint8Array, from: number, to: number): number {
  return (board[from]! & MARK ? 1 : 0) - (board[to]! & MARK ? 1 : 0);
}

function step(s: State, action: GameAction): State {
  const t = action.type;
  const d = t === 'ACTION1' ? -s.width : t === 'ACTION2' ? s.width : t === 'ACTION3' ? -1 : t === 'ACTION4' ? 1 : 0;
  if (d === 0) return s;
  const { board, push, pull } = s;
  const from = s.at;
  const to = from + d;
  if (board[to]! & WALL) return s;
  // A pulled crate will not be pushed: walking into it does nothing.
  if (pull.includes(to)) return s;
  const pushes = push.includes(to);
  if (pushes && (board[to + d]! & WALL || push.includes(to + d) || pull.includes(to + d))) return s;
  // A pulled crate directly behind follows the avatar into the cell it leaves.
  const follows = pull.includes(from - d);
  let open = s.open;
  if (pushes) open += markDelta(board, to, to + d);
  if (follows) open += markDelta(board, from - d, from);
  return {
    at: to,
    board,
    open,
    pull: follows ? moved(pull, from - d, from) : pull,
    push: pushes ? moved(push, to, to + d) : push,
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
