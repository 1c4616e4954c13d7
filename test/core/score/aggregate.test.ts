/**
 * Aggregation: per game and per player means, the suite's mean over games, the IQM and its seeded
 * bootstrap interval (same scores, same bytes).
 */
import { describe, expect, it } from 'vitest';
import { bootstrapIqm, iqm, summariseScores } from '../../../core/index.ts';
import { explorer, optimal, stubborn } from '../../../agent-runner/agents/synthetic.ts';
import maze from '../../fixtures/maze.ts';
import pit from '../../fixtures/pit.ts';
import { actionsOf, fixture, scoreActions } from './play.ts';

describe('aggregation', () => {
  it('IQM trims a quarter off each end; the bootstrap interval is seeded and brackets it', () => {
    expect(iqm([1, 2, 3, 4, 5, 6, 7, 100])).toBe(4.5);
    expect(iqm([7])).toBe(7);
    const values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    const [lo, hi] = bootstrapIqm(values);
    expect(bootstrapIqm(values)).toEqual([lo, hi]);
    expect(lo).toBeLessThanOrEqual(iqm(values));
    expect(hi).toBeGreaterThanOrEqual(iqm(values));
  });

  it('groups per game and per player; the suite is the mean over games', () => {
    const MAZE = fixture('mz01', maze);
    const PIT = fixture('pt01', pit);
    const scores = [
      scoreActions(MAZE, actionsOf(MAZE, optimal)),
      scoreActions(MAZE, actionsOf(MAZE, explorer())),
      scoreActions(PIT, actionsOf(PIT, stubborn(3))),
    ];
    const summary = summariseScores(scores);
    expect(summary.games.map((g) => [g.id, g.replays])).toEqual([[MAZE.gameId, 2], [PIT.gameId, 1]]);
    const mazeMean = (scores[0]!.totals.rhae + scores[1]!.totals.rhae) / 2;
    expect(summary.games[0]!.rhae).toBeCloseTo(mazeMean, 5);
    expect(summary.suite.rhae).toBeCloseTo((mazeMean + scores[2]!.totals.rhae) / 2, 5);
    expect(summary.players.map((p) => p.id)).toEqual(['agent:test']);
    expect(summary.players[0]!.hal_max).toBe(3);
    expect(JSON.stringify(summariseScores(scores))).toBe(JSON.stringify(summary));
  });
});
