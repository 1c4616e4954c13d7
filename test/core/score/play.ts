/**
 * Test helpers for the scoring suite: fixture games as registry-like entries, a synthetic agent's
 * play written as replay text the way the server writes it, and the score of a replay against the
 * solver's optimum, with distance tables for drought (the "baseline: optimal" every fixture has).
 */
import {
  createSession,
  exploreLevel,
  parseReplay,
  replayHeader,
  replayLine,
  replayStep,
  scoreReplay,
  solveLevel,
  type Action,
  type Game,
  type Replay,
  type ReplayGame,
  type ReplayScore,
  type ScoreOptions,
} from '../../../core/index.ts';
import type { SyntheticAgent } from '../../../agent-runner/agents/synthetic.ts';

export function fixture(code: string, game: Game<any>): ReplayGame {
  return { gameId: `${code}-${game.version}`, game: game as Game<unknown> };
}

/** Replay text for these actions, played through a fresh session. */
export function replayText(entry: ReplayGame, actions: readonly Action[], name = 'test', kind: 'human' | 'agent' = 'agent'): string {
  const session = createSession(entry.game);
  let text = replayLine(replayHeader({ game_id: entry.gameId, seed: null, player: { kind, name }, created_at: '2026-11-23T00:00:00.000Z', engine: 'test' }));
  actions.forEach((a, i) => (text += replayLine(replayStep(i + 1, session.act(a)))));
  return text;
}

/** What an agent plays on a fresh session of the game. */
export function actionsOf(entry: ReplayGame, agent: SyntheticAgent): Action[] {
  return agent(createSession(entry.game));
}

export function optimalCounts(game: Game<unknown>): number[] {
  return game.levels.map((_, i) => solveLevel(game, i)!.optimal);
}

export function scoreActions(entry: ReplayGame, actions: readonly Action[], options: Partial<ScoreOptions> = {}): ReplayScore {
  return scoreText(entry, replayText(entry, actions), options);
}

export function scoreText(entry: ReplayGame, text: string, options: Partial<ScoreOptions> = {}): ReplayScore {
  const replay: Replay = parseReplay(text);
  const optimal = optimalCounts(entry.game);
  const distance = entry.game.levels.map((_, i) => exploreLevel(entry.game, i));
  return scoreReplay(replay, entry, { baseline: { actions: optimal, kind: 'optimal', version: 'none' }, optimal, distance, ...options });
}
