/**
 * Seeded variants: the documented seed ranges, and the check every generated level passes before a
 * session is served it. A game's generate(seed, rng) draws fresh levels of its design; a candidate
 * that the solver cannot clear, or that GAMES.md calls trivial, is skipped deterministically: the
 * same seed always gives the same accepted levels, on every machine.
 */
import { GameDefinitionError, TabulaError } from './errors.ts';
import type { Level } from './grid.ts';
import { createRng, type Rng } from './rng.ts';
import type { Game } from './game.ts';
import { validateParsedLevel } from './validity.ts';

export type SeedRangeName = 'practice' | 'development' | 'training' | 'evaluation';

export interface SeedRange {
  readonly name: SeedRangeName;
  /** First and last seed of the range, inclusive. */
  readonly first: number;
  readonly last: number;
  /** Public ranges may be played, studied and trained on; the held-out range is for evaluation only. */
  readonly public: boolean;
}

/**
 * Where each seed belongs. Public: practice (try the games), development (tune an agent), training
 * (learn from as many levels as you like). Held out: evaluation, whose levels no agent should have
 * seen; a score on designed levels or public seeds says nothing about contamination, one on
 * evaluation seeds does. Seeds past the last range are refused by seedRange().
 */
export const SEED_RANGES: readonly SeedRange[] = Object.freeze([
  Object.freeze({ name: 'practice', first: 0, last: 999, public: true }),
  Object.freeze({ name: 'development', first: 1_000, last: 99_999, public: true }),
  Object.freeze({ name: 'training', first: 100_000, last: 999_999, public: true }),
  Object.freeze({ name: 'evaluation', first: 1_000_000, last: 1_999_999, public: false }),
] satisfies SeedRange[]);

/**
 * The range a seed belongs to. A seed outside every range is a VALIDATION_ERROR that lists them:
 * sessions refuse such seeds (Game.levelsFor), so every served seed is in a documented range.
 */
export function seedRange(seed: number): SeedRange {
  const range = SEED_RANGES.find((r) => Number.isInteger(seed) && seed >= r.first && seed <= r.last);
  if (range === undefined) {
    throw new TabulaError('VALIDATION_ERROR', `seed ${seed} is in no seed range; send a whole number in ${SEED_RANGES.map((r) => `${r.name} ${r.first}..${r.last}`).join(', ')}`);
  }
  return range;
}

/** Candidates tried per level before a seed is given up as broken (a generator bug, not bad luck). */
export const GENERATE_ATTEMPTS = 32;

/** States the solver may expand to verify one generated level; a bigger level is refused as unverifiable. */
export const GENERATE_MAX_STATES = 1_000_000;

/**
 * Why a level would break GAMES.md (the first of validateLevel's flags), or undefined if it passes:
 * it must be solvable within GENERATE_MAX_STATES, not already cleared, and beyond level 1 fall
 * neither to one repeated action nor to a random agent (median of 100 runs within 5x the optimum).
 */
export function levelProblem<S>(game: Game<S>, level: Level, index: number, seed: number | null): { problem?: string; optimal?: number } {
  const { flags, optimal } = validateParsedLevel(game, level, index, { seed, explore: false, maxStates: GENERATE_MAX_STATES });
  return { ...(flags.length > 0 ? { problem: flags[0] } : {}), ...(optimal !== null ? { optimal } : {}) };
}

/**
 * The generated level set for a seed. Candidate k of a seed is generate(seed, rng) with the rng seeded
 * `generate:<seed>` for k = 0 and `generate:<seed>:<k>` after; level i of the served set is level i of
 * the first candidate whose level i passes levelProblem(). A generator draws from `rng` only, so each
 * candidate differs and the choice is the same everywhere. `parse` turns texts into checked Levels.
 */
export function generateLevels<S>(
  game: Game<S>,
  generate: (seed: number, rng: Rng) => readonly string[],
  seed: number,
  parse: (texts: readonly string[]) => readonly Level[],
): readonly Level[] {
  const candidates: (readonly Level[])[] = [];
  const candidate = (k: number): readonly Level[] => {
    let set = candidates[k];
    if (set === undefined) {
      set = parse(generate(seed, createRng(k === 0 ? `generate:${seed}` : `generate:${seed}:${k}`)));
      if (k > 0 && set.length !== candidates[0]!.length) {
        throw new GameDefinitionError(`game '${game.id}' (seed ${seed}): generate() gave ${set.length} levels on attempt ${k + 1} and ${candidates[0]!.length} on the first; give the same number of levels for every draw`);
      }
      candidates[k] = set;
    }
    return set;
  };
  const count = candidate(0).length;
  const chosen: Level[] = [];
  for (let i = 0; i < count; i++) {
    let last = '';
    for (let k = 0; k < GENERATE_ATTEMPTS && chosen.length === i; k++) {
      const level = candidate(k)[i]!;
      const { problem } = levelProblem(game, level, i, seed);
      if (problem === undefined) chosen.push(level);
      else last = problem;
    }
    if (chosen.length === i) {
      throw new GameDefinitionError(`game '${game.id}' (seed ${seed}), level ${i + 1}: none of ${GENERATE_ATTEMPTS} generated candidates passed the check (the last: ${last}); fix generate() so most draws give a solvable, non-trivial level`);
    }
  }
  return Object.freeze(chosen);
}
