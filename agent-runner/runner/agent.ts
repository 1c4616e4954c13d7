/**
 * The agent interface (ARCHITECTURE.md principle 12): an agent is two functions, and the loop belongs
 * to the runner. `chooseAction(observation, history)` picks the next action; the optional `isDone`
 * lets an agent give up early. The runner (episode.ts) owns everything else: the per-level budget,
 * recording the replay, timing, and retrying a failed call. Modelled on ARC-AGI-3's agent templates
 * (`choose_action(frames, latest_frame)`, `is_done`).
 *
 * An agent sees what an ARC-AGI-3 client sees over the API: frames, state, levels, available actions.
 * Never a name, a goal, a reward or the state hash.
 */
import type { Action, ActionName, Observation, Usage } from '../../core/index.ts';
import type { RegisteredGame } from '../../envs/index.ts';

/**
 * What the session reports (frames, state, levels, the level index, the run's step count, the
 * available actions: core's Observation) minus the state hash, plus the public game id.
 */
export interface AgentObservation extends Omit<Observation, 'hash'> {
  /** The public game id, `<code>-<version>`. */
  readonly gameId: string;
  /** True on the observation after a RESET that restarted the whole game. */
  readonly fullReset: boolean;
  /**
   * Set when the agent's last answer was refused (a malformed action such as a click off the frame,
   * anything but RESET after the end, or the agent's own call failing; an action the game does not
   * offer is played, as over HTTP: a counted no-op): what was wrong and what to send instead. The
   * refusal is logged in the replay as a `rejected` line; nothing was played.
   */
  readonly error?: string;
}

/** What an agent answers: an action, optionally with its reasoning and what the answer cost. */
export type AgentAction = Action & {
  /** Stored in the replay step (any JSON). */
  readonly reasoning?: unknown;
  /** Tokens and money spent choosing this action (LLM agents); stored in the replay step's `usage`. */
  readonly usage?: Usage;
};

/** One played action and the observation it led to. */
export interface HistoryEntry {
  readonly action: AgentAction;
  readonly observation: AgentObservation;
}

export interface Agent {
  chooseAction(observation: AgentObservation, history: readonly HistoryEntry[]): AgentAction | Promise<AgentAction>;
  /** True ends the episode before the budget is spent (the agent gives up or is finished). */
  isDone?(observation: AgentObservation, history: readonly HistoryEntry[]): boolean;
  /** Frees what the agent holds (a subprocess, a socket); called once when the episode ends. */
  close?(): void | Promise<void>;
}

/** What an agent is told when an episode starts. */
export interface AgentContext {
  readonly gameId: string;
  /** The episode's seed: an agent's own randomness must come from it, so runs repeat. */
  readonly seed: number;
  /** null: the designed levels; a number: the game's generated levels for that seed. */
  readonly levelSeed: number | null;
  readonly availableActions: readonly ActionName[];
  readonly winLevels: number;
  /**
   * The registry entry, for calibration agents only (oracle and the synthetic agents, which use the
   * solver). A contestant that reads it is cheating; the built-in contestants (random, explorer) do not.
   */
  readonly privileged: RegisteredGame;
}

/** Makes the agent for one episode. */
export type AgentFactory = (context: AgentContext) => Agent | Promise<Agent>;

/** A named agent the runner can start: `name` goes into every replay header as `player.name`. */
export interface AgentSpec {
  readonly name: string;
  readonly create: AgentFactory;
}

/**
 * A failed agent call. The runner logs it as a `rejected` replay line and asks again (up to its retry
 * limit) unless `fatal` (a subprocess that timed out or exited cannot be trusted to answer in step).
 * `usage` is what the failed call cost (an LLM reply that was not a valid action): the rejected line
 * keeps it, so a score's cost counts it.
 */
export class AgentError extends Error {
  constructor(
    message: string,
    readonly fatal = false,
    readonly usage?: Usage,
  ) {
    super(message);
    this.name = 'AgentError';
  }
}
