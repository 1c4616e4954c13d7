/**
 * Far pistons: click-only. Magenta pistons sit in the room's outer wall; clicking one shoves the first
 * piece in its line one cell away from it, however far down the line that piece is (pieces behind it
 * in a touching row go along, as a train). The level clears when every green mark holds a yellow
 * gem (a gem on a mark shows orange). Blue blocks are only in the way. Nothing in the room moves by being clicked itself.
 *
 * Levels (design intent; optimal clicks in brackets):
 *  1. One row, one piston, a gem and a mark in line: click the piston until the gem arrives. [3]
 *  2. A corner: a side piston, then a top piston over the gem's new column. [4]
 *  3. A blue block shields the gem from its piston: push the two as a train, then down. [5]
 *  4. Two gems, two marks: the first gem's way down crosses the second's row, where the side piston
 *     would shove the wrong gem first: order matters. [8]
 *  5. BELIEF BREAK. A purple piston pulls: it draws the first piece in its line one cell toward
 *     itself. The gem is past its mark; every magenta piston only pushes it further away, and a
 *     player sure that wall pieces push expects the purple one to shove it the wrong way. [7]
 *  6. Pushers and pullers on all sides and a block in the gem's column: a long forced sequence. [17]
 *  7. Two gems, a block and two pullers in a small room: which piece is first in each line changes
 *     as you go. [18]
 *  8. Two gems stacked in one column, a block and three pullers: the gems have to be split up
 *     and sent opposite ways. The longest plan. [22]
 *  (Levels 7 and 8 began as random rooms searched for length, then kept by hand.)
 *
 * Version history: v1 (2026-11-23) first version.
 */
import { copyBytes, defineGame, memoize, type GameAction, type Grid, type Level } from '../core/index.ts';

// Board codes, one byte per cell, fixed for the level (pieces live in the state).
const FLOOR = 0;
const WALL = 1;
const MARK = 2;
const PUSHER = 3;
const PULLER = 4;

const FLOOR_C = 0;
const WALL_C = 3;
const MARK_C = 14;
const PUSHER_C = 6;
const PULLER_C = 15;
const GEM_C = 11;
const GEM_HOME_C = 12;
const BLOCK_C = 9;

const CODES: Readonly<Record<string, number>> = { '.': FLOOR, o: FLOOR, b: FLOOR, '#': WALL, '*': MARK, O: MARK, a: PUSHER, u: PULLER };
const COLOURS = [FLOOR_C, WALL_C, MARK_C, PUSHER_C, PULLER_C] as const;

interface State {
  /** Cells of the blue blocks, ascending. */
  readonly blocks: readonly number[];
  /** Board codes; shared by every state of a level. */
  readonly board: Uint8Array;
  /** Cells of the gems, ascending. */
  readonly gems: readonly number[];
  /** Marks with no gem on them: the level clears at 0. */
  readonly open: number;
  readonly width: number;
}

const boardOf = memoize((level: Level) => level.codes(CODES));

/** What step and view read from a board: each piston's inward step, the piston cells, the marks. */
interface Layout {
  /** Per cell: the inward step of the piston there (0 elsewhere). */
  readonly inward: Int32Array;
  /** The piston cells: clickable(). */
  readonly clicks: readonly number[];
  readonly marks: readonly number[];
}

/** Built from the board's bytes (memoised by the board, which every state of a level shares). */
const layoutOf = memoize((board: Uint8Array, w: number): Layout => {
  const h = board.length / w;
  const inward = new Int32Array(board.length);
  const clicks: number[] = [];
  const marks: number[] = [];
  board.forEach((c, i) => {
    const x = i % w;
    const y = Math.floor(i / w);
    if (c === MARK) marks.push(i);
    if (c !== PUSHER && c !== PULLER) return;
    // A piston sits in the outer wall and faces into the room.
    inward[i] = x === 0 ? 1 : x === w - 1 ? -1 : y === 0 ? w : y === h - 1 ? -w : 0;
    if (inward[i] !== 0) clicks.push(i);
  });
  return { inward, clicks: Object.freeze(clicks), marks: Object.freeze(marks) };
});

function init(level: Level): State {
  const cells = (glyphs: string): number[] => level.findAll(glyphs).map((c) => c.y * level.width + c.x);
  return { blocks: cells('b'), board: boardOf(level), gems: cells('oO'), open: cells('*').length, width: level.width };
}

/** `pieces` with the cells in `from` moved by `d`, ascending again. */
function shifted(pieces: readonly number[], from: readonly number[], d: number): number[] {
  return pieces.map((c) => (from.includes(c) ? c + d : c)).sort((a, b) => a - b);
}

/**
 * Floor or mark with no piece on it. A plain function: under tsx every named closure made at run
 * time also pays a defineProperty for its name, and step runs on every move the solver tries.
 */
function empty(s: State, c: number): boolean {
  const b = s.board[c];
  return (b === FLOOR || b === MARK) && !s.gems.includes(c) && !s.blocks.includes(c);
}

function step(s: State, action: GameAction): State {
  if (action.type !== 'ACTION6') return s;
  const w = s.width;
  if (action.x < 0 || action.y < 0 || action.x >= w || action.y >= s.board.length / w) return s;
  const p = action.y * w + action.x;
  const kind = s.board[p];
  if (kind !== PUSHER && kind !== PULLER) return s;
  const layout = layoutOf(s.board, s.width);
  const d = layout.inward[p]!;
  if (d === 0) return s;
  // Down the line to the first piece; a wall or the far side's piston first means nothing happens.
  let c = p + d;
  while (empty(s, c)) c += d;
  if (!s.gems.includes(c) && !s.blocks.includes(c)) return s;
  let moving: number[];
  let by: number;
  if (kind === PUSHER) {
    moving = [];
    let t = c;
    while (s.gems.includes(t) || s.blocks.includes(t)) moving.push(t), (t += d);
    if (!empty(s, t)) return s;
    by = d;
  } else {
    // A puller draws only the first piece, and only if there is room between it and the wall.
    if (c === p + d) return s;
    moving = [c];
    by = -d;
  }
  const gems = moving.some((m) => s.gems.includes(m)) ? shifted(s.gems, moving, by) : s.gems;
  const blocks = moving.some((m) => s.blocks.includes(m)) ? shifted(s.blocks, moving, by) : s.blocks;
  let open = 0;
  for (const m of layout.marks) if (!gems.includes(m)) open++;
  return { blocks, board: s.board, gems, open, width: s.width };
}

const backdropOf = memoize((board: Uint8Array) => board.map((c) => COLOURS[c]!));

function view(s: State): Grid {
  const cells = copyBytes(backdropOf(s.board));
  for (const c of s.blocks) cells[c] = BLOCK_C;
  // A gem on a mark turns orange (a darker yellow), so a player sees which marks are done.
  for (const c of s.gems) cells[c] = s.board[c] === MARK ? GEM_HOME_C : GEM_C;
  return { width: s.width, height: cells.length / s.width, cells };
}

const LEVELS: readonly string[] = [
  `
  #######
  #.....#
  a.o..*#
  #.....#
  #######`,
  `
  ####a##
  #.....#
  a.o...#
  #.....#
  #...*.#
  #######`,
  `
  ####a#a##
  #.......#
  a.b.o...#
  #.......#
  #.....*.#
  #########`,
  `
  ###a#a###
  #.......#
  a.o.....#
  #.......#
  a...o...#
  #.......#
  #..*.*..#
  #########`,
  `
  #########
  #.......#
  u.*.....#
  #.......#
  a......o#
  #.......#
  #######a#`,
  `
  ##a###a###
  #........#
  u..o.....a
  #........#
  #..b..*..#
  #........#
  a........#
  #...u##a##`,
  `
  ###a#u###
  #.....o.a
  #.*..b.o#
  #.......#
  #.......#
  #.*.....a
  #aa####u#`,
  `
  #a#####a#
  u.......a
  a...o..##
  u.b.o#..#
  a......*#
  #.......#
  #.....*.u
  ####a####`,
];

export default defineGame<State>({
  id: 'far-pistons',
  legend: { '.': FLOOR_C, '#': WALL_C, '*': MARK_C, O: GEM_HOME_C, a: PUSHER_C, u: PULLER_C, o: GEM_C, b: BLOCK_C },
  actions: ['ACTION6'],
  letterbox: WALL_C,
  levels: LEVELS,
  // init is pure and states never change: one start state per level, made once (a solver starts every level again and again).
  init: memoize(init),
  step,
  outcome: (s) => (s.open === 0 ? 'cleared' : 'playing'),
  view,
  clickable: (s) => layoutOf(s.board, s.width).clicks,
});
