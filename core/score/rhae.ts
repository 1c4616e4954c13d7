/**
 * Action efficiency as ARC-AGI-3 computes it (SCORING.md "Action efficiency"): RHAE per level,
 * per game, per run. Shared by the server's scorecards and the scorer, so both give the same number.
 */

/** Upper median: sorted ascending, element floor(n/2) (the 3rd of 4, the 3rd of 5). */
export function upperMedian(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('upperMedian of no values');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** The 1.15 cap: a level done in fewer actions than the baseline scores at most this much. */
export const LEVEL_SCORE_CAP = 1.15;

/**
 * s_l = c * min(1.15, (b / n)^2): b the baseline, n the actions used (RESETs included).
 * `cut` (ARC's official runs): a level that took more than cut x b counts as not completed.
 */
export function levelScore(completed: boolean, baseline: number, actions: number, cut = Infinity): number {
  if (!completed || actions <= 0 || actions > cut * baseline) return 0;
  return Math.min(LEVEL_SCORE_CAP, (baseline / actions) ** 2);
}

/**
 * Game score in 0..1: sum(l * s_l) / sum(l) over every level (weight = 1-based level number),
 * capped at the weight share of the levels completed (4 of 5 completed -> at most 10/15).
 * `levelScores[i]` is level i's s_l; levels never reached score 0.
 */
export function gameScore(levelScores: readonly number[], levelCount: number, levelsCompleted: number): number {
  let weighted = 0;
  for (let l = 1; l <= levelCount; l++) weighted += l * (levelScores[l - 1] ?? 0);
  const total = (levelCount * (levelCount + 1)) / 2;
  const cap = (levelsCompleted * (levelsCompleted + 1)) / 2;
  return Math.min(weighted, cap) / total;
}

/** One run: from a session's start or a full RESET to the next full RESET or the end. */
export interface RunTally {
  /** Actions per level in this run (index = level), RESETs included; the completing step belongs to its level. */
  readonly levelActions: number[];
  levelsCompleted: number;
  resets: number;
  state: 'NOT_FINISHED' | 'WIN' | 'GAME_OVER';
}

/** What a tally needs of one accepted action: a replay step line has exactly these fields. */
export interface TallyStep {
  readonly action: string;
  /** 0-based level when the action was issued. */
  readonly level: number;
  readonly levels_completed: number;
  readonly state: 'NOT_FINISHED' | 'WIN' | 'GAME_OVER';
  readonly full_reset?: boolean;
}

/**
 * Splits a play into runs and counts actions per level, one step at a time (so a server can keep
 * it live and a scorer can stream a file). A full RESET starts a new run and is not counted in it;
 * a level RESET counts as one action of its level.
 */
export class RunTallies {
  readonly runs: RunTally[] = [newRun()];

  add(step: TallyStep): void {
    if (step.full_reset === true) {
      const run = newRun();
      this.runs.push(run);
      return;
    }
    const run = this.runs[this.runs.length - 1]!;
    run.levelActions[step.level] = (run.levelActions[step.level] ?? 0) + 1;
    if (step.action === 'RESET') run.resets++;
    run.levelsCompleted = step.levels_completed;
    run.state = step.state;
  }
}

function newRun(): RunTally {
  return { levelActions: [], levelsCompleted: 0, resets: 0, state: 'NOT_FINISHED' };
}

export interface RunScore {
  /** 0..1 */
  readonly score: number;
  readonly levelScores: readonly number[];
  readonly levelActions: readonly number[];
}

/** Scores one run against per-level baselines (human where present, else the optimum). */
export function scoreRun(run: RunTally, baselines: readonly number[], cut = Infinity): RunScore {
  const levelActions = baselines.map((_, l) => run.levelActions[l] ?? 0);
  const levelScores = baselines.map((b, l) => levelScore(l < run.levelsCompleted, b, levelActions[l]!, cut));
  return { score: gameScore(levelScores, baselines.length, run.levelsCompleted), levelScores, levelActions };
}

/** The best run counts (ARC): the highest score, the earliest on a tie. */
export function bestRun(runs: readonly RunTally[], baselines: readonly number[], cut = Infinity): RunScore & { readonly run: number } {
  let best: (RunScore & { run: number }) | undefined;
  for (const [i, run] of runs.entries()) {
    const scored = scoreRun(run, baselines, cut);
    if (best === undefined || scored.score > best.score) best = { ...scored, run: i };
  }
  return best!;
}
