/**
 * Trivial policies, for GAMES.md's rule that no level after the first falls to one repeated action
 * or to a random agent. They play a single level through the pure reducer (no frames), so the
 * registry suite can afford 100 seeds per level.
 */
import { ACTIONS, type Action, type GameAction } from './actions.ts';
import { FRAME_SIZE, frameToViewCell, layoutFor, viewCellToFrame } from './frame.ts';
import { initContext, stateHash, type Game } from './game.ts';
import type { Level } from './grid.ts';
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
