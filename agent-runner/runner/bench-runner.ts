/**
 * The runner's figures for `tabula bench`: the random agent over the whole suite through the real
 * pool, writing real replay files to a temp directory, with 1 and with 2 workers. Timing starts once
 * the workers are ready: their start-up (tsx, imports, the agent) is reported apart, as
 * runner_worker_start_ms, since it is paid once per run, not per episode. runner_reference_2t_vs_1t
 * is plain arithmetic on 1 and 2 threads in the same run: what the machine allowed 2 workers at best.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

async function measure(workers: number, seeds: number, dir: string, budgets: Map<string, readonly number[]>): Promise<Measured> {
  const out = join(dir, `${workers}w`);
  const { tasks } = planRun({ out, slug: 'random', games: GAMES, seeds: Array.from({ length: seeds }, (_, i) => i), levels: 'designed' });
  const ready = tasks.map((t) => ({ ...t, budgets: budgets.get(t.code)! }));
  const t0 = performance.now();
  const pool = await WorkerPool.start(workers, { agent: 'random', values: {}, engine: 'bench', retries: DEFAULT_RETRIES, budget: DEFAULT_BUDGET_MULTIPLE });
  const t1 = performance.now();
  let steps = 0;
  let episodes = 0;
  let failed = '';
  try {
    await pool.run(ready, {
      onDone: (_task, result) => {
        steps += result.actions;
        episodes++;
      },
      onFailed: (task, message) => (failed ||= `${task.code} seed ${task.seed}: ${message}`),
    });
  } finally {
    await pool.close();
  }
  if (failed !== '') throw new Error(`runner bench: an episode failed: ${failed}`);
  return { steps, episodes, seconds: (performance.now() - t1) / 1000, startMs: t1 - t0 };
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
  const seeds = options.quick ? 8 : 60;
  const budgets = new Map(GAMES.map((e) => [e.code, levelBudgets(e, null, DEFAULT_BUDGET_MULTIPLE)]));
  const dir = mkdtempSync(join(tmpdir(), 'tabula-bench-runner-'));
  try {
    const one = await measure(1, seeds, dir, budgets);
    const two = await measure(2, seeds, dir, budgets);
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
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
