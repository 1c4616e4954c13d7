/**
 * The replay's metrics beside the baseline (SCORING.md): per level actions n against b (human or
 * optimal, and which), the optimum n*, RHAE, PI, longest HAL and futile attempts; then the totals.
 * It only formats what core's scoreReplay computed.
 */
import type { ReplayScore } from '../../core/index.ts';
import { h } from './dom.ts';

const fixed = (v: number | null, digits = 2): string => (v === null ? '–' : v.toFixed(digits));

export function metricsPanel(score: ReplayScore, baselineKinds: readonly string[]): HTMLElement {
  const t = score.totals;
  const rows = score.levels
    .filter((l) => l.actions_all > 0)
    .map((l) =>
      h(
        'tr',
        {},
        h('td', {}, String(l.level)),
        h('td', {}, String(l.actions)),
        h('td', {}, `${l.baseline} ${baselineKinds[l.level - 1] === 'human' ? 'h' : 'opt'}`),
        h('td', {}, l.optimal === null ? '–' : String(l.optimal)),
        h('td', {}, l.completed ? '✓' : '·'),
        h('td', {}, fixed(l.rhae)),
        h('td', {}, fixed(l.pi)),
        h('td', {}, `${l.max_hal}${l.censored > 0 ? '+' : ''}`),
        h('td', {}, String(l.futile_attempts)),
      ),
    );
  return h(
    'section',
    { class: 'metrics', id: 'metrics' },
    h('h2', {}, 'Metrics'),
    h(
      'dl',
      { class: 'totals' },
      h('dt', {}, 'RHAE'), h('dd', {}, fixed(t.rhae, 1)),
      h('dt', {}, 'PI'), h('dd', {}, fixed(t.pi)),
      h('dt', {}, 'HAS'), h('dd', {}, fixed(t.has)),
      h('dt', {}, 'HAL median'), h('dd', {}, fixed(t.hal_km_median, 1)),
      h('dt', {}, 'HAL max'), h('dd', {}, String(t.hal_max)),
      h('dt', {}, 'Futile attempts'), h('dd', {}, `${t.futile_attempts} (${t.futile_actions} actions)`),
      h('dt', {}, 'Wasted'), h('dd', {}, `${t.wasted} of ${score.steps}`),
    ),
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, ...['lvl', 'n', 'b', 'n*', 'done', 'RHAE', 'PI', 'HAL', 'futile'].map((c) => h('th', {}, c)))),
      h('tbody', {}, ...rows),
    ),
    h('p', { class: 'fine' }, `baseline ${score.baseline.kind} (${score.baseline.version}); ${score.baseline.tau}; metrics v${score.metricVersion}`),
  );
}
