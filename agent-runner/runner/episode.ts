/**
 * One episode: an agent plays one game (one seed) from the opening frame until it wins, spends a
 * level's budget, says it is done, fails past its retries, or the run is stopped. The runner owns
 * the loop (ARCHITECTURE.md principle 12); the agent only answers `chooseAction`.
 *
 * Everything is recorded as it happens, one replay per episode (SCORING.md's format): the header,
 * a step line per accepted action (with the agent's reasoning, usage and think time), and a
 * `rejected` line per refused answer. The sink decides where lines go (a file for `tabula run`, an
 * array in tests), so a stopped or crashed episode leaves a valid, shorter replay.
 */
import {
  createSession,
  replayHeader,
  replayLine,
  replayStepLine,
  TabulaError,
  type Observation,
  type StepResult,
  type Usage,
} from '../../core/index.ts';
import { baselineFor, type RegisteredGame } from '../../envs/index.ts';
import { AgentError, type AgentAction, type AgentObservation, type AgentSpec, type HistoryEntry } from './agent.ts';

/** ARC-AGI-3's official runs give an agent 5x the human baseline per level. */
export const DEFAULT_BUDGET_MULTIPLE = 5;
/** Failed or refused answers in a row before an episode is given up. */
export const DEFAULT_RETRIES = 3;

export interface EpisodeOptions {
  readonly entry: RegisteredGame;
  readonly agent: AgentSpec;
  /** The episode's seed (the agent's randomness). */
  readonly seed: number;
  /** null (default): the designed levels; a number: the game's generated levels for that seed. */
  readonly levelSeed?: number | null;
  /** Per level, the most actions the agent may spend on it (see levelBudgets). */
  readonly budgets: readonly number[];
  readonly retries?: number;
  /** Receives each replay line (newline included) as soon as it is made. */
  readonly write: (line: string) => void;
  /** The package version, for the replay header. */
  readonly engine: string;
  /** The time the episode starts, ISO 8601 (the caller's clock; the header records it). */
  readonly createdAt: string;
  readonly tags?: readonly string[];
  /** Milliseconds since some origin, for think times; omit to record none (byte-identical replays). */
  readonly clock?: () => number;
  /** Polled before each action: true stops the episode (Ctrl-C). */
  readonly shouldStop?: () => boolean;
}

export type EpisodeEnd = 'win' | 'budget' | 'done' | 'error' | 'stopped';

export interface EpisodeResult {
  readonly gameId: string;
  readonly seed: number;
  readonly levelSeed: number | null;
  readonly agent: string;
  readonly end: EpisodeEnd;
  /** Why it ended when `end` is 'error': the agent's last failure. */
  readonly error?: string;
  /** Accepted actions (replay step lines). */
  readonly actions: number;
  readonly rejected: number;
  readonly levelsCompleted: number;
  readonly winLevels: number;
  readonly state: Observation['state'];
  /** Summed over every step and refused answer that reported usage (zeros when none did). */
  readonly usage: Usage;
  /** Milliseconds spent in the agent's calls (0 without a clock). */
  readonly agentMs: number;
}

/** Per level, ceil(multiple x b), b the level's baseline (human where people played, else optimal). */
export function levelBudgets(entry: RegisteredGame, levelSeed: number | null, multiple = DEFAULT_BUDGET_MULTIPLE): number[] {
  if (!(multiple > 0)) throw new TabulaError('VALIDATION_ERROR', `a budget multiple must be above 0, e.g. 5; got ${multiple}`);
  return baselineFor(entry, levelSeed).actions.map((b) => Math.max(1, Math.ceil(multiple * b)));
}

function observe(gameId: string, o: Observation, fullReset: boolean, error?: string): AgentObservation {
  const seen = {
    gameId,
    frames: o.frames,
    state: o.state,
    levelsCompleted: o.levelsCompleted,
    winLevels: o.winLevels,
    levelIndex: o.levelIndex,
    step: o.step,
    availableActions: o.availableActions,
    fullReset,
  };
  return error === undefined ? seen : { ...seen, error };
}

function isThenable<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/** Plays one episode to its end and returns what happened; the replay went to `write` meanwhile. */
export async function runEpisode(options: EpisodeOptions): Promise<EpisodeResult> {
  const { entry, agent: spec, seed, budgets, write, clock } = options;
  const levelSeed = options.levelSeed ?? null;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const session = createSession(entry.game, { seed: levelSeed });
  const gameId = entry.gameId;
  const header = replayHeader({
    game_id: gameId,
    seed: levelSeed,
    player: { kind: 'agent', name: spec.name },
    created_at: options.createdAt,
    engine: options.engine,
    ...(options.tags === undefined ? {} : { tags: [...options.tags] }),
  });
  write(replayLine(header));

  const agent = await spec.create({
    gameId,
    seed,
    levelSeed,
    availableActions: entry.game.availableActions,
    winLevels: session.levels.length,
    privileged: entry,
  });
  const history: HistoryEntry[] = [];
  const spent = new Array<number>(budgets.length).fill(0);
  const usage = { input_tokens: 0, output_tokens: 0, cost_usd: 0 };
  let observation = observe(gameId, session.observe(), false);
  let last: StepResult | undefined;
  let actions = 0;
  let rejected = 0;
  let failures = 0;
  let agentMs = 0;
  let end: EpisodeEnd | undefined;
  let error: string | undefined;

  const spend = (paid: Usage | undefined): void => {
    if (paid === undefined) return;
    usage.input_tokens += paid.input_tokens;
    usage.output_tokens += paid.output_tokens;
    usage.cost_usd += paid.cost_usd;
  };
  /** Logs a refused answer (with what it cost, if anything) and tells the agent why. */
  const refuse = (reason: string, paid: Usage | undefined): void => {
    rejected++;
    failures++;
    spend(paid);
    write(replayLine(paid === undefined ? { rejected: reason } : { rejected: reason, usage: paid }));
    observation = { ...observation, error: reason };
  };

  try {
    while (end === undefined) {
      // A stop is asked last: an episode that has just ended on its own is finished, not cut short
      // (a stopped one is played again on resume, and an LLM's would be paid for twice).
      if (session.status === 'WIN') end = 'win';
      else if (spent[session.level]! >= (budgets[session.level] ?? Infinity)) end = 'budget';
      else if (agent.isDone?.(observation, history) === true) end = 'done';
      else if (options.shouldStop?.() === true) end = 'stopped';
      if (end !== undefined) break;
      if (failures > retries) {
        end = 'error';
        break;
      }

      let answer: AgentAction;
      const started = clock?.();
      let thought: number | undefined;
      try {
        // A synchronous agent (random, explorer, the calibration agents) answers directly: awaiting a
        // plain value would still cost a microtask turn per step.
        const given = agent.chooseAction(observation, history);
        answer = isThenable(given) ? await given : given;
      } catch (thrown) {
        const message = thrown instanceof Error ? thrown.message : String(thrown);
        error = `agent failed: ${message}`;
        refuse(error, thrown instanceof AgentError ? thrown.usage : undefined);
        if (thrown instanceof AgentError && thrown.fatal) end = 'error';
        continue;
      } finally {
        if (started !== undefined) {
          thought = Math.round((clock!() - started) * 1000) / 1000;
          agentMs += thought;
        }
      }

      let result: StepResult;
      try {
        result = session.act(answer);
      } catch (thrown) {
        if (!(thrown instanceof TabulaError)) throw thrown;
        error = thrown.message;
        refuse(error, answer.usage);
        continue;
      }
      failures = 0;
      error = undefined;
      actions++;
      spent[result.levelBefore]!++;
      spend(answer.usage);
      write(
        replayStepLine(actions, result, {
          ...(answer.reasoning === undefined ? {} : { reasoning: answer.reasoning }),
          ...(answer.usage === undefined ? {} : { usage: answer.usage }),
          ...(thought === undefined ? {} : { ms: thought }),
        }),
      );
      last = result;
      observation = observe(gameId, result, result.fullReset);
      history.push({ action: answer, observation });
    }
  } finally {
    await agent.close?.();
  }

  const now = last ?? session.observe();
  return {
    gameId,
    seed,
    levelSeed,
    agent: spec.name,
    end,
    ...(end === 'error' && error !== undefined ? { error } : {}),
    actions,
    rejected,
    levelsCompleted: now.levelsCompleted,
    winLevels: now.winLevels,
    state: now.state,
    usage,
    agentMs,
  };
}
