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

function groupRows(groups: SuiteSummary['games']): string[][] {
  return groups.map((g) => [g.id, String(g.replays), fmt(g.rhae, 1), fmt(g.levels_completed, 1), fmt(g.pi), fmt(g.has), String(g.hal_max), fmt(g.wasted_share)]);
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
  return [
    '# Tabula scores', '', baselineLine(entries), '',
    `Suite RHAE ${fmt(summary.suite.rhae, 1)} (mean over games); IQM ${fmt(summary.suite.rhae_iqm, 1)} [95% ${fmt(summary.suite.rhae_iqm_ci95[0], 1)}, ${fmt(summary.suite.rhae_iqm_ci95[1], 1)}]`, '',
    '## Replays', '', markdownTable(REPLAY_HEAD, entries.map(replayRow)), '',
    '## Per game', '', markdownTable(GROUP_HEAD, groupRows(summary.games)), '',
    '## Per player', '', markdownTable(GROUP_HEAD, groupRows(summary.players)), '',
  ].join('\n');
}

export function renderText(entries: readonly ReportEntry[], summary: SuiteSummary): string {
  return [
    baselineLine(entries),
    `suite RHAE ${fmt(summary.suite.rhae, 1)} (mean over games); IQM ${fmt(summary.suite.rhae_iqm, 1)} [95% ${fmt(summary.suite.rhae_iqm_ci95[0], 1)}, ${fmt(summary.suite.rhae_iqm_ci95[1], 1)}]`, '',
    textTable(REPLAY_HEAD, entries.map(replayRow)), '',
    'per game', textTable(GROUP_HEAD, groupRows(summary.games)), '',
    'per player', textTable(GROUP_HEAD, groupRows(summary.players)),
  ].join('\n');
}
