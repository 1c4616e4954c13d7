/**
 * A `tabula run` worker thread: resolves the agent itself, then plays the episodes the main thread
 * hands it, one at a time and in order, each through runEpisode into its replay file
 * (episode-file.ts); its reports go back in batches (report below), and each batch makes the main
 * thread top its queue up. Started from worker-bootstrap.mjs, which registers tsx first.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { findGame } from '../../envs/index.ts';
import { resolveAgent } from '../agents/index.ts';
import { killAllShellProcesses } from '../agents/shell-process.ts';
import type { AgentSpec } from './agent.ts';
import { recordEpisode, type BufferedFile } from './episode-file.ts';
import { levelBudgets, runEpisode } from './episode.ts';
import type { EpisodeTask } from './plan.ts';
import { REPORT_EVERY_MS, type FromWorker, type Report, type ToWorker, type WorkerSetup } from './worker-protocol.ts';

const HEARTBEAT_MS = 1000;

const port = parentPort!;
const setup = workerData as WorkerSetup;
const stopFlag = new Int32Array(setup.stop);
const shouldStop = (): boolean => Atomics.load(stopFlag, 0) === 1;
const send = (message: FromWorker): void => port.postMessage(message);

let spec: AgentSpec;
try {
  const resolved = resolveAgent(setup.agent, { values: setup.values, env: process.env, ...(setup.timeoutMs === undefined ? {} : { timeoutMs: setup.timeoutMs }) });
  if (resolved.kind !== 'inline') throw new Error(`${setup.agent} is played in the main thread, not by a worker`);
  spec = resolved.spec;
} catch (error) {
  send({ type: 'fatal', message: (error as Error).message });
  throw error;
}

// A slow agent (an LLM, a subprocess) yields to the event loop between actions, so this timer shows
// its progress; a fast synchronous one never lets it fire, and its episodes end within moments anyway.
let current: { id: number; file: BufferedFile; sent: number } | undefined;
setInterval(() => {
  if (current !== undefined && current.file.lines !== current.sent) {
    sendReports(); // the pool reads a heartbeat only for the first task it has no report of
    current.sent = current.file.lines;
    send({ type: 'lines', id: current.id, lines: current.sent });
  }
}, HEARTBEAT_MS).unref();

async function play(task: EpisodeTask): Promise<void> {
  const started = performance.now();
  const entry = findGame(task.code);
  try {
    const budgets = task.budgets ?? levelBudgets(entry, task.levelSeed, setup.budget);
    const result = await recordEpisode(task.file, (write, file) => {
      current = { id: task.id, file, sent: 0 };
      return runEpisode({
        entry,
        agent: spec,
        seed: task.seed,
        levelSeed: task.levelSeed,
        budgets,
        retries: setup.retries,
        write,
        engine: setup.engine,
        createdAt: new Date().toISOString(),
        clock: () => performance.now(),
        shouldStop,
      });
    });
    report({ kind: 'done', id: task.id, result, wallMs: performance.now() - started });
  } catch (error) {
    report({ kind: 'failed', id: task.id, message: error instanceof Error ? error.message : String(error) });
  } finally {
    current = undefined;
  }
}

// Reports wait here until the queue runs dry (the main thread must hear of it to send more) or
// REPORT_EVERY_MS has passed since the last batch (the progress line and the refills stay current).
// The timer covers an agent that yields while it thinks (an LLM): a report waiting behind its long
// episode still goes out; a synchronous agent's next report comes within moments anyway.
const outbox: Report[] = [];
let sentAt = performance.now();
let timer: NodeJS.Timeout | undefined;
function sendReports(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = undefined;
  if (outbox.length > 0) send({ type: 'reports', reports: outbox.splice(0) });
  sentAt = performance.now();
}
function report(r: Report): void {
  outbox.push(r);
  if (queue.length === 0 || performance.now() - sentAt >= REPORT_EVERY_MS) sendReports();
  else timer ??= setTimeout(sendReports, REPORT_EVERY_MS);
}

// The main thread sends tasks ahead (pool.ts): they are played in order, one at a time.
const queue: EpisodeTask[] = [];
let draining = false;
async function drain(): Promise<void> {
  if (draining) return;
  draining = true;
  for (let task = queue.shift(); task !== undefined; task = queue.shift()) {
    if (shouldStop()) report({ kind: 'skipped', id: task.id });
    else await play(task);
  }
  draining = false;
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'tasks') {
    queue.push(...message.tasks);
    void drain();
  } else if (message.type === 'kill') killAllShellProcesses();
  else port.close();
});
send({ type: 'ready' });
