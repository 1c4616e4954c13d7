/**
 * `tabula run`'s worker_threads pool. Each worker plays one episode at a time from a short queue
 * that the main thread tops up whenever the worker reports (dynamic balancing; see queueDepth).
 * Tasks go out and reports come back in batches (worker-protocol.ts), so the main thread stays
 * idle while workers play, and a worker is not woken once per episode to hear of the next one.
 *
 * Stopping sets a flag in shared memory that every worker reads before each action: in-flight
 * episodes end after their current action, flush their `.partial` replays and report `stopped`;
 * queued ones are handed back unstarted.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { EpisodeResult } from './episode.ts';
import type { EpisodeTask } from './plan.ts';
import type { FromWorker, ToWorker, WorkerSetup } from './worker-protocol.ts';

export interface PoolHandlers {
  /** Attaches what the task needs from the main thread (budgets) just before it is sent. */
  readonly prepare?: (task: EpisodeTask) => EpisodeTask;
  readonly onDone: (task: EpisodeTask, result: EpisodeResult, wallMs: number) => void;
  readonly onFailed: (task: EpisodeTask, message: string) => void;
  /** After each batch of reports from a worker (a place to flush what onDone buffered). */
  readonly onReports?: () => void;
}

/**
 * How many tasks a worker holds at once (the one it plays and those queued behind it): about
 * QUEUE_MS of play at the recent episode time (episodeMs; 2 before any has been reported). A worker
 * reports every REPORT_EVERY_MS, so a queue that long never runs dry between refills, while a long
 * episode (an LLM's) is held one at a time and never waits behind another while a worker idles.
 * Near the end no worker takes more than its share of what is left, so none plays on alone.
 */
const QUEUE_MS = 40;
function queueDepth(episodeMs: number | undefined, left: number, workers: number): number {
  const depth = episodeMs === undefined ? 2 : Math.min(256, Math.max(1, Math.round(QUEUE_MS / episodeMs)));
  return Math.min(depth, Math.max(1, Math.ceil(left / workers)));
}

interface Slot {
  readonly worker: Worker;
  /** Sent and not yet reported, in the order the worker plays them; the first is being played. */
  tasks: EpisodeTask[];
  lines: number;
  alive: boolean;
  readonly exited: Promise<void>;
}

export class WorkerPool {
  private readonly flag: Int32Array;
  private slots: Slot[] = [];
  private stopped = false;
  /** Recent wall time of an episode in a worker (a moving average over every run of this pool). */
  private episodeMs: number | undefined;

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
      const slot: Slot = { worker, tasks: [], lines: 0, alive: true, exited };
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

  /** Replay lines written so far by the episodes being played (from the workers' heartbeats). */
  inFlightLines(): number {
    let n = 0;
    for (const slot of this.slots) if (slot.tasks.length > 0) n += slot.lines;
    return n;
  }

  /** Episodes being played now. */
  busy(): number {
    return this.slots.filter((s) => s.tasks.length > 0).length;
  }

  /**
   * Plays `tasks` and resolves when every one has been reported, or, after stop(), when the ones
   * being played have. Resolves with the tasks never started (stopped, or no worker left alive).
   */
  run(tasks: readonly EpisodeTask[], handlers: PoolHandlers): Promise<EpisodeTask[]> {
    let next = 0;
    /** Tasks handed back unstarted (a stop, a dead worker's queue), to go before `next`. */
    const back: EpisodeTask[] = [];
    return new Promise((resolve) => {
      const finish = (): void => {
        if (this.slots.some((s) => s.alive && s.tasks.length > 0)) return;
        const left = back.length + tasks.length - next;
        if (!this.stopped && left > 0 && this.slots.some((s) => s.alive)) return;
        for (const slot of this.slots) this.quiet(slot);
        resolve([...back, ...tasks.slice(next)]);
      };
      const fill = (slot: Slot): void => {
        const alive = this.slots.filter((s) => s.alive).length;
        const left = back.length + tasks.length - next;
        const depth = queueDepth(this.episodeMs, left, alive);
        const batch: EpisodeTask[] = [];
        while (slot.alive && !this.stopped && slot.tasks.length < depth && (back.length > 0 || next < tasks.length)) {
          let task = back.shift() ?? tasks[next++]!;
          if (handlers.prepare !== undefined) task = handlers.prepare(task);
          slot.tasks.push(task);
          batch.push(task);
        }
        if (batch.length > 0) slot.worker.postMessage({ type: 'tasks', tasks: batch } satisfies ToWorker);
        finish();
      };
      const lost = (slot: Slot, why: string): void => {
        slot.alive = false;
        // A worker holds reports back for a moment (worker.ts), so the first tasks it still owes may
        // have finished: a finished episode's replay has its final name, and it is neither failed
        // nor played again (it only misses its ledger line). The first without one was being played:
        // it fails rather than moving on, so an episode that kills its worker kills no other.
        const owed = slot.tasks;
        slot.tasks = [];
        let playing = 0;
        while (playing < owed.length && existsSync(owed[playing]!.file)) playing++;
        if (playing < owed.length) handlers.onFailed(owed[playing]!, `a worker died: ${why}`);
        back.unshift(...owed.slice(playing + 1));
        for (const other of this.slots) if (other !== slot) fill(other);
        finish();
      };
      for (const slot of this.slots) {
        slot.worker.on('message', (message: FromWorker) => {
          if (message.type === 'lines') {
            if (message.id === slot.tasks[0]?.id) slot.lines = message.lines;
            return;
          }
          if (message.type !== 'reports') return;
          for (const report of message.reports) {
            const task = slot.tasks[0];
            // A worker plays its queue in order: every report is about the first task in it.
            if (task === undefined || report.id !== task.id) continue;
            slot.tasks.shift();
            slot.lines = 0;
            if (report.kind === 'done') {
              // A moving average: a worker's first episodes of each game pay its JIT warm-up, tens
              // of times a warm one, and must not keep the queues short for the rest of the run.
              this.episodeMs = this.episodeMs === undefined ? report.wallMs : 0.9 * this.episodeMs + 0.1 * report.wallMs;
              handlers.onDone(task, report.result, report.wallMs);
            } else if (report.kind === 'failed') handlers.onFailed(task, report.message);
            else back.push(task);
          }
          handlers.onReports?.();
          fill(slot);
        });
        slot.worker.on('error', (error) => lost(slot, error.message));
        slot.worker.on('exit', (code) => lost(slot, `exit code ${code}`));
        if (!slot.alive) lost(slot, 'it had exited');
      }
      for (const slot of this.slots) fill(slot);
    });
  }

  /** No more tasks are handed out, and every worker stops its episode after the current action. */
  stop(): void {
    this.stopped = true;
    Atomics.store(this.flag, 0, 1);
  }

  /** Quitting at once: every worker kills the agent processes it started (a worker busy in a synchronous agent has none). */
  kill(): void {
    for (const slot of this.slots) if (slot.alive) slot.worker.postMessage({ type: 'kill' } satisfies ToWorker);
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
