/**
 * The leaderboard `tabula run` prints: every finished replay under --out (every agent run into that
 * directory, so runs can be compared), scored by the scorer (report/replay-files.ts scoreFile) and
 * summed per agent: episodes, levels solved, wins, mean RHAE, mean actions per solved level, PI, how
 * episodes ended (from episodes.jsonl) and what the agent's answers cost (steps' `usage`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TabulaError, type ReplayScore } from '../../core/index.ts';
import type { ReportEntry } from '../report/html.ts';
import { baselineLine, dollars } from '../report/markdown.ts';
import { scoreFile } from '../report/replay-files.ts';
import type { EpisodeEnd } from './episode.ts';

export interface ScoredReplay extends ReportEntry {
  /** Path relative to the run directory. */
  readonly name: string;
  /** How the episode ended, from episodes.jsonl (undefined when it has no line there). */
  readonly end: EpisodeEnd | undefined;
  /** USD summed over the steps' usage (0 when none reported any). */
  readonly cost: number;
}

/** The finished replays of a run directory: `<out>/<agent>/<code>/*.jsonl`, sorted. */
export function runReplayFiles(out: string): string[] {
  const files: string[] = [];
  const dirs = (dir: string): string[] =>
    existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort() : [];
  for (const agent of dirs(out)) {
    for (const game of dirs(join(out, agent))) {
      const dir = join(out, agent, game);
      for (const f of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort(byNumber)) files.push(join(dir, f));
    }
  }
  return files;
}

/** seed-2 before seed-10. */
function byNumber(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** How each episode ended, by replay path relative to `out` (the last line about a file wins). */
function episodeEnds(out: string): Map<string, EpisodeEnd> {
  const ends = new Map<string, EpisodeEnd>();
  const path = join(out, 'episodes.jsonl');
  if (!existsSync(path)) return ends;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '') continue;
    try {
      const { file, end } = JSON.parse(line) as { file?: unknown; end?: unknown };
      if (typeof file === 'string' && typeof end === 'string') ends.set(file, end as EpisodeEnd);
    } catch {
      // A line cut by a crash says nothing; the replay itself is still scored.
    }
  }
  return ends;
}

/** Scores every finished replay under `out`; files that do not score are listed with the reason. */
export function scoreRun(out: string, options: { labels?: boolean } = {}): { replays: ScoredReplay[]; failed: string[] } {
  const ends = episodeEnds(out);
  const replays: ScoredReplay[] = [];
  const failed: string[] = [];
  for (const file of runReplayFiles(out)) {
    const name = relative(out, file);
    try {
      const score = scoreFile(file, { labels: options.labels === true });
      replays.push({ file, name, score, end: ends.get(name), cost: score.usage?.cost_usd ?? 0 });
    } catch (error) {
      if (!(error instanceof TabulaError)) throw error;
      failed.push(`${file}: ${error.message}`);
    }
  }
  return { replays, failed };
}

export interface LeaderboardRow {
  readonly agent: string;
  /** A game code for the per-game rows; undefined in the per-agent ones. */
  readonly game?: string;
  readonly episodes: number;
  readonly levelsSolved: number;
  readonly levels: number;
  readonly wins: number;
  /** Mean RHAE over episodes, 0-100. */
  readonly rhae: number;
  /** Mean actions (best run) over the levels solved; null when none was. */
  readonly actionsPerSolvedLevel: number | null;
  readonly pi: number;
  readonly ends: Readonly<Partial<Record<EpisodeEnd | 'unknown', number>>>;
  readonly costUsd: number;
  readonly costPerSolvedLevel: number | null;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

function row(agent: string, game: string | undefined, replays: readonly ScoredReplay[]): LeaderboardRow {
  const solved = replays.flatMap((r) => r.score.levels.filter((l) => l.completed).map((l) => l.actions));
  const ends: Partial<Record<EpisodeEnd | 'unknown', number>> = {};
  for (const r of replays) ends[r.end ?? 'unknown'] = (ends[r.end ?? 'unknown'] ?? 0) + 1;
  const costUsd = replays.reduce((a, r) => a + r.cost, 0);
  return {
    agent,
    ...(game === undefined ? {} : { game }),
    episodes: replays.length,
    levelsSolved: solved.length,
    levels: replays.reduce((a, r) => a + r.score.levels.length, 0),
    wins: replays.filter((r) => r.score.state === 'WIN').length,
    rhae: mean(replays.map((r) => r.score.totals.rhae)),
    actionsPerSolvedLevel: solved.length === 0 ? null : mean(solved),
    pi: mean(replays.map((r) => r.score.totals.pi)),
    ends,
    costUsd,
    costPerSolvedLevel: solved.length === 0 || costUsd === 0 ? null : costUsd / solved.length,
  };
}

function groupBy(replays: readonly ScoredReplay[], key: (r: ScoredReplay) => string): Map<string, ScoredReplay[]> {
  const groups = new Map<string, ScoredReplay[]>();
  for (const r of replays) {
    const k = key(r);
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [r]);
    else list.push(r);
  }
  return groups;
}

/** One row per agent (best mean RHAE first); with `perGame`, one per agent and game after them. */
export function leaderboardRows(replays: readonly ScoredReplay[], perGame = false): LeaderboardRow[] {
  const agents = [...groupBy(replays, (r) => r.score.player.name)].map(([agent, list]) => row(agent, undefined, list));
  agents.sort((a, b) => b.rhae - a.rhae || a.agent.localeCompare(b.agent));
  if (!perGame) return agents;
  const games: LeaderboardRow[] = [];
  for (const a of agents) {
    const mine = replays.filter((r) => r.score.player.name === a.agent);
    for (const [game, list] of [...groupBy(mine, (r) => r.score.game_id.split('-')[0]!)].sort(([x], [y]) => x.localeCompare(y))) games.push(row(a.agent, game, list));
  }
  return [...agents, ...games];
}

const END_ORDER: readonly (EpisodeEnd | 'unknown')[] = ['win', 'budget', 'done', 'error', 'stopped', 'unknown'];

function fmt(x: number | null, digits: number): string {
  return x === null ? '-' : x.toFixed(digits);
}

/** The report's dollars with a sign; nothing spent shows as '-'. */
function money(x: number | null): string {
  return x === null || x === 0 ? '-' : `$${dollars(x)}`;
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: readonly string[]): string => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(head), ...rows.map(line)].join('\n');
}

/** The leaderboard as text: the baseline line, then per agent (and, with `verbose`, per agent and game). */
export function renderLeaderboard(replays: readonly ScoredReplay[], options: { verbose?: boolean } = {}): string {
  if (replays.length === 0) return 'leaderboard: no finished episodes yet';
  const head = ['agent', 'game', 'episodes', 'levels solved', 'wins', 'RHAE', 'actions/solved level', 'PI', 'ends', 'cost', 'cost/level solved'];
  const cells = (r: LeaderboardRow): string[] => [
    r.agent,
    r.game ?? 'all',
    String(r.episodes),
    `${r.levelsSolved}/${r.levels}`,
    String(r.wins),
    fmt(r.rhae, 1),
    fmt(r.actionsPerSolvedLevel, 1),
    fmt(r.pi, 2),
    END_ORDER.filter((e) => (r.ends[e] ?? 0) > 0).map((e) => `${e} ${r.ends[e]}`).join(', '),
    money(r.costUsd),
    money(r.costPerSolvedLevel),
  ];
  const rows = leaderboardRows(replays, options.verbose === true);
  return [`leaderboard (${replays.length} episodes; ${baselineLine(replays)})`, table(head, rows.map(cells))].join('\n');
}
