/**
 * The messages between `tabula run`'s main thread (pool.ts) and its worker threads (worker.ts).
 * Tasks and reports travel in batches, never per step, so the main thread stays idle while workers play;
 * a stop travels through shared memory, which a worker reads before every action even while its
 * event loop is busy with a synchronous agent.
 */
import type { EpisodeResult } from './episode.ts';
import type { EpisodeTask } from './plan.ts';

export interface WorkerSetup {
  /** The --agent spec, resolved by each worker (resolveAgent). */
  readonly agent: string;
  /** The parsed flags (the --llm-* ones matter). */
  readonly values: Record<string, string | boolean | undefined>;
  /** A subprocess agent's time per answer. */
  readonly timeoutMs?: number;
  readonly engine: string;
  readonly retries: number;
  /** The budget multiple, for generated levels' budgets (computed by the worker that plays them). */
  readonly budget: number;
  /** Int32Array over it: [0] = 1 asks every worker to stop after its current action. */
  readonly stop: SharedArrayBuffer;
}

export type ToWorker =
  /** More episodes for this worker's queue, played in order after the ones it holds. */
  | { readonly type: 'tasks'; readonly tasks: readonly EpisodeTask[] }
  | { readonly type: 'exit' }
  /** Quit at once (a second Ctrl-C): kill the agent processes this worker started. */
  | { readonly type: 'kill' };

/** What became of one task, in the order the worker took them from its queue. */
export type Report =
  | { readonly kind: 'done'; readonly id: number; readonly result: EpisodeResult; readonly wallMs: number }
  /** The episode threw past runEpisode's own handling (a bug, a disk error); its `.partial` stays. */
  | { readonly kind: 'failed'; readonly id: number; readonly message: string }
  /** A queued task not started because the run was stopped. */
  | { readonly kind: 'skipped'; readonly id: number };

export type FromWorker =
  | { readonly type: 'ready' }
  /** The agent could not be made (a bad spec should have been caught in the main thread first). */
  | { readonly type: 'fatal'; readonly message: string }
  /**
   * Reports, batched: a worker sends what it has when its queue runs dry or REPORT_EVERY_MS after
   * its last batch, so fast episodes (a random agent's take half a millisecond) cost the main thread
   * and the worker one message per batch, not one each way per episode.
   */
  | { readonly type: 'reports'; readonly reports: readonly Report[] }
  /** A heartbeat for slow agents: replay lines written so far in the current episode. */
  | { readonly type: 'lines'; readonly id: number; readonly lines: number };

/** How long a worker holds finished reports back to send them together (see FromWorker 'reports'). */
export const REPORT_EVERY_MS = 10;
