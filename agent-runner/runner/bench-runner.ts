/**
 * The runner's figures for `tabula bench`: the random agent over the whole suite through the real
 * pool, writing real replay files to a temp directory, with 1 and with 2 workers. Timing starts once
 * the workers are ready: their start-up (tsx, imports, the agent) is reported apart, as
 * runner_worker_start_ms, since it is paid once per run, not per episode. runner_reference_2t_vs_1t
 * is plain arithmetic on 1 and 2 threads in the same run: what the machine allowed 2 workers at best.
 *
 * Both pools play the same episodes, warmed up and in alternating rounds (see measure); timing runs
 * from a round's first task handed out to its last report, with the queue balanced dynamically
 * (pool.ts), so neither worker count pays a start-up or a noisy moment the other does not.
 * runner_file_create_us is what creating one new file costs on this machine's disk (each episode
 * creates its replay file; the median of batches before and after the pools): on a slow filesystem
 * it, not the runner, bounds episodes/s (one VM measured 0.1 to 1.5 ms within minutes), and
 * runner_file_create_2t_vs_1t says whether the disk lets 2 threads create files faster than 1.
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

/** One pool and what its timed runs played. */
interface Timed {
  readonly pool: WorkerPool;
  readonly startMs: number;
  steps: number;
  episodes: number;
  seconds: number;
  /** Steps per second of each timed round, in order. */
  readonly rounds: number[];
}

/** The episodes of `seeds` (every game), with their budgets, writing under `out`. */
function episodes(out: string, seeds: readonly number[], budgets: Map<string, readonly number[]>) {
  const { tasks } = planRun({ out, slug: 'random', games: GAMES, seeds, levels: 'designed' });
  return tasks.map((t) => ({ ...t, budgets: budgets.get(t.code)! }));
}

async function startPool(workers: number): Promise<Timed> {
  const t0 = performance.now();
  const pool = await WorkerPool.start(workers, { agent: 'random', values: {}, engine: 'bench', retries: DEFAULT_RETRIES, budget: DEFAULT_BUDGET_MULTIPLE });
  return { pool, startMs: performance.now() - t0, steps: 0, episodes: 0, seconds: 0, rounds: [] };
}

/** Plays `tasks` on the pool; `timed` adds them and their wall time (first task out to last report) to its figures. */
async function play(pool: Timed, tasks: ReturnType<typeof episodes>, timed: boolean): Promise<void> {
  let steps = 0;
  let played = 0;
  let failed = '';
  const t = performance.now();
  await pool.pool.run(tasks, {
    onDone: (_task, result) => {
      steps += result.actions;
      played++;
    },
    onFailed: (task, message) => (failed ||= `${task.code} seed ${task.seed}: ${message}`),
  });
  if (failed !== '') throw new Error(`runner bench: an episode failed: ${failed}`);
  if (!timed) return;
  const seconds = (performance.now() - t) / 1000;
  pool.seconds += seconds;
  pool.rounds.push(steps / seconds);
  pool.steps += steps;
  pool.episodes += played;
}

/**
 * Both pools over the same episodes, in alternating rounds (1 worker then 2, then 2 then 1, ...): the
 * load of other processes and the machine's own speed drift within seconds, and alternating spreads
 * them over both figures instead of favouring whichever ran in the quieter moment; each round of one
 * pool has a neighbour of the other to be compared with (see benchRunner). Each worker of each pool
 * first plays `warmUp` untimed seeds of every game (400 in a full bench): a worker's play keeps getting
 * faster over its first few thousand episodes while V8 optimises and re-optimises code shared by 16
 * games. Counted in one thread, in chunks of 75 seeds (1,200 episodes), CPU per episode ran 971, 468,
 * 474, 264, 240 ... µs and levelled out near 200-250 µs after about 300 seeds, with the background
 * compiler's work falling from 1.9 s a chunk to almost none. With a shorter warm-up the 2-worker
 * pool, whose workers had each played half as many episodes, was still warming up in the timed
 * rounds (its rounds ran 55k, 69k ... 148k steps/s where 1 worker's ran 61k ... 100k).
 */
async function measure(seeds: number, rounds: number, warmUp: number, dir: string, budgets: Map<string, readonly number[]>): Promise<[Timed, Timed]> {
  const one = await startPool(1);
  let two: Timed | undefined;
  try {
    two = await startPool(2);
    for (const pool of [one, two]) {
      const warm = Array.from({ length: warmUp * pool.pool.size }, (_, i) => seeds + i);
      await play(pool, episodes(join(dir, `${pool.pool.size}w-warm-up`), warm, budgets), false);
    }
    const per = Math.ceil(seeds / rounds);
    for (let round = 0; round * per < seeds; round++) {
      const chunk = Array.from({ length: Math.min(per, seeds - round * per) }, (_, i) => round * per + i);
      for (const pool of round % 2 === 0 ? [one, two] : [two, one]) await play(pool, episodes(join(dir, `${pool.pool.size}w-${round}`), chunk, budgets), true);
    }
    return [one, two];
  } finally {
    await one.pool.close();
    await two?.pool.close();
  }
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

/** Creates `count` new empty files in `dir` (made by the thread) from a worker thread; resolves when done. */
function createFiles(dir: string, count: number): Promise<void> {
  const code = `const fs = require('node:fs'); const path = require('node:path'); const dir = ${JSON.stringify(dir)};
    fs.mkdirSync(dir); for (let i = 0; i < ${count}; i++) fs.closeSync(fs.openSync(path.join(dir, String(i)), 'w'));
    require('node:worker_threads').parentPort.postMessage(0);`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true });
    worker.once('message', () => void worker.terminate().then(() => resolve()));
    worker.once('error', reject);
  });
}

/**
 * The disk's own 2-thread speed-up at creating files (each episode creates one): files per second
 * from 2 threads at once over 1 thread. Where the filesystem serialises file creation (one VM's disk
 * made 500 to 2,000 files/s from 1 thread or 2), it caps runner_2w_vs_1w whatever the cores.
 */
async function fileCreateReference(dir: string, count: number): Promise<number> {
  mkdirSync(dir);
  await createFiles(join(dir, 'warm-up'), 10);
  let t = performance.now();
  await createFiles(join(dir, 'one'), count);
  const one = performance.now() - t;
  t = performance.now();
  await Promise.all([createFiles(join(dir, 'two-a'), count), createFiles(join(dir, 'two-b'), count)]);
  return (2 * one) / (performance.now() - t);
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
  // About 30 steps an episode (the random agent spends level 1's budget); enough seeds for a few seconds a pool.
  const seeds = options.quick ? 8 : 600;
  const load = loadavg()[0]!;
  const budgets = new Map(GAMES.map((e) => [e.code, levelBudgets(e, null, DEFAULT_BUDGET_MULTIPLE)]));
  const dir = mkdtempSync(join(tmpdir(), 'tabula-bench-runner-'));
  try {
    // Before and after the pools: a disk's cost to create a file swings with what else writes to it.
    const createUs = fileCreateUs(join(dir, 'create-before'), 5);
    const [one, two] = await measure(seeds, options.quick ? 2 : 6, options.quick ? 1 : 400, dir, budgets);
    createUs.push(...fileCreateUs(join(dir, 'create-after'), 5));
    const reference = await parallelReference(options.quick ? 2e7 : 1e8);
    const fileReference = await fileCreateReference(join(dir, 'create-threads'), options.quick ? 50 : 300);
    const r = (x: number): number => Math.round(x * 100) / 100;
    return {
      runner_steps_per_s_1w: Math.round(one.steps / one.seconds),
      runner_steps_per_s_2w: Math.round(two.steps / two.seconds),
      runner_episodes_per_s_1w: r(one.episodes / one.seconds),
      runner_episodes_per_s_2w: r(two.episodes / two.seconds),
      // The median over rounds of 2 workers' speed against 1 worker's in the neighbouring round: a
      // slow moment of the machine (they come and go within seconds here) moves one pair, not the figure.
      runner_2w_vs_1w: r(median(two.rounds.map((rate, i) => rate / one.rounds[i]!))),
      runner_worker_start_ms: Math.round((one.startMs + two.startMs) / 2),
      runner_reference_2t_vs_1t: r(reference),
      runner_file_create_us: Math.round(median(createUs)),
      runner_file_create_2t_vs_1t: r(fileReference),
      runner_loadavg_1m: r(load),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
