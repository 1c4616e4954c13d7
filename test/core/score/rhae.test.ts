import { describe, expect, it } from 'vitest';
import { bestRun, gameScore, levelScore, RunTallies, upperMedian, type TallyStep } from '../../../core/index.ts';

describe('RHAE arithmetic (SCORING.md)', () => {
  it('upper median: the 3rd of 4 and the 3rd of 5', () => {
    expect(upperMedian([40, 10, 30, 20])).toBe(30);
    expect(upperMedian([5, 1, 4, 2, 3])).toBe(3);
  });

  it('level score is (b/n)^2, capped at 1.15, zero when not completed or past the cut', () => {
    expect(levelScore(true, 10, 20)).toBeCloseTo(0.25);
    expect(levelScore(true, 10, 5)).toBe(1.15);
    expect(levelScore(false, 10, 10)).toBe(0);
    expect(levelScore(true, 10, 50, 5)).toBeCloseTo(0.04);
    expect(levelScore(true, 10, 51, 5)).toBe(0);
  });

  it('game score weights levels by number and caps at the completed share', () => {
    expect(gameScore([1, 1, 1], 3, 3)).toBe(1);
    expect(gameScore([1, 0.25], 2, 2)).toBeCloseTo((1 + 2 * 0.25) / 3);
    // 4 of 5 completed, all at the 1.15 cap: at most 10/15
    expect(gameScore([1.15, 1.15, 1.15, 1.15, 0], 5, 4)).toBeCloseTo(10 / 15);
  });

  it('per-level actions count RESETs; a full reset starts a new run and the best run counts', () => {
    const tallies = new RunTallies();
    const step = (action: string, level: number, done: number, extra: Partial<TallyStep> = {}): TallyStep => ({ action, level, levels_completed: done, state: 'NOT_FINISHED', ...extra });
    for (let i = 0; i < 4; i++) tallies.add(step('ACTION1', 0, 0));
    tallies.add(step('RESET', 0, 0)); // level reset: counted
    tallies.add(step('ACTION1', 0, 1)); // completes level 0
    tallies.add(step('RESET', 1, 0, { full_reset: true }));
    tallies.add(step('ACTION1', 0, 1));
    expect(tallies.runs.map((r) => r.levelActions)).toEqual([[6], [1]]);
    expect(tallies.runs[0]!.resets).toBe(1);
    const best = bestRun(tallies.runs, [2, 3]);
    expect(best.run).toBe(1);
    // level 1 at the 1.15 cap, but only level 1 of 2 completed: capped at its weight share 1/3
    expect(best.score).toBeCloseTo(1 / 3);
  });
});
