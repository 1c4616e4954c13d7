/**
 * `tabula bench`: the engine's speed and memory, measured in this run. Every figure is a rate over a
 * timed loop, plus a reference workload measured in the same run (a naive engine step that copies
 * a 64x64 nested-array frame and serialises it) so results can be read as ratios on a noisy machine.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  ACTIONS,
  createRng,
  createSession,
  FRAME_SIZE,
  frameToJson,
  frameToRle,
  frameToText,
  initContext,
  solveLevel,
  type Action,
  type Frame,
  type Game,
  type GameAction,
  type Rng,
  type Session,
} from '../core/index.ts';
import { GAMES, type RegisteredGame } from '../envs/index.ts';
import { scoreBench } from './score-bench.ts';

export type BenchResult = Record<string, number>;

/** Calls `batch` (which does `n` operations) until at least `ms` have passed; returns operations per second. */
function rate(ms: number, n: number, batch: () => void): number {
  batch(); // warm-up
  let ops = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    batch();
    ops += n;
    elapsed = performance.now() - t0;
  } while (elapsed < ms);
  return (ops * 1000) / elapsed;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function randomAction(game: Game<unknown>, rng: Rng): Action {
  const name = rng.pick(game.availableActions);
  if (name === 'ACTION6') return { type: 'ACTION6', x: rng.int(FRAME_SIZE), y: rng.int(FRAME_SIZE) };
  return ACTIONS[name];
}

/**
 * A player that mixes exploring and solving, so every code path (moves, no-ops, level clears, WIN,
 * RESET) is on the measured path: per level, a few random actions, a level RESET, then the solution.
 */
function player(entry: RegisteredGame, solutions: readonly (readonly Action[])[]): (session: Session<unknown>) => void {
  const rng = createRng(`bench:${entry.code}`);
  let queue: Action[] = [];
  return (session) => {
    if (session.status !== 'NOT_FINISHED') {
      session.act(ACTIONS.RESET);
      queue = [];
      return;
    }
    if (queue.length === 0) {
      queue = [...Array.from({ length: 8 }, () => randomAction(entry.game, rng)), ACTIONS.RESET, ...solutions[session.level]!];
    }
    session.act(queue.shift()!);
  };
}

function sessionRate(entry: RegisteredGame, solutions: readonly (readonly Action[])[], ms: number): number {
  const session = createSession(entry.game);
  const act = player(entry, solutions);
  return rate(ms, 1000, () => {
    for (let i = 0; i < 1000; i++) act(session);
  });
}

/** The pure reducer alone: step + outcome on random actions, re-entering the level when it ends. */
function reducerRate(entry: RegisteredGame, ms: number): number {
  const game = entry.game;
  const rng = createRng(`reducer:${entry.code}`);
  const starts = game.levels.map((level, i) => game.init(level, initContext(null, i)));
  const views = starts.map((s) => game.view(s));
  // Pre-drawn actions (clicks on view cells) so the loop measures the game, not the PRNG.
  const actions: GameAction[][] = starts.map((_, l) =>
    Array.from({ length: 4096 }, () => {
      const name = rng.pick(game.availableActions.filter((a) => a !== 'ACTION7'));
      return name === 'ACTION6' ? { type: 'ACTION6', x: rng.int(views[l]!.width), y: rng.int(views[l]!.height) } : (ACTIONS[name] as GameAction);
    }),
  );
  let level = 0;
  let s: unknown = starts[0];
  let k = 0;
  return rate(ms, 10_000, () => {
    for (let i = 0; i < 10_000; i++) {
      s = game.step(s, actions[level]![k++ & 4095]!);
      if (game.outcome(s) !== 'playing' || (k & 255) === 0) {
        level = (level + 1) % starts.length;
        s = starts[level]!;
      }
    }
  });
}

/** States expanded and successor states generated per second, solving every level over and over. */
function solverRates(entry: RegisteredGame, ms: number): { expanded: number; generated: number } {
  const game = entry.game;
  for (let i = 0; i < game.levels.length; i++) solveLevel(game, i); // warm-up, as rate() does
  let expanded = 0;
  let generated = 0;
  const t0 = performance.now();
  do {
    for (let i = 0; i < game.levels.length; i++) {
      const solution = solveLevel(game, i)!;
      expanded += solution.expanded;
      generated += solution.generated;
    }
  } while (performance.now() - t0 < ms);
  const seconds = (performance.now() - t0) / 1000;
  return { expanded: expanded / seconds, generated: generated / seconds };
}

function sampleFrames(solutions: Map<string, Action[][]>): Frame[] {
  const frames: Frame[] = [];
  for (const entry of GAMES) {
    const session = createSession(entry.game);
    for (const solution of solutions.get(entry.code)!) for (const a of solution) frames.push(...session.act(a).frames);
  }
  return frames;
}

/** The same-run reference: what a naive engine does per action (copy the frame as nested arrays, serialise it). */
function referenceRate(ms: number): number {
  let frame = Array.from({ length: FRAME_SIZE }, () => new Array<number>(FRAME_SIZE).fill(5));
  let x = 0;
  let sink = 0;
  const r = rate(ms, 100, () => {
    for (let i = 0; i < 100; i++) {
      frame = frame.map((row) => row.slice());
      frame[x >> 6]![x & 63] = 9;
      x = (x + 1) & 4095;
      sink += JSON.stringify(frame).length;
    }
  });
  return sink > 0 ? r : 0;
}

function gc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** JS heap plus typed-array backing stores (frames and grids live outside the JS heap). */
function liveBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** A session as the memory figure measures it: 100 random actions in, its frame drawn. */
function playedSession(entry: RegisteredGame, rng: Rng): Session<unknown> {
  const session = createSession(entry.game);
  for (let k = 0; k < 100; k++) session.act(session.status === 'NOT_FINISHED' ? randomAction(entry.game, rng) : ACTIONS.RESET);
  session.frame();
  return session;
}

/**
 * A full collection, then a pause: V8 frees dead ArrayBuffers (frames, grids) on a background
 * thread, so process.memoryUsage().arrayBuffers settles a moment after gc() returns.
 */
async function settle(collect: () => void): Promise<void> {
  for (let i = 0; i < 3; i++) {
    collect();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Bytes a live session holds beyond the game's shared level data, after 100 random actions. */
async function sessionBytes(count: number): Promise<number> {
  const collect = gc();
  const entries = GAMES.map((entry) => ({ entry, rng: createRng(`memory:${entry.code}`) }));
  // Shared data and caches (levels, boards, backdrops, lifecycle transitions) are made here, not counted.
  for (const { entry, rng } of entries) for (let i = 0; i < 20; i++) playedSession(entry, rng);
  await settle(collect);
  const before = liveBytes();
  const sessions: Session<unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const { entry, rng } = entries[i % entries.length]!;
    sessions.push(playedSession(entry, rng));
  }
  await settle(collect);
  const bytes = (liveBytes() - before) / count;
  return sessions.length > 0 ? Math.round(bytes) : 0;
}

export async function runBench(options: { quick?: boolean } = {}): Promise<BenchResult> {
  const ms = options.quick ? 40 : 400;
  const result: BenchResult = {};
  const solutions = new Map(GAMES.map((e) => [e.code, e.game.levels.map((_, i) => [...solveLevel(e.game, i)!.actions])]));
  const session: number[] = [];
  const reducer: number[] = [];
  const solver: number[] = [];
  const generated: number[] = [];
  for (const entry of GAMES) {
    const s = sessionRate(entry, solutions.get(entry.code)!, ms);
    const r = reducerRate(entry, ms);
    const v = solverRates(entry, ms);
    session.push(s);
    reducer.push(r);
    solver.push(v.expanded);
    generated.push(v.generated);
    result[`session_steps_per_s_${entry.code}`] = Math.round(s);
    result[`reducer_steps_per_s_${entry.code}`] = Math.round(r);
    result[`solver_states_per_s_${entry.code}`] = Math.round(v.expanded);
    result[`solver_generated_per_s_${entry.code}`] = Math.round(v.generated);
  }
  result.session_steps_per_s = Math.round(median(session));
  result.reducer_steps_per_s = Math.round(median(reducer));
  result.solver_states_per_s = Math.round(median(solver));
  result.solver_generated_per_s = Math.round(median(generated));
  const frames = sampleFrames(solutions);
  let f = 0;
  result.encode_frames_per_s = Math.round(rate(ms, 100, () => {
    for (let i = 0; i < 100; i++) frameToJson(frames[f++ % frames.length]!);
  }));
  result.encode_rle_frames_per_s = Math.round(rate(ms, 100, () => {
    for (let i = 0; i < 100; i++) frameToRle(frames[f++ % frames.length]!);
  }));
  result.encode_text_frames_per_s = Math.round(rate(ms, 100, () => {
    for (let i = 0; i < 100; i++) frameToText(frames[f++ % frames.length]!);
  }));
  result.reference_steps_per_s = Math.round(referenceRate(ms));
  result.session_vs_reference = round2(result.session_steps_per_s / result.reference_steps_per_s);
  result.reducer_vs_reference = round2(result.reducer_steps_per_s / result.reference_steps_per_s);
  result.session_bytes = await sessionBytes(options.quick ? 300 : 3000);
  Object.assign(result, scoreBench(options));
  Object.assign(result, await (await import('./runner/bench-runner.ts')).benchRunner(options)); // tabula run's pool: random agent, 1 and 2 workers (issue 7)
  Object.assign(result, await (await import('./server/bench-http.ts')).benchHttp(options)); // the HTTP server's figures (issue 4)
  return result;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
