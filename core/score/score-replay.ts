/**
 * scoreReplay: a replay in, both families of metrics out (SCORING.md), as plain JSON whose bytes
 * depend only on the replay, the game and the baseline. One pass: every step is re-simulated
 * through a Session (each hash checked) and folded (fold.ts); the per-level tallies then become
 * efficiency (RHAE and friends) and hypothesis-abandonment numbers.
 *
 * The viewer calls this in the browser; the CLI calls it over files. Keep it pure.
 */
import { checkReplayGame, replayAct, type RejectedLine, type ReplayGame, type ReplayHeader, type ReplayStep } from '../replay.ts';
import type { Grid } from '../grid.ts';
import { createSession } from '../session.ts';
import { ViewObjects } from './click-object.ts';
import { LABELS, ScoreFold, type DistanceTable, type Episode, type Label, type LevelTally, type TimelineWindow } from './fold.ts';
import { bestRun, gameScore } from './rhae.ts';
import { entropyBits, kaplanMeier, maybe, round6, type HalHistogram } from './stats.ts';
import { UsageTally, type ReplayUsage } from './usage.ts';

/**
 * Bump whenever any metric's definition or the JSON's shape changes: golden files are pinned to it.
 * 1: first. 2: rejection_rate added.
 */
export const METRIC_VERSION = 2;

export interface ScoreBaseline {
  /** Per level b (human where people played, else the optimum). */
  readonly actions: readonly number[];
  /** 'human' | 'optimal' | 'mixed' (envs/baselines.ts), or 'none' for a foreign recording. */
  readonly kind: string;
  readonly version: string;
  /** Per level, the upper-median human HAL (HAS's tau), where known. */
  readonly hal?: readonly (number | undefined)[];
}

export interface ScoreOptions {
  readonly baseline: ScoreBaseline;
  /** Per 0-based level, the solver's distance table: enables progress drought. */
  readonly distance?: readonly (DistanceTable | undefined)[];
  /** Per level, the solver's optimal count n*. */
  readonly optimal?: readonly number[];
  /** Per level, the median actions of a random agent over >= 100 seeds (random-normalised HN). */
  readonly random?: readonly (number | null)[];
  /** One label per step in the result (default true; the viewer colours its scrubber with them). */
  readonly labels?: boolean;
  /**
   * The 16-action timeline (default true). With labels and timeline off, memory is bounded by the
   * levels' distinct states and (state, action) pairs, whatever the replay's length.
   */
  readonly timeline?: boolean;
  /** ARC's official cut: a level taking more than cut x b scores 0 (default: no cut). */
  readonly cut?: number;
}

export interface ScoreInput {
  readonly header: ReplayHeader;
  /**
   * The step lines in order. Rejected lines may be passed among them (the scorer counts what a
   * refused answer cost, on the level being played); they are not counted here: see `rejected`.
   */
  readonly steps: Iterable<ReplayStep | RejectedLine>;
  /** Refused requests logged in the file. */
  readonly rejected?: readonly unknown[] | number;
  /** Set when the file's last line was cut off. */
  readonly truncated?: { readonly line: number };
}

export type LabelCounts = Record<Label, number>;

export interface EpisodeSummary {
  readonly count: number;
  readonly censored: number;
  /** Kaplan-Meier median HAL; null when fewer than half the episodes are seen to end. */
  readonly km_median_hal: number | null;
  /** Longest episode, censored ones included (as lower bounds). */
  readonly max_hal: number;
  /** [h, S(h)]: the share of episodes still going after h wasted steps. */
  readonly survival: readonly (readonly [number, number])[];
  /** Episodes per motif: "1".."8" the period, "aperiodic" otherwise. */
  readonly motifs: Record<string, number>;
  /** Entropy in bits of the actions inside episodes (low: one idea hammered; high: flailing). */
  readonly entropy: number | null;
}

export interface LevelScore extends EpisodeSummary {
  /** 1-based level number. */
  readonly level: number;
  /** n: actions on the level in the best run (RESETs included). */
  readonly actions: number;
  /** Actions issued on the level over the whole replay (every run). */
  readonly actions_all: number;
  readonly baseline: number;
  readonly optimal: number | null;
  /** Completed in the best run. */
  readonly completed: boolean;
  /** RHAE level score s_l = c * min(1.15, (b/n)^2). */
  readonly rhae: number;
  readonly linear: number;
  /** log2(n/b); null when the level was not completed (censored). */
  readonly log2_ratio: number | null;
  readonly optimal_ratio: number | null;
  readonly excess: number | null;
  readonly random_normalised: number | null;
  /** Actions on the level up to and including its first completion. */
  readonly first_progress: number | null;
  readonly labels: LabelCounts;
  readonly label_shares: LabelCounts;
  readonly informative: number;
  readonly wasted: number;
  readonly episode_list: readonly Episode[];
  readonly attempts: number;
  readonly futile_attempts: number;
  readonly futile_actions: number;
  /** P(next action differs | this action changed nothing); null without no-ops. */
  readonly lose_shift: number | null;
  /** Perseveration Index: (wasted U futile-attempt steps) / actions. */
  readonly pi: number;
  readonly has: number;
  readonly tau: number;
  readonly drought: number | null;
}

export interface ReplayScore {
  readonly metricVersion: number;
  readonly game_id: string;
  readonly seed: number | null;
  readonly player: { readonly kind: string; readonly name: string };
  readonly baseline: { readonly kind: string; readonly version: string; readonly tau: 'human' | 'tau = 1 (no human HAL yet)' };
  /** 'state-hashes': re-simulated through the engine; 'frame-hashes': an imported recording. */
  readonly verified: 'state-hashes' | 'frame-hashes';
  readonly steps: number;
  readonly rejected: number;
  /** Rejected requests over all requests (rejected + accepted steps). */
  readonly rejection_rate: number;
  readonly truncated_at_line: number | null;
  readonly state: string;
  readonly levels_completed: number;
  readonly runs: number;
  readonly best_run: number;
  readonly totals: {
    /** RHAE game score of the best run, 0-100. */
    readonly rhae: number;
    readonly pi: number;
    readonly has: number;
    readonly hal_km_median: number | null;
    readonly hal_max: number;
    readonly lose_shift: number | null;
    readonly entropy: number | null;
    readonly wasted: number;
    readonly informative: number;
    readonly episodes: number;
    readonly censored: number;
    readonly futile_attempts: number;
    readonly futile_actions: number;
    readonly first_progress: number | null;
    readonly labels: LabelCounts;
    readonly label_shares: LabelCounts;
    readonly survival: readonly (readonly [number, number])[];
  };
  readonly levels: readonly LevelScore[];
  /** One window per 16 actions. */
  readonly timeline: readonly TimelineWindow[];
  /** One label per step; present unless options.labels is false. */
  readonly labels?: readonly Label[];
  /** Tokens and dollars, only when at least one step carried `usage` (LLM agents record it). */
  readonly usage?: ReplayUsage;
}

/**
 * Scores a Tabula replay, re-simulating every step (a ReplayError names the first step that does
 * not match). Steps stream: pass a reader's iterator for a replay of any length.
 */
export function scoreReplay(input: ScoreInput, entry: ReplayGame, options: ScoreOptions): ReplayScore {
  checkReplayGame(input.header, entry);
  // Hashes are all re-simulation needs: frames are drawn only for a click's pre-frame.
  const session = createSession(entry.game, { seed: input.header.seed, frames: false });
  const fold = new ScoreFold(session.hash, { labels: options.labels, distance: options.distance, timeline: options.timeline });
  // A click's object is found on the view (the frame is that view scaled): no frame is drawn.
  const objects = new ViewObjects();
  let viewed: unknown;
  let view: Grid | undefined;
  const usage = new UsageTally();
  for (const step of input.steps) {
    if ('rejected' in step) {
      if (step.usage !== undefined) usage.addRefused(session.level, step.usage);
      continue;
    }
    let object: number | undefined;
    if (step.action === 'ACTION6') {
      if (view === undefined || viewed !== session.state) view = entry.game.view((viewed = session.state));
      object = objects.at(view, entry.game.letterbox, step.x!, step.y!);
    }
    replayAct(session, step);
    fold.add(step, object);
    if (step.usage !== undefined) usage.add(step.level, step.usage);
  }
  fold.finish();
  return assembleScore(fold, {
    game_id: input.header.game_id,
    seed: input.header.seed,
    player: { kind: input.header.player.kind, name: input.header.player.name },
    verified: 'state-hashes',
    levelCount: session.levels.length,
    rejected: typeof input.rejected === 'number' ? input.rejected : (input.rejected?.length ?? 0),
    truncated: input.truncated?.line ?? null,
    usage,
  }, options);
}

export interface ScoreMeta {
  readonly game_id: string;
  readonly seed: number | null;
  readonly player: { readonly kind: string; readonly name: string };
  readonly verified: 'state-hashes' | 'frame-hashes';
  readonly levelCount: number;
  readonly rejected: number;
  readonly truncated: number | null;
  /** The steps' usage, if the replay's steps can carry it. */
  readonly usage?: UsageTally;
}

function labelCounts(counts: readonly number[], total: number, share: boolean): LabelCounts {
  const out = {} as Record<Label, number>;
  for (const [i, name] of LABELS.entries()) out[name] = share ? (total === 0 ? 0 : round6(counts[i]! / total)) : counts[i]!;
  return out;
}

function motifCounts(motifs: ReadonlyMap<number, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of [...motifs.keys()].sort((a, b) => (a === 0 ? 99 : a) - (b === 0 ? 99 : b))) out[p === 0 ? 'aperiodic' : String(p)] = motifs.get(p)!;
  return out;
}

/** HAS contributions: per episode min(1, tau/HAL), censored ones 0. */
function hasSum(hal: HalHistogram, tau: number): number {
  let sum = 0;
  for (const [h, bin] of hal) sum += bin.ended * Math.min(1, tau / h);
  return sum;
}

/** Turns the fold's tallies into the score JSON (shared with imported recordings). */
export function assembleScore(fold: ScoreFold, meta: ScoreMeta, options: ScoreOptions): ReplayScore {
  const levelCount = Math.max(meta.levelCount, options.baseline.actions.length);
  const b = options.baseline.actions;
  const best = bestRun(fold.tallies.runs, b, options.cut ?? Infinity);
  const run = fold.tallies.runs[best.run]!;
  const humanTau = options.baseline.hal !== undefined && options.baseline.hal.some((h) => h !== undefined);
  const levels: LevelScore[] = [];
  const allLabels = LABELS.map(() => 0);
  const allHal: HalHistogram = new Map();
  const allActions = new Map<number, number>();
  const total = { wasted: 0, informative: 0, episodes: 0, censored: 0, futile: 0, futileActions: 0, futileUnwasted: 0, noOps: 0, shifts: 0, has: 0, halMax: 0 };
  let firstProgress: number | null = null;
  for (let l = 0; l < levelCount; l++) {
    const t: LevelTally = fold.tally(l);
    const n = best.levelActions[l] ?? 0;
    const baseline = b[l] ?? 0;
    const optimal = options.optimal?.[l] ?? null;
    const random = options.random?.[l] ?? null;
    const completed = l < run.levelsCompleted;
    const tau = Math.max(1, options.baseline.hal?.[l] ?? 1);
    const km = kaplanMeier(t.hal);
    const has = t.episodes === 0 ? 1 : hasSum(t.hal, tau) / t.episodes;
    for (const [i, c] of t.labels.entries()) allLabels[i]! += c;
    for (const [h, bin] of t.hal) {
      const into = allHal.get(h) ?? { ended: 0, censored: 0 };
      into.ended += bin.ended;
      into.censored += bin.censored;
      allHal.set(h, into);
    }
    for (const [k, c] of t.episodeActions) allActions.set(k, (allActions.get(k) ?? 0) + c);
    total.wasted += t.wasted;
    total.informative += t.informative;
    total.episodes += t.episodes;
    total.censored += t.censored;
    total.futile += t.futile;
    total.futileActions += t.futileActions;
    total.futileUnwasted += t.futileUnwasted;
    total.noOps += t.noOps;
    total.shifts += t.shifts;
    total.has += t.episodes === 0 ? 0 : hasSum(t.hal, tau);
    total.halMax = Math.max(total.halMax, t.halMax);
    if (firstProgress === null && t.firstProgress !== null && l === 0) firstProgress = t.firstProgress;
    levels.push({
      level: l + 1,
      actions: n,
      actions_all: t.actions,
      baseline,
      optimal,
      completed,
      rhae: round6(best.levelScores[l] ?? 0),
      linear: completed && n > 0 ? round6(Math.min(1, baseline / n)) : 0,
      log2_ratio: completed && n > 0 && baseline > 0 ? maybe(Math.log2(n / baseline)) : null,
      optimal_ratio: completed && n > 0 && optimal !== null ? maybe(optimal / n) : null,
      excess: completed && optimal !== null ? n - optimal : null,
      random_normalised: completed && random !== null && n > 0 && random !== baseline ? maybe((Math.log(random) - Math.log(n)) / (Math.log(random) - Math.log(baseline))) : null,
      first_progress: t.firstProgress,
      labels: labelCounts(t.labels, t.actions, false),
      label_shares: labelCounts(t.labels, t.actions, true),
      informative: t.informative,
      wasted: t.wasted,
      count: t.episodes,
      censored: t.censored,
      km_median_hal: km.median,
      max_hal: t.halMax,
      survival: km.curve,
      motifs: motifCounts(t.motifs),
      entropy: t.episodes === 0 ? null : maybe(entropyBits(t.episodeActions.values())),
      episode_list: t.listed.map((e) => ({ t: e.t, hal: e.hal, censored: e.censored, motif: e.motif, entropy: round6(e.entropy) })),
      attempts: t.attempts,
      futile_attempts: t.futile,
      futile_actions: t.futileActions,
      lose_shift: t.noOps === 0 ? null : round6(t.shifts / t.noOps),
      pi: t.actions === 0 ? 0 : round6(Math.min(1, (t.wasted + t.futileUnwasted) / t.actions)),
      has: round6(has),
      tau,
      drought: t.drought,
    });
  }
  const km = kaplanMeier(allHal);
  const steps = fold.steps;
  const usage = meta.usage?.result(levelCount, run.levelsCompleted);
  return {
    metricVersion: METRIC_VERSION,
    game_id: meta.game_id,
    seed: meta.seed,
    player: meta.player,
    baseline: { kind: options.baseline.kind, version: options.baseline.version, tau: humanTau ? 'human' : 'tau = 1 (no human HAL yet)' },
    verified: meta.verified,
    steps,
    rejected: meta.rejected,
    rejection_rate: meta.rejected + steps === 0 ? 0 : round6(meta.rejected / (meta.rejected + steps)),
    truncated_at_line: meta.truncated,
    state: fold.tallies.runs[fold.tallies.runs.length - 1]!.state,
    levels_completed: run.levelsCompleted,
    runs: fold.tallies.runs.length,
    best_run: best.run + 1,
    totals: {
      rhae: round6(100 * gameScore(best.levelScores, levelCount, run.levelsCompleted)),
      pi: steps === 0 ? 0 : round6(Math.min(1, (total.wasted + total.futileUnwasted) / steps)),
      has: total.episodes === 0 ? 1 : round6(total.has / total.episodes),
      hal_km_median: km.median,
      hal_max: total.halMax,
      lose_shift: total.noOps === 0 ? null : round6(total.shifts / total.noOps),
      entropy: total.episodes === 0 ? null : maybe(entropyBits(allActions.values())),
      wasted: total.wasted,
      informative: total.informative,
      episodes: total.episodes,
      censored: total.censored,
      futile_attempts: total.futile,
      futile_actions: total.futileActions,
      first_progress: firstProgress,
      labels: labelCounts(allLabels, steps, false),
      label_shares: labelCounts(allLabels, steps, true),
      survival: km.curve,
    },
    levels,
    timeline: fold.timeline,
    ...(fold.labels === undefined ? {} : { labels: fold.labels }),
    ...(usage === undefined ? {} : { usage }),
  };
}
