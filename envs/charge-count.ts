/**
 * Charge count: walk over yellow pieces to fill the row of slots above the room; the grey door turns
 * green and opens when every slot is full. Each step drains one cell of the orange bar under the room;
 * an orange cell on the floor adds cells to it. An empty bar, or a piece with no slot left for it,
 * ends the run (GAME_OVER).
 *
 * The bar is drawn in the frame and its counter is volatile (not "new state"). The solver stays exact
 * with it left out of the hash: energy is the start charge minus the steps taken plus a fixed refill per
 * cell picked up, so of two paths to the same place with the same pickups the shorter has more charge.
 *
 * Levels (design intent; optimal moves in brackets):
 *  1. A corridor: a piece, then the door. The slot fills, the door opens, the bar shrinks. [6]
 *  2. Two pieces at the ends of a corridor, two slots: the door stays shut until both are in. [18]
 *  3. The bar is too short for the way round: the orange cell one step off the path refills it. [18]
 *  4. Three pieces, two refills, a bar that needs both: the order that keeps the bar alive. [41]
 *  5. BELIEF BREAK. Four pieces, three slots: "take every piece" stops holding. The fourth lies on
 *     the short way to the door, and taking it overflows the slots (they turn red, GAME_OVER). [20]
 *  6. Spare pieces and a refill in a maze: choose which three pieces, the bar decides. [23]
 *  7. Four slots, five pieces, two refills, a bar that only allows a planned route. [42]
 *  8. The largest maze: four slots, six pieces, three refills, one of them needed. [39]
 *
 * Version history: v1 (2026-11-23) first version.
 */
import { GameDefinitionError, copyBytes, defineGame, memoize, type GameAction, type Grid, type Level } from '../core/index.ts';

// Board codes, one byte per cell, fixed for the level (what has been taken lives in `taken`).
const FLOOR = 0;
const WALL = 1;
const DOOR = 2;
/** PIECE or REFILL | item index << 4 (up to 16 items a level, one bit of `taken` each). */
const PIECE = 4;
const REFILL = 8;
const ITEM = 12;

const FLOOR_C = 0;
const WALL_C = 3;
const AVATAR_C = 9;
const PIECE_C = 11;
const REFILL_C = 12;
const DOOR_SHUT_C = 2;
const DOOR_OPEN_C = 14;
const HUD_C = 5;
const SLOT_C = 4;
const SPENT_C = 4;
const OVER_C = 8;

/** Cells of charge a refill adds. */
const REFILL_AMOUNT = 6;

/** What never changes within a level; shared by every state of it. */
interface LevelInfo {
  /** The level's picture with the avatar lifted off: copied, then painted over, by every view. */
  readonly backdrop: Uint8Array;
  /** View cells of the bar, in reading order: the first `energy` of them are lit. */
  readonly bar: readonly number[];
  readonly board: Uint8Array;
  /** Charge at the start. */
  readonly charge: number;
  /** Pieces needed: one slot each. */
  readonly need: number;
  /** View cells of the slots, in reading order. */
  readonly slots: readonly number[];
}

/** Keys in alphabetical order, as the state hash visits them. */
interface State {
  readonly at: number;
  /** Pieces taken so far. */
  readonly count: number;
  /** Charge left (volatile: drawn as the bar, left out of the hash). */
  readonly energy: number;
  readonly info: LevelInfo;
  /**
   * False only at the level's start. Energy is left out of the hash, so without this a RESET after
   * walking back to the start cell would hash the same as where it lands, and the session would
   * report "nothing changed" while the bar visibly refills.
   */
  readonly moved: boolean;
  /** Bit k set: item k (piece or refill) has been taken. */
  readonly taken: number;
  readonly width: number;
}

/**
 * Levels are drawn as they look: the top row holds the slots ('s', one per piece needed) on the HUD's
 * black (','), the bottom rows the bar ('=' one cell of start charge, '-' an empty cell, read in
 * reading order). The HUD is wall to the avatar; the room between is walled all round.
 */
const infoOf = memoize((level: Level): LevelInfo => {
  const w = level.width;
  const board = new Uint8Array(w * level.height);
  let items = 0;
  const slots: number[] = [];
  const bar: number[] = [];
  let charge = 0;
  for (let i = 0; i < board.length; i++) {
    const g = level.glyph(i % w, Math.floor(i / w));
    if (g === 's') slots.push(i);
    if (g === '=') charge++;
    if (g === '=' || g === '-') bar.push(i);
    if (g === 'E') board[i] = DOOR;
    else if (g === '*' || g === '+') board[i] = (g === '*' ? PIECE : REFILL) | (items++ << 4);
    else if (g !== '.' && g !== 'P') board[i] = WALL;
  }
  if (items > 16) throw new GameDefinitionError(`charge-count: ${items} pieces and refills in one level; draw at most 16`);
  return { backdrop: level.colours('P', '.'), bar, board, charge, need: slots.length, slots };
});

function init(level: Level): State {
  const start = level.find('P')!;
  const info = infoOf(level);
  return { at: start.y * level.width + start.x, count: 0, energy: info.charge, info, moved: false, taken: 0, width: level.width };
}

function step(s: State, action: GameAction): State {
  const t = action.type;
  const d = t === 'ACTION1' ? -s.width : t === 'ACTION2' ? s.width : t === 'ACTION3' ? -1 : t === 'ACTION4' ? 1 : 0;
  if (d === 0 || s.energy === 0 || s.count > s.info.need) return s;
  const to = s.at + d;
  const c = s.info.board[to]!;
  if (c === WALL || (c === DOOR && s.count !== s.info.need)) return s;
  let { count, taken } = s;
  let energy = s.energy - 1;
  if (c & ITEM) {
    const bit = 1 << (c >> 4);
    if ((taken & bit) === 0) {
      taken |= bit;
      if (c & PIECE) count++;
      else energy += REFILL_AMOUNT;
    }
  }
  return { at: to, count, energy, info: s.info, moved: true, taken, width: s.width };
}

function outcome(s: State): 'playing' | 'cleared' | 'lost' {
  if (s.info.board[s.at] === DOOR) return 'cleared';
  return s.energy === 0 || s.count > s.info.need ? 'lost' : 'playing';
}

function view(s: State): Grid {
  const { info, width } = s;
  const cells = copyBytes(info.backdrop);
  // Slots fill in drawing order; a piece too many turns them red.
  const slots = info.slots;
  for (let i = 0; i < Math.min(s.count, slots.length); i++) cells[slots[i]!] = s.count > info.need ? OVER_C : PIECE_C;
  const board = info.board;
  for (let i = 0; i < board.length; i++) {
    const c = board[i]!;
    if (c & ITEM && s.taken & (1 << (c >> 4))) cells[i] = FLOOR_C;
    else if (c === DOOR && s.count === info.need) cells[i] = DOOR_OPEN_C;
  }
  cells[s.at] = AVATAR_C;
  // The bar: one orange cell per step of charge left (levels draw it long enough for their charge).
  info.bar.forEach((cell, i) => (cells[cell] = i < s.energy ? REFILL_C : SPENT_C));
  return { width, height: cells.length / width, cells };
}

const LEVELS: readonly string[] = [
  `
  ,s,,,,,,,
  #########
  #P..*..E#
  #########
  ========-`,
  `
  ,s,s,,,,,,,
  ###########
  #*...P...*#
  #####.#####
  #####E#####
  ###########
  ===========
  =========--`,
  `
  ,s,,,,,,,,
  ##########
  ####+#####
  #P......*#
  ########.#
  #E.......#
  ##########
  ==========
  ==--------`,
  `
  ,s,s,s,,,,,,,
  #############
  #*....#....*#
  #.###.#.###.#
  #.#+.....+#.#
  #.###.P.###.#
  #...........#
  ######*######
  ######E######
  #############
  =============
  =============
  ====---------`,
  `
  ,s,s,s,,,,,,,
  #############
  #*....P....*#
  #.####.####.#
  #.....*.....#
  ##.###.###.##
  ##.#..*..#.##
  ##.#.###.#.##
  ##....E....##
  #############
  =============
  =========----`,
  `
  ,s,s,s,,,,,,,,
  ##############
  #P...#...*...#
  #.##.#.#####.#
  #.*#...#+..*.#
  #.##.###.###.#
  #....*...#...#
  ####.#.###.#.#
  #*.....#...#E#
  ##############
  ==============
  ====----------`,
  `
  ,s,s,s,s,,,,,,
  ##############
  #*...#P.....*#
  #.##.#.####.##
  #....+....#..#
  ####.####.##.#
  #*...#..*....#
  #.##.#.#####.#
  #...*#.+...#E#
  ##############
  ==============
  ==============
  =========-----`,
  `
  ,s,s,s,s,,,,,,,
  ###############
  #P....#.....*.#
  #.###.#.###.#.#
  #.#*....#+#...#
  #.#.###.#.#.###
  #...#*..#...#*#
  ###.#.#####.#.#
  #+..#...*...#.#
  #.#####.###.#.#
  #*......#...E.#
  ###############
  ===============
  ===============
  ====-----------`,
];

export default defineGame<State>({
  id: 'charge-count',
  legend: { '#': WALL_C, '.': FLOOR_C, P: AVATAR_C, '*': PIECE_C, '+': REFILL_C, E: DOOR_SHUT_C, ',': HUD_C, s: SLOT_C, '=': REFILL_C, '-': SPENT_C },
  avatar: 'P',
  actions: ['ACTION1', 'ACTION2', 'ACTION3', 'ACTION4'],
  levels: LEVELS,
  // init is pure and states never change: one start state per level, made once (a solver starts every level again and again).
  init: memoize(init),
  step,
  outcome,
  view,
  volatile: ['energy'],
});
