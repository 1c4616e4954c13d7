/**
 * `tabula run`'s worker_threads pool. Each worker takes one episode at a time and is handed the next
 * when it reports the last (dynamic balancing: a long episode never holds up a queue behind it). The
 * main thread only dispatches and records per-episode results, so it stays idle while workers play.
 *
 * Stopping sets a flag in shared memory that every worker reads before each action: in-flight
 * episodes end after their current action, flush their `.partial` replays and report `stopped`.
 */
import { Worker } from 'node:worker_threads';
import type { EpisodeResult } from './episode.ts';
import type { EpisodeTask } from './plan.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol.ts';

export interface PoolHandlers {
  /** Attaches what the task needs from the main thread (budgets) just before it is sent. */
  readonly prepare?: (task: EpisodeTask) => EpisodeTask;
  readonly onDone: (task: EpisodeTask, result: EpisodeResult, wallMs: number) => void;
  readonly onFailed: (task: EpisodeTask, message: string) => void;
}

interface Slot {
  readonly worker: Worker;
  task: EpisodeTask | undefined;
  lines: number;
  alive: boolean;
  readonly exited: Promise<void>;
}

export class WorkerPool {
  private readonly flag: Int32Array;
  private slots: Slot[] = [];
  private stopped = false;

  private constructor(private readonly stopBuffer: SharedArrayBuffer) {
    this.flag = new Int32Array(stopBuffer);
  }

  /** Starts `count` workers and resolves once every one has resolved the agent and is ready. */
  static async start(count: number, setup: Omit<WorkerSetup, 'stop'>): Promise<WorkerPool> {
    const pool = new WorkerPool(new SharedArrayBuffer(4));
    const data: WorkerSetup = { ...setup, stop: pool.stopBuffer };
    const url = new URL('./worker-bootstrap.mjs', import.meta.url);
    const ready = Array.from({ length: count }, () => {
      const worker = new Worker(url, { workerData: data });
      // Listened to for the worker's whole life: close() waits on it, run() learns of a death from it.
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      const slot: Slot = { worker, task: undefined, lines: 0, alive: true, exited };
      void exited.then(() => (slot.alive = false));
      pool.slots.push(slot);
      return new Promise<void>((resolve, reject) => {
        const onMessage = (message: FromWorker): void => {
          if (message.type === 'ready') resolve();
          else if (message.type === 'fatal') reject(new Error(message.message));
          if (message.type === 'ready' || message.type === 'fatal') worker.off('message', onMessage);
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`a worker exited with code ${code} while starting`)));
      });
    });
    try {
      await Promise.all(ready);
    } catch (error) {
      await pool.close();
      throw error;
    }
    for (const slot of pool.slots) pool.quiet(slot);
    return pool;
  }

  /** Drops the listeners of a start or a run (the lifelong 'exit' one stays). */
  private quiet(slot: Slot): void {
    slot.worker.removeAllListeners('message');
    slot.worker.removeAllListeners('error');
    for (const listener of slot.worker.listeners('exit').slice(1)) slot.worker.off('exit', listener as () => void);
  }

  get size(): number {
    return this.slots.length;
  }

  /** Replay lines written so far by the episodes in flight (from the workers' heartbeats). */
  inFlightLines(): number {
    let n = 0;
    for (const slot of this.slots) if (slot.task !== undefined) n += slot.lines;
    return n;
  }

  /** Episodes in flight now. */
  busy(): number {
    return this.slots.filter((s) => s.task !== undefined).length;
  }

  /**
   * Plays `tasks` and resolves when every one has been reported, or, after stop(), when the ones in
   * flight have. Resolves with the tasks never started (stopped, or no worker left alive).
   */
  run(tasks: readonly EpisodeTask[], handlers: PoolHandlers): Promise<EpisodeTask[]> {
    let next = 0;
    return new Promise((resolve) => {
      const finish = (): void => {
        if (this.slots.some((s) => s.alive && s.task !== undefined)) return;
        if (!this.stopped && next < tasks.length && this.slots.some((s) => s.alive)) return;
        for (const slot of this.slots) this.quiet(slot);
        resolve(tasks.slice(next));
      };
      const dispatch = (slot: Slot): void => {
        slot.task = undefined;
        slot.lines = 0;
        if (this.stopped || next >= tasks.length || !slot.alive) return finish();
        let task = tasks[next++]!;
        if (handlers.prepare !== undefined) task = handlers.prepare(task);
        slot.task = task;
        slot.worker.postMessage({ type: 'task', task } satisfies ToWorker);
      };
      const lost = (slot: Slot, why: string): void => {
        slot.alive = false;
        if (slot.task !== undefined) handlers.onFailed(slot.task, `a worker died: ${why}`);
        slot.task = undefined;
        finish();
      };
      for (const slot of this.slots) {
        slot.worker.on('message', (message: FromWorker) => {
          const task = slot.task;
          if (message.type === 'lines') {
            if (task !== undefined && task.id === message.id) slot.lines = message.lines;
            return;
          }
          if (task === undefined || (message.type !== 'done' && message.type !== 'failed') || message.id !== task.id) return;
          if (message.type === 'done') handlers.onDone(task, message.result, message.wallMs);
          else handlers.onFailed(task, message.message);
          dispatch(slot);
        });
        slot.worker.on('error', (error) => lost(slot, error.message));
        slot.worker.on('exit', (code) => lost(slot, `exit code ${code}`));
        if (!slot.alive) lost(slot, 'it had exited');
      }
      for (const slot of this.slots) dispatch(slot);
      finish();
    });
  }

  /** No more tasks are handed out, and every worker stops its episode after the current action. */
  stop(): void {
    this.stopped = true;
    Atomics.store(this.flag, 0, 1);
  }

  /** Lets every worker exit (terminating any that does not within a moment). */
  async close(): Promise<void> {
    await Promise.all(
      this.slots.map(async (slot) => {
        this.quiet(slot);
        slot.worker.on('error', () => {}); // a worker failing while it exits has nothing left to report
        if (slot.alive) slot.worker.postMessage({ type: 'exit' } satisfies ToWorker);
        const timer = setTimeout(() => void slot.worker.terminate(), 2000);
        await slot.exited;
        clearTimeout(timer);
      }),
    );
    this.slots = [];
  }
}

/**
 * The main-thread counterpart for agents that are child processes (HTTP programs): up to
 * `concurrency` episodes at once, the next started as one ends, none after `stopped()` is true.
 * Resolves with the tasks never started.
 */
export async function runConcurrently<T>(tasks: readonly T[], concurrency: number, play: (task: T) => Promise<void>, stopped: () => boolean): Promise<T[]> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (!stopped() && next < tasks.length) await play(tasks[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, tasks.length)) }, lane));
  return tasks.slice(next);
}
