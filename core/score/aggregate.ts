/**
 * Aggregation (SCORING.md "Aggregation"): replay scores grouped per game and per player, and the
 * suite: the mean over games (the ARC-style headline) plus the interquartile mean over every replay
 * with a 95% bootstrap interval. The bootstrap draws from a fixed seed, so the same scores always
 * give the same bytes.
 */
import { createRng } from '../rng.ts';
import type { ReplayScore } from './score-replay.ts';
import { round6 } from './stats.ts';
import { roundCost } from './usage.ts';

export interface GroupSummary {
  /** A game id, or a player as "<kind>:<name>". */
  readonly id: string;
  readonly replays: number;
  /** Means over the group's replays. */
  readonly rhae: number;
  readonly pi: number;
  readonly has: number;
  readonly wasted_share: number;
  readonly levels_completed: number;
  readonly hal_max: number;
  /** Only when some replay of the group carried usage (LLM agents). */
  readonly usage?: GroupUsage;
}

/** What a group's replays with usage cost; replays without usage are left out of every figure. */
export interface GroupUsage {
  readonly replays: number;
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cost_usd: number;
  /** Levels completed, summed over those replays. */
  readonly levels_completed: number;
  /** cost_usd / levels_completed; null when none was completed. */
  readonly cost_per_level_solved: number | null;
}

export interface SuiteSummary {
  readonly games: readonly GroupSummary[];
  readonly players: readonly GroupSummary[];
  readonly suite: {
    /** Mean over games of each game's mean RHAE, 0-100. */
    readonly rhae: number;
    /** Interquartile mean of RHAE over every replay, and its 95% bootstrap interval. */
    readonly rhae_iqm: number;
    readonly rhae_iqm_ci95: readonly [number, number];
  };
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Mean of the middle half (sorted, quarter trimmed off each end; at least one value kept). */
export function iqm(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const cut = Math.floor(sorted.length / 4);
  return mean(sorted.slice(cut, sorted.length - cut));
}

/** 95% percentile bootstrap interval of the IQM, from a fixed seed. */
export function bootstrapIqm(values: readonly number[], resamples = 1000): [number, number] {
  if (values.length === 0) return [0, 0];
  const rng = createRng('tabula-bootstrap');
  const stats: number[] = [];
  const sample = new Array<number>(values.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < values.length; i++) sample[i] = values[rng.int(values.length)]!;
    stats.push(iqm(sample));
  }
  stats.sort((a, b) => a - b);
  return [round6(stats[Math.floor(0.025 * resamples)]!), round6(stats[Math.floor(0.975 * resamples) - 1]!)];
}

function summarise(id: string, scores: readonly ReplayScore[]): GroupSummary {
  return {
    id,
    replays: scores.length,
    rhae: round6(mean(scores.map((s) => s.totals.rhae))),
    pi: round6(mean(scores.map((s) => s.totals.pi))),
    has: round6(mean(scores.map((s) => s.totals.has))),
    wasted_share: round6(mean(scores.map((s) => (s.steps === 0 ? 0 : s.totals.wasted / s.steps)))),
    levels_completed: round6(mean(scores.map((s) => s.levels_completed))),
    hal_max: Math.max(0, ...scores.map((s) => s.totals.hal_max)),
    ...usageOf(scores),
  };
}

function usageOf(scores: readonly ReplayScore[]): { usage?: GroupUsage } {
  const paid = scores.filter((s) => s.usage !== undefined);
  if (paid.length === 0) return {};
  let input = 0;
  let output = 0;
  let cost = 0;
  let levels = 0;
  for (const s of paid) {
    input += s.usage!.input_tokens;
    output += s.usage!.output_tokens;
    cost += s.usage!.cost_usd;
    levels += s.levels_completed;
  }
  return {
    usage: {
      replays: paid.length,
      input_tokens: input,
      output_tokens: output,
      cost_usd: roundCost(cost),
      levels_completed: levels,
      cost_per_level_solved: levels === 0 ? null : roundCost(cost / levels),
    },
  };
}

function groups(scores: readonly ReplayScore[], key: (s: ReplayScore) => string): GroupSummary[] {
  const by = new Map<string, ReplayScore[]>();
  for (const s of scores) {
    const k = key(s);
    const list = by.get(k) ?? [];
    list.push(s);
    by.set(k, list);
  }
  return [...by.keys()].sort().map((k) => summarise(k, by.get(k)!));
}

export function summariseScores(scores: readonly ReplayScore[]): SuiteSummary {
  const games = groups(scores, (s) => s.game_id);
  const players = groups(scores, (s) => `${s.player.kind}:${s.player.name}`);
  const all = scores.map((s) => s.totals.rhae);
  return {
    games,
    players,
    suite: { rhae: round6(mean(games.map((g) => g.rhae))), rhae_iqm: round6(iqm(all)), rhae_iqm_ci95: bootstrapIqm(all) },
  };
}
