/**
 * The replay file (SCORING.md): JSONL, a header line, then one line per accepted action and,
 * optionally, `{"rejected": reason}` lines for refused requests. The log is the truth: every state
 * is re-derived by folding the actions through the engine, and each line's `hash` lets a reader
 * verify that it was.
 *
 * A session starts at level 0 when it is created (the API's opening RESET without a guid): that
 * opening is the header, not a step. Every later action, RESETs included, is a step line.
 *
 * Pure: writers build objects and strings, readers take strings; files belong to the edges.
 */
import { z } from 'zod';
import { ACTIONS, click, type Action, type ActionName } from './actions.ts';
import { TabulaError } from './errors.ts';
import type { Game } from './game.ts';
import { createSession, type Session, type StepResult } from './session.ts';

export const REPLAY_FORMAT = 'tabula-replay';
export const REPLAY_VERSION = 1;

const count = z.number().int().nonnegative();

export const ReplayHeaderSchema = z.object({
  format: z.literal(REPLAY_FORMAT),
  version: z.literal(REPLAY_VERSION),
  /** `<code>-<version>`: the exact levels and rules played. */
  game_id: z.string().regex(/^[a-z0-9]{4}-[0-9a-f]{8}$/, 'a game id is <4-char code>-<8 hex version>'),
  /** null: the designed levels; a number: the game's generated levels for that seed. */
  seed: z.number().int().nullable(),
  player: z.object({ kind: z.enum(['human', 'agent']), name: z.string().max(200) }),
  /** ISO 8601; passed in by the edge that writes the file (core has no clock). */
  created_at: z.string(),
  /** The package version that wrote the file. */
  engine: z.string(),
  /** Optional context, never used for scoring. */
  guid: z.string().optional(),
  card_id: z.string().optional(),
  /** A person's first session on this game version (human baselines count only these). */
  first_play: z.boolean().optional(),
  tags: z.array(z.string()).optional(),
});
export type ReplayHeader = z.infer<typeof ReplayHeaderSchema>;

export const UsageSchema = z.object({
  input_tokens: count,
  output_tokens: count,
  cost_usd: z.number().nonnegative(),
});
export type Usage = z.infer<typeof UsageSchema>;

const coordinate = z.number().int().min(0).max(63);

export const ReplayStepSchema = z
  .object({
    /** 1-based position of this action in the replay. */
    t: z.number().int().positive(),
    action: z.enum(['RESET', 'ACTION1', 'ACTION2', 'ACTION3', 'ACTION4', 'ACTION5', 'ACTION6', 'ACTION7']),
    x: coordinate.optional(),
    y: coordinate.optional(),
    reasoning: z.unknown().optional(),
    /** 0-based level index when the action was issued. */
    level: count,
    state: z.enum(['NOT_FINISHED', 'WIN', 'GAME_OVER']),
    levels_completed: count,
    /** Canonical state hash after the action (core/hash.ts). */
    hash: z.string().regex(/^[0-9a-f]{14}$/, 'a state hash is 14 hex digits'),
    changed: z.boolean(),
    /** Present (true) only on a RESET that restarted the whole game: a new run begins. */
    full_reset: z.literal(true).optional(),
    frames: z.unknown().optional(),
    usage: UsageSchema.optional(),
    ms: z.number().nonnegative().optional(),
  })
  .refine((s) => (s.action === 'ACTION6') === (s.x !== undefined && s.y !== undefined), {
    message: 'ACTION6 lines carry x and y (0..63); other actions carry neither',
    path: ['x'],
  });
export type ReplayStep = z.infer<typeof ReplayStepSchema>;

/**
 * A refused request: why, and what choosing it cost when an agent paid for it (an LLM's reply that
 * was not a valid action still spent tokens; a score's cost counts them).
 */
export const ReplayRejectedSchema = z.object({ rejected: z.string(), usage: UsageSchema.optional() });
export type RejectedLine = z.infer<typeof ReplayRejectedSchema>;

export interface Replay {
  readonly header: ReplayHeader;
  readonly steps: readonly ReplayStep[];
  /** Refused requests logged in the file, with their 1-based line numbers. */
  readonly rejected: readonly { readonly line: number; readonly reason: string; readonly usage?: Usage }[];
  /** Set when the last line was cut off (a crash mid-write): what came before is still read. */
  readonly truncated?: { readonly line: number };
}

/**
 * A replay that cannot be read or does not verify. The message names where: the 1-based line for a
 * malformed line, the step number `t` for a step that does not re-simulate.
 */
export class ReplayError extends TabulaError {
  readonly line: number | undefined;
  readonly t: number | undefined;
  constructor(where: { readonly line: number } | { readonly t: number }, message: string) {
    super('VALIDATION_ERROR', `replay ${'line' in where ? `line ${where.line}` : `step t=${where.t}`}: ${message}`);
    this.name = 'ReplayError';
    this.line = 'line' in where ? where.line : undefined;
    this.t = 't' in where ? where.t : undefined;
  }
}

/** Extras a step line may carry beyond what the engine reports. */
export interface StepExtras {
  readonly reasoning?: unknown;
  readonly usage?: Usage;
  readonly ms?: number;
  readonly frames?: unknown;
}

export function replayHeader(fields: Omit<ReplayHeader, 'format' | 'version'>): ReplayHeader {
  return { format: REPLAY_FORMAT, version: REPLAY_VERSION, ...fields };
}

/** The step line for an action the session accepted; `t` is its 1-based position in the replay. */
export function replayStep(t: number, result: StepResult, extras: StepExtras = {}): ReplayStep {
  const action = result.action;
  const step: Record<string, unknown> = { t, action: action.type };
  if (action.type === 'ACTION6') {
    step.x = action.x;
    step.y = action.y;
  }
  if (extras.reasoning !== undefined) step.reasoning = extras.reasoning;
  step.level = result.levelBefore;
  step.state = result.state;
  step.levels_completed = result.levelsCompleted;
  step.hash = result.hash;
  step.changed = result.changed;
  if (result.fullReset) step.full_reset = true;
  if (extras.frames !== undefined) step.frames = extras.frames;
  if (extras.usage !== undefined) step.usage = extras.usage;
  if (extras.ms !== undefined) step.ms = extras.ms;
  return step as ReplayStep;
}

/**
 * replayLine(replayStep(t, result, extras)), byte for byte. A step line is made per action, and
 * JSON.stringify of the object replayStep builds costs more than the game's own step (a tenth of a
 * random agent's episode in `tabula run`), so a line with only engine fields (and a finite `ms`) is
 * written straight to a string: the same keys in the same order, numbers as JSON prints them, and
 * strings that need no escaping (action names, states and hex hashes are plain ASCII). Lines with
 * reasoning, usage or frames, which can hold anything, go through JSON.stringify.
 */
export function replayStepLine(t: number, result: StepResult, extras: StepExtras = {}): string {
  const { ms } = extras;
  if (extras.reasoning !== undefined || extras.usage !== undefined || extras.frames !== undefined || (ms !== undefined && !Number.isFinite(ms))) {
    return replayLine(replayStep(t, result, extras));
  }
  const action = result.action;
  const at = action.type === 'ACTION6' ? `,"x":${action.x},"y":${action.y}` : '';
  const reset = result.fullReset ? ',"full_reset":true' : '';
  const time = ms === undefined ? '' : `,"ms":${ms}`;
  return `{"t":${t},"action":"${action.type}"${at},"level":${result.levelBefore},"state":"${result.state}","levels_completed":${result.levelsCompleted},"hash":"${result.hash}","changed":${result.changed}${reset}${time}}\n`;
}

/** One JSONL line, newline included. */
export function replayLine(value: ReplayHeader | ReplayStep | RejectedLine): string {
  return `${JSON.stringify(value)}\n`;
}

/** The action a step line records. */
export function stepAction(step: ReplayStep): Action {
  return step.action === 'ACTION6' ? click(step.x!, step.y!) : ACTIONS[step.action as Exclude<ActionName, 'ACTION6'>];
}

export type ReplayLine =
  | { readonly kind: 'header'; readonly header: ReplayHeader }
  | { readonly kind: 'step'; readonly step: ReplayStep }
  | { readonly kind: 'rejected'; readonly line: RejectedLine };

/**
 * Reads one line (1-based `line`; line 1 is the header). Throws a ReplayError naming the line and
 * the field on anything malformed.
 */
export function parseReplayLine(text: string, line: number): ReplayLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ReplayError({ line }, `not valid JSON (${preview(text)}); each line must be one JSON object`);
  }
  if (line === 1) {
    const header = ReplayHeaderSchema.safeParse(value);
    if (header.success) return { kind: 'header', header: header.data };
    const { format, version } = (value ?? {}) as { format?: unknown; version?: unknown };
    if (format === REPLAY_FORMAT && typeof version === 'number' && version !== REPLAY_VERSION) {
      throw new ReplayError({ line }, `replay format version ${version} is not supported; this Tabula reads version ${REPLAY_VERSION}`);
    }
    throw new ReplayError({ line }, `not a tabula-replay header: ${issue(header.error)}`);
  }
  if (typeof value === 'object' && value !== null && 'rejected' in value) {
    const rejected = ReplayRejectedSchema.safeParse(value);
    if (!rejected.success) throw new ReplayError({ line }, `a rejected line is {"rejected": "<reason>", "usage"?: {...}}: ${issue(rejected.error)}`);
    return { kind: 'rejected', line: rejected.data };
  }
  const step = ReplayStepSchema.safeParse(value);
  if (!step.success) throw new ReplayError({ line }, `not a step line: ${issue(step.error)}`);
  return { kind: 'step', step: step.data };
}

/**
 * Reads lines one at a time, so a replay of any length streams in bounded memory. Tracks the
 * checks that span lines: the header comes first, `t` counts up by one.
 */
export class ReplayReader {
  header: ReplayHeader | undefined;
  private line = 0;
  private lastT = 0;

  /** Returns the step for a step line, undefined for the header, a rejected line or a blank line. */
  read(text: string): ReplayStep | RejectedLine | undefined {
    this.line++;
    if (text.trim() === '') {
      if (this.line === 1) throw new ReplayError({ line: 1 }, 'the file is empty; a replay starts with a tabula-replay header line');
      return undefined;
    }
    const parsed = parseReplayLine(text, this.line);
    if (parsed.kind === 'header') {
      this.header = parsed.header;
      return undefined;
    }
    if (parsed.kind === 'rejected') return parsed.line;
    if (parsed.step.t !== this.lastT + 1) {
      throw new ReplayError({ line: this.line }, `field t is ${parsed.step.t}, expected ${this.lastT + 1}: steps count up by one from 1`);
    }
    this.lastT = parsed.step.t;
    return parsed.step;
  }

  get lineNumber(): number {
    return this.line;
  }
}

/**
 * Reads a whole replay. A last line cut off mid-write (no newline, not valid JSON) is reported in
 * `truncated` and everything before it is kept; any other malformed line throws a ReplayError.
 */
export function parseReplay(text: string): Replay {
  const lines = text.split('\n');
  const endsClean = text.endsWith('\n');
  if (endsClean) lines.pop();
  const reader = new ReplayReader();
  const steps: ReplayStep[] = [];
  const rejected: Replay['rejected'][number][] = [];
  let truncated: { line: number } | undefined;
  for (const [i, line] of lines.entries()) {
    let read;
    try {
      read = reader.read(line);
    } catch (error) {
      const last = i === lines.length - 1 && !endsClean && i > 0;
      if (last && error instanceof ReplayError && isCutOff(line)) {
        truncated = { line: i + 1 };
        break;
      }
      throw error;
    }
    if (read === undefined) continue;
    if ('rejected' in read) rejected.push(read.usage === undefined ? { line: i + 1, reason: read.rejected } : { line: i + 1, reason: read.rejected, usage: read.usage });
    else steps.push(read);
  }
  if (reader.header === undefined) throw new ReplayError({ line: 1 }, 'the file is empty; a replay starts with a tabula-replay header line');
  return truncated === undefined ? { header: reader.header, steps, rejected } : { header: reader.header, steps, rejected, truncated };
}

/** A line a crash could have cut: not parseable JSON at all (a complete but wrong line is an error). */
function isCutOff(line: string): boolean {
  try {
    JSON.parse(line);
    return false;
  } catch {
    return true;
  }
}

/** The game a replay names, as the registry gives it. */
export interface ReplayGame {
  readonly gameId: string;
  readonly game: Game<unknown>;
}

/**
 * Refuses a replay recorded on another version of the game, with a message that says so (the
 * levels or rules changed since, so its actions would be misread).
 */
export function checkReplayGame(header: ReplayHeader, entry: ReplayGame): void {
  if (header.game_id === entry.gameId) return;
  const [code] = header.game_id.split('-');
  const [ourCode] = entry.gameId.split('-');
  if (code !== ourCode) throw new ReplayError({ line: 1 }, `the replay is of game ${header.game_id}, not ${entry.gameId}`);
  throw new ReplayError(
    { line: 1 },
    `the replay was recorded on ${header.game_id}, but this Tabula has ${entry.gameId}: the game's levels or rules changed since, ` +
      'so it cannot be re-simulated; score it with the Tabula version that recorded it',
  );
}

/**
 * Re-simulates every step through the engine and checks every hash, state and level count.
 * Throws a ReplayError at the first line that disagrees; returns the number of steps checked.
 * Steps are streamed, so any iterable works (a reader over a huge file included).
 */
export function verifyReplay(header: ReplayHeader, steps: Iterable<ReplayStep>, entry: ReplayGame): number {
  checkReplayGame(header, entry);
  const session = createSession(entry.game, { seed: header.seed });
  let checked = 0;
  for (const step of steps) {
    replayAct(session, step);
    checked++;
  }
  return checked;
}

/**
 * Plays one step line through a session and checks that the engine agrees with it (hash, state,
 * levels completed, level); throws a ReplayError naming the step otherwise. The scorer uses it too.
 */
export function replayAct(session: Session<unknown>, step: ReplayStep): StepResult {
  let result: StepResult;
  try {
    result = session.act(stepAction(step));
  } catch (error) {
    throw new ReplayError({ t: step.t }, `${step.action} was refused by the engine: ${(error as Error).message}`);
  }
  if (result.hash !== step.hash || result.state !== step.state || result.levelsCompleted !== step.levels_completed || result.levelBefore !== step.level) {
    throw new ReplayError(
      { t: step.t },
      `does not re-simulate: the file says level ${step.level}, ${step.state}, ${step.levels_completed} completed, hash ${step.hash}; ` +
        `the engine gives level ${result.levelBefore}, ${result.state}, ${result.levelsCompleted} completed, hash ${result.hash} ` +
        '(the file was edited, or the game changed without a version bump)',
    );
  }
  return result;
}

function preview(text: string): string {
  return text.length > 40 ? `${JSON.stringify(text.slice(0, 40))}...` : JSON.stringify(text);
}

function issue(error: z.ZodError): string {
  const first = error.issues[0];
  if (first === undefined) return 'invalid';
  const field = first.path.length > 0 ? `field ${first.path.join('.')}` : 'the line';
  return `${field}: ${first.message}`;
}
