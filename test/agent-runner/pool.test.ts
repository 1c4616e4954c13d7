// The worker pool under a dying worker: reports travel in batches, so a worker can die owing reports
// of episodes it finished. Those keep their replays and are not played again; only the episode it
// was playing fails, and its queue goes to the other worker.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { findGame } from '../../envs/index.ts';
import { DEFAULT_BUDGET_MULTIPLE, DEFAULT_RETRIES, levelBudgets } from '../../agent-runner/runner/episode.ts';
import { planRun, type EpisodeTask } from '../../agent-runner/runner/plan.ts';
import { WorkerPool } from '../../agent-runner/runner/pool.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('WorkerPool', () => {
  it('plays every task once on 2 workers, and after one dies mid-run fails at most the episode it was playing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tabula-pool-'));
    dirs.push(out);
    const entry = findGame('tg38');
    const budgets = levelBudgets(entry, null, DEFAULT_BUDGET_MULTIPLE);
    const seeds = Array.from({ length: 120 }, (_, i) => i);
    const tasks = planRun({ out, slug: 'random', games: [entry], seeds, levels: 'designed' }).tasks.map((t) => ({ ...t, budgets }));
    const pool = await WorkerPool.start(2, { agent: 'random', values: {}, engine: 'test', retries: DEFAULT_RETRIES, budget: DEFAULT_BUDGET_MULTIPLE });
    const done: EpisodeTask[] = [];
    const failed: EpisodeTask[] = [];
    try {
      // The pool's first worker, ended from outside as a crash would end it (the test's only reach inside).
      // It dies a few milliseconds after its third batch of reports: by then it has finished more
      // episodes whose reports it still holds.
      const victim = (pool as unknown as { slots: { worker: Worker }[] }).slots[0]!.worker;
      let batches = 0;
      victim.on('message', (message: { type: string }) => {
        if (message.type === 'reports' && ++batches === 3) setTimeout(() => void victim.terminate(), 4);
      });
      const unstarted = await pool.run(tasks, {
        onDone: (task) => done.push(task),
        onFailed: (task) => failed.push(task),
      });
      expect(unstarted).toEqual([]);
    } finally {
      await pool.close();
    }
    expect(failed.length).toBeLessThanOrEqual(1);
    const reported = new Set([...done, ...failed].map((t) => t.id));
    expect(reported.size).toBe(done.length + failed.length); // nothing reported twice
    for (const task of tasks) {
      if (failed.includes(task)) expect(existsSync(task.file)).toBe(false);
      else expect(existsSync(task.file), `seed ${task.seed} has its replay`).toBe(true);
    }
    // Finished but never reported (the dead worker held their reports): recorded, not played again.
    expect(done.length + failed.length).toBeLessThanOrEqual(tasks.length);
  });
});
