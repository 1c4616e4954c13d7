/**
 * The Game type and defineGame(): a game is a value (levels + pure rules), checked when it is defined
 * so a broken definition fails at import with the game, level, row and column named, never mid-play.
 */
import { z } from 'zod';
import { ACTION_NAMES, type ActionName, type GameAction, type GameActionName } from './actions.ts';
import { GameDefinitionError, TabulaError } from './errors.ts';
import { FRAME_SIZE } from './frame.ts';
import { parseLevel, type Grid, type Legend, type Level } from './grid.ts';
import { hashState, hashString } from './hash.ts';
import { rngState, type Rng, type RngState } from './rng.ts';
import { generateLevels, seedRange } from './variants.ts';

export type Outcome = 'playing' | 'cleared' | 'lost';

/** Handed to init(): the session's seed, and a PRNG state for games with chance to keep in their state. */
export interface InitContext {
  readonly seed: number | null;
  readonly rng: RngState;
}

export interface GameDefinition<S> {
  /** Internal id, kebab-case, equal to the file name. Never served: public ids are opaque codes. */
  readonly id: string;
  /** Raise when the rules change without the levels changing: it feeds the public version. */
  readonly revision?: number;
  /** Glyph -> ARC palette index (0..15). */
  readonly legend: Legend;
  /** The avatar's glyph, if the game has one: every level must draw it. */
  readonly avatar?: string;
  /** The actions the game responds to, in ARC's vocabulary. ACTION7 is added by `undo`. */
  readonly actions: readonly GameActionName[];
  /** Offer ACTION7: the session steps back to the previous state of the current level. */
  readonly undo?: boolean;
  /** Levels as ASCII pictures (template literals; indentation is removed). */
  readonly levels: readonly string[];
  /**
   * Fresh levels of the same design for a seed (seeded variants); pure, drawn from `rng` only (a level
   * that fails the solver check is drawn again from a fresh rng, see core/variants.ts).
   */
  readonly generate?: (seed: number, rng: Rng) => readonly string[];
  readonly init: (level: Level, ctx: InitContext) => S;
  /** Pure. Return `state` itself when the action does nothing: the engine reports `changed: false`. */
  readonly step: (state: S, action: GameAction) => S;
  readonly outcome: (state: S) => Outcome;
  /**
   * The grid to draw; the engine scales it into the 64x64 frame. Its size must not change within a
   * level. Return a new grid (newBytes/copyBytes/paint) or one that never changes: the engine draws
   * each frame by comparing the new grid with the last one, so a grid changed in place goes unseen.
   */
  readonly view: (state: S) => Grid;
  /** Top-level state keys left out of the state hash: counters drawn in a HUD, say. */
  readonly volatile?: readonly string[];
  /**
   * For click games: view cells (y * width + x) that stand for every click that can change this
   * state, one cell per distinct effect (one per tube, say, not one per cell of it). A click on any
   * cell left out must return the state itself or give the same state as a click on a listed cell
   * (the registry suite checks it). Listing each effect's first cell, in the order a list of every
   * such cell would have, keeps the states the solver meets and their order. Only the solver and the
   * checks read it, to try a handful of clicks per state instead of every cell; it is never served.
   * Left out, every view cell is tried. Return a shared array where the set is fixed per level.
   */
  readonly clickable?: (state: S) => readonly number[];
  /** In-between pictures for an action that animates; the final picture is always view(after). */
  readonly animate?: (before: S, action: GameAction, after: S) => readonly Grid[];
  /** Frames per second for animations (ARC's default_fps). */
  readonly fps?: number;
  /** Colour of the frame's margins around the scaled view. */
  readonly letterbox?: number;
}

export interface Game<S = unknown> {
  readonly id: string;
  /** 8 hex digits that change whenever levels, legend, actions or revision change. */
  readonly version: string;
  readonly legend: Legend;
  readonly avatar: string | undefined;
  /** What the API lists as available_actions, in ARC order. */
  readonly availableActions: readonly ActionName[];
  readonly undo: boolean;
  readonly levels: readonly Level[];
  readonly generates: boolean;
  readonly fps: number;
  readonly letterbox: number;
  readonly volatile: ReadonlySet<string> | null;
  readonly init: (level: Level, ctx: InitContext) => S;
  readonly step: (state: S, action: GameAction) => S;
  readonly outcome: (state: S) => Outcome;
  readonly view: (state: S) => Grid;
  readonly clickable: ((state: S) => readonly number[]) | undefined;
  readonly animate: ((before: S, action: GameAction, after: S) => readonly Grid[]) | undefined;
  /** The levels a session with this seed plays: the designed ones for null, generated ones otherwise. */
  levelsFor(seed: number | null): readonly Level[];
}

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'expected a function');
const colour = z.number().int().min(0).max(15);
const gameActionName = z.enum(['ACTION1', 'ACTION2', 'ACTION3', 'ACTION4', 'ACTION5', 'ACTION6']);

const DefinitionSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use kebab-case, equal to the file name'),
  revision: z.number().int().nonnegative().optional(),
  legend: z.record(z.string().length(1, 'legend keys are single glyphs'), colour),
  avatar: z.string().length(1).optional(),
  actions: z.array(gameActionName).min(1, 'a game needs at least one action'),
  undo: z.boolean().optional(),
  levels: z.array(z.string()).min(1, 'a game needs at least one level'),
  generate: fn.optional(),
  init: fn,
  step: fn,
  outcome: fn,
  view: fn,
  volatile: z.array(z.string()).optional(),
  clickable: fn.optional(),
  animate: fn.optional(),
  fps: z.number().int().min(1).max(60).optional(),
  letterbox: colour.optional(),
});

/** Validates a game definition and returns the playable game. Throws GameDefinitionError. */
export function defineGame<S>(definition: GameDefinition<S>): Game<S> {
  const parsed = DefinitionSchema.safeParse(definition);
  const name = typeof definition?.id === 'string' ? definition.id : '?';
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new GameDefinitionError(`game '${name}': ${issue.path.join('.') || 'definition'}: ${issue.message}`);
  }
  const d = definition;
  if (d.avatar !== undefined && d.legend[d.avatar] === undefined) {
    throw new GameDefinitionError(`game '${d.id}': the avatar glyph '${d.avatar}' is not in the legend`);
  }
  if (d.clickable !== undefined && !d.actions.includes('ACTION6')) {
    throw new GameDefinitionError(`game '${d.id}': clickable() is a hint for click games; add 'ACTION6' to actions or drop clickable`);
  }
  const availableActions = ACTION_NAMES.filter(
    (a) => (d.actions as readonly string[]).includes(a) || (a === 'ACTION7' && d.undo === true),
  );
  const base = {
    id: d.id,
    legend: Object.freeze({ ...d.legend }),
    avatar: d.avatar,
    availableActions: Object.freeze(availableActions),
    undo: d.undo === true,
    generates: d.generate !== undefined,
    fps: d.fps ?? 8,
    letterbox: d.letterbox ?? 5,
    volatile: d.volatile && d.volatile.length > 0 ? new Set(d.volatile) : null,
    init: d.init,
    step: d.step,
    outcome: d.outcome,
    view: d.view,
    clickable: d.clickable,
    animate: d.animate,
  };
  const levels = parseLevels(base, d.levels);
  const version = hashHex32(
    hashString(
      JSON.stringify([levels.map((l) => l.rows), Object.entries(d.legend).sort(), availableActions, d.avatar ?? '', d.revision ?? 0, d.volatile ?? [], d.fps ?? 8, d.letterbox ?? 5]),
    ),
  );
  const generated = new Map<number, readonly Level[]>();
  const game: Game<S> = {
    ...base,
    version,
    levels,
    levelsFor(seed) {
      if (seed === null) return levels;
      if (d.generate === undefined) {
        // A play-time error any seam can pass on; the internal id never reaches a player.
        throw new TabulaError('VALIDATION_ERROR', 'this game has no seeded variants (tabula list shows which games do); play it without a seed');
      }
      seedRange(seed);
      let set = generated.get(seed);
      if (set === undefined) {
        // Every generated level is solver-checked and a trivial or unsolvable one skipped (core/variants.ts).
        set = generateLevels(game, d.generate, seed, (texts) => parseLevels(base, texts, seed));
        // Generated sets are shared by every session on that seed; keep the most recent few.
        if (generated.size >= 64) generated.delete(generated.keys().next().value!);
        generated.set(seed, set);
      }
      return set;
    },
  };
  return Object.freeze(game);
}

type Checkable<S> = Pick<Game<S>, 'id' | 'legend' | 'avatar' | 'init' | 'view'>;

/** Parses and checks a level set: every level draws its avatar, and its first view fits the frame. */
function parseLevels<S>(game: Checkable<S>, texts: readonly string[], seed: number | null = null): readonly Level[] {
  const label = seed === null ? `game '${game.id}'` : `game '${game.id}' (seed ${seed})`;
  return Object.freeze(
    texts.map((text, index) => {
      const level = parseLevel(text, game.legend, { label, level: index });
      if (game.avatar !== undefined && level.find(game.avatar) === undefined) {
        throw new GameDefinitionError(`${label}, level ${index + 1}: no avatar; draw the avatar glyph '${game.avatar}' once in the level`);
      }
      let view: Grid;
      try {
        view = game.view(game.init(level, initContext(seed, index)));
      } catch (error) {
        throw new GameDefinitionError(`${label}, level ${index + 1}: init() or view() threw: ${(error as Error).message}`);
      }
      checkView(view, `${label}, level ${index + 1}`);
      return level;
    }),
  );
}

function checkView(view: Grid, at: string): void {
  if (!Number.isInteger(view.width) || !Number.isInteger(view.height) || view.width < 1 || view.height < 1 || view.width > FRAME_SIZE || view.height > FRAME_SIZE) {
    throw new GameDefinitionError(`${at}: view() drew ${view.width}x${view.height} cells; a view must be 1..64 cells on each side`);
  }
  if (!(view.cells instanceof Uint8Array) || view.cells.length !== view.width * view.height) {
    throw new GameDefinitionError(`${at}: view() must return cells as a Uint8Array of width*height palette indices`);
  }
  const bad = view.cells.findIndex((c) => c > 15);
  if (bad >= 0) {
    throw new GameDefinitionError(`${at}, row ${Math.floor(bad / view.width) + 1}, column ${(bad % view.width) + 1}: colour ${view.cells[bad]} is not an ARC palette index (0..15)`);
  }
}

export function initContext(seed: number | null, levelIndex: number): InitContext {
  return { seed, rng: rngState(`${seed ?? 'designed'}:${levelIndex}`) };
}

/** The canonical hash of a game state on a level: what replays store and the solver dedupes on. */
export function stateHash<S>(game: Game<S>, levelIndex: number, state: S): number {
  return hashState(state, game.volatile, levelIndex + 1);
}

function hashHex32(hash: number): string {
  return (hash % 4294967296).toString(16).padStart(8, '0');
}
