/**
 * `tabula validate` and the seeded column of `tabula list`, run as real processes.
 */
import { describe, expect, it } from 'vitest';
import { tabula } from '../helpers/tabula-cli.ts';
import { solveLevel } from '../../core/index.ts';
import { GAMES, findGame } from '../../envs/index.ts';


describe('tabula validate', () => {
  it('--json reports every level of a game with the solver\'s optimum, random agent, states and no flags', async () => {
    const { code, stdout } = await tabula('validate', 'mq74', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { flags: number; games: { game_id: string; levels: Record<string, unknown>[]; flags: string[] }[] };
    const { game, gameId } = findGame('mq74');
    expect(report.flags).toBe(0);
    expect(report.games.map((g) => g.game_id)).toEqual([gameId]);
    const levels = report.games[0]!.levels;
    expect(levels.map((l) => l.optimal)).toEqual(game.levels.map((_, i) => solveLevel(game, i)!.optimal));
    for (const l of levels) {
      expect(Object.keys(l).sort()).toEqual(
        ['baseline_kind', 'baseline_over_optimal', 'flags', 'level', 'optimal', 'random_median', 'random_solve_rate', 'reachable_states', 'repeated_wins'],
      );
      expect(l.flags).toEqual([]);
      expect(l.reachable_states as number).toBeGreaterThan(0);
      expect(l.baseline_over_optimal).toBe(1); // no human file yet: b is the optimum
    }
    // Level 1 of this game is one click on the centre: reported, and allowed on level 1.
    expect((levels[0]!.repeated_wins as string[]).length).toBeGreaterThan(0);
    expect(stdout).not.toContain(game.id);
  });

  it('prints a table for people and refuses an unknown game with what to send', async () => {
    const { code, stdout } = await tabula('validate', 'tg38');
    expect(code).toBe(0);
    expect(stdout).toMatch(/level\s+optimal\s+random median\s+random solved\s+repeated wins\s+states\s+b\/n\*\s+flags/);
    expect(stdout).toMatch(/1 games, 8 levels, 0 flags/);
    const bad = await tabula('validate', 'zz99');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/send one of/);
  });
});

describe('tabula list', () => {
  it('says which games generate seeded levels', async () => {
    const { stdout } = await tabula('list');
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/seeded$/);
    for (const { gameId, game } of GAMES) {
      expect(lines.find((l) => l.startsWith(gameId))).toMatch(game.generates ? / yes$/ : / no$/);
    }
  });
});
