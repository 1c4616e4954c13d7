/**
 * SCORING.md's validation suite: synthetic agents with known behaviour on the fixture games, and
 * what every metric must say about each of them; the ranking ladders (Kendall tau = 1).
 */
import { describe, expect, it } from 'vitest';
import { kendallTau, upperMedian } from '../../../core/index.ts';
import { deathRepeater, explorer, optimal, oscillator, random, stubborn } from '../../../agent-runner/agents/synthetic.ts';
import clickLights from '../../fixtures/click-lights.ts';
import maze from '../../fixtures/maze.ts';
import pit from '../../fixtures/pit.ts';
import { actionsOf, fixture, scoreActions } from './play.ts';

const MAZE = fixture('mz01', maze);
const PIT = fixture('pt01', pit);
const LIGHTS = fixture('cl01', clickLights);
const FIXTURES = [MAZE, PIT, LIGHTS];
const NS = [1, 2, 3, 5, 8];

describe('synthetic agents on the fixture games', () => {
  it('Optimal: n = n* on every level, no wasted step, HAS = 1', () => {
    for (const entry of FIXTURES) {
      const score = scoreActions(entry, actionsOf(entry, optimal));
      expect(score.state).toBe('WIN');
      for (const level of score.levels) {
        expect(level.actions).toBe(level.optimal);
        expect(level.excess).toBe(0);
        expect(level.rhae).toBe(1);
      }
      expect(score.totals.wasted).toBe(0);
      expect(score.totals.has).toBe(1);
      expect(score.totals.rhae).toBe(100);
    }
  });

  it('Explorer: wins every fixture without one wasted step', () => {
    for (const entry of FIXTURES) {
      const score = scoreActions(entry, actionsOf(entry, explorer()));
      expect(score.state).toBe('WIN');
      expect(score.totals.wasted).toBe(0);
      expect(score.totals.episodes).toBe(0);
      expect(score.totals.has).toBe(1);
    }
  });

  it('Stubborn(N): wasted = HAL = N exactly, one episode, entropy 0, hammering (period 1)', () => {
    for (const entry of [MAZE, PIT]) {
      for (const n of NS) {
        const score = scoreActions(entry, actionsOf(entry, stubborn(n)));
        expect(score.totals.wasted).toBe(n);
        expect(score.totals.episodes).toBe(1);
        expect(score.totals.hal_max).toBe(n);
        expect(score.totals.hal_km_median).toBe(n);
        expect(score.totals.entropy).toBe(0);
        expect(score.levels[0]!.episode_list).toEqual([{ t: 2, hal: n, censored: false, motif: n >= 2 ? 1 : null, entropy: 0 }]);
        expect(score.levels[0]!.labels.PERSEVERATION).toBe(n);
      }
    }
  });

  it('Oscillator(N): a loop of period 2, lose-shift 1.0, yet wasted > 0', () => {
    for (const n of [3, 5, 8]) {
      const score = scoreActions(MAZE, actionsOf(MAZE, oscillator(n)));
      const level = score.levels[0]!;
      expect(level.lose_shift).toBe(1);
      expect(level.wasted).toBe(2 * n - 2);
      expect(level.count).toBe(1);
      expect(level.motifs).toEqual({ 2: 1 });
      expect(level.entropy).toBe(1);
    }
  });

  it('DeathRepeater(N): exactly N futile attempts, each costing the walk and its RESET', () => {
    for (const n of NS) {
      const score = scoreActions(PIT, actionsOf(PIT, deathRepeater(n)));
      expect(score.state).toBe('WIN');
      expect(score.levels[0]!.futile_attempts).toBe(n);
      expect(score.levels[0]!.futile_actions).toBe(n * 3); // RESET, right, right (into the pit)
      expect(score.totals.futile_attempts).toBe(n);
    }
  });

  it('Random (200 seeds): lose-shift near 1 - 1/|A|, and the most waste (median) of all agents', () => {
    const lose: number[] = [];
    const wastedShare: number[] = [];
    for (let seed = 0; seed < 200; seed++) {
      const score = scoreActions(MAZE, actionsOf(MAZE, random(seed, 300)));
      if (score.totals.lose_shift !== null) lose.push(score.totals.lose_shift);
      wastedShare.push(score.totals.wasted / score.steps);
    }
    expect(lose.length).toBeGreaterThan(150);
    const mean = lose.reduce((a, b) => a + b, 0) / lose.length;
    expect(mean).toBeGreaterThan(0.75 - 0.05);
    expect(mean).toBeLessThan(0.75 + 0.05);
    const others = [explorer(), stubborn(3), oscillator(3)].map((agent) => {
      const score = scoreActions(MAZE, actionsOf(MAZE, agent));
      return score.totals.wasted / score.steps;
    });
    expect(upperMedian(wastedShare)).toBeGreaterThan(Math.max(...others));
  });
});

describe('ranking ladders (Kendall tau = 1)', () => {
  it('PI and max HAL rise with N; RHAE falls with N (Stubborn, Oscillator, DeathRepeater)', () => {
    for (const make of [stubborn, oscillator]) {
      const scores = NS.map((n) => scoreActions(MAZE, actionsOf(MAZE, make(n))));
      expect(kendallTau(NS, scores.map((s) => s.totals.pi))).toBe(1);
      if (make === stubborn) expect(kendallTau(NS, scores.map((s) => s.totals.hal_max))).toBe(1);
      expect(kendallTau(NS, scores.map((s) => s.totals.rhae))).toBe(-1);
    }
    const deaths = NS.map((n) => scoreActions(PIT, actionsOf(PIT, deathRepeater(n))));
    expect(kendallTau(NS, deaths.map((s) => s.totals.pi))).toBe(1);
    expect(kendallTau(NS, deaths.map((s) => s.totals.rhae))).toBe(-1);
  });

  it('Optimal > Explorer > Random (median of 25 seeds) on RHAE; the reverse on PI', () => {
    for (const entry of [MAZE, PIT]) {
      const best = scoreActions(entry, actionsOf(entry, optimal));
      const explore = scoreActions(entry, actionsOf(entry, explorer()));
      const randoms = Array.from({ length: 25 }, (_, seed) => scoreActions(entry, actionsOf(entry, random(seed, 400))));
      const rhae = [best.totals.rhae, explore.totals.rhae, upperMedian(randoms.map((s) => s.totals.rhae))];
      const pi = [best.totals.pi, explore.totals.pi, upperMedian(randoms.map((s) => s.totals.pi))];
      expect(kendallTau([3, 2, 1], rhae)).toBe(1);
      expect(pi[2]).toBeGreaterThan(pi[1]!);
      expect(pi[0]).toBe(0);
    }
  });
});
