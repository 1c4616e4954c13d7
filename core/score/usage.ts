/**
 * What a play cost: the tokens and dollars LLM agents record per step (replay `usage`), summed over
 * the replay and per level, and the cost per level solved: what a user pays for a result, not for
 * tokens. Only replays that carry usage get these numbers; the rest score exactly as before.
 */
import type { Usage } from '../replay.ts';

export interface UsageTotals {
  readonly input_tokens: number;
  readonly output_tokens: number;
  readonly cost_usd: number;
  /** Steps that carried usage (an agent may record it only on the steps that called the model). */
  readonly steps_with_usage: number;
}

export interface LevelUsage extends UsageTotals {
  /** 1-based level number: the level each step was issued on. */
  readonly level: number;
}

export interface ReplayUsage extends UsageTotals {
  /** Refused answers that carried usage (their spend is in the totals); present only when some did. */
  readonly refused_with_usage?: number;
  /** cost_usd / levels completed (the best run's, as `levels_completed`); null when none was. */
  readonly cost_per_level_solved: number | null;
  readonly levels: readonly LevelUsage[];
}

/** Dollars to the nano-dollar: sums of many small floats print the same everywhere, without 0.1+0.2 tails. */
export function roundCost(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

/** Sums usage as steps stream past; `steps` stays 0 for a replay without any. */
export class UsageTally {
  steps = 0;
  /** Rejected lines that carried usage: paid for, though nothing was played. */
  refused = 0;
  private readonly perLevel: { input: number; output: number; cost: number; steps: number }[] = [];

  add(level: number, usage: Usage): void {
    this.steps++;
    this.count(level, usage).steps++;
  }

  /** A refused answer's spend, on the level being played when it was refused. */
  addRefused(level: number, usage: Usage): void {
    this.refused++;
    this.count(level, usage);
  }

  private count(level: number, usage: Usage): { input: number; output: number; cost: number; steps: number } {
    while (this.perLevel.length <= level) this.perLevel.push({ input: 0, output: 0, cost: 0, steps: 0 });
    const l = this.perLevel[level]!;
    l.input += usage.input_tokens;
    l.output += usage.output_tokens;
    l.cost += usage.cost_usd;
    return l;
  }

  /** The replay's usage for its score; undefined when no step carried any. */
  result(levelCount: number, levelsCompleted: number): ReplayUsage | undefined {
    if (this.steps === 0 && this.refused === 0) return undefined;
    const levels: LevelUsage[] = [];
    let input = 0;
    let output = 0;
    let cost = 0;
    for (let i = 0; i < Math.max(levelCount, this.perLevel.length); i++) {
      const l = this.perLevel[i] ?? { input: 0, output: 0, cost: 0, steps: 0 };
      input += l.input;
      output += l.output;
      cost += l.cost;
      levels.push({ level: i + 1, input_tokens: l.input, output_tokens: l.output, cost_usd: roundCost(l.cost), steps_with_usage: l.steps });
    }
    return {
      input_tokens: input,
      output_tokens: output,
      cost_usd: roundCost(cost),
      steps_with_usage: this.steps,
      ...(this.refused === 0 ? {} : { refused_with_usage: this.refused }),
      cost_per_level_solved: levelsCompleted === 0 ? null : roundCost(cost / levelsCompleted),
      levels,
    };
  }
}
