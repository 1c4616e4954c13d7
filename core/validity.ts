/**
 * Trivial policies, for GAMES.md's rule that no level after the first falls to one repeated action
 * or to a random agent. They play a single level through the pure reducer (no frames), so the
 * registry suite can afford 100 seeds per level. validateLevel() and gameFlags() gather those facts
 * per level and name what breaks GAMES.md (`tabula validate`, the registry suite, generated levels).
 */
import { ACTIONS, formatAction, type Action, type GameAction } from './actions.ts';
import { FRAME_SIZE, frameToViewCell, layoutFor, viewCellToFrame } from './frame.ts';
import { initContext, stateHash, type Game } from './game.ts';
import type { Level } from './grid.ts';
import { exploreParsedLevel, solveParsedLevel } from './solve.ts';
import { createRng } from './rng.ts';

/**
 * Repeats each single action (each keyboard action; a click on each view cell) from the level's start
 * until it clears the level, loses, or stops changing anything. Returns the actions that clear it.
 */
export function repeatedActionWins<S>(game: Game<S>, levelIndex: number, seed: number | null = null): Action[] {
  return repeatedActionWinsOn(game, game.levelsFor(seed)[levelIndex]!, levelIndex, seed);
}

/** repeatedActionWins on a parsed level (a generated candidate not yet in any level set). */
export function repeatedActionWinsOn<S>(game: Game<S>, level: Level, levelIndex: number, seed: number | null): Action[] {
  const start = game.init(level, initContext(seed, levelIndex));
  const view = game.view(start);
  const candidates: { game: GameAction; player: Action }[] = [];
  for (const name of game.availableActions) {
    if (name === 'ACTION7') continue;
    if (name !== 'ACTION6') candidates.push({ game: ACTIONS[name] as GameAction, player: ACTIONS[name] });
    else {
      const layout = layoutFor(view.width, view.height);
      for (let y = 0; y < view.height; y++) for (let x = 0; x < view.width; x++) {
        // The game hears view cells; a player sends frame cells.
        const at = viewCellToFrame(layout, x, y);
        candidates.push({ game: { type: 'ACTION6', x, y }, player: { type: 'ACTION6', x: at.x, y: at.y } });
      }
    }
  }
  const wins: Action[] = [];
  for (const candidate of candidates) {
    let s = start;
    const seen = new Set<number>([stateHash(game, levelIndex, s)]);
    for (;;) {
      const next = game.step(s, candidate.game);
      if (next === s) break;
      const outcome = game.outcome(next);
      if (outcome === 'cleared') {
        wins.push(candidate.player);
        break;
      }
      const h = stateHash(game, levelIndex, next);
      if (outcome === 'lost' || seen.has(h)) break;
      seen.add(h);
      s = next;
    }
  }
  return wins;
}

/**
 * A uniform random agent on one level: each action is drawn uniformly from the available actions
 * (ACTION6 at a uniform frame cell, as an agent that knows nothing would click); after a loss it
 * sends RESET, which counts. Returns the actions it needed, or undefined if the budget ran out.
 */
export function randomAgentActions<S>(game: Game<S>, levelIndex: number, agentSeed: number, budget: number, seed: number | null = null): number | undefined {
  return randomAgentActionsOn(game, game.levelsFor(seed)[levelIndex]!, levelIndex, agentSeed, budget, seed);
}

/** randomAgentActions on a parsed level (a generated candidate not yet in any level set). */
export function randomAgentActionsOn<S>(game: Game<S>, level: Level, levelIndex: number, agentSeed: number, budget: number, seed: number | null): number | undefined {
  const start = game.init(level, initContext(seed, levelIndex));
  const view = game.view(start);
  const layout = layoutFor(view.width, view.height);
  const rng = createRng(`random-agent:${agentSeed}`);
  const names = game.availableActions;
  const undo = game.undo;
  const history: S[] = [];
  let s = start;
  for (let n = 1; n <= budget; n++) {
    const name = names[rng.int(names.length)]!;
    let next = s;
    if (name === 'ACTION7') {
      if (undo && history.length > 0) next = history.pop()!;
    } else if (name === 'ACTION6') {
      const cell = frameToViewCell(layout, rng.int(FRAME_SIZE), rng.int(FRAME_SIZE));
      if (cell !== undefined) next = game.step(s, { type: 'ACTION6', x: cell.x, y: cell.y });
    } else {
      next = game.step(s, ACTIONS[name] as GameAction);
    }
    if (next === s) continue;
    if (undo && name !== 'ACTION7') history.push(s);
    s = next;
    const outcome = game.outcome(s);
    if (outcome === 'cleared') return n;
    if (outcome === 'lost') {
      n++; // the RESET
      s = start;
      history.length = 0;
    }
  }
  return undefined;
}

/** Median actions of the random agent over `runs` agent seeds (Infinity counts runs that ran out). */
export function randomAgentMedian<S>(game: Game<S>, levelIndex: number, budget: number, runs = 100, seed: number | null = null): number {
  return randomAgentMedianOn(game, game.levelsFor(seed)[levelIndex]!, levelIndex, budget, runs, seed);
}

/** randomAgentMedian on a parsed level (a generated candidate not yet in any level set). */
export function randomAgentMedianOn<S>(game: Game<S>, level: Level, levelIndex: number, budget: number, runs: number, seed: number | null): number {
  const results: number[] = [];
  for (let r = 0; r < runs; r++) results.push(randomAgentActionsOn(game, level, levelIndex, r, budget, seed) ?? Infinity);
  results.sort((a, b) => a - b);
  return results[Math.floor(results.length / 2)]!;
}

/** GAMES.md's random-agent check: this many agent seeds, each with this many times the optimum to spend. */
export const RANDOM_RUNS = 100;
export const RANDOM_BUDGET_FACTOR = 5;
/** How many levels a game has, at least and at most (GAMES.md). */
export const MIN_LEVELS = 6;
export const MAX_LEVELS = 10;

/** What `tabula validate` reports for one level; every field plain data. */
export interface LevelValidity {
  /** 0-based level index. */
  readonly level: number;
  /** The optimal action count; null when the level cannot be cleared (or is too big to search). */
  readonly optimal: number | null;
  /** Median actions of the random agent over RANDOM_RUNS seeds within 5x the optimum; null when most ran out. */
  readonly randomMedian: number | null;
  /** Fraction of the random agent's runs that cleared the level within 5x the optimum. */
  readonly randomSolveRate: number;
  /** The single actions that clear the level when repeated (ACTION6 in frame cells). */
  readonly repeatedWins: readonly Action[];
  /** Distinct reachable states; null when not explored or larger than the cap. */
  readonly reachableStates: number | null;
  /** What breaks GAMES.md on this level; empty when nothing does. */
  readonly flags: readonly string[];
}

export interface ValidateOptions {
  readonly seed?: number | null;
  /** The optimum when already known (the registry suite has solved every level): skips the solve. */
  readonly optimal?: number;
  /** Count the reachable states (a full search of the level; default true). */
  readonly explore?: boolean;
  /** State cap for the solve and the exploration. */
  readonly maxStates?: number;
}

/** Gathers one level's validity facts and flags (see LevelValidity). */
export function validateLevel<S>(game: Game<S>, levelIndex: number, options: ValidateOptions = {}): LevelValidity {
  const seed = options.seed ?? null;
  const level = game.levelsFor(seed)[levelIndex];
  if (level === undefined) throw new RangeError(`level ${levelIndex + 1} does not exist; the game has ${game.levelsFor(seed).length}`);
  return validateParsedLevel(game, level, levelIndex, options);
}

/** validateLevel on a parsed level: the seeded-variant check (core/variants.ts) runs it on candidates. */
export function validateParsedLevel<S>(game: Game<S>, level: Level, levelIndex: number, options: ValidateOptions = {}): LevelValidity {
  const seed = options.seed ?? null;
  let optimal: number | null = options.optimal ?? null;
  const flags: string[] = [];
  if (options.optimal === undefined) {
    try {
      optimal = solveParsedLevel(game, level, levelIndex, seed, options.maxStates)?.optimal ?? null;
      if (optimal === null) flags.push('unsolvable');
    } catch {
      flags.push('too big for the BFS solver: ship a verified solution or shrink it');
    }
  }
  if (optimal === 0) flags.push('already cleared at the start');
  const repeatedWins = repeatedActionWinsOn(game, level, levelIndex, seed);
  let randomMedian: number | null = null;
  let randomSolveRate = 0;
  if (optimal !== null && optimal > 0) {
    const results: number[] = [];
    for (let r = 0; r < RANDOM_RUNS; r++) results.push(randomAgentActionsOn(game, level, levelIndex, r, RANDOM_BUDGET_FACTOR * optimal, seed) ?? Infinity);
    randomSolveRate = results.filter((n) => n !== Infinity).length / RANDOM_RUNS;
    results.sort((a, b) => a - b);
    const median = results[Math.floor(results.length / 2)]!;
    randomMedian = median === Infinity ? null : median;
  }
  if (levelIndex > 0) {
    // Level 1 may be gentle: it is where the mechanic is met.
    if (repeatedWins.length > 0) flags.push(`one repeated action clears it: ${repeatedWins.map(formatAction).join(', ')}`);
    if (randomMedian !== null) flags.push(`a random agent clears it within ${RANDOM_BUDGET_FACTOR}x the optimum (median ${randomMedian} actions)`);
  }
  let reachableStates: number | null = null;
  if (options.explore !== false) reachableStates = exploreParsedLevel(game, level, levelIndex, seed, options.maxStates)?.size ?? null;
  return { level: levelIndex, optimal, randomMedian, randomSolveRate, repeatedWins, reachableStates, flags };
}

/**
 * Game-wide flags from the per-level optima (null = unsolvable): GAMES.md asks for 6 to 10 levels
 * rising in length, so a first level longer than the last is flagged.
 */
export function gameFlags(optimal: readonly (number | null)[]): string[] {
  const flags: string[] = [];
  if (optimal.length < MIN_LEVELS || optimal.length > MAX_LEVELS) flags.push(`${optimal.length} levels; a game has ${MIN_LEVELS} to ${MAX_LEVELS}`);
  const first = optimal[0];
  const last = optimal[optimal.length - 1];
  if (optimal.length > 1 && first != null && last != null && first > last) {
    flags.push(`levels should rise in length: level 1 takes ${first} actions, the last ${last}`);
  }
  return flags;
}
