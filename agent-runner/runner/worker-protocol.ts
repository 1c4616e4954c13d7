/**
 * The messages between `tabula run`'s main thread (pool.ts) and its worker threads (worker.ts).
 * Progress travels per episode, never per step, so the main thread stays idle while workers play;
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
  | { readonly type: 'task'; readonly task: EpisodeTask }
  | { readonly type: 'exit' }
  /** Quit at once (a second Ctrl-C): kill the agent processes this worker started. */
  | { readonly type: 'kill' };

export type FromWorker =
  | { readonly type: 'ready' }
  /** The agent could not be made (a bad spec should have been caught in the main thread first). */
  | { readonly type: 'fatal'; readonly message: string }
  | { readonly type: 'done'; readonly id: number; readonly result: EpisodeResult; readonly wallMs: number }
  /** The episode threw past runEpisode's own handling (a bug, a disk error); its `.partial` stays. */
  | { readonly type: 'failed'; readonly id: number; readonly message: string }
  /** A queued task not started because the run was stopped. */
  | { readonly type: 'skipped'; readonly id: number }
  /** A heartbeat for slow agents: replay lines written so far in the current episode. */
  | { readonly type: 'lines'; readonly id: number; readonly lines: number };
