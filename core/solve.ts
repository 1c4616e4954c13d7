/**
 * The solver: breadth-first search over a game's pure step. It gives each level's optimal action
 * count and a shortest solution, and, where the whole reachable space fits, every state's distance
 * to a win (the scorer's progress-drought metric needs it). RESET and undo never shorten a path, so
 * the search uses the game's own actions; ACTION6 is tried on every cell of the level's view, or on
 * the cells the game's clickable() hint names.
 */
import { ACTIONS, type Action, type GameAction } from './actions.ts';
import { layoutFor, viewCellToFrame } from './frame.ts';
import { initContext, stateHash, type Game } from './game.ts';
import type { Level } from './grid.ts';
import { HashIndex } from './hash-index.ts';

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
 * table; `movesOf(state)` lists the table indices to try from a state. RESET and undo never shorten
 * a path. A game's clickable() hint narrows the clicks to the cells that can do something.
 */
interface Moves<S> {
  readonly table: readonly SearchAction[];
  movesOf(state: S): readonly number[];
}

function movesFor<S>(game: Game<S>, start: S): Moves<S> {
  const table: SearchAction[] = [];
  for (const name of game.availableActions) {
    if (name !== 'ACTION7' && name !== 'ACTION6') table.push({ game: ACTIONS[name] as GameAction, player: ACTIONS[name] });
  }
  const keys = table.map((_, i) => i);
  if (!game.availableActions.includes('ACTION6')) return { table, movesOf: () => keys };
  const view = game.view(start);
  const layout = layoutFor(view.width, view.height);
  for (let y = 0; y < view.height; y++) {
    for (let x = 0; x < view.width; x++) {
      const at = viewCellToFrame(layout, x, y);
      table.push({ game: { type: 'ACTION6', x, y }, player: { type: 'ACTION6', x: at.x, y: at.y } });
    }
  }
  const clickable = game.clickable;
  if (clickable === undefined) {
    const all = table.map((_, i) => i);
    return { table, movesOf: () => all };
  }
  const cells = view.width * view.height;
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
  if (keys.length === 0) return { table, movesOf: checked };
  return { table, movesOf: (state) => [...keys, ...checked(state).map((c) => c + keys.length)] };
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
  const start = game.init(level, initContext(seed, levelIndex));
  if (game.outcome(start) === 'cleared') return { level: levelIndex, optimal: 0, actions: [], expanded: 0, generated: 0 };
  const { table, movesOf } = movesFor(game, start);
  const states: S[] = [start];
  const parent: number[] = [-1];
  const via: number[] = [-1];
  const seen = new HashIndex();
  seen.add(stateHash(game, levelIndex, start), 0);
  let generated = 0;
  for (let i = 0; i < states.length; i++) {
    if (i >= maxStates) throw new Error(`game '${game.id}' level ${levelIndex + 1}: more than ${maxStates} states; too big for BFS`);
    const s = states[i]!;
    // An expanded state is never needed again (the path is rebuilt from parent and via): let it go.
    states[i] = LOST as S;
    if ((s as unknown) === LOST) continue;
    const moves = movesOf(s);
    for (let m = 0; m < moves.length; m++) {
      const a = moves[m]!;
      const next = game.step(s, table[a]!.game);
      if (next === s) continue;
      generated++;
      const index = states.length;
      if (seen.add(stateHash(game, levelIndex, next), index) !== index) continue;
      states.push(next);
      parent.push(i);
      via.push(a);
      const outcome = game.outcome(next);
      if (outcome === 'cleared') {
        const path: Action[] = [];
        for (let k = index; k > 0; k = parent[k]!) path.push(table[via[k]!]!.player);
        path.reverse();
        return { level: levelIndex, optimal: path.length, actions: path, expanded: i + 1, generated };
      }
      if (outcome === 'lost') {
        // Dead ends are remembered but never expanded: only RESET leaves them.
        states[index] = LOST as S;
      }
    }
  }
  return undefined;
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
  const { table, movesOf } = movesFor(game, start);
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
      const next = game.step(s, table[a]!.game);
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
