/**
 * Tube drop: balls stand in tubes; clicking a tube lifts its top ball out (it hovers above the tube),
 * clicking a tube again drops the lifted ball in, where it falls onto whatever is below. The level
 * clears when every ball stands in a tube whose base (the coloured bar under it) is its own colour;
 * tubes with a grey base are for parking and must end empty. Click-only.
 *
 * Levels (design intent; optimal clicks in brackets):
 *  1. One red ball in the blue tube, an empty red tube: lift it, drop it home. [2]
 *  2. Two balls in the wrong tubes, an empty one waiting: order matters a little (lift the buried
 *     one's neighbour first). [4]
 *  3. Two full one-ball tubes holding each other's colour: the grey parking tube is needed. [6]
 *  4. Three colours stacked across four tubes: only the top ball can leave, park and unstack. [16]
 *  5. BELIEF BREAK: tubes with their base on top. Their balls rest against the roof, the ball that
 *     leaves is the bottom one and a dropped ball rises; "the top ball moves" no longer holds. [8]
 *  6. An upside-down and an upright tube of mixed colours, a third upside-down one to fill. [12]
 *  7. Two upside-down and two upright tubes, three colours, a small parking tube. [18]
 *  8. The longest plan: a full upside-down tube to empty through a shared parking tube. [22]
 *
 * Version history: v1 (2026-11-23) first version.
 */
import { GameDefinitionError, copyBytes, defineGame, parseLevel, type GameAction, type Grid } from '../core/index.ts';

const BG = 5;
const SLOT = 4;
const PARK = 2;
/** Ball and base colours by glyph: lower case a ball, upper case a base of that colour. */
const COLOURS: Readonly<Record<string, number>> = { r: 8, b: 9, y: 11, g: 14, m: 6, o: 12 };

const LEGEND: Record<string, number> = { '.': BG, '|': SLOT, '=': PARK };
for (const [g, c] of Object.entries(COLOURS)) {
  LEGEND[g] = c;
  LEGEND[g.toUpperCase()] = c;
}

/** One tube: where its slots are (nearest the base first) and what it wants. */
interface Tube {
  /** View-grid cell (y * width + x) of each slot in level cells, from the base outward. */
  readonly slots: readonly number[];
  /** The level cell where a lifted ball hovers: one beyond the last slot. */
  readonly hover: number;
  readonly base: number;
  /** 1: base at the bottom (balls fall down); -1: base on top (balls rise). */
  readonly dir: number;
  /** Colour a ball must have to be home here; PARK: none may stay. */
  readonly want: number;
}

interface Compiled {
  readonly width: number;
  readonly height: number;
  readonly tubes: readonly Tube[];
  /** Per level cell: the tube a click there acts on, or -1. */
  readonly tubeAt: Int32Array;
  /** The solver's hint: one view cell per tube (its first in reading order), as every cell of a tube acts alike. */
  readonly targets: readonly number[];
  readonly start: readonly number[];
  readonly backdrop: Uint8Array;
  /** Tube t's balls are balls[first[t]] .. balls[first[t + 1] - 1]: step and outcome read flat tables, not tube objects. */
  readonly first: Int32Array;
  /** Per index of `balls`: the colour a ball there must have to be home (PARK: no ball is). */
  readonly want: Int32Array;
}

/** Levels are drawn as they look: '|' an empty slot, a lower-case letter a ball in a slot, the base
 * (upper case, or '=' for grey) directly under a tube, or directly over an upside-down one. */
const LEVELS: readonly string[] = [
  `
  .......
  .|...|.
  .r...|.
  .B...R.`,
  `
  .......
  .|.|.|.
  .|.r.b.
  .R.B.Y.`,
  `
  .......
  .b.r.|.
  .R.B.=.`,
  `
  .........
  .|.|.|.|.
  .y.b.r.|.
  .r.y.b.|.
  .R.B.Y.=.`,
  `
  .R.Y.....
  .y.r.|...
  .b.|.|...
  .|.|.|...
  .....B...`,
  `
  .R...B...
  .b.|.y...
  .y.|.r...
  .|.|.|...
  ...Y.....`,
  `
  .R...Y...
  .b.|.r...
  .y.r.b.|.
  .|.y.|.|.
  ...B...=.`,
  `
  .R.....Y.
  .y.|.|.b.
  .b.r.|.r.
  .|.y.|.y.
  ...B.=...`,
];

function compile(text: string, index: number): Compiled {
  const level = parseLevel(text, LEGEND, { label: "game 'tube-drop'", level: index });
  const { width, height } = level;
  const at = `tube-drop level ${index + 1}`;
  const isSlot = (x: number, y: number): boolean => y >= 0 && y < height && (level.glyph(x, y) === '|' || COLOURS[level.glyph(x, y)] !== undefined);
  const tubes: Tube[] = [];
  const start: number[] = [];
  const tubeAt = new Int32Array(width * height).fill(-1);
  for (const b of level.findAll('=RBYGMO')) {
    const dir = isSlot(b.x, b.y - 1) ? 1 : isSlot(b.x, b.y + 1) ? -1 : 0;
    if (dir === 0) throw new GameDefinitionError(`${at}: the base at ${b.x},${b.y} has no tube above or below it`);
    const slots: number[] = [];
    let y = b.y - dir;
    for (; isSlot(b.x, y); y -= dir) {
      slots.push(y * width + b.x);
      const g = level.glyph(b.x, y);
      start.push(g === '|' ? 0 : COLOURS[g]!);
    }
    if (y < 0 || y >= height) throw new GameDefinitionError(`${at}: the tube at column ${b.x} needs a free cell beyond its end for the lifted ball`);
    const t = tubes.length;
    // Balls must rest on the base side: no gap below a ball.
    const mine = start.slice(start.length - slots.length);
    if (mine.some((c, i) => c === 0 && mine.slice(i).some((d) => d !== 0))) throw new GameDefinitionError(`${at}: the tube at column ${b.x} has a ball floating above a gap`);
    const hover = y * width + b.x;
    for (const c of [...slots, hover, b.y * width + b.x]) tubeAt[c] = t;
    const g = level.glyph(b.x, b.y);
    tubes.push({ slots, hover, base: b.y * width + b.x, dir, want: g === '=' ? PARK : COLOURS[g.toLowerCase()]! });
  }
  const vw = width * 2;
  // A level cell's first view cell is its top-left one, and level cells in reading order give view
  // cells in reading order: a tube's first level cell gives its first view cell.
  const firstCell = new Map<number, number>();
  tubeAt.forEach((t, c) => {
    if (t >= 0 && !firstCell.has(t)) firstCell.set(t, cellOrigin(vw, width, c));
  });
  const targets = [...firstCell.values()].sort((a, b) => a - b);
  // The backdrop: empty slots dark grey, bases a bar on the side facing their tube.
  const backdrop = new Uint8Array(vw * height * 2).fill(BG);
  for (const tube of tubes) {
    for (const s of tube.slots) fill(backdrop, vw, width, s, SLOT);
    const o = cellOrigin(vw, width, tube.base);
    const bar = tube.dir > 0 ? o : o + vw;
    const c = tube.want;
    backdrop[bar] = backdrop[bar + 1] = SLOT;
    backdrop[o + (tube.dir > 0 ? vw : 0)] = backdrop[o + (tube.dir > 0 ? vw : 0) + 1] = c;
  }
  const first = new Int32Array(tubes.length + 1);
  const want = new Int32Array(start.length);
  tubes.forEach((tube, t) => {
    first[t + 1] = first[t]! + tube.slots.length;
    want.fill(tube.want, first[t]!, first[t + 1]!);
  });
  return { width, height, tubes, tubeAt, targets: Object.freeze(targets), start, backdrop, first, want };
}

function cellOrigin(vw: number, width: number, c: number): number {
  return Math.floor(c / width) * 2 * vw + (c % width) * 2;
}

function fill(cells: Uint8Array, vw: number, width: number, c: number, colour: number): void {
  const o = cellOrigin(vw, width, c);
  cells[o] = cells[o + 1] = cells[o + vw] = cells[o + vw + 1] = colour;
}

const COMPILED: readonly Compiled[] = LEVELS.map(compile);

/** Keys in alphabetical order, as the state hash visits them. */
interface State {
  /** Ball colour per slot, tube after tube, each from its base outward (0: empty). */
  readonly balls: readonly number[];
  /** The tube the lifted ball came from (-1: nothing lifted). */
  readonly from: number;
  /** The lifted ball's colour (0: none). */
  readonly hand: number;
  readonly level: number;
}

function step(s: State, action: GameAction): State {
  if (action.type !== 'ACTION6') return s;
  // The state's fields are read once, up front: after the call in slice() the compiled step would
  // load them again (3% of the instructions of ly05's solve).
  const level = s.level;
  const c = COMPILED[level]!;
  const x = action.x >> 1;
  const y = action.y >> 1;
  if (x >= c.width || y >= c.height) return s;
  const t = c.tubeAt[y * c.width + x]!;
  if (t < 0) return s;
  const hand = s.hand;
  const balls = s.balls;
  const bottom = c.first[t]!;
  const end = c.first[t + 1]!;
  let k = bottom;
  while (k < end && balls[k] !== 0) k++;
  if (hand === 0) {
    // Lift the outermost ball.
    if (k === bottom) return s;
    const ball = balls[k - 1]!;
    const next = balls.slice();
    next[k - 1] = 0;
    return { balls: next, from: t, hand: ball, level };
  }
  if (k === end) return s;
  const next = balls.slice();
  next[k] = hand;
  return { balls: next, from: -1, hand: 0, level };
}

function outcome(s: State): 'playing' | 'cleared' | 'lost' {
  if (s.hand !== 0) return 'playing';
  const want = COMPILED[s.level]!.want;
  const balls = s.balls;
  for (let i = 0; i < balls.length; i++) {
    const b = balls[i]!;
    if (b !== 0 && b !== want[i]) return 'playing';
  }
  return 'cleared';
}

function view(s: State): Grid {
  const c = COMPILED[s.level]!;
  const vw = c.width * 2;
  const cells = copyBytes(c.backdrop);
  c.tubes.forEach((tube, t) => {
    tube.slots.forEach((slot, k) => {
      const b = s.balls[c.first[t]! + k]!;
      if (b !== 0) fill(cells, vw, c.width, slot, b);
    });
  });
  if (s.hand !== 0) fill(cells, vw, c.width, c.tubes[s.from]!.hover, s.hand);
  return { width: vw, height: c.height * 2, cells };
}

export default defineGame<State>({
  id: 'tube-drop',
  legend: LEGEND,
  actions: ['ACTION6'],
  levels: LEVELS,
  // The designed levels are exactly LEVELS (no seeded variants), so level.index finds the compiled tables.
  init: (level) => ({ balls: COMPILED[level.index]!.start, from: -1, hand: 0, level: level.index }),
  step,
  outcome,
  view,
  clickable: (s) => COMPILED[s.level]!.targets,
});
