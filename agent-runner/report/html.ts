/**
 * The HTML report of `tabula score --html`: one self-contained file (inline CSS and SVG, no script
 * from elsewhere, no network) that a person can read at a glance: per replay, efficiency per level
 * against the baseline, the novelty curve, the HAL survival curve against the human reference,
 * label shares per level and a timeline strip; per game and per player, the summaries. Built as a
 * string from plain score JSON, so the same scores give the same bytes.
 */
import { LABELS, type Label, type ReplayScore, type SuiteSummary, type WindowKind } from '../../core/index.ts';
import { dollars, hasCost } from './markdown.ts';

export interface ReportEntry {
  readonly file: string;
  readonly score: ReplayScore;
}

const LABEL_COLOURS: Record<Label, string> = {
  PROGRESS: '#2e9e44',
  DISCOVERY: '#1e93ff',
  PROBE: '#88d8f1',
  RETRACE: '#c9c9c9',
  RESET: '#a356d6',
  PERSEVERATION: '#f93c31',
  DEAD_ACT: '#921231',
};
const WINDOW_COLOURS: Record<WindowKind, string> = { EXPLORE: '#1e93ff', TRAVEL: '#c9c9c9', PERSEVERATE: '#f93c31', FLAIL: '#ff851b' };

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function fmt(x: number | null, digits = 2): string {
  return x === null ? '–' : Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

/** Bars per level: actions used (n) against the baseline b, the optimum n* as a tick. */
function efficiencyChart(score: ReplayScore): string {
  const levels = score.levels;
  const w = 560;
  const h = 180;
  const pad = { l: 36, r: 8, t: 12, b: 30 };
  const max = Math.max(1, ...levels.map((l) => Math.max(l.actions, l.baseline, l.optimal ?? 0)));
  const slot = (w - pad.l - pad.r) / Math.max(1, levels.length);
  const y = (v: number) => pad.t + (h - pad.t - pad.b) * (1 - v / max);
  let svg = `<svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="actions per level against the baseline">`;
  svg += `<line x1="${pad.l}" y1="${y(0)}" x2="${w - pad.r}" y2="${y(0)}" class="axis"/>`;
  svg += `<text x="4" y="${y(max) + 4}" class="tick">${max}</text><text x="4" y="${y(0)}" class="tick">0</text>`;
  levels.forEach((l, i) => {
    const x = pad.l + i * slot + slot * 0.15;
    const bw = slot * 0.32;
    const fill = !l.completed ? '#bbbbbb' : l.actions <= l.baseline ? '#2e9e44' : l.actions <= 2 * l.baseline ? '#ffdc00' : '#f93c31';
    svg += `<rect x="${x}" y="${y(l.actions)}" width="${bw}" height="${y(0) - y(l.actions)}" fill="${fill}"><title>level ${l.level}: ${l.actions} actions${l.completed ? '' : ' (not completed)'}</title></rect>`;
    svg += `<rect x="${x + bw + 2}" y="${y(l.baseline)}" width="${bw}" height="${y(0) - y(l.baseline)}" fill="#666666"><title>level ${l.level}: baseline ${l.baseline}</title></rect>`;
    if (l.optimal !== null) svg += `<line x1="${x - 2}" x2="${x + 2 * bw + 4}" y1="${y(l.optimal)}" y2="${y(l.optimal)}" stroke="#000" stroke-dasharray="3 2"><title>optimal ${l.optimal}</title></line>`;
    svg += `<text x="${x + bw}" y="${h - 14}" class="tick" text-anchor="middle">L${l.level}</text>`;
    svg += `<text x="${x + bw}" y="${h - 2}" class="tick" text-anchor="middle">${fmt(l.rhae)}</text>`;
  });
  return `${svg}</svg>`;
}

/** Cumulative new states (DISCOVERY) against actions: a flat stretch is a drought of novelty. */
function noveltyChart(score: ReplayScore): string {
  const w = 560;
  const h = 140;
  const pad = { l: 36, r: 8, t: 10, b: 18 };
  const labels = score.labels ?? [];
  if (labels.length === 0) return '<p class="note">no per-step labels in these scores</p>';
  const points = 300;
  const every = Math.max(1, Math.ceil(labels.length / points));
  const coords: string[] = [];
  let found = 0;
  let total = 0;
  for (const l of labels) if (l === 'DISCOVERY' || l === 'PROGRESS') total++;
  const max = Math.max(1, total);
  const x = (i: number) => pad.l + ((w - pad.l - pad.r) * i) / Math.max(1, labels.length);
  const y = (v: number) => pad.t + (h - pad.t - pad.b) * (1 - v / max);
  coords.push(`${x(0)},${y(0)}`);
  labels.forEach((l, i) => {
    if (l === 'DISCOVERY' || l === 'PROGRESS') found++;
    if ((i + 1) % every === 0 || i === labels.length - 1) coords.push(`${x(i + 1).toFixed(1)},${y(found).toFixed(1)}`);
  });
  return `<svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="novelty curve">` +
    `<line x1="${pad.l}" y1="${y(0)}" x2="${w - pad.r}" y2="${y(0)}" class="axis"/>` +
    `<text x="4" y="${y(max) + 4}" class="tick">${max}</text><text x="4" y="${y(0)}" class="tick">0</text>` +
    `<text x="${w - pad.r}" y="${h - 4}" class="tick" text-anchor="end">${labels.length} actions</text>` +
    `<polyline points="${coords.join(' ')}" fill="none" stroke="#1e93ff" stroke-width="2"/></svg>`;
}

/** Kaplan-Meier S(h): the share of perseveration episodes still going after h wasted steps. */
function survivalChart(score: ReplayScore): string {
  const w = 280;
  const h = 140;
  const pad = { l: 30, r: 8, t: 10, b: 18 };
  const curve = score.totals.survival;
  const taus = score.levels.map((l) => l.tau);
  const tau = Math.max(...taus, 1);
  const maxH = Math.max(tau + 1, score.totals.hal_max, ...curve.map(([hh]) => hh), 2);
  const x = (v: number) => pad.l + ((w - pad.l - pad.r) * v) / maxH;
  const y = (v: number) => pad.t + (h - pad.t - pad.b) * (1 - v);
  let path = `M${x(0)},${y(1)}`;
  for (const [hh, s] of curve) path += ` H${x(hh).toFixed(1)} V${y(s).toFixed(1)}`;
  path += ` H${x(maxH)}`;
  const human = score.baseline.tau === 'human';
  return `<svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="HAL survival">` +
    `<line x1="${pad.l}" y1="${y(0)}" x2="${w - pad.r}" y2="${y(0)}" class="axis"/><line x1="${pad.l}" y1="${y(0)}" x2="${pad.l}" y2="${y(1)}" class="axis"/>` +
    `<text x="4" y="${y(1) + 4}" class="tick">1</text><text x="4" y="${y(0)}" class="tick">0</text>` +
    `<text x="${w - pad.r}" y="${h - 4}" class="tick" text-anchor="end">HAL ${maxH}</text>` +
    `<line x1="${x(tau)}" x2="${x(tau)}" y1="${y(0)}" y2="${y(1)}" stroke="#2e9e44" stroke-dasharray="4 3"><title>${human ? 'human HAL reference' : 'tau = 1 (no human HAL yet)'}</title></line>` +
    `<text x="${x(tau) + 3}" y="${y(1) + 10}" class="tick" fill="#2e9e44">${human ? 'humans' : 'tau=1'}</text>` +
    `<path d="${path}" fill="none" stroke="#f93c31" stroke-width="2"/>` +
    (score.totals.episodes === 0 ? `<text x="${pad.l + 8}" y="${y(0.5)}" class="tick">no perseveration episodes</text>` : '') +
    '</svg>';
}

/** Per level, a bar split by where the actions went. */
function labelBars(score: ReplayScore): string {
  const w = 560;
  const row = 16;
  const levels = score.levels.filter((l) => l.actions_all > 0);
  const h = Math.max(1, levels.length) * (row + 4) + 4;
  let svg = `<svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="label shares per level">`;
  levels.forEach((l, i) => {
    const y0 = 4 + i * (row + 4);
    svg += `<text x="0" y="${y0 + 12}" class="tick">L${l.level}</text>`;
    let x0 = 32;
    for (const name of LABELS) {
      const share = l.label_shares[name];
      if (share <= 0) continue;
      const bw = (w - 40) * share;
      svg += `<rect x="${x0.toFixed(1)}" y="${y0}" width="${bw.toFixed(1)}" height="${row}" fill="${LABEL_COLOURS[name]}"><title>level ${l.level}: ${name} ${l.labels[name]} (${(share * 100).toFixed(1)}%)</title></rect>`;
      x0 += bw;
    }
  });
  return `${svg}</svg>`;
}

function timelineStrip(score: ReplayScore): string {
  const w = 560;
  const h = 18;
  const n = Math.max(1, score.timeline.length);
  let svg = `<svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" preserveAspectRatio="none" role="img" aria-label="timeline">`;
  score.timeline.forEach((win, i) => {
    svg += `<rect x="${((w * i) / n).toFixed(2)}" y="0" width="${(w / n + 0.3).toFixed(2)}" height="${h}" fill="${WINDOW_COLOURS[win.kind]}"><title>t ${win.t}-${win.t + win.steps - 1}: ${win.kind}</title></rect>`;
  });
  return `${svg}</svg>`;
}

function legend(): string {
  const labels = LABELS.map((l) => `<span><i style="background:${LABEL_COLOURS[l]}"></i>${l}</span>`).join('');
  const windows = (Object.keys(WINDOW_COLOURS) as WindowKind[]).map((k) => `<span><i style="background:${WINDOW_COLOURS[k]}"></i>${k}</span>`).join('');
  return `<div class="legend">${labels}</div><div class="legend">timeline: ${windows}</div>`;
}

/** `cost`: add what the group's replays with usage cost, in total and per level solved. */
function summaryTable(title: string, rows: SuiteSummary['games'], cost: boolean): string {
  const costCells = (r: SuiteSummary['games'][number]) => (cost ? `<td>${dollars(r.usage?.cost_usd)}</td><td>${dollars(r.usage?.cost_per_level_solved)}</td>` : '');
  const body = rows.map((r) => `<tr><td>${esc(r.id)}</td><td>${r.replays}</td><td>${fmt(r.rhae, 1)}</td><td>${fmt(r.levels_completed, 1)}</td><td>${fmt(r.pi)}</td><td>${fmt(r.has)}</td><td>${r.hal_max}</td><td>${fmt(r.wasted_share)}</td>${costCells(r)}</tr>`).join('');
  const costHead = cost ? '<th title="dollars spent by replays that recorded usage">cost $</th><th title="what one completed level cost">$ / level solved</th>' : '';
  return `<h2>${title}</h2><table><tr><th></th><th>replays</th><th>RHAE</th><th>levels</th><th>PI</th><th>HAS</th><th>max HAL</th><th>wasted</th>${costHead}</tr>${body}</table>`;
}

function replaySection(entry: ReportEntry, index: number): string {
  const s = entry.score;
  const t = s.totals;
  const stat = (name: string, value: string, hint: string) => `<div class="stat" title="${esc(hint)}"><b>${value}</b><span>${name}</span></div>`;
  return `<section id="replay-${index + 1}"><h3>${esc(s.player.kind)} ${esc(s.player.name)} · ${esc(s.game_id)} · ${s.steps} actions</h3>` +
    `<p class="file">${esc(entry.file)} · ${s.state} · ${s.levels_completed} levels · ${s.verified}${s.truncated_at_line === null ? '' : ` · truncated at line ${s.truncated_at_line}`}</p>` +
    `<div class="stats">${stat('RHAE', fmt(t.rhae, 1), 'action efficiency against the baseline, 0-100')}${stat('PI', fmt(t.pi), 'Perseveration Index: wasted or futile share of actions')}` +
    `${stat('HAS', fmt(t.has), 'hypothesis-abandonment score, 1 = drops failing ideas as fast as people')}${stat('median HAL', fmt(t.hal_km_median), 'Kaplan-Meier median episode length')}` +
    `${stat('max HAL', String(t.hal_max), 'longest run of wasted steps')}${stat('lose-shift', fmt(t.lose_shift), 'P(next action differs | this one did nothing)')}` +
    `${stat('futile', String(t.futile_attempts), 'attempts that died or were abandoned without learning anything')}` +
    (s.usage === undefined ? '' : `${stat('cost $', dollars(s.usage.cost_usd), `${s.usage.input_tokens} input and ${s.usage.output_tokens} output tokens`)}${stat('$ / level', dollars(s.usage.cost_per_level_solved), 'cost per level solved')}`) +
    '</div>' +
    `<div class="row"><figure><figcaption>actions per level (colour) vs baseline (grey), optimum dashed; RHAE level score below</figcaption>${efficiencyChart(s)}</figure>` +
    `<figure><figcaption>HAL survival S(h) vs ${s.baseline.tau === 'human' ? 'the human reference' : 'tau = 1 (no human HAL yet)'}</figcaption>${survivalChart(s)}</figure></div>` +
    `<figure><figcaption>novelty: new states found, against actions</figcaption>${noveltyChart(s)}</figure>` +
    `<figure><figcaption>where the actions went, per level</figcaption>${labelBars(s)}</figure>` +
    `<figure><figcaption>timeline, one block per 16 actions</figcaption>${timelineStrip(s)}</figure></section>`;
}

const CSS = `body{font:14px/1.4 system-ui,sans-serif;margin:24px auto;max-width:920px;color:#222;background:#fafafa}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}h3{font-size:15px;margin:0 0 2px}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:14px;margin:16px 0}
table{border-collapse:collapse;background:#fff}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
.stats{display:flex;gap:10px;flex-wrap:wrap;margin:8px 0}.stat{border:1px solid #e3e3e3;border-radius:4px;padding:4px 10px;min-width:64px;text-align:center}
.stat b{display:block;font-size:18px}.stat span{font-size:11px;color:#666}.row{display:flex;gap:16px;flex-wrap:wrap}
figure{margin:8px 0}figcaption{font-size:12px;color:#555}.axis{stroke:#999}.tick{font-size:10px;fill:#555}
.legend{font-size:12px;margin:4px 0}.legend span{margin-right:10px;white-space:nowrap}.legend i{display:inline-block;width:10px;height:10px;margin-right:3px;vertical-align:middle}
.file,.note{font-size:12px;color:#666;margin:0}.baseline{font-weight:600}`;

export function renderHtmlReport(entries: readonly ReportEntry[], summary: SuiteSummary): string {
  const kinds = [...new Set(entries.map((e) => `${e.score.baseline.kind} (version ${e.score.baseline.version})`))].sort();
  const baseline = kinds.length === 0 ? 'none' : kinds.join(', ');
  const metric = [...new Set(entries.map((e) => e.score.metricVersion))].join(', ');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tabula score report</title><style>${CSS}</style></head><body data-ready="1">` +
    `<h1>Tabula score report</h1><p class="baseline">baseline: ${esc(baseline)} · metricVersion ${metric} · ${entries.length} replay${entries.length === 1 ? '' : 's'}</p>` +
    `<p>Suite RHAE <b>${fmt(summary.suite.rhae, 1)}</b> (mean over games) · IQM ${fmt(summary.suite.rhae_iqm, 1)} [95% ${fmt(summary.suite.rhae_iqm_ci95[0], 1)}–${fmt(summary.suite.rhae_iqm_ci95[1], 1)}]</p>` +
    legend() + summaryTable('Per game', summary.games, hasCost(entries)) + summaryTable('Per player', summary.players, hasCost(entries)) +
    `<h2>Replays</h2>${entries.map(replaySection).join('')}</body></html>\n`;
}
