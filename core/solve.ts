/**
 * The solver: breadth-first search over a game's pure step. It gives each level's optimal action
 * count and a shortest solution, and, where the whole reachable space fits, every state's distance
 * to a win (the scorer's progress-drought metric needs it). RESET and undo never shorten a path, so
 * the search uses the game's own actions; ACTION6 is tried on every cell of the level's view, or on
 * the cells the game's clickable() hint names.
 */
import { ACTIONS, type Action, type GameAction } from './actions.ts';
import { layoutFor, viewCellToFrame } from './frame.ts';
import { initContext, stateHash, type Game, type InitContext } from './game.ts';
import type { Level } from './grid.ts';
import { stateHasher, type ShapeHasher } from './hash.ts';
import { HashIndex, HashSet } from './hash-index.ts';

export interface SolveOptions {
  /** Generated levels for this seed instead of the designed ones. */
  readonly seed?: number | null;
  /** Give up after expanding this many states (default 5,000,000). */
  readonly maxStates?: number;
}

export interface Solution {
  readonly level: number;
  /** The optimal number of actions. */
  readonly optimal: number;
  /** A shortest solution, as player actions (ACTION6 in frame coordinates) ready for a session. */
  readonly actions: readonly Action[];
  /** States expanded (their successors generated) before the first win was found. */
  readonly expanded: number;
  /** Successor states generated and looked up, new or not (a game's branching factor shows here). */
  readonly generated: number;
}

interface SearchAction {
  readonly game: GameAction;
  readonly player: Action;
}

/**
 * The moves worth searching on a level: its keyboard actions, then a click on each view cell, in one
 * table. From every state the search tries the `keys` first (table indices 0..keys-1), then the
 * clicks `clicksOf(state)` names (view cells; cell c is table index keys + c). RESET and undo never
 * shorten a path. A game's clickable() hint narrows the clicks to one cell per thing a click can do.
 */
interface Moves<S> {
  /** The keyboard moves, then (from index `keys` on) a click on every view cell, shared per view size. */
  readonly table: MoveTable;
  readonly keys: number;
  /** The view cells to click from a state; null when the game takes no clicks. */
  readonly clicksOf: ((state: S) => readonly number[]) | null;
}

function movesFor<S>(game: Game<S>, start: S): Moves<S> {
  const keyMoves: SearchAction[] = [];
  for (const name of game.availableActions) {
    if (name !== 'ACTION7' && name !== 'ACTION6') keyMoves.push({ game: ACTIONS[name] as GameAction, player: ACTIONS[name] });
  }
  const keys = keyMoves.length;
  if (!game.availableActions.includes('ACTION6')) return { table: new MoveTable(keyMoves, []), keys, clicksOf: null };
  const view = game.view(start);
  const table = new MoveTable(keyMoves, clicksTable(view.width, view.height));
  const cells = view.width * view.height;
  const clickable = game.clickable;
  if (clickable === undefined) {
    const all = Array.from({ length: cells }, (_, c) => c);
    return { table, keys, clicksOf: () => all };
  }
  // A shared per-level list comes back on every state: check it once.
  let last: readonly number[] | null = null;
  const checked = (state: S): readonly number[] => {
    const list = clickable(state);
    if (list === last) return list;
    for (const c of list) {
      if (!(c >= 0 && c < cells && Number.isInteger(c))) {
        throw new RangeError(`game '${game.id}': clickable() listed cell ${c}; view cells are 0..${cells - 1} (y * width + x)`);
      }
    }
    last = list;
    return list;
  };
  return { table, keys, clicksOf: checked };
}

/** Move number a: a keyboard move below keys.length, else a click (the click table is shared, not copied). */
class MoveTable {
  constructor(
    private readonly keys: readonly SearchAction[],
    private readonly clicks: readonly SearchAction[],
  ) {}

  at(a: number): SearchAction {
    return a < this.keys.length ? this.keys[a]! : this.clicks[a - this.keys.length]!;
  }
}

/**
 * A click on every view cell of a view this size, in reading order, kept per size: a level of small
 * pieces has a thousand cells, and building them took longer than solving a small level.
 */
const clickTables = new Map<number, readonly SearchAction[]>();
function clicksTable(width: number, height: number): readonly SearchAction[] {
  const key = width * 65536 + height;
  let table = clickTables.get(key);
  if (table === undefined) {
    const layout = layoutFor(width, height);
    const clicks: SearchAction[] = [];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const at = viewCellToFrame(layout, x, y);
        clicks.push(Object.freeze({ game: Object.freeze({ type: 'ACTION6', x, y }), player: Object.freeze({ type: 'ACTION6', x: at.x, y: at.y }) }));
      }
    }
    table = Object.freeze(clicks);
    clickTables.set(key, table);
  }
  return table;
}

/**
 * Shortest solution of one level, or undefined if the level cannot be cleared (the whole reachable
 * space was searched). Throws when maxStates is reached first: the level is too big for plain BFS.
 */
export function solveLevel<S>(game: Game<S>, levelIndex: number, options: SolveOptions = {}): Solution | undefined {
  const seed = options.seed ?? null;
  const level = game.levelsFor(seed)[levelIndex];
  if (level === undefined) throw new RangeError(`level ${levelIndex + 1} does not exist; the game has ${game.levelsFor(seed).length}`);
  return solveParsedLevel(game, level, levelIndex, seed, options.maxStates);
}

/**
 * solveLevel on a level given as a parsed Level: the seeded-variant check (core/variants.ts) solves
 * a generated candidate before it belongs to any level set.
 */
export function solveParsedLevel<S>(game: Game<S>, level: Level, levelIndex: number, seed: number | null, maxStates = 5_000_000): Solution | undefined {
  const start = game.init(level, contextFor(seed, levelIndex));
  if (game.outcome(start) === 'cleared') return { level: levelIndex, optimal: 0, actions: [], expanded: 0, generated: 0 };
  const { table, keys, clicksOf, hasher } = preparedFor(game, start);
  const search = new Search(game, levelIndex, start, table, hasher, spare);
  // The spare memory is this search's until it ends (a game's step never solves, but be safe).
  spare = null;
  try {
    return searchLevel(game, levelIndex, search, keys, clicksOf, maxStates);
  } finally {
    spare = search.memory();
  }
}

interface Prepared<S> extends Moves<S> {
  readonly game: Game<S>;
  /** stateHash for states shaped like the start, compiled once for this shape (core/hash.ts); -1 for another shape. */
  readonly hasher: ShapeHasher | null;
}

/**
 * A level's moves and state hasher, kept per start state: games make a level's start once, and a
 * level of a few dozen states (most levels) spent a tenth of its solve making them again (a click
 * game draws its whole view for the view's size).
 */
const prepared = new WeakMap<object, Prepared<unknown>>();
function preparedFor<S>(game: Game<S>, start: S): Prepared<S> {
  const key = typeof start === 'object' && start !== null ? start : null;
  const known = key === null ? undefined : (prepared.get(key) as Prepared<S> | undefined);
  if (known !== undefined && known.game === game) return known;
  const made: Prepared<S> = { ...movesFor(game, start), game, hasher: stateHasher(start as object, game.volatile) };
  if (key !== null) prepared.set(key, made as Prepared<unknown>);
  return made;
}

/** The breadth-first loop of solveParsedLevel: expands states in order until one step wins. */
function searchLevel<S>(game: Game<S>, levelIndex: number, search: Search<S>, keys: number, clicksOf: Moves<S>['clicksOf'], maxStates: number): Solution | undefined {
  for (let i = 0; i < search.states.length; i++) {
    if (i >= maxStates) throw new Error(`game '${game.id}' level ${levelIndex + 1}: more than ${maxStates} states; too big for BFS`);
    const states = search.states;
    const s = states[i]!;
    // An expanded state is never needed again (the path is rebuilt from parent and via): let it go.
    states[i] = LOST as S;
    if ((s as unknown) === LOST) continue;
    let found = -1;
    for (let a = 0; a < keys && found < 0; a++) found = search.tryMove(s, i, a);
    if (clicksOf !== null && found < 0) {
      const clicks = clicksOf(s);
      for (let m = 0; m < clicks.length && found < 0; m++) found = search.tryMove(s, i, keys + clicks[m]!);
    }
    if (found >= 0) {
      const actions = search.pathTo(found);
      return { level: levelIndex, optimal: actions.length, actions, expanded: i + 1, generated: search.generated };
    }
  }
  return undefined;
}

/**
 * A search's typed arrays, handed from one solve to the next: allocating them (off the JS heap) and
 * collecting them cost more than solving a level of a few dozen states. A big level's are dropped.
 */
interface SearchMemory {
  readonly seen: HashSet;
  readonly parent: Int32Array;
  readonly via: Int32Array;
}
let spare: SearchMemory | null = null;
const SPARE_SLOTS = 1 << 14;

/** Designed levels' init contexts, made once (an RNG state seeded from a string: no game reads it yet). */
const designedContexts: InitContext[] = [];
function contextFor(seed: number | null, levelIndex: number): InitContext {
  if (seed !== null) return initContext(seed, levelIndex);
  let ctx = designedContexts[levelIndex];
  if (ctx === undefined) {
    const made = initContext(null, levelIndex);
    ctx = Object.freeze({ seed: null, rng: Object.freeze(made.rng) });
    designedContexts[levelIndex] = ctx;
  }
  return ctx;
}

/**
 * The breadth-first search's memory: states waiting to be expanded, and how each was first reached.
 * parent and via grow as typed arrays (a million pushes onto plain arrays cost more than the step).
 */
class Search<S> {
  readonly states: S[];
  private parent: Int32Array;
  private via: Int32Array;
  private readonly seen: HashSet;
  generated = 0;
  /** The last successor made: a game that caches its answers may hand back one object for two moves. */
  private lastNext: unknown = null;
  private readonly salt: number;

  constructor(
    private readonly game: Game<S>,
    private readonly levelIndex: number,
    start: S,
    private readonly table: MoveTable,
    private readonly hasher: ShapeHasher | null,
    memory: SearchMemory | null,
  ) {
    if (memory !== null) memory.seen.clear();
    this.seen = memory?.seen ?? new HashSet();
    this.parent = memory?.parent ?? new Int32Array(256);
    this.via = memory?.via ?? new Int32Array(256);
    this.states = [start];
    this.parent[0] = -1;
    this.seen.insert(stateHash(game, levelIndex, start));
    this.salt = levelIndex + 1;
  }

  /** Steps state number `i` by table move `a`; records a new successor. Returns its number if it wins, else -1. */
  tryMove(s: S, i: number, a: number): number {
    const next = this.game.step(s, this.table.at(a).game);
    if (next === s) return -1;
    this.generated++;
    // The same object as the successor before it (a game may cache its answer): already recorded.
    if (next === this.lastNext) return -1;
    this.lastNext = next;
    const states = this.states;
    const index = states.length;
    let hash = this.hasher === null ? -1 : this.hasher(next as object, this.salt);
    if (hash < 0) hash = stateHash(this.game, this.levelIndex, next);
    if (!this.seen.insert(hash)) return -1;
    if (index === this.parent.length) this.growLinks();
    states.push(next);
    this.parent[index] = i;
    this.via[index] = a;
    const outcome = this.game.outcome(next);
    if (outcome === 'cleared') return index;
    // Dead ends are remembered but never expanded: only RESET leaves them.
    if (outcome === 'lost') states[index] = LOST as S;
    return -1;
  }

  /** The typed arrays for the next search, or null when they grew too big to keep. */
  memory(): SearchMemory | null {
    return this.seen.capacity > SPARE_SLOTS ? null : { seen: this.seen, parent: this.parent, via: this.via };
  }

  pathTo(index: number): Action[] {
    const path: Action[] = [];
    for (let k = index; k > 0; k = this.parent[k]!) path.push(this.table.at(this.via[k]!).player);
    return path.reverse();
  }

  private growLinks(): void {
    const parent = new Int32Array(this.parent.length * 2);
    parent.set(this.parent);
    this.parent = parent;
    const via = new Int32Array(this.via.length * 2);
    via.set(this.via);
    this.via = via;
  }
}

const LOST = Symbol('lost');

/** Distances to a win for every reachable state of a level, keyed by state hash. */
export interface StateSpace {
  readonly level: number;
  /** Number of distinct reachable states. */
  readonly size: number;
  /** Actions from the state with this hash to a cleared level; undefined if it cannot win or was never reached. */
  distance(hash: number): number | undefined;
}

/**
 * Explores a level's whole reachable space and computes every state's distance to a win by a
 * backward BFS over the recorded edges. Returns undefined when the space exceeds maxStates.
 */
export function exploreLevel<S>(game: Game<S>, levelIndex: number, options: SolveOptions = {}): StateSpace | undefined {
  const seed = options.seed ?? null;
  return exploreParsedLevel(game, game.levelsFor(seed)[levelIndex]!, levelIndex, seed, options.maxStates);
}

/** exploreLevel on a parsed level. */
export function exploreParsedLevel<S>(game: Game<S>, level: Level, levelIndex: number, seed: number | null, maxStates = 500_000): StateSpace | undefined {
  const start = game.init(level, initContext(seed, levelIndex));
  const { table, keys, clicksOf } = movesFor(game, start);
  const movesOf = (state: S): number[] => {
    const moves = Array.from({ length: keys }, (_, a) => a);
    if (clicksOf !== null) for (const c of clicksOf(state)) moves.push(keys + c);
    return moves;
  };
  const states: S[] = [start];
  const seen = new HashIndex();
  seen.add(stateHash(game, levelIndex, start), 0);
  const edgeFrom: number[] = [];
  const edgeTo: number[] = [];
  const terminal: number[] = []; // 0 playing, 1 cleared, 2 lost
  terminal.push(outcomeCode(game.outcome(start)));
  for (let i = 0; i < states.length; i++) {
    if (terminal[i] !== 0) continue;
    const s = states[i]!;
    for (const a of movesOf(s)) {
      const next = game.step(s, table.at(a).game);
      if (next === s) continue;
      const j = seen.add(stateHash(game, levelIndex, next), states.length);
      if (j === states.length) {
        if (states.length >= maxStates) return undefined;
        states.push(next);
        terminal.push(outcomeCode(game.outcome(next)));
      }
      edgeFrom.push(i);
      edgeTo.push(j);
    }
  }
  // Backward BFS from every cleared state over reversed edges (CSR layout).
  const n = states.length;
  const inStart = new Int32Array(n + 1);
  for (const to of edgeTo) inStart[to + 1]!++;
  for (let k = 0; k < n; k++) inStart[k + 1]! += inStart[k]!;
  const fill = inStart.slice(0, n);
  const inFrom = new Int32Array(edgeTo.length);
  for (let e = 0; e < edgeTo.length; e++) inFrom[fill[edgeTo[e]!]!++] = edgeFrom[e]!;
  const dist = new Int32Array(n).fill(-1);
  const queue: number[] = [];
  for (let k = 0; k < n; k++) if (terminal[k] === 1) (dist[k] = 0), queue.push(k);
  for (let q = 0; q < queue.length; q++) {
    const k = queue[q]!;
    for (let e = inStart[k]!; e < inStart[k + 1]!; e++) {
      const from = inFrom[e]!;
      if (dist[from] === -1) (dist[from] = dist[k]! + 1), queue.push(from);
    }
  }
  return {
    level: levelIndex,
    size: n,
    distance(hash) {
      const k = seen.get(hash);
      return k === -1 || dist[k] === -1 ? undefined : dist[k];
    },
  };
}

function outcomeCode(o: string): number {
  return o === 'cleared' ? 1 : o === 'lost' ? 2 : 0;
}
