/**
 * Scorecards and the live sessions they own, and the scorecard summary (API.md "Scorecards").
 * A session keeps its core Session only while its card is open, plus a RunTallies fed with the step
 * lines written to its replay: never the step list itself, so an idle session stays small.
 * Scores are RHAE (SCORING.md) from core's scoreRun / bestRun against baselineFor, shown 0-100.
 */
import { bestRun, RunTallies, scoreRun, type RunTally, type Session } from '../../core/index.ts';
import { baselineFor, type RegisteredGame } from '../../envs/index.ts';
import type { ReplayInfo } from './store.ts';

export interface LiveSession {
  readonly guid: string;
  /** The API key that created it ('' when keys are not used); only it may act on the session. */
  readonly key: string;
  readonly card: Scorecard;
  readonly entry: RegisteredGame;
  readonly seed: number | null;
  /** Undefined once the card has closed: the session is then read-only. */
  core: Session<unknown> | undefined;
  readonly tallies: RunTallies;
  /** The replay's listing row; `steps` is the last step's t. */
  readonly info: ReplayInfo;
}

export interface Player {
  readonly kind: 'human' | 'agent';
  readonly name: string;
}

export class Scorecard {
  readonly id: string;
  readonly key: string;
  readonly tags: readonly string[];
  readonly sourceUrl: string | null;
  readonly opaque: Record<string, unknown> | null;
  readonly player: Player;
  readonly openAt: string;
  /** Wall-clock ms of the last activity: a session started or acted, or a heartbeat. */
  lastUpdate: number;
  closed = false;
  readonly sessions: LiveSession[] = [];

  constructor(fields: { id: string; key: string; tags: readonly string[]; sourceUrl: string | null; opaque: Record<string, unknown> | null; player: Player; now: number }) {
    this.id = fields.id;
    this.key = fields.key;
    this.tags = fields.tags;
    this.sourceUrl = fields.sourceUrl;
    this.opaque = fields.opaque;
    this.player = fields.player;
    this.openAt = new Date(fields.now).toISOString();
    this.lastUpdate = fields.now;
  }

  /** The summary (API.md "Summary shape"), optionally for one game id only. */
  summary(gameId?: string): CardSummary {
    const byGame = new Map<string, LiveSession[]>();
    for (const s of this.sessions) {
      if (gameId !== undefined && s.entry.gameId !== gameId) continue;
      const list = byGame.get(s.entry.gameId);
      if (list === undefined) byGame.set(s.entry.gameId, [s]);
      else list.push(s);
    }
    const environments = [...byGame.values()].map(environment);
    const tagScores = new Map<string, EnvironmentSummary[]>();
    for (const [i, env] of environments.entries()) {
      for (const tag of byGame.get(env.id)![0]!.entry.tags) {
        const list = tagScores.get(tag);
        if (list === undefined) tagScores.set(tag, [environments[i]!]);
        else list.push(environments[i]!);
      }
    }
    return {
      card_id: this.id,
      tags: this.tags,
      source_url: this.sourceUrl,
      opaque: this.opaque,
      score: mean(environments.map((e) => e.score)),
      environments,
      tags_scores: [...tagScores].map(([id, envs]) => ({
        id,
        score: mean(envs.map((e) => e.score)),
        levels_completed: sum(envs.map((e) => e.levels_completed)),
        actions: sum(envs.map((e) => e.actions)),
        number_of_levels: sum(envs.map((e) => e.level_count)),
        number_of_environments: envs.length,
      })),
      total_actions: sum(environments.map((e) => e.actions)),
      total_environments: environments.length,
      total_environments_completed: environments.filter((e) => e.completed).length,
      total_levels: sum(environments.map((e) => e.level_count)),
      total_levels_completed: sum(environments.map((e) => e.levels_completed)),
      open_at: this.openAt,
      last_update: new Date(this.lastUpdate).toISOString(),
    };
  }
}

export interface RunSummary {
  guid: string;
  score: number;
  levels_completed: number;
  actions: number;
  resets: number;
  state: RunTally['state'];
  completed: boolean;
  level_scores: number[];
  level_actions: number[];
  level_baseline_actions: number[];
}

export interface EnvironmentSummary {
  id: string;
  score: number;
  actions: number;
  levels_completed: number;
  completed: boolean;
  level_count: number;
  resets: number;
  runs: RunSummary[];
}

export interface CardSummary {
  card_id: string;
  tags: readonly string[];
  source_url: string | null;
  opaque: Record<string, unknown> | null;
  score: number;
  environments: EnvironmentSummary[];
  tags_scores: { id: string; score: number; levels_completed: number; actions: number; number_of_levels: number; number_of_environments: number }[];
  total_actions: number;
  total_environments: number;
  total_environments_completed: number;
  total_levels: number;
  total_levels_completed: number;
  open_at: string;
  last_update: string;
}

/**
 * One game on a card. Its score is the best run's over every session of the game (each session is
 * scored against the baseline of the levels it played: a seed has its own optimum); `actions` and
 * `resets` count everything sent, full RESETs included, while a run counts only its own actions.
 */
function environment(sessions: readonly LiveSession[]): EnvironmentSummary {
  const runs: RunSummary[] = [];
  let best: { score: number; run: RunTally } | undefined;
  let resets = 0;
  let actions = 0;
  let levelCount = 0;
  for (const s of sessions) {
    const baseline = baselineFor(s.entry, s.seed).actions;
    levelCount = Math.max(levelCount, baseline.length);
    actions += s.info.steps;
    resets += s.tallies.runs.length - 1; // the full RESETs that began runs 2..n
    for (const run of s.tallies.runs) {
      const scored = scoreRun(run, baseline);
      resets += run.resets;
      runs.push({
        guid: s.guid,
        score: scored.score * 100,
        levels_completed: run.levelsCompleted,
        actions: sum(scored.levelActions),
        resets: run.resets,
        state: run.state,
        completed: run.state === 'WIN',
        level_scores: scored.levelScores.map((v) => v * 100),
        level_actions: [...scored.levelActions],
        level_baseline_actions: [...baseline],
      });
    }
    const sessionBest = bestRun(s.tallies.runs, baseline);
    if (best === undefined || sessionBest.score > best.score) best = { score: sessionBest.score, run: s.tallies.runs[sessionBest.run]! };
  }
  return {
    id: sessions[0]!.entry.gameId,
    score: (best?.score ?? 0) * 100,
    actions,
    levels_completed: best?.run.levelsCompleted ?? 0,
    completed: runs.some((r) => r.completed),
    level_count: levelCount,
    resets,
    runs,
  };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : sum(values) / values.length;
}
