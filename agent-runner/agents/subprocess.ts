/**
 * An external agent over stdio JSON lines: any program in any language, one process per episode.
 *
 * Protocol (the runner writes to the agent's stdin, the agent answers on its stdout, one JSON object
 * per line, UTF-8, each line ending in "\n"):
 *
 * 1. The runner starts the command through the shell (`sh -c`, in its own process group), with
 *    TABULA_SEED (the episode's seed: an agent's own randomness should come from it, so runs
 *    repeat), TABULA_GAME (the public game id) and TABULA_LEVEL_SEED (the generated levels' seed, or
 *    empty for the designed levels) added to its environment.
 * 2. For each decision the runner writes ONE line: the ARC-AGI-3 frame response, exactly as the HTTP
 *    API sends it (API.md "Frame response": game_id, guid, frame, state, levels_completed, win_levels,
 *    action_input, available_actions as ids, full_reset, level_index, step, seed). The first line is
 *    the opening frame after the implicit opening RESET (action_input.id 0, full_reset true); later
 *    lines answer the action the agent just sent. `guid` is a fresh id per episode. With
 *    `frames: 'rle'` each row is `[colour, run, colour, run, ...]` as with `?frames=rle`.
 * 3. The agent answers ONE line:
 *      {"action":"ACTION1"}
 *      {"action":"ACTION6","x":3,"y":5,"reasoning":"the red cell looked clickable"}
 *    `action` is RESET or ACTION1..ACTION7, or its id 0..7; ACTION6 needs integer x and y in 0..63
 *    (frame cells, (0,0) top-left) and nothing else takes them. Optional `reasoning` (any JSON) is
 *    stored in the replay step; optional `usage` ({"input_tokens","output_tokens","cost_usd"}) too.
 *    No other fields. Blank lines are ignored. Anything the agent wants to log goes to stderr.
 * 4. When an answer is refused (not one JSON object of that shape, or anything but RESET after the
 *    game ended; an action the game does not offer is played, as over HTTP: a counted no-op), the refusal goes into the replay as a `rejected` line and
 *    the runner writes ARC's error body first, then the same frame again:
 *      {"error":"VALIDATION_ERROR","message":"<what was wrong and what to send instead>"}
 *    A line that arrives before a frame asked for it is refused the same way.
 * 5. The episode ends when the game is won, a level's budget is spent or the run is stopped; the runner
 *    then closes the agent's stdin (end of input: exit now), waits a moment and kills what is left.
 *    No answer within the per-action timeout (default 30 s), or the agent exiting, ends the episode
 *    as an error naming the timeout or the exit code and the last lines of the agent's stderr.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ACTION_NAMES, ACTIONS, TabulaError, toAction, UsageSchema, type Action, type Observation } from '../../core/index.ts';
import { AgentError, type Agent, type AgentAction, type AgentContext, type AgentObservation, type AgentSpec, type HistoryEntry } from '../runner/agent.ts';
import { frameResponse } from '../server/frame-response.ts';
import { commandAgentName, describeExit, ShellProcess } from './shell-process.ts';

export const DEFAULT_ACTION_TIMEOUT_MS = 30_000;
/** How long a closed agent has to exit on its own before it is killed. */
const CLOSE_GRACE_MS = 500;
/** A line this long without a newline is not an answer: the stream cannot be trusted to resync. */
const MAX_LINE_CHARS = 1 << 20;

export interface SubprocessOptions {
  /** Milliseconds the agent has for each answer (default 30,000); past it the episode ends as an error. */
  readonly timeoutMs?: number;
  /** 'arc' (default): frames as ARC's nested arrays; 'rle': run-length rows. */
  readonly frames?: 'arc' | 'rle';
  readonly cwd?: string;
  /** The agent's environment (default: the runner's). */
  readonly env?: NodeJS.ProcessEnv;
  /** 'tail' (default): keep the last lines of its stderr for error messages; 'pass': also copy them to the runner's stderr. */
  readonly stderr?: 'tail' | 'pass';
}

/** The agent `command`, started through the shell once per episode. */
export function subprocessAgent(command: string, options: SubprocessOptions = {}): AgentSpec {
  return {
    name: commandAgentName('cmd', command),
    create: (context) => new SubprocessAgent(command, options, context),
  };
}

const SEND_INSTEAD =
  'send one JSON object on one line, like {"action":"ACTION1"} or {"action":"ACTION6","x":3,"y":5,"reasoning":"..."} ' +
  '(action: RESET, ACTION1..ACTION7 or their ids 0..7; x and y only with ACTION6, integers 0..63)';

const AnswerSchema = z.strictObject({
  action: z.union([z.string(), z.number()], { error: 'must be an action name like "ACTION1" or its id 0..7' }),
  x: z.number({ error: 'must be a number' }).optional(),
  y: z.number({ error: 'must be a number' }).optional(),
  reasoning: z.unknown().optional(),
  usage: UsageSchema.optional(),
});

/** Reads one answer line (`n` is its 1-based line number on the agent's stdout). */
export function parseAnswer(text: string, n: number): AgentAction {
  const refuse = (what: string): AgentError => new AgentError(`line ${n} of the agent's output ${what}; ${SEND_INSTEAD}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw refuse(`is not JSON (${preview(text)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refuse(`is not a JSON object (${preview(text)})`);
  const parsed = AnswerSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    if (first.code === 'unrecognized_keys') throw refuse(`has fields the protocol does not know (${first.keys.join(', ')})`);
    throw refuse(`has a bad field ${first.path.join('.')}: ${first.message}`);
  }
  const { action, x, y, reasoning, usage } = parsed.data;
  const type = typeof action === 'number' && Number.isInteger(action) && action >= 0 && action < ACTION_NAMES.length ? ACTION_NAMES[action] : action;
  let played: Action;
  try {
    played = toAction({ type, x, y }); // core's check: the same words and messages as every other seam
  } catch (error) {
    // core's words for what was wrong; ours for what to send (core's examples use `type`, this protocol `action`)
    if (error instanceof TabulaError) throw refuse(`is refused: ${error.message}`);
    throw error;
  }
  if (played.type !== 'ACTION6' && (x !== undefined || y !== undefined)) throw refuse(`gives x or y with ${played.type}: only ACTION6 takes coordinates`);
  return { ...played, ...(reasoning === undefined ? {} : { reasoning }), ...(usage === undefined ? {} : { usage }) };
}

interface Line {
  readonly n: number;
  readonly text: string;
}

class SubprocessAgent implements Agent {
  private readonly proc: ShellProcess;
  private readonly guid = randomUUID();
  private readonly timeoutMs: number;
  private readonly rle: boolean;
  private partial = '';
  private lineCount = 0;
  /** Lines that arrived while no frame was waiting for an answer. */
  private unprompted: Line[] = [];
  private waiter: { resolve: (line: Line) => void; reject: (error: AgentError) => void } | undefined;
  /** Once set, every call fails with it: the process is gone or out of step. */
  private broken: AgentError | undefined;
  private frames = 0;

  constructor(
    private readonly command: string,
    options: SubprocessOptions,
    private readonly context: AgentContext,
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_ACTION_TIMEOUT_MS;
    if (!(this.timeoutMs > 0)) throw new TabulaError('VALIDATION_ERROR', `timeoutMs must be above 0, e.g. 30000; got ${this.timeoutMs}`);
    this.rle = options.frames === 'rle';
    this.proc = new ShellProcess(command, {
      stdout: 'pipe',
      pass: options.stderr === 'pass',
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
      env: {
        ...(options.env ?? process.env),
        TABULA_SEED: String(context.seed),
        TABULA_GAME: context.gameId,
        TABULA_LEVEL_SEED: context.levelSeed === null ? '' : String(context.levelSeed),
      },
    });
    this.proc.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => this.read(chunk));
    void this.proc.exited.then((exit) => {
      this.fail(new AgentError(`the agent process (${this.command}) ${describeExit(exit, this.proc.tail)}`, true));
    });
  }

  /** Its process id (the shell's; the group it leads holds everything it started). */
  get pid(): number | undefined {
    return this.proc.pid;
  }

  private read(chunk: string): void {
    this.partial += chunk;
    let end: number;
    while ((end = this.partial.indexOf('\n')) !== -1) {
      const text = this.partial.slice(0, end).replace(/\r$/, '');
      this.partial = this.partial.slice(end + 1);
      this.lineCount++;
      if (text.trim() === '') continue;
      const line = { n: this.lineCount, text };
      const waiter = this.waiter;
      if (waiter === undefined) this.unprompted.push(line);
      else {
        this.waiter = undefined;
        waiter.resolve(line);
      }
    }
    if (this.partial.length > MAX_LINE_CHARS) {
      this.fail(new AgentError(`line ${this.lineCount + 1} of the agent's output is over ${MAX_LINE_CHARS} characters without a newline; answer each frame with one short line`, true));
    }
  }

  private fail(error: AgentError): void {
    this.broken ??= error;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(this.broken);
  }

  async chooseAction(observation: AgentObservation, history: readonly HistoryEntry[]): Promise<AgentAction> {
    if (this.broken !== undefined) throw this.broken;
    if (this.unprompted.length > 0) {
      const early = this.unprompted[0]!;
      this.unprompted = [];
      throw new AgentError(`line ${early.n} of the agent's output came before a frame asked for it (${preview(early.text)}); answer each frame line with exactly one line`);
    }
    const stdin = this.proc.child.stdin!;
    if (observation.error !== undefined) stdin.write(`${JSON.stringify({ error: 'VALIDATION_ERROR', message: observation.error })}\n`);
    const answer = new Promise<Line>((resolve, reject) => (this.waiter = { resolve, reject }));
    stdin.write(this.frameLine(observation, history));
    this.frames++;
    const frame = this.frames;
    const timer = setTimeout(() => {
      this.fail(
        new AgentError(
          `the agent gave no answer within ${this.timeoutMs} ms (the per-action timeout) to frame line ${frame}; ` +
            'it must answer each frame line with one action line and flush its output',
          true,
        ),
      );
    }, this.timeoutMs);
    try {
      const line = await answer;
      return parseAnswer(line.text, line.n);
    } finally {
      clearTimeout(timer);
    }
  }

  private frameLine(observation: AgentObservation, history: readonly HistoryEntry[]): string {
    const last = history[history.length - 1];
    const seen: Observation = {
      frames: observation.frames,
      state: observation.state,
      levelsCompleted: observation.levelsCompleted,
      winLevels: observation.winLevels,
      levelIndex: observation.levelIndex,
      step: observation.step,
      availableActions: observation.availableActions,
      hash: '', // frameResponse never reads it: agents do not see state hashes
    };
    const body = frameResponse({
      gameId: this.context.gameId,
      guid: this.guid,
      seed: this.context.levelSeed,
      observation: seen,
      action: last?.action ?? ACTIONS.RESET,
      reasoning: last?.action.reasoning,
      // The opening frame follows the opening RESET, which starts a run (as the API's first response).
      fullReset: last === undefined ? true : observation.fullReset,
      rle: this.rle,
    });
    return `${body.toString('utf8')}\n`;
  }

  async close(): Promise<void> {
    this.fail(new AgentError('the agent was closed', true));
    this.proc.child.stdin!.end();
    await this.proc.stop(CLOSE_GRACE_MS);
  }
}

function preview(text: string): string {
  return text.length > 80 ? `${JSON.stringify(text.slice(0, 77))}...` : JSON.stringify(text);
}
