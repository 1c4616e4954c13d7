/**
 * The scorer's bench figures (`tabula bench`): replay steps scored per second with re-simulation
 * (every hash checked, every metric folded), over replays of every registered game that mix random
 * play, level RESETs and solutions; and the heap a 1,000,000-step replay needs when streamed.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  ACTIONS,
  createRng,
  createSession,
  FRAME_SIZE,
  replayHeader,
  replayStep,
  scoreReplay,
  solveLevel,
  type Action,
  type ReplayHeader,
  type ReplayStep,
} from '../core/index.ts';
import { baselineFor, GAMES, type RegisteredGame } from '../envs/index.ts';

/** Endless replay steps of one game: per level a few random actions, a level RESET, the solution. */
export function* benchSteps(entry: RegisteredGame, count: number, seed = 'score-bench'): Generator<ReplayStep> {
  const game = entry.game;
  const solutions = game.levels.map((_, i) => solveLevel(game, i)!.actions);
  const rng = createRng(`${seed}:${entry.code}`);
  const session = createSession(game);
  let queue: Action[] = [];
  for (let t = 1; t <= count; t++) {
    let action: Action;
    if (session.status !== 'NOT_FINISHED') {
      action = ACTIONS.RESET;
      queue = [];
    } else {
      if (queue.length === 0) {
        const random = Array.from({ length: 12 }, (): Action => {
          const name = rng.pick(game.availableActions);
          return name === 'ACTION6' ? { type: 'ACTION6', x: rng.int(FRAME_SIZE), y: rng.int(FRAME_SIZE) } : ACTIONS[name];
        });
        queue = [...random, ACTIONS.RESET, ...solutions[session.level]!];
      }
      action = queue.shift()!;
    }
    yield replayStep(t, session.act(action));
  }
}

export function benchHeader(entry: RegisteredGame): ReplayHeader {
  return replayHeader({ game_id: entry.gameId, seed: null, player: { kind: 'agent', name: 'bench' }, created_at: '2026-01-01T00:00:00.000Z', engine: 'bench' });
}

function scoreSteps(entry: RegisteredGame, steps: Iterable<ReplayStep>, timeline = true): number {
  const b = baselineFor(entry);
  return scoreReplay({ header: benchHeader(entry), steps }, entry, { baseline: { actions: b.actions, kind: b.kind, version: b.version }, labels: false, timeline }).steps;
}

/** Steps scored per second (re-simulation included), the median over the registered games. */
export function scoreRate(ms: number): { perGame: Record<string, number>; median: number } {
  const perGame: Record<string, number> = {};
  const rates: number[] = [];
  for (const entry of GAMES) {
    const steps = [...benchSteps(entry, 20_000)];
    scoreSteps(entry, steps); // warm-up
    let scored = 0;
    const t0 = performance.now();
    do scored += scoreSteps(entry, steps);
    while (performance.now() - t0 < ms);
    const rate = (scored * 1000) / (performance.now() - t0);
    perGame[entry.code] = Math.round(rate);
    rates.push(rate);
  }
  rates.sort((a, b) => a - b);
  return { perGame, median: Math.round(rates[Math.floor(rates.length / 2)]!) };
}

function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * Streams a replay of `count` steps (made on the fly, never held) through the scorer and reports
 * the largest live-heap growth seen after a full collection every 100,000 steps: flat if memory is
 * bounded by the level's distinct states rather than by the replay's length.
 */
export function streamHeap(count: number): { steps: number; heap_growth_mb: number; seconds: number } {
  const entry = GAMES[0]!;
  const gc = collector();
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  function* sampled(): Generator<ReplayStep> {
    let i = 0;
    for (const step of benchSteps(entry, count, 'stream')) {
      if (++i % 100_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      }
      yield step;
    }
  }
  const t0 = performance.now();
  const steps = scoreSteps(entry, sampled(), false);
  return { steps, heap_growth_mb: Math.round(peak / 1e5) / 10, seconds: Math.round(performance.now() - t0) / 1000 };
}

/**
 * The figures `tabula bench` merges: score_steps_per_s (the median over games) and per game; the
 * full run adds the 1,000,000-step streamed replay's heap growth and time.
 */
export function scoreBench(options: { quick?: boolean } = {}): Record<string, number> {
  const rates = scoreRate(options.quick ? 100 : 600);
  const out: Record<string, number> = { score_steps_per_s: rates.median };
  for (const [code, rate] of Object.entries(rates.perGame)) out[`score_steps_per_s_${code}`] = rate;
  if (!options.quick) {
    const stream = streamHeap(1_000_000);
    out.score_stream_steps = stream.steps;
    out.score_stream_heap_growth_mb = stream.heap_growth_mb;
    out.score_stream_seconds = stream.seconds;
  }
  return out;
}
