/**
 * `tabula validate`: the reviewer's report on every game (or one) against GAMES.md. Per level: the
 * optimal count, the random agent's median and solve rate within 5x the optimum (100 seeds), the
 * single repeated actions that clear it, the reachable state count, and baseline/optimal (b / n*)
 * from envs/baselines.ts; and flags for whatever breaks GAMES.md. The facts come from core's
 * validateLevel()/gameFlags(), the same ones the registry suite asserts clean.
 */
import { formatAction, gameFlags, validateLevel } from '../../core/index.ts';
import { GAMES, baselineFor, findGame, type RegisteredGame } from '../../envs/index.ts';
import { intOption, UsageError, type Command } from '../cli.ts';

export interface LevelReport {
  readonly level: number;
  readonly optimal: number | null;
  readonly random_median: number | null;
  readonly random_solve_rate: number;
  readonly repeated_wins: readonly string[];
  readonly reachable_states: number | null;
  /** b / n*: 1 while b is the optimum itself; above 1 where people took longer. */
  readonly baseline_over_optimal: number | null;
  readonly baseline_kind: string | null;
  readonly flags: readonly string[];
}

export interface GameReport {
  readonly game_id: string;
  readonly seed: number | null;
  readonly generates: boolean;
  readonly levels: readonly LevelReport[];
  readonly flags: readonly string[];
}

/** The validity report of one game, designed levels (seed null) or a seed's generated ones. */
export function validateGame(entry: RegisteredGame, seed: number | null = null): GameReport {
  const { game } = entry;
  const checks = game.levelsFor(seed).map((_, i) => validateLevel(game, i, { seed }));
  const optimal = checks.map((c) => c.optimal);
  // Baselines need every level solved; an unsolvable level is flagged already.
  const baseline = optimal.every((n) => n !== null) ? baselineFor(entry, seed) : null;
  const levels = checks.map((c, i): LevelReport => {
    const b = baseline?.actions[i];
    const flags = [...c.flags];
    if (b !== undefined && c.optimal !== null && b < c.optimal) flags.push(`baseline ${b} is below the optimum ${c.optimal}: the baseline file is wrong`);
    return {
      level: i + 1,
      optimal: c.optimal,
      random_median: c.randomMedian,
      random_solve_rate: c.randomSolveRate,
      repeated_wins: c.repeatedWins.map(formatAction),
      reachable_states: c.reachableStates,
      baseline_over_optimal: b !== undefined && c.optimal ? Math.round((b / c.optimal) * 100) / 100 : null,
      baseline_kind: baseline?.kinds[i] ?? null,
      flags,
    };
  });
  return { game_id: entry.gameId, seed, generates: game.generates, levels, flags: gameFlags(optimal) };
}

function flagCount(report: GameReport): number {
  return report.flags.length + report.levels.reduce((n, l) => n + l.flags.length, 0);
}

function printReport(report: GameReport): void {
  console.log(`${report.game_id}${report.seed === null ? '' : ` seed ${report.seed}`}${report.generates ? ' (generates)' : ''}`);
  const header = ['level', 'optimal', 'random median', 'random solved', 'repeated wins', 'states', 'b/n*', 'flags'];
  const rows = report.levels.map((l) => [
    String(l.level),
    l.optimal === null ? '-' : String(l.optimal),
    l.random_median === null ? '>5x' : String(l.random_median),
    `${Math.round(l.random_solve_rate * 100)}%`,
    l.repeated_wins.join(',') || '-',
    l.reachable_states === null ? '>cap' : String(l.reachable_states),
    l.baseline_over_optimal === null ? '-' : `${l.baseline_over_optimal}${l.baseline_kind === 'human' ? ' h' : ''}`,
    l.flags.join('; ') || 'ok',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}`);
  for (const flag of report.flags) console.log(`  game: ${flag}`);
}

export const validate: Command = {
  summary: 'check every level against GAMES.md: optimum, random agent, repeated actions, states, flags',
  usage: 'validate [<code>] [--seed S] [--json]',
  options: { seed: { type: 'string' }, json: { type: 'boolean' } },
  run({ values, positionals }) {
    const seed = intOption(values.seed, 'seed') ?? null;
    const entries = positionals.length > 0 ? positionals.map(findGame) : seed === null ? GAMES : GAMES.filter((g) => g.game.generates);
    const fixed = seed === null ? [] : entries.filter((g) => !g.game.generates);
    if (fixed.length > 0) throw new UsageError(`${fixed.map((g) => g.code).join(', ')} has no generated levels; drop --seed or name games that generate (tabula list shows which are seeded)`);
    const reports: GameReport[] = [];
    for (const entry of entries) {
      const report = validateGame(entry, seed);
      reports.push(report);
      if (!values.json) printReport(report);
    }
    const flags = reports.reduce((n, r) => n + flagCount(r), 0);
    if (values.json) console.log(JSON.stringify({ flags, games: reports }, null, 2));
    else console.log(`${reports.length} games, ${reports.reduce((n, r) => n + r.levels.length, 0)} levels, ${flags} flags`);
    return flags > 0 ? 1 : 0;
  },
};
