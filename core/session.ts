/**
 * A session: one player's play of one game, with ARC-AGI-3 semantics (API.md "Commands").
 * The hot path is the game's pure reducer; the lifecycle machine hears only outcomes and RESETs.
 * Everything a session holds is data, so it serialises to JSON and restores to a session that
 * continues identically.
 */
import { z } from 'zod';
import { ACTIONS, toAction, type Action, type ActionName, type GameAction } from './actions.ts';
import { TabulaError } from './errors.ts';
import { frameToViewCell, layoutFor, redrawFrame, renderFrame, type Frame, type Layout } from './frame.ts';
import { initContext, stateHash, type Game } from './game.ts';
import type { Grid, Level } from './grid.ts';
import { hashHex } from './hash.ts';
import {
  advanceLifecycle,
  phaseOf,
  restoreLifecycle,
  startLifecycle,
  type LifecycleContext,
  type LifecycleSnapshot,
  type Phase,
} from './lifecycle.ts';
import { decodeState, encodeState } from './state-codec.ts';

/** ARC's game states. */
export type GameStatus = 'NOT_FINISHED' | 'WIN' | 'GAME_OVER';

const STATUS: Record<Phase, GameStatus> = { playing: 'NOT_FINISHED', won: 'WIN', lost: 'GAME_OVER' };

/** Undo keeps at most this many past states per level, so a session's memory stays bounded. */
export const UNDO_DEPTH = 256;

export interface Observation {
  /**
   * The frames this observation carries: one, or several when an action animates or clears a level.
   * Read-only: the session draws its next frame from the last one (copy a frame before drawing on it).
   */
  readonly frames: readonly Frame[];
  readonly state: GameStatus;
  readonly levelsCompleted: number;
  readonly winLevels: number;
  /** 0-based index of the level now being played. */
  readonly levelIndex: number;
  /** Actions counted in this run (a full reset starts a new run at 0). */
  readonly step: number;
  readonly availableActions: readonly ActionName[];
  /** Canonical hash of the state now, 14 hex digits. */
  readonly hash: string;
}

export interface StepResult extends Observation {
  readonly action: Action;
  /** The level the action was issued on. */
  readonly levelBefore: number;
  /** False when the action left the state as it was. */
  readonly changed: boolean;
  /** True when this RESET started a new run. */
  readonly fullReset: boolean;
}

export interface SessionOptions {
  /** null (default) plays the designed levels; a number plays the game's generated levels for that seed. */
  readonly seed?: number | null;
  /**
   * false: act() returns no frames (frames: []), for re-simulation that checks hashes only (the
   * scorer); drawing is most of a step's cost. frame() still draws the current state on demand.
   */
  readonly frames?: boolean;
}

export class Session<S = unknown> {
  readonly game: Game<S>;
  readonly seed: number | null;
  readonly levels: readonly Level[];
  /** False when act() skips drawing (SessionOptions.frames). */
  private readonly draws: boolean;
  private lifecycle: LifecycleSnapshot;
  private phase: Phase = 'playing';
  private levelIndex = 0;
  private levelsCompleted = 0;
  private current: S;
  private history: S[] = [];
  private stepCount = 0;
  /** Full resets so far: the lifecycle's context stays finite so its transitions can be shared. */
  private runCount = 0;
  private actionsOnLevel = 0;
  private totalActions = 0;
  private hashValue: number;
  private layout: Layout;
  /** The last state drawn, its view and its frame: the current frame while `state` is current, and
   * the base the next frame is drawn over (see redrawFrame). */
  private drawn: { readonly state: S; readonly view: Grid; readonly frame: Frame } | undefined;
  /**
   * Per level index, the state init() gives, its hash and its layout. init is pure, so entering a
   * level again (every RESET) gives the same start: kept, it spares init, a view and a hash each time.
   */
  private readonly starts: (LevelStart<S> | undefined)[] = [];

  constructor(game: Game<S>, options: SessionOptions = {}) {
    this.game = game;
    this.seed = options.seed ?? null;
    this.draws = options.frames !== false;
    this.levels = game.levelsFor(this.seed);
    this.lifecycle = startLifecycle(this.levels.length);
    const start = this.enterLevel(0);
    this.current = start.state;
    this.hashValue = start.hash;
    this.layout = start.layout;
  }

  get status(): GameStatus {
    return STATUS[this.phase];
  }
  get level(): number {
    return this.levelIndex;
  }
  get state(): S {
    return this.current;
  }
  /** Actions in this run. */
  get steps(): number {
    return this.stepCount;
  }
  /** Actions in every run of this session. */
  get actions(): number {
    return this.totalActions;
  }
  get run(): number {
    return this.runCount;
  }
  get hash(): string {
    return hashHex(this.hashValue);
  }

  /** The current frame (drawn once per state). */
  frame(): Frame {
    if (this.drawn?.state !== this.current) {
      const view = this.game.view(this.current);
      const drawn = this.drawn;
      // A grid handed back again (the same cells array) cannot be compared with itself: draw it whole.
      const frame = drawn !== undefined && drawn.view.cells !== view.cells && drawn.view.width === view.width && drawn.view.height === view.height
        ? redrawFrame(drawn.frame, drawn.view, view)
        : renderFrame(view, this.game.letterbox);
      this.drawn = { state: this.current, view, frame };
    }
    return this.drawn.frame;
  }

  observe(): Observation {
    return this.observation([this.frame()]);
  }

  /**
   * Plays one action. Invalid input, or anything but RESET after WIN or GAME_OVER, throws a
   * TabulaError and leaves the session exactly as it was.
   */
  act(input: Action | unknown): StepResult {
    const action = isAction(input) ? input : toAction(input);
    if (action.type === 'RESET') return this.reset(action);
    if (this.phase !== 'playing') {
      const why = this.phase === 'won' ? 'the game is won (WIN)' : 'the game is over (GAME_OVER)';
      throw new TabulaError('GAME_NOT_STARTED_ERROR', `${why}; only RESET is accepted now: send RESET to play again`);
    }
    const levelBefore = this.levelIndex;
    const before = this.current;
    let after = before;
    if (action.type === 'ACTION7') {
      if (this.game.undo && this.history.length > 0) after = this.history.pop()!;
    } else if (this.game.availableActions.includes(action.type)) {
      const gameAction = this.toGameAction(action);
      if (gameAction !== undefined) after = this.game.step(before, gameAction);
      if (this.game.undo && after !== before) {
        if (this.history.length >= UNDO_DEPTH) this.history.shift();
        this.history.push(before);
      }
    }
    // An action outside available_actions is accepted and counted: the agent's mistake to make.
    this.stepCount++;
    this.totalActions++;
    this.actionsOnLevel++;
    const changed = after !== before;
    if (!changed) return this.result(action, levelBefore, false, false, this.draws ? [this.frame()] : NO_FRAMES);

    const frames: Frame[] = [];
    if (this.draws && this.game.animate !== undefined && action.type !== 'ACTION7') {
      for (const picture of this.game.animate(before, this.toGameAction(action)!, after)) frames.push(renderFrame(picture, this.game.letterbox));
    }
    this.current = after;
    if (this.draws) frames.push(this.frame());
    const outcome = this.game.outcome(after);
    let entered: LevelStart<S> | undefined;
    if (outcome === 'cleared') {
      this.transition({ type: 'CLEARED' });
      if (this.phase === 'playing') {
        entered = this.enterLevel(this.levelIndex);
        this.current = entered.state;
        this.layout = entered.layout;
        if (this.draws) frames.push(this.frame());
      }
    } else if (outcome === 'lost') {
      this.transition({ type: 'LOST' });
    }
    this.hashValue = entered !== undefined ? entered.hash : stateHash(this.game, this.levelIndex, this.current);
    return this.result(action, levelBefore, true, false, frames);
  }

  private reset(action: Action): StepResult {
    const levelBefore = this.levelIndex;
    this.transition({ type: 'RESET', dirty: this.actionsOnLevel > 0 && this.phase !== 'won' });
    const full = this.lifecycle.context.lastReset === 'full';
    if (full) {
      this.stepCount = 0;
      this.runCount++;
    } else this.stepCount++; // a level RESET counts as an action
    this.totalActions++;
    const hashBefore = this.hashValue;
    const start = this.enterLevel(this.levelIndex);
    this.current = start.state;
    this.layout = start.layout;
    this.hashValue = start.hash;
    // A RESET on a fresh level start changes nothing a player can see.
    const changed = this.hashValue !== hashBefore || this.levelIndex !== levelBefore;
    return this.result(action, levelBefore, changed, full, this.draws ? [this.frame()] : NO_FRAMES);
  }

  private transition(event: Parameters<typeof advanceLifecycle>[1]): void {
    this.lifecycle = advanceLifecycle(this.lifecycle, event);
    this.phase = phaseOf(this.lifecycle);
    this.levelIndex = this.lifecycle.context.levelIndex;
    this.levelsCompleted = this.lifecycle.context.levelsCompleted;
  }

  private enterLevel(index: number): LevelStart<S> {
    this.actionsOnLevel = 0;
    this.history.length = 0;
    let start = this.starts[index];
    if (start === undefined) {
      const state = this.game.init(this.levels[index]!, initContext(this.seed, index));
      start = { state, hash: stateHash(this.game, index, state), layout: this.layoutOf(state) };
      this.starts[index] = start;
    }
    return start;
  }

  private layoutOf(state: S): Layout {
    const view = this.game.view(state);
    return layoutFor(view.width, view.height);
  }

  /** ACTION6 frame coordinates -> the view cell under them; undefined on the letterbox. */
  private toGameAction(action: Action): GameAction | undefined {
    if (action.type !== 'ACTION6') return action as GameAction;
    const cell = frameToViewCell(this.layout, action.x, action.y);
    return cell === undefined ? undefined : { type: 'ACTION6', x: cell.x, y: cell.y };
  }

  private observation(frames: readonly Frame[]): Observation {
    return {
      frames,
      state: STATUS[this.phase],
      levelsCompleted: this.levelsCompleted,
      winLevels: this.levels.length,
      levelIndex: this.levelIndex,
      step: this.stepCount,
      availableActions: this.game.availableActions,
      hash: hashHex(this.hashValue),
    };
  }

  // An explicit literal, not a spread of observation(): this runs on every step.
  private result(action: Action, levelBefore: number, changed: boolean, fullReset: boolean, frames: readonly Frame[]): StepResult {
    return {
      frames,
      state: STATUS[this.phase],
      levelsCompleted: this.levelsCompleted,
      winLevels: this.levels.length,
      levelIndex: this.levelIndex,
      step: this.stepCount,
      availableActions: this.game.availableActions,
      hash: hashHex(this.hashValue),
      action,
      levelBefore,
      changed,
      fullReset,
    };
  }

  /** Everything needed to continue this session elsewhere, as JSON-safe data. */
  toJSON(): SessionJson {
    return {
      format: 'tabula-session',
      version: 1,
      game: this.game.id,
      gameVersion: this.game.version,
      seed: this.seed,
      phase: this.phase,
      lifecycle: { ...this.lifecycle.context }, // a copy: the snapshot is shared by every session
      state: encodeState(this.current),
      history: this.history.map(encodeState),
      steps: this.stepCount,
      run: this.runCount,
      actionsOnLevel: this.actionsOnLevel,
      totalActions: this.totalActions,
    };
  }

  /** Restores a session saved with toJSON(); refuses one saved from another game or game version. */
  static restore<S>(game: Game<S>, json: unknown): Session<S> {
    const parsed = SessionJsonSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new TabulaError('VALIDATION_ERROR', `not a saved session: ${issue.path.join('.') || 'body'}: ${issue.message}; send what Session.toJSON() wrote`);
    }
    const saved = parsed.data;
    if (saved.game !== game.id || saved.gameVersion !== game.version) {
      throw new TabulaError(
        'VALIDATION_ERROR',
        `this session was saved from ${saved.game} version ${saved.gameVersion}; it cannot continue on ${game.id} version ${game.version}`,
      );
    }
    const session = new Session(game, { seed: saved.seed });
    if (saved.lifecycle.levelIndex >= session.levels.length || saved.lifecycle.winLevels !== session.levels.length) {
      throw new TabulaError('VALIDATION_ERROR', `the saved session's level ${saved.lifecycle.levelIndex} does not exist in this game`);
    }
    session.lifecycle = restoreLifecycle(saved.phase, saved.lifecycle);
    session.phase = saved.phase;
    session.levelIndex = saved.lifecycle.levelIndex;
    session.levelsCompleted = saved.lifecycle.levelsCompleted;
    session.current = decodeState(saved.state) as S;
    session.history = saved.history.map((h) => decodeState(h) as S);
    session.stepCount = saved.steps;
    session.runCount = saved.run;
    session.actionsOnLevel = saved.actionsOnLevel;
    session.totalActions = saved.totalActions;
    session.hashValue = stateHash(game, session.levelIndex, session.current);
    session.layout = session.layoutOf(session.current);
    return session;
  }
}

const NO_FRAMES: readonly Frame[] = Object.freeze([]);

interface LevelStart<S> {
  readonly state: S;
  readonly hash: number;
  readonly layout: Layout;
}

export function createSession<S>(game: Game<S>, options: SessionOptions = {}): Session<S> {
  return new Session(game, options);
}

function isAction(input: unknown): input is Action {
  // The shared instances are trusted; anything else goes through toAction's checks.
  return input === ACTIONS.ACTION1 || input === ACTIONS.ACTION2 || input === ACTIONS.ACTION3 || input === ACTIONS.ACTION4 ||
    input === ACTIONS.ACTION5 || input === ACTIONS.ACTION7 || input === ACTIONS.RESET;
}

const count = z.number().int().nonnegative();
const LifecycleContextSchema = z.object({
  levelIndex: count,
  levelsCompleted: count,
  winLevels: z.number().int().positive(),
  lastReset: z.enum(['none', 'level', 'full']),
}) satisfies z.ZodType<LifecycleContext>;

export const SessionJsonSchema = z.object({
  format: z.literal('tabula-session'),
  version: z.literal(1),
  game: z.string(),
  gameVersion: z.string(),
  seed: z.number().int().nullable(),
  phase: z.enum(['playing', 'won', 'lost']),
  lifecycle: LifecycleContextSchema,
  state: z.unknown(),
  history: z.array(z.unknown()),
  steps: count,
  run: count,
  actionsOnLevel: count,
  totalActions: count,
});
export type SessionJson = z.infer<typeof SessionJsonSchema>;
