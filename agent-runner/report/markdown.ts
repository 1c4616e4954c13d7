/**
 * Plain-text and Markdown tables for `tabula score` (default and --md): one row per replay, then
 * per game and per player, the baseline named at the top as every report must.
 */
import type { ReplayScore, SuiteSummary } from '../../core/index.ts';
import type { ReportEntry } from './html.ts';

function fmt(x: number | null, digits = 2): string {
  return x === null ? '-' : Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

export function baselineLine(entries: readonly ReportEntry[]): string {
  const kinds = [...new Set(entries.map((e) => `${e.score.baseline.kind} (version ${e.score.baseline.version})`))].sort();
  const tau = entries.some((e) => e.score.baseline.tau !== 'human') ? '; HAS tau = 1 where no human HAL exists yet' : '';
  return `baseline: ${kinds.join(', ') || 'none'}${tau}`;
}

function replayRow(e: ReportEntry): string[] {
  const s: ReplayScore = e.score;
  const t = s.totals;
  return [e.file, `${s.player.kind}:${s.player.name}`, s.game_id, String(s.steps), `${s.levels_completed}/${s.levels.length}`, fmt(t.rhae, 1), fmt(t.pi), fmt(t.has),
    fmt(t.hal_km_median), String(t.hal_max), fmt(t.lose_shift), String(t.wasted), String(t.futile_attempts)];
}

const REPLAY_HEAD = ['file', 'player', 'game', 'actions', 'levels', 'RHAE', 'PI', 'HAS', 'KM HAL', 'max HAL', 'lose-shift', 'wasted', 'futile'];
const GROUP_HEAD = ['', 'replays', 'RHAE', 'levels', 'PI', 'HAS', 'max HAL', 'wasted share'];
/** Added to every table when some replay carried usage (LLM agents); '-' where a row has none. */
const COST_HEAD = ['cost $', '$ / level solved'];

/** Dollars: cents from $1 up, four decimals below (a step of a small model costs a fraction of a cent). */
export function dollars(x: number | null | undefined): string {
  return x === null || x === undefined ? '-' : x >= 1 ? x.toFixed(2) : x.toFixed(4);
}

/** Whether the report shows cost columns: only when some replay carried usage. */
export function hasCost(entries: readonly ReportEntry[]): boolean {
  return entries.some((e) => e.score.usage !== undefined);
}

function costCells(usage: { readonly cost_usd: number; readonly cost_per_level_solved: number | null } | undefined): string[] {
  return [dollars(usage?.cost_usd), dollars(usage?.cost_per_level_solved)];
}

function groupRows(groups: SuiteSummary['games'], cost: boolean): string[][] {
  return groups.map((g) => [g.id, String(g.replays), fmt(g.rhae, 1), fmt(g.levels_completed, 1), fmt(g.pi), fmt(g.has), String(g.hal_max), fmt(g.wasted_share),
    ...(cost ? costCells(g.usage) : [])]);
}

function tables(entries: readonly ReportEntry[], summary: SuiteSummary): { replay: [string[], string[][]]; games: [string[], string[][]]; players: [string[], string[][]] } {
  const cost = hasCost(entries);
  const extra = cost ? COST_HEAD : [];
  return {
    replay: [[...REPLAY_HEAD, ...extra], entries.map((e) => [...replayRow(e), ...(cost ? costCells(e.score.usage) : [])])],
    games: [[...GROUP_HEAD, ...extra], groupRows(summary.games, cost)],
    players: [[...GROUP_HEAD, ...extra], groupRows(summary.players, cost)],
  };
}

function markdownTable(head: string[], rows: string[][]): string {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function textTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

export function renderMarkdown(entries: readonly ReportEntry[], summary: SuiteSummary): string {
  const t = tables(entries, summary);
  return [
    '# Tabula scores', '', baselineLine(entries), '',
    `Suite RHAE ${fmt(summary.suite.rhae, 1)} (mean over games); IQM ${fmt(summary.suite.rhae_iqm, 1)} [95% ${fmt(summary.suite.rhae_iqm_ci95[0], 1)}, ${fmt(summary.suite.rhae_iqm_ci95[1], 1)}]`, '',
    '## Replays', '', markdownTable(...t.replay), '',
    '## Per game', '', markdownTable(...t.games), '',
    '## Per player', '', markdownTable(...t.players), '',
  ].join('\n');
}

export function renderText(entries: readonly ReportEntry[], summary: SuiteSummary): string {
  const t = tables(entries, summary);
  return [
    baselineLine(entries),
    `suite RHAE ${fmt(summary.suite.rhae, 1)} (mean over games); IQM ${fmt(summary.suite.rhae_iqm, 1)} [95% ${fmt(summary.suite.rhae_iqm_ci95[0], 1)}, ${fmt(summary.suite.rhae_iqm_ci95[1], 1)}]`, '',
    textTable(...t.replay), '',
    'per game', textTable(...t.games), '',
    'per player', textTable(...t.players),
  ].join('\n');
}
