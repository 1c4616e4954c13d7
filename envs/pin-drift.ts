/**
 * Pin drift: orchestration. The arrows move every piece at once, each stopped on its own by walls and
 * by other pieces; a click on a piece pins it (a dark bolt in its middle) so it stays while the others
 * move, and a second click frees it. The level clears when every mark holds a piece. Undo (ACTION7)
 * steps back: a piece jammed in the wrong corner costs one action, not a restart.
 *
 * Each cell is drawn as 3x3 view cells (6 px a cell): a piece is a plus of its colour, so the corners
 * of the mark under it stay in sight; a mark is a full square.
 *
 * Levels (design intent; optimal actions in brackets):
 *  1. One piece, one mark: the arrows move it. [3]
 *  2. Two pieces, two marks out of step: pin one, move the other on. [5]
 *  3. A pillar holds a piece as a pin would, and one mark sits in a corner: use the pillar or a pin. [7]
 *  4. Three touching pieces move as a train; pin the leader and the ones behind stop too. [7]
 *  5. BELIEF BREAK. The marks take the pieces' colours (orange, blue): until now any piece filled any
 *     green mark; now only a piece of a mark's own colour does, and each piece starts in line with
 *     the other colour's mark. [12]
 *  6. Two colours crossing over round a pillar: each must pass the other. [13]
 *  7. Three pieces, coloured and green marks, a comb of walls: pins and walls together. [14]
 *  8. Two colours in a cramped room of pillars, each piece in the other's way: the longest plan. [16]
 *
 * Version history: v1 (2026-11-23) first version.
 */
import { copyBytes, defineGame, memoize, type GameAction, type Grid, type Level } from '../core/index.ts';

// Board codes: walls, and marks by the piece colour they take (any, orange, blue).
const FLOOR = 0;
const WALL = 1;
const MARK_ANY = 2;
const MARK_0 = 3;
const MARK_1 = 4;

const FLOOR_C = 0;
const WALL_C = 3;
const BOLT_C = 5;
/** Piece colours by kind: orange, blue. A mark of kind k takes only pieces of kind k; green takes any. */
const PIECE_C = [12, 9] as const;
const MARK_C = [14, 12, 9, 0, 0] as const;

const CODES: Readonly<Record<string, number>> = { '.': FLOOR, o: FLOOR, q: FLOOR, '#': WALL, '*': MARK_ANY, O: MARK_0, Q: MARK_1 };

interface State {
  readonly board: Uint8Array;
  /** Per piece: its kind (0 orange, 1 blue); shared by every state of a level. */
  readonly kinds: readonly number[];
  /** Per piece: its cell. Pieces keep their index, so kinds and pins follow them. */
  readonly pieces: readonly number[];
  /** Bit i set: piece i is pinned. */
  readonly pinned: number;
  readonly width: number;
}

const boardOf = memoize((level: Level) => level.codes(CODES));

const kindsOf = memoize((level: Level) => Object.freeze(level.findAll('oq').map((c) => (level.glyph(c.x, c.y) === 'o' ? 0 : 1))));

function init(level: Level): State {
  const pieces = level.findAll('oq').map((c) => c.y * level.width + c.x);
  return { board: boardOf(level), kinds: kindsOf(level), pieces, pinned: 0, width: level.width };
}

function step(s: State, action: GameAction): State {
  const w = s.width;
  if (action.type === 'ACTION6') {
    if (action.x < 0 || action.y < 0 || action.x >= 3 * w || action.y >= (3 * s.board.length) / w) return s;
    // A piece is drawn as a plus; its corners show the floor or mark under it, and a click there
    // does nothing, as on the floor.
    if (action.x % 3 !== 1 && action.y % 3 !== 1) return s;
    const i = s.pieces.indexOf(Math.floor(action.y / 3) * w + Math.floor(action.x / 3));
    if (i < 0) return s;
    return { board: s.board, kinds: s.kinds, pieces: s.pieces, pinned: s.pinned ^ (1 << i), width: w };
  }
  const t = action.type;
  const d = t === 'ACTION1' ? -w : t === 'ACTION2' ? w : t === 'ACTION3' ? -1 : t === 'ACTION4' ? 1 : 0;
  if (d === 0) return s;
  // Sweeps until nothing more moves: a piece whose way is freed by the one ahead moves on the next
  // sweep, so a touching train moves as one when its leader can (pieces are few; no sort needed).
  const next = s.pieces.slice();
  const n = next.length;
  let done = s.pinned;
  let moved = false;
  for (let again = true; again; ) {
    again = false;
    for (let i = 0; i < n; i++) {
      if (done & (1 << i)) continue;
      const to = next[i]! + d;
      if (s.board[to] === WALL) {
        done |= 1 << i;
        continue;
      }
      if (next.includes(to)) continue;
      next[i] = to;
      done |= 1 << i;
      moved = again = true;
    }
  }
  if (!moved) return s;
  return { board: s.board, kinds: s.kinds, pieces: next, pinned: s.pinned, width: w };
}

function outcome(s: State): 'playing' | 'cleared' {
  const b = s.board;
  for (let c = 0; c < b.length; c++) {
    const m = b[c]!;
    if (m < MARK_ANY) continue;
    const i = s.pieces.indexOf(c);
    if (i < 0 || (m !== MARK_ANY && s.kinds[i] !== m - MARK_0)) return 'playing';
  }
  return 'cleared';
}

const backdropOf = memoize((board: Uint8Array, w: number) => {
  const vw = 3 * w;
  const cells = new Uint8Array(board.length * 9);
  board.forEach((c, i) => {
    const o = Math.floor(i / w) * 3 * vw + (i % w) * 3;
    const colour = c === WALL ? WALL_C : c >= MARK_ANY ? MARK_C[c - MARK_ANY]! : FLOOR_C;
    for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) cells[o + dy * vw + dx] = colour;
  });
  return cells;
});

function view(s: State): Grid {
  const w = s.width;
  const vw = 3 * w;
  const cells = copyBytes(backdropOf(s.board, w));
  s.pieces.forEach((c, i) => {
    const o = Math.floor(c / w) * 3 * vw + (c % w) * 3 + vw + 1;
    const col = PIECE_C[s.kinds[i]!]!;
    cells[o - vw] = cells[o - 1] = cells[o + 1] = cells[o + vw] = col;
    cells[o] = s.pinned & (1 << i) ? BOLT_C : col;
  });
  return { width: vw, height: (s.board.length / w) * 3, cells };
}

let lastPieces: readonly number[] | null = null;
let lastClicks: readonly number[] = [];

/**
 * clickable(): one view cell per piece, the top arm of its plus (its first cell in reading order),
 * as a click anywhere on the plus pins or frees the same piece. In the pieces' order, as before.
 */
function clickable(s: State): readonly number[] {
  // A pin leaves the pieces array as it was: the list for the last array is asked for again and again.
  if (s.pieces === lastPieces) return lastClicks;
  const vw = 3 * s.width;
  const out: number[] = [];
  for (const c of s.pieces) out.push(Math.floor(c / s.width) * 3 * vw + (c % s.width) * 3 + 1);
  lastPieces = s.pieces;
  lastClicks = Object.freeze(out);
  return lastClicks;
}

const LEVELS: readonly string[] = [
  `
  #######
  #.....#
  #o..*.#
  #.....#
  #######`,
  `
  #######
  #o...*#
  #o..*.#
  #.....#
  #######`,
  `
  ########
  #o.....#
  #...#..#
  #o...*.#
  #*.....#
  ########`,
  `
  #########
  #ooo....#
  #..*.*.*#
  #########`,
  `
  #######
  #q...O#
  #.....#
  #o...Q#
  #######`,
  `
  ########
  #o...#Q#
  #......#
  #.#....#
  #q....O#
  ########`,
  `
  #########
  #o.#.#.O#
  #q.....##
  ##.#.#.Q#
  #o...#.*#
  #########`,
  `
  ##########
  #q...#..O#
  #.#...#..#
  #o..#....#
  #...#...Q#
  ##########`,
];

export default defineGame<State>({
  id: 'pin-drift',
  legend: { '.': FLOOR_C, '#': WALL_C, '*': 14, O: 12, Q: 9, o: 12, q: 9 },
  actions: ['ACTION1', 'ACTION2', 'ACTION3', 'ACTION4', 'ACTION6'],
  undo: true,
  letterbox: WALL_C,
  levels: LEVELS,
  // init is pure and states never change: one start state per level, made once (a solver starts every level again and again).
  init: memoize(init),
  step,
  outcome,
  view,
  clickable,
});
