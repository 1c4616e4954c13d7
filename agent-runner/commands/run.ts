/**
 * `tabula run`: one agent over games x seeds, in parallel on worker threads, resumable, then the
 * leaderboard over every replay in --out and the scorer's HTML report. File layout and resume rules
 * are in runner/plan.ts; the pool in runner/pool.ts.
 *
 * Replays record think times (`ms` per step) and the start time (`created_at`), so two runs of the
 * same agent and seeds give replays that are byte-identical apart from those fields.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findGame } from '../../envs/index.ts';
import { resolveAgent } from '../agents/index.ts';
import { runHttpEpisode } from '../agents/http.ts';
import { killAllShellProcesses } from '../agents/shell-process.ts';
import { LLM_FLAGS } from '../agents/llm.ts';
import { intOption, UsageError, type Command } from '../cli.ts';
import { renderHtmlReport } from '../report/html.ts';
import { summariseScores } from '../../core/index.ts';
import { BufferedFile, recordEpisode } from '../runner/episode-file.ts';
import { DEFAULT_BUDGET_MULTIPLE, DEFAULT_RETRIES, levelBudgets, type EpisodeResult } from '../runner/episode.ts';
import { renderLeaderboard, scoreRun } from '../runner/leaderboard.ts';
import { agentSlug, parseGames, parseSeeds, planRun, recordSettings, type EpisodeTask, type LevelsMode } from '../runner/plan.ts';
import { runConcurrently, WorkerPool } from '../runner/pool.ts';
import { Progress } from '../runner/progress.ts';
import { ENGINE_VERSION } from '../engine-version.ts';

/** The exit code of a run stopped by Ctrl-C or SIGTERM (128 + SIGINT). */
export const INTERRUPTED = 130;

const USAGE =
  'run --agent <spec> --games <codes|all> --seeds <n|a..b> --out <dir> [--workers N] [--budget 5] [--levels designed|generated] ' +
  '[--retries 3] [--timeout-ms 30000] [--server URL] [--no-report] [--quiet] [--verbose] [--llm-* ...]';

function budgetOption(value: string | boolean | undefined): number {
  if (value === undefined) return DEFAULT_BUDGET_MULTIPLE;
  const n = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : NaN;
  if (!(n > 0)) throw new UsageError(`--budget needs a multiple of the baseline above 0, e.g. --budget 5 (ARC's official runs) or --budget 2.5`);
  return n;
}

function levelsOption(value: string | boolean | undefined): LevelsMode {
  if (value === undefined || value === 'designed') return 'designed';
  if (value === 'generated') return 'generated';
  throw new UsageError(`--levels must be designed (the games' own levels) or generated (each seed's generated levels, on games that generate); got ${JSON.stringify(value)}`);
}

/** A word as a shell would need it to read it back. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

export const run: Command = {
  summary: 'run an agent over games x seeds on worker threads (resumable), then the leaderboard and report.html',
  usage: USAGE,
  options: {
    agent: { type: 'string' },
    games: { type: 'string' },
    seeds: { type: 'string' },
    workers: { type: 'string' },
    out: { type: 'string' },
    budget: { type: 'string' },
    levels: { type: 'string' },
    retries: { type: 'string' },
    'timeout-ms': { type: 'string' },
    server: { type: 'string' },
    'no-report': { type: 'boolean' },
    quiet: { type: 'boolean' },
    verbose: { type: 'boolean' },
    ...LLM_FLAGS,
  },
  async run({ values }) {
    // Everything is checked before anything is written or started.
    const games = parseGames(values.games as string | undefined);
    const seeds = parseSeeds(values.seeds as string | undefined);
    if (typeof values.out !== 'string' || values.out === '') throw new UsageError('--out is required: the directory for the replays, e.g. --out runs/random');
    const out = values.out;
    const budget = budgetOption(values.budget);
    const levels = levelsOption(values.levels);
    const retries = intOption(values.retries, 'retries') ?? DEFAULT_RETRIES;
    const workersWanted = intOption(values.workers, 'workers');
    if (workersWanted === 0) throw new UsageError('--workers needs at least 1, e.g. --workers 2 (default: one per core)');
    const timeoutMs = intOption(values['timeout-ms'], 'timeout-ms');
    if (timeoutMs === 0) throw new UsageError('--timeout-ms needs a positive number of milliseconds, e.g. --timeout-ms 30000');
    const agent = resolveAgent(values.agent as string | undefined, { values, env: process.env, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
    const server = values.server as string | undefined;
    if (server !== undefined && agent.kind !== 'http') throw new UsageError(`--server is for http: agents (an ARC-AGI-3 program pointed at a running tabula serve); ${agent.name} is played by the runner itself, drop --server`);
    if (agent.kind === 'http' && levels === 'generated') {
      throw new UsageError('--levels generated: http: agents play the designed levels (an ARC-AGI-3 client sends no level seed); drop --levels, or run the agent as cmd: over stdio');
    }
    const quiet = values.quiet === true;
    const say = (text: string): void => {
      if (!quiet) process.stderr.write(`${text}\n`);
    };

    const slug = agentSlug(agent.name);
    recordSettings(out, slug, { agent: agent.name, budget, levels, retries });
    const plan = planRun({ out, slug, games, seeds, levels });
    if (plan.skipped > 0) say(`skipping ${plan.skipped} episode${plan.skipped === 1 ? '' : 's'} already recorded in ${out}`);
    if (plan.removedPartials > 0) say(`removed ${plan.removedPartials} unfinished .partial replay${plan.removedPartials === 1 ? '' : 's'} (left by a stopped or failed episode); playing them again`);
    if (plan.designedOnly.length > 0) {
      const one = plan.designedOnly.length === 1;
      say(`--levels generated: ${plan.designedOnly.join(', ')} ${one ? 'generates' : 'generate'} no levels, so ${one ? 'it plays its' : 'they play their'} designed levels`);
    }

    const tasks = plan.tasks;
    const workers = Math.max(1, Math.min(workersWanted ?? availableParallelism(), tasks.length));
    let stopping = false;
    let interrupts = 0;
    let pool: WorkerPool | undefined;
    let failures = 0;
    let finished = 0;
    // One line per finished episode, written per batch of reports (thousands of episodes a second
    // would otherwise cost an open, a write and a close each).
    const ledger = new BufferedFile(join(out, 'episodes.jsonl'), 'a');
    // Made once the workers are up, so the rates count play, not start-up.
    let progress: Progress | undefined;
    const startProgress = (): Progress =>
      (progress = new Progress({ total: tasks.length, quiet, inFlightSteps: () => Math.max(0, (pool?.inFlightLines() ?? 0) - (pool?.busy() ?? 0)) }));
    const note = (text: string): void => (progress === undefined ? say(text) : progress.note(text));
    const onSignal = (): void => {
      if (++interrupts > 1) {
        process.stderr.write('\ntabula run: stopped at once; unfinished episodes stay as .partial and a resume plays them again\n');
        // Agent processes run in groups of their own (the terminal's Ctrl-C never reached them): kill
        // them here and in every worker, give the workers a moment to do it, then go.
        ledger.flush();
        killAllShellProcesses();
        pool?.kill();
        setTimeout(() => process.exit(INTERRUPTED), 300);
        if (interrupts > 2) process.exit(INTERRUPTED);
        return;
      }
      stopping = true;
      pool?.stop();
      note('tabula run: stopping after the current actions and saving what was played (Ctrl-C again to quit at once)');
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);

    const designed = new Map<string, readonly number[]>();
    const prepare = (task: EpisodeTask): EpisodeTask => {
      // Designed levels' budgets are shared by every seed of a game: computed once, here. Generated
      // levels differ per seed; the worker playing one computes them, as it needs those levels anyway.
      if (task.levelSeed !== null) return task;
      let budgets = designed.get(task.code);
      if (budgets === undefined) designed.set(task.code, (budgets = levelBudgets(findGame(task.code), null, budget)));
      return { ...task, budgets };
    };
    const onDone = (task: EpisodeTask, result: EpisodeResult, wallMs: number): void => {
      if (result.end === 'stopped') return;
      finished++;
      ledger.write(`${JSON.stringify({ ...result, agentMs: Math.round(result.agentMs), file: relative(out, task.file), wallMs: Math.round(wallMs) })}\n`);
      progress?.episode(result.actions);
    };
    const onFailed = (task: EpisodeTask, message: string): void => {
      failures++;
      note(`tabula run: ${task.code} seed ${task.seed} failed: ${message} (its .partial replay stays; a resume plays it again)`);
    };

    try {
      if (tasks.length > 0 && agent.kind === 'inline') {
        say(`${tasks.length} episode${tasks.length === 1 ? '' : 's'} of ${agent.name} on ${workers} worker${workers === 1 ? '' : 's'}`);
        pool = await WorkerPool.start(workers, { agent: values.agent as string, values, engine: ENGINE_VERSION, retries, budget, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
        if (stopping) pool.stop();
        startProgress();
        const unstarted = await pool.run(tasks, { prepare, onDone, onFailed, onReports: () => ledger.flush() });
        if (!stopping && unstarted.length > 0) {
          failures += unstarted.length;
          note(`tabula run: every worker died, ${unstarted.length} episode${unstarted.length === 1 ? ' was' : 's were'} not played; the same command resumes`);
        }
      } else if (tasks.length > 0 && agent.kind === 'http') {
        // HTTP programs are child processes talking to a server: no worker thread is needed to run several.
        const lanes = server === undefined ? workers : 1;
        say(`${tasks.length} episode${tasks.length === 1 ? '' : 's'} of ${agent.name}, ${lanes} at a time${server === undefined ? '' : ` against ${server}`}`);
        startProgress();
        await runConcurrently(
          tasks,
          lanes,
          async (plain) => {
            const task = prepare(plain);
            const started = performance.now();
            try {
              const result = await recordEpisode(task.file, (write) =>
                runHttpEpisode({
                  command: agent.command,
                  entry: findGame(task.code),
                  seed: task.seed,
                  levelSeed: task.levelSeed,
                  budgets: task.budgets!,
                  write,
                  engine: ENGINE_VERSION,
                  createdAt: new Date().toISOString(),
                  agentName: agent.name,
                  shouldStop: () => stopping,
                  ...(server === undefined ? {} : { server }),
                  ...(timeoutMs === undefined ? {} : { timeoutMs }),
                }),
              );
              onDone(task, result, Math.round(performance.now() - started));
              ledger.flush();
            } catch (error) {
              onFailed(task, (error as Error).message);
            }
          },
          () => stopping,
        );
      }
    } finally {
      progress?.finish();
      ledger.close();
      await pool?.close();
    }
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);

    const report = values['no-report'] !== true;
    const { replays, failed } = scoreRun(out, { labels: report });
    for (const line of failed) console.error(`tabula run: cannot score ${line}`);
    console.log(renderLeaderboard(replays, { verbose: values.verbose === true }));
    if (report && replays.length > 0) {
      const path = join(out, 'report.html');
      writeFileSync(path, renderHtmlReport(replays, summariseScores(replays.map((r) => r.score))));
      console.log(`report: ${path}`);
    }
    if (stopping) {
      const left = tasks.length - finished;
      console.error(`tabula run: interrupted with ${left} of ${tasks.length} episode${tasks.length === 1 ? '' : 's'} unfinished; resume with:`);
      console.error(`  tabula ${process.argv.slice(2).map(shellWord).join(' ')}`);
      return INTERRUPTED;
    }
    return failures > 0 || failed.length > 0 ? 1 : 0;
  },
};
