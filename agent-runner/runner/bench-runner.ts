/**
 * The runner's figures for `tabula bench`: the random agent over the whole suite through the real
 * pool, writing real replay files to a temp directory, with 1 and with 2 workers. Timing starts once
 * the workers are ready: their start-up (tsx, imports, the agent) is reported apart, as
 * runner_worker_start_ms, since it is paid once per run, not per episode. runner_reference_2t_vs_1t
 * is plain arithmetic on 1 and 2 threads in the same run: what the machine allowed 2 workers at best.
 *
 * Each pool first plays one seed of every game untimed (the workers' JIT warm-up), then the timed
 * episodes: timing runs from the first timed task handed out to the last report, with the queue
 * balanced dynamically (pool.ts), so neither worker count pays a start-up the other does not.
 * runner_file_create_us is what creating one new file costs on this machine's disk (each episode
 * creates its replay file; the median of batches before and after the pools): on a slow filesystem
 * it, not the runner, bounds episodes/s (one VM measured 0.1 to 1.5 ms within minutes).
 * runner_loadavg_1m is the machine's 1-minute load average as the runner bench starts, since the
 * 2-worker figure only means something beside it.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { GAMES } from '../../envs/index.ts';
import { DEFAULT_BUDGET_MULTIPLE, DEFAULT_RETRIES, levelBudgets } from './episode.ts';
import { planRun } from './plan.ts';
import { WorkerPool } from './pool.ts';

interface Measured {
  readonly steps: number;
  readonly episodes: number;
  readonly seconds: number;
  readonly startMs: number;
}

/** The episodes of `seeds` (every game), with their budgets, writing under `out`. */
function episodes(out: string, seeds: readonly number[], budgets: Map<string, readonly number[]>) {
  const { tasks } = planRun({ out, slug: 'random', games: GAMES, seeds, levels: 'designed' });
  return tasks.map((t) => ({ ...t, budgets: budgets.get(t.code)! }));
}

async function measure(workers: number, seeds: number, dir: string, budgets: Map<string, readonly number[]>): Promise<Measured> {
  // The warm-up seed is past the timed ones, so no timed episode replays one already played.
  const warmUp = episodes(join(dir, `${workers}w-warm-up`), [seeds], budgets);
  const timed = episodes(join(dir, `${workers}w`), Array.from({ length: seeds }, (_, i) => i), budgets);
  const t0 = performance.now();
  const pool = await WorkerPool.start(workers, { agent: 'random', values: {}, engine: 'bench', retries: DEFAULT_RETRIES, budget: DEFAULT_BUDGET_MULTIPLE });
  const startMs = performance.now() - t0;
  let steps = 0;
  let played = 0;
  let failed = '';
  const handlers = {
    onDone: (_task: unknown, result: { actions: number }) => {
      steps += result.actions;
      played++;
    },
    onFailed: (task: { code: string; seed: number }, message: string) => (failed ||= `${task.code} seed ${task.seed}: ${message}`),
  };
  let t1 = 0;
  try {
    await pool.run(warmUp, handlers);
    steps = 0;
    played = 0;
    t1 = performance.now();
    await pool.run(timed, handlers);
  } finally {
    await pool.close();
  }
  if (failed !== '') throw new Error(`runner bench: an episode failed: ${failed}`);
  return { steps, episodes: played, seconds: (performance.now() - t1) / 1000, startMs };
}

/** Wall microseconds to create one new (empty) file in `out` (made here), per batch of 40. */
function fileCreateUs(out: string, batches: number): number[] {
  mkdirSync(out);
  const times: number[] = [];
  for (let b = 0; b < batches; b++) {
    const t = performance.now();
    for (let i = 0; i < 40; i++) closeSync(openSync(join(out, `${b}-${i}`), 'w'));
    times.push(((performance.now() - t) * 1000) / 40);
  }
  return times;
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  return (sorted[(sorted.length - 1) >> 1]! + sorted[sorted.length >> 1]!) / 2;
}

/** A fixed amount of arithmetic in a worker thread; resolves with nothing when done. */
function spin(iterations: number): Promise<void> {
  const code = `let x = 0; for (let i = 0; i < ${iterations}; i++) x += Math.sqrt(i); require('node:worker_threads').parentPort.postMessage(x);`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true });
    worker.once('message', () => void worker.terminate().then(() => resolve()));
    worker.once('error', reject);
  });
}

/**
 * The machine's own 2-thread speed-up in this run: the same arithmetic in 1 thread, then in 2 at
 * once. On a shared machine another process's load caps runner_2w_vs_1w; this says by how much.
 */
async function parallelReference(iterations: number): Promise<number> {
  await spin(iterations / 10); // warm-up
  let t = performance.now();
  await spin(iterations);
  const one = performance.now() - t;
  t = performance.now();
  await Promise.all([spin(iterations), spin(iterations)]);
  return (2 * one) / (performance.now() - t);
}

export async function benchRunner(options: { quick?: boolean } = {}): Promise<Record<string, number>> {
  // About 30 steps an episode (the random agent spends level 1's budget); enough seeds for a few seconds each.
  const seeds = options.quick ? 8 : 150;
  const load = loadavg()[0]!;
  const budgets = new Map(GAMES.map((e) => [e.code, levelBudgets(e, null, DEFAULT_BUDGET_MULTIPLE)]));
  const dir = mkdtempSync(join(tmpdir(), 'tabula-bench-runner-'));
  try {
    // Before and after the pools: a disk's cost to create a file swings with what else writes to it.
    const createUs = fileCreateUs(join(dir, 'create-before'), 5);
    const one = await measure(1, seeds, dir, budgets);
    const two = await measure(2, seeds, dir, budgets);
    createUs.push(...fileCreateUs(join(dir, 'create-after'), 5));
    const reference = await parallelReference(options.quick ? 2e7 : 1e8);
    const r = (x: number): number => Math.round(x * 100) / 100;
    return {
      runner_steps_per_s_1w: Math.round(one.steps / one.seconds),
      runner_steps_per_s_2w: Math.round(two.steps / two.seconds),
      runner_episodes_per_s_1w: r(one.episodes / one.seconds),
      runner_episodes_per_s_2w: r(two.episodes / two.seconds),
      runner_2w_vs_1w: r(two.steps / two.seconds / (one.steps / one.seconds)),
      runner_worker_start_ms: Math.round((one.startMs + two.startMs) / 2),
      runner_reference_2t_vs_1t: r(reference),
      runner_file_create_us: Math.round(median(createUs)),
      runner_loadavg_1m: r(load),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
