/**
 * Seeded variants of every registered game that generates (any game with `generate` is enrolled):
 * 200 consecutive seeds give level sets that are solvable, non-trivial by GAMES.md's rules, and
 * distinct, and a seeded session plays them through. The checks here are the public ones (solver,
 * repeated action, random agent), run again on what levelsFor() served, not a trust in its own check.
 */
import { describe, expect, it } from 'vitest';
import { RANDOM_BUDGET_FACTOR, RANDOM_RUNS, SEED_RANGES, Session, createRng, createSession, randomAgentMedian, repeatedActionWins, solveLevel } from '../../core/index.ts';
import { nextRandomAction } from '../helpers/random-play.ts';
import { GAMES } from '../../envs/index.ts';

const SEEDS = 200;
/** The first seeds of the evaluation range: held out, so the most important ones to be sound. */
const FIRST = SEED_RANGES.find((r) => r.name === 'evaluation')!.first;
const generators = GAMES.filter((g) => g.game.generates);

describe.runIf(generators.length > 0).each(generators.map((g) => [g.code, g] as const))('game %s generates', (_code, { game }) => {
  it(`gives solvable, non-trivial, distinct levels for ${SEEDS} consecutive seeds`, { timeout: 600_000 }, () => {
    // Distinct: no two seeds give the same level set, and the last level (the plan) is new on every
    // seed and never the designed one. Small early levels may repeat: a 3x3 board has few variants.
    const last = game.levels.length - 1;
    const finals = new Set<string>([game.levels[last]!.rows.join('\n')]);
    const sets = new Set<string>();
    for (let seed = FIRST; seed < FIRST + SEEDS; seed++) {
      const levels = game.levelsFor(seed);
      expect(levels.length, `seed ${seed}: as many levels as the designed set`).toBe(game.levels.length);
      const texts = levels.map((l) => l.rows.join('\n'));
      sets.add(texts.join('\n\n'));
      texts.forEach((text, i) => {
        const at = `seed ${seed}, level ${i + 1}`;
        const solution = solveLevel(game, i, { seed });
        expect(solution, `${at}: unsolvable`).toBeDefined();
        expect(solution!.optimal, `${at}: cleared at the start`).toBeGreaterThan(0);
        if (i === last) {
          expect(finals.has(text), `${at}: the same last level as an earlier seed or the designed set`).toBe(false);
          finals.add(text);
        }
        if (i > 0) {
          expect(repeatedActionWins(game, i, seed), `${at}: one repeated action clears it`).toEqual([]);
          expect(randomAgentMedian(game, i, RANDOM_BUDGET_FACTOR * solution!.optimal, RANDOM_RUNS, seed), `${at}: a random agent clears it`).toBe(Infinity);
        }
      });
    }
    expect(sets.size).toBe(SEEDS);
  });

  it('restores a seeded session saved mid-play, which then continues identically', () => {
    const seed = FIRST + 3;
    const session = createSession(game, { seed });
    for (const action of solveLevel(game, 0, { seed })!.actions) session.act(action);
    const rng = createRng('variants-restore');
    for (let i = 0; i < 40; i++) session.act(nextRandomAction(game, session, rng));
    const copy = Session.restore(game, JSON.parse(JSON.stringify(session.toJSON())));
    expect(copy.hash).toBe(session.hash);
    expect(copy.frame()).toEqual(session.frame());
    for (let i = 0; i < 100; i++) {
      const action = nextRandomAction(game, session, rng);
      expect(copy.act(action)).toEqual(session.act(action));
    }
  });

  it('plays a seeded session through every generated level with the solver\'s solutions', () => {
    for (const seed of [0, FIRST + 7]) {
      const session = createSession(game, { seed });
      game.levelsFor(seed).forEach((_, i) => {
        expect(session.level).toBe(i);
        for (const action of solveLevel(game, i, { seed })!.actions) session.act(action);
      });
      expect(session.status).toBe('WIN');
    }
  });
});
