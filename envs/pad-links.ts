/**
 * Pad links: walk (arrows) to the green exit through walled rooms. Teleport pads come in coloured
 * pairs; only the lit pair carries you (step onto one, arrive on its partner). Clicking a pad lights
 * its pair and puts out the one lit before (clicking a lit pad puts it out). From level 5, barred
 * gates of a pad colour are shut while that colour's pair is lit and open while it is dark.
 *
 * Each cell is drawn as 3x3 view cells (6 px a cell): a pad is a ring of its colour, filled when
 * lit; a shut gate is two bars of its colour, an open one four corner dots; the avatar on a pad
 * shows as a blue centre inside the ring.
 *
 * Levels (design intent; optimal actions in brackets):
 *  1. One lit pair between two rooms: walk onto the pad, arrive beside the exit. [4]
 *  2. The pair starts dark (an empty ring): a click on a pad lights it, then walk. [5]
 *  3. Two pairs, one lit at a time: cross with one, switch, cross with the other. [10]
 *  4. Four rooms and three pairs: a pad that leads to a dead end, one that leads on. [9]
 *  5. BELIEF BREAK. A barred gate in the pad's colour: the click that lit the pair also shut the
 *     gate. The player who trusts "light it, then walk" finds the way barred; the pair must be put
 *     out (a second click) after the crossing. [9]
 *  6. Gates of two colours on one route: light, cross, switch to the other pair to open the first
 *     gate, then put everything out for the last gate. [15]
 *  7. Three colours: the pair that carries you on also shuts the gate you need next. [17]
 *  8. Five rooms, three colours, gates of each: the longest plan. [20]
 *
 * Version history: v1 (2026-11-23) first version.
 */
import { copyBytes, defineGame, memoize, type GameAction, type Grid, type Level } from '../core/index.ts';

// Board codes: low bits the kind, bits 4-5 the colour (pads and gates).
const FLOOR = 0;
const WALL = 1;
const EXIT = 2;
const PAD = 4;
const GATE = 8;

const FLOOR_C = 0;
const WALL_C = 3;
const EXIT_C = 14;
const AVATAR_C = 9;
/** Pair colours by colour index: orange, magenta, purple. */
const PAIR_C = [12, 6, 15] as const;

const KINDS: Readonly<Record<string, number>> = {
  '.': FLOOR,
  P: FLOOR,
  '#': WALL,
  E: EXIT,
  a: PAD | (0 << 4),
  A: PAD | (0 << 4),
  b: PAD | (1 << 4),
  B: PAD | (1 << 4),
  c: PAD | (2 << 4),
  C: PAD | (2 << 4),
  x: GATE | (0 << 4),
  y: GATE | (1 << 4),
  z: GATE | (2 << 4),
};

interface State {
  /** The avatar's cell (y * width + x). */
  readonly at: number;
  readonly board: Uint8Array;
  /** The lit pair's colour index, or -1 when every pad is dark. */
  readonly lit: number;
  readonly width: number;
}

const boardOf = memoize((level: Level) => level.codes(KINDS));

/** What step reads from a board: each pad's partner (the other pad of its colour), and the clickable view cells. */
interface Links {
  readonly partner: Int32Array;
  /** One view cell per pad colour (a click anywhere on either pad of a pair does the same): the top-left cell of its first pad. */
  readonly clicks: readonly number[];
}

const linksOf = memoize((board: Uint8Array, w: number): Links => {
  const partner = new Int32Array(board.length).fill(-1);
  const first = [-1, -1, -1];
  const clicks: number[] = [];
  board.forEach((c, i) => {
    if ((c & PAD) === 0) return;
    const k = c >> 4;
    if (first[k]! >= 0) {
      (partner[i] = first[k]!), (partner[first[k]!] = i);
      return;
    }
    first[k] = i;
    // Board cells in reading order give view cells in reading order: this is the pair's first view cell.
    clicks.push(Math.floor(i / w) * 9 * w + (i % w) * 3);
  });
  return { partner, clicks: Object.freeze(clicks) };
});

function init(level: Level): State {
  const p = level.find('P')!;
  for (const [k, g] of ['aA', 'bB', 'cC'].entries()) {
    const n = level.findAll(g).length;
    if (n !== 0 && n !== 2) throw new Error(`pad-links level ${level.index + 1}: ${n} pads of colour ${k}; pads come in pairs`);
  }
  const litPad = level.find('ABC');
  const lit = litPad === undefined ? -1 : 'ABC'.indexOf(level.glyph(litPad.x, litPad.y));
  return { at: p.y * level.width + p.x, board: boardOf(level), lit, width: level.width };
}

function step(s: State, action: GameAction): State {
  const w = s.width;
  if (action.type === 'ACTION6') {
    if (action.x < 0 || action.y < 0 || action.x >= 3 * w || action.y >= (3 * s.board.length) / w) return s;
    const c = s.board[Math.floor(action.y / 3) * w + Math.floor(action.x / 3)]!;
    if ((c & PAD) === 0) return s;
    const k = c >> 4;
    const lit = s.lit === k ? -1 : k;
    // A gate never shuts on the avatar standing in it: the click does nothing then.
    const under = s.board[s.at]!;
    if (under & GATE && under >> 4 === lit) return s;
    return { at: s.at, board: s.board, lit, width: w };
  }
  const t = action.type;
  const d = t === 'ACTION1' ? -w : t === 'ACTION2' ? w : t === 'ACTION3' ? -1 : t === 'ACTION4' ? 1 : 0;
  if (d === 0) return s;
  let to = s.at + d;
  const c = s.board[to]!;
  if (c === WALL) return s;
  if (c & GATE && c >> 4 === s.lit) return s;
  if (c & PAD && c >> 4 === s.lit) to = linksOf(s.board, w).partner[to]!;
  return { at: to, board: s.board, lit: s.lit, width: w };
}

const backdropOf = memoize((board: Uint8Array, w: number) => {
  const vw = 3 * w;
  const cells = new Uint8Array(board.length * 9);
  board.forEach((c, i) => {
    const o = Math.floor(i / w) * 3 * vw + (i % w) * 3;
    const colour = c === WALL ? WALL_C : c === EXIT ? EXIT_C : FLOOR_C;
    for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) cells[o + dy * vw + dx] = colour;
    if (c & PAD) {
      // A ring; its centre is filled while the pair is lit (view()).
      for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) if (dx !== 1 || dy !== 1) cells[o + dy * vw + dx] = PAIR_C[c >> 4]!;
    }
  });
  return cells;
});

/** Per board: the view offset and code of every pad and gate, so view() redraws only those. */
const piecesOf = memoize((board: Uint8Array, w: number) => {
  const out: number[] = [];
  board.forEach((c, i) => {
    if (c & (PAD | GATE)) out.push(Math.floor(i / w) * 9 * w + (i % w) * 3, c);
  });
  return Int32Array.from(out);
});

function view(s: State): Grid {
  const w = s.width;
  const vw = 3 * w;
  const cells = copyBytes(backdropOf(s.board, w));
  const pieces = piecesOf(s.board, w);
  for (let p = 0; p < pieces.length; p += 2) {
    const o = pieces[p]!;
    const c = pieces[p + 1]!;
    const k = c >> 4;
    const col = PAIR_C[k]!;
    if (c & PAD) {
      if (k === s.lit) cells[o + vw + 1] = col;
    } else if (k === s.lit) {
      // Shut: two bars across the way.
      for (let dy = 0; dy < 3; dy++) cells[o + dy * vw] = cells[o + dy * vw + 2] = col;
    } else {
      // Open: four corner dots keep its place and colour in sight.
      cells[o] = cells[o + 2] = cells[o + 2 * vw] = cells[o + 2 * vw + 2] = col;
    }
  }
  const o = Math.floor(s.at / w) * 3 * vw + (s.at % w) * 3;
  const under = s.board[s.at]!;
  if (under & (PAD | GATE)) cells[o + vw + 1] = AVATAR_C;
  else for (let dy = 0; dy < 3; dy++) for (let dx = 0; dx < 3; dx++) cells[o + dy * vw + dx] = AVATAR_C;
  return { width: vw, height: (s.board.length / w) * 3, cells };
}

const LEVELS: readonly string[] = [
  `
  #########
  #P.A#.A.#
  #...#..E#
  #########`,
  `
  #########
  #P..#...#
  #.a.#.a.#
  #...#..E#
  #########`,
  `
  #########
  #P..#...#
  #.a.#.a.#
  #...#.b.#
  #########
  #.b....E#
  #########`,
  `
  ##########
  #P..#....#
  #.a.#.b..#
  #...#....#
  ######.###
  #...a#...#
  #.c..#.c.#
  #.b..#..E#
  ##########`,
  `
  #########
  #P..#..a#
  #.a.#...#
  #...#.x##
  #####..E#
  #########`,
  `
  ##########
  #P..#a...#
  #.a.#....#
  #...##x###
  #####....#
  #E.yb#...#
  #####..b.#
  ##########`,
  `
  ##########
  #P.a#a..c#
  #...#....#
  #####x####
  #c#b#....#
  #.#z#..b.#
  #.#.######
  #..y....E#
  ##########`,
  `
  ##########
  #P.a#a..c#
  #...#....#
  #####x####
  #..b#.b..#
  #.c.z....#
  #y########
  #..#.....#
  #....###E#
  ##########`,
];

export default defineGame<State>({
  id: 'pad-links',
  legend: { '.': FLOOR_C, P: AVATAR_C, '#': WALL_C, E: EXIT_C, a: 12, A: 12, x: 12, b: 6, B: 6, y: 6, c: 15, C: 15, z: 15 },
  avatar: 'P',
  actions: ['ACTION1', 'ACTION2', 'ACTION3', 'ACTION4', 'ACTION6'],
  letterbox: WALL_C,
  levels: LEVELS,
  // init is pure and states never change: one start state per level, made once (a solver starts every level again and again).
  init: memoize(init),
  step,
  outcome: (s) => (s.board[s.at] === EXIT ? 'cleared' : 'playing'),
  view,
  clickable: (s) => linksOf(s.board, s.width).clicks,
});
