/**
 * External agents that speak the ARC-AGI-3 HTTP dialect (the ARC-AGI-3-Agents repo, or any client of
 * API.md): the runner does not drive them action by action, it starts the program, lets it play
 * against a Tabula server, and takes the replay the server recorded as the episode's replay.
 *
 * - Without `server`, a fresh server is started in this process on 127.0.0.1 (any free port, a temp
 *   data dir), and the program is told where it is the way ARC-AGI-3-Agents reads it from its .env:
 *   SCHEME=http HOST=127.0.0.1 PORT=<port> ARC_API_KEY=tabula-run, plus TABULA_URL, TABULA_GAME (the
 *   game id) and TABULA_SEED (the episode seed, for the program's own randomness). `{game}`, `{url}`,
 *   `{seed}` and `{port}` in the command are replaced by the same values, e.g.
 *   `cd ../ARC-AGI-3-Agents && uv run main.py --agent=random --game={game}`.
 * - With `server` (the URL of a running `tabula serve`), the replays are found through the API: the
 *   ones listed by GET /api/replays after the program ran that were not listed before it started.
 *   Against one external server, episodes must therefore run one at a time: two programs playing the
 *   same game at once could not be told apart.
 *
 * One replay per episode: the program's session of the game with the most steps (the result's `error`
 * says when it played several, or none). Its lines are copied to `write` up to the first step on a
 * level whose budget is spent (a prefix of a valid replay is a valid replay), with the header's player
 * set to the agent's name. The program sees only what any ARC client sees; what it does beyond the
 * budget is played on the server but not counted.
 *
 * Generated levels are not offered: ARC clients do not send the `seed` extension on their opening
 * RESET, so a level seed could not reach the server; HTTP agents play the designed levels.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  parseReplay,
  parseReplayLine,
  replayHeader,
  replayLine,
  ReplayHeaderSchema,
  TabulaError,
  type ReplayHeader,
} from '../../core/index.ts';
import type { RegisteredGame } from '../../envs/index.ts';
import type { EpisodeEnd, EpisodeResult } from '../runner/episode.ts';
import { startServer, type RunningServer } from '../server/index.ts';
import { commandAgentName, describeExit, ShellProcess } from './shell-process.ts';

export const DEFAULT_EPISODE_TIMEOUT_MS = 10 * 60_000;
/** The API key the program is given for the runner's own server (any key works there). */
export const RUN_API_KEY = 'tabula-run';
/** After SIGTERM (timeout or stop), how long the program has to finish before SIGKILL. */
const TERM_GRACE_MS = 2000;
const STOP_POLL_MS = 100;

export interface HttpEpisodeOptions {
  /** A shell command; `{game}`, `{url}`, `{seed}`, `{port}` are substituted. */
  readonly command: string;
  readonly entry: RegisteredGame;
  /** The episode seed (TABULA_SEED, `{seed}`): the program's own randomness. */
  readonly seed: number;
  /** Must be null: HTTP agents play the designed levels (see the header comment). */
  readonly levelSeed: number | null;
  readonly budgets: readonly number[];
  /** Receives each replay line (newline included). */
  readonly write: (line: string) => void;
  /** The package version, for the replay header (the runner writes the copied file). */
  readonly engine: string;
  /** ISO 8601, for the replay header. */
  readonly createdAt: string;
  /** The whole episode (default 10 minutes); then SIGTERM, and SIGKILL 2 s later. */
  readonly timeoutMs?: number;
  /** A running `tabula serve` (e.g. http://127.0.0.1:8001); default: start one for this episode. */
  readonly server?: string;
  /** Polled every 100 ms while the program runs: true stops it (SIGTERM, then SIGKILL). */
  readonly shouldStop?: () => boolean;
  /** The replay's player name; default `http:<command>`. */
  readonly agentName?: string;
  readonly cwd?: string;
  /** 'tail' (default): keep the last lines of its output for error messages; 'pass': also copy them to the runner's stderr. */
  readonly output?: 'tail' | 'pass';
}

/** How a program's run ended, before its replay is read. */
type Finish = 'exited' | 'timeout' | 'stopped';

export async function runHttpEpisode(options: HttpEpisodeOptions): Promise<EpisodeResult> {
  const { entry, seed, levelSeed } = options;
  if (levelSeed !== null) {
    throw new TabulaError(
      'VALIDATION_ERROR',
      `HTTP agents play the designed levels: an ARC-AGI-3 client's opening RESET carries no seed, so level seed ${levelSeed} cannot reach the server; ` +
        'run HTTP agents without a level seed, or use a stdio agent (a command that reads frame lines) for generated levels',
    );
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_EPISODE_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new TabulaError('VALIDATION_ERROR', `timeoutMs must be above 0, e.g. 600000; got ${timeoutMs}`);
  const name = options.agentName ?? commandAgentName('http', options.command);
  const winLevels = entry.game.levelsFor(null).length;

  let dataDir: string | undefined;
  let server: RunningServer | undefined;
  try {
    let url: string;
    if (options.server === undefined) {
      dataDir = mkdtempSync(join(tmpdir(), 'tabula-http-agent-'));
      server = await startServer({ host: '127.0.0.1', port: 0, dataDir });
      url = server.url;
    } else {
      url = options.server.replace(/\/+$/, '');
    }
    const before = server === undefined ? new Set((await listReplays(url)).map((r) => r.guid)) : new Set<string>();
    const started = performance.now();
    const { finish, exit, proc } = await runProgram(options, url, timeoutMs);
    const agentMs = performance.now() - started; // the program's whole run: it is the agent's time

    const texts = server === undefined ? await newReplays(url, before, entry.gameId) : localReplays(dataDir!, entry.gameId);
    const notes: string[] = [];
    let chosen: string | undefined;
    if (texts.length === 0) {
      notes.push(`the program played no session of ${entry.gameId} (an ARC client opens a scorecard, then POST /api/cmd/RESET with {"game_id":"${entry.gameId}","card_id":...})`);
    } else {
      const ranked = texts.map((text) => ({ text, replay: parseReplay(text) })).sort((a, b) => b.replay.steps.length - a.replay.steps.length);
      chosen = ranked[0]!.text;
      if (ranked.length > 1) {
        notes.push(`the program played ${ranked.length} sessions of ${entry.gameId}; kept the longest (${ranked[0]!.replay.header.guid ?? '?'}, ${ranked[0]!.replay.steps.length} steps)`);
      }
    }
    const copy = copyReplay(chosen, options, name);

    let end: EpisodeEnd;
    if (copy.state === 'WIN') end = 'win';
    else if (copy.budgetSpent) end = 'budget';
    else if (finish === 'stopped') end = 'stopped';
    else if (finish === 'timeout') {
      end = 'error';
      notes.unshift(`the program did not finish within ${timeoutMs} ms (the episode timeout) and was stopped; ${describeExit(exit, proc.tail, 'output')}`);
    } else if (exit.code !== 0 || exit.signal !== null || exit.spawnError !== undefined) {
      end = 'error';
      notes.unshift(`the program (${options.command}) ${describeExit(exit, proc.tail, 'output')}`);
    } else if (chosen === undefined) end = 'error';
    else end = 'done';

    return {
      gameId: entry.gameId,
      seed,
      levelSeed,
      agent: name,
      end,
      ...(notes.length > 0 ? { error: notes.join('; ') } : {}),
      actions: copy.actions,
      rejected: copy.rejected,
      levelsCompleted: copy.levelsCompleted,
      winLevels,
      state: copy.state,
      usage: copy.usage,
      agentMs,
    };
  } finally {
    await server?.close();
    if (dataDir !== undefined) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Starts the program and waits for it to exit, time out or be stopped; it is gone when this returns. */
async function runProgram(options: HttpEpisodeOptions, url: string, timeoutMs: number) {
  const parsed = new URL(url);
  const port = parsed.port !== '' ? parsed.port : parsed.protocol === 'https:' ? '443' : '80';
  const values: Record<string, string> = { game: options.entry.gameId, url, seed: String(options.seed), port };
  const command = options.command.replace(/\{(game|url|seed|port)\}/g, (_, key: string) => values[key]!);
  const proc = new ShellProcess(command, {
    stdout: 'tail',
    pass: options.output === 'pass',
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    env: {
      ...process.env,
      SCHEME: parsed.protocol.replace(':', ''),
      HOST: parsed.hostname.replace(/^\[|\]$/g, ''),
      PORT: port,
      // The runner's own server takes any key; an external one may need the user's (from the environment).
      ARC_API_KEY: options.server === undefined ? RUN_API_KEY : (process.env.ARC_API_KEY ?? RUN_API_KEY),
      TABULA_URL: url,
      TABULA_GAME: options.entry.gameId,
      TABULA_SEED: String(options.seed),
    },
  });
  proc.child.stdin!.end(); // nothing is said to it on stdin

  let timer: NodeJS.Timeout | undefined;
  let poll: NodeJS.Timeout | undefined;
  const finish = await new Promise<Finish>((resolve) => {
    void proc.exited.then(() => resolve('exited'));
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
    const shouldStop = options.shouldStop;
    if (shouldStop !== undefined) {
      if (shouldStop()) resolve('stopped');
      poll = setInterval(() => {
        if (shouldStop()) resolve('stopped');
      }, STOP_POLL_MS);
    }
  });
  clearTimeout(timer);
  clearInterval(poll);
  const exit = await proc.stop(TERM_GRACE_MS, finish === 'exited' ? undefined : 'SIGTERM');
  return { finish, exit, proc };
}

/** The replays of `gameId` (designed levels) in the runner's own server's data dir. */
function localReplays(dataDir: string, gameId: string): string[] {
  const dir = join(dataDir, 'replays');
  const texts: string[] = [];
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.jsonl')) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    const { header } = parseReplay(text);
    if (header.game_id === gameId && header.seed === null) texts.push(text);
  }
  return texts;
}

interface ListedReplay {
  readonly guid: string;
  readonly game_id: string;
  readonly seed: number | null;
}

async function getText(url: string): Promise<string> {
  const response = await fetch(url);
  const text = await response.text();
  if (!response.ok) throw new TabulaError('SERVER_ERROR', `GET ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return text;
}

async function listReplays(url: string): Promise<ListedReplay[]> {
  return JSON.parse(await getText(`${url}/api/replays`)) as ListedReplay[];
}

/** The replays of `gameId` (designed levels) an external server lists now and did not list before. */
async function newReplays(url: string, before: ReadonlySet<string>, gameId: string): Promise<string[]> {
  const fresh = (await listReplays(url)).filter((r) => !before.has(r.guid) && r.game_id === gameId && r.seed === null);
  return Promise.all(fresh.map((r) => getText(`${url}/api/sessions/${encodeURIComponent(r.guid)}/replay`)));
}

interface Copied {
  readonly actions: number;
  readonly rejected: number;
  readonly levelsCompleted: number;
  readonly state: 'NOT_FINISHED' | 'WIN' | 'GAME_OVER';
  readonly budgetSpent: boolean;
  readonly usage: { input_tokens: number; output_tokens: number; cost_usd: number };
}

/**
 * Writes the replay's lines up to the first step on a level whose budget is spent, its header
 * rewritten: the player is the agent (never a human baseline, whatever the program's scorecard said),
 * and the creation time and engine are the runner's, which writes this file. No replay: a header alone
 * (a valid replay of an episode with no actions).
 */
function copyReplay(text: string | undefined, options: HttpEpisodeOptions, name: string): Copied {
  const copied = { actions: 0, rejected: 0, levelsCompleted: 0, state: 'NOT_FINISHED' as Copied['state'], budgetSpent: false, usage: { input_tokens: 0, output_tokens: 0, cost_usd: 0 } };
  const player = { kind: 'agent' as const, name };
  if (text === undefined) {
    options.write(replayLine(replayHeader({ game_id: options.entry.gameId, seed: null, player, created_at: options.createdAt, engine: options.engine })));
    return copied;
  }
  const lines = text.split('\n');
  const spent: number[] = [];
  for (const [i, raw] of lines.entries()) {
    if (raw.trim() === '') continue;
    let line;
    try {
      line = parseReplayLine(raw, i + 1);
    } catch {
      break; // the last line cut off mid-write (parseReplay accepted the file): what came before stands
    }
    if (line.kind === 'header') {
      const { first_play: _human, format: _f, version: _v, ...rest } = line.header;
      const header: ReplayHeader = ReplayHeaderSchema.parse(replayHeader({ ...rest, player, created_at: options.createdAt, engine: options.engine }));
      options.write(replayLine(header));
    } else if (line.kind === 'rejected') {
      copied.rejected++;
      options.write(`${raw}\n`);
    } else {
      const step = line.step;
      const used = spent[step.level] ?? 0;
      if (used >= (options.budgets[step.level] ?? Infinity)) {
        copied.budgetSpent = true;
        break;
      }
      spent[step.level] = used + 1;
      copied.actions++;
      copied.levelsCompleted = step.levels_completed;
      copied.state = step.state;
      if (step.usage !== undefined) {
        copied.usage.input_tokens += step.usage.input_tokens;
        copied.usage.output_tokens += step.usage.output_tokens;
        copied.usage.cost_usd += step.usage.cost_usd;
      }
      options.write(`${raw}\n`);
    }
  }
  return copied;
}
