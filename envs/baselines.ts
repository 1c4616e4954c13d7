/**
 * Per-level baselines b for scoring (SCORING.md "Human baseline"): the human baseline where people
 * have played a level, else the solver's optimum, and every caller is told which. The human file
 * (baselines.json) is built from stored human replays by `tabula baseline build`; it is versioned,
 * and a game id (code + version) keys it, so a changed game never inherits old human numbers.
 */
import { z } from 'zod';
import { solveLevel } from '../core/index.ts';
import humanFile from './baselines.json' with { type: 'json' };
import optimalFile from './optimal-actions.json' with { type: 'json' };
import type { RegisteredGame } from './index.ts';

export const BaselineFileSchema = z.object({
  format: z.literal('tabula-baselines'),
  version: z.literal(1),
  /** Changes whenever the human numbers change; every report names it. */
  baseline_version: z.string(),
  games: z.record(
    z.string(),
    z.object({
      /** Per level: null where no person has completed it on a first play. */
      levels: z.array(
        z
          .object({
            /** Upper median of first-play completers' action counts. */
            actions: z.number().int().positive(),
            /** How many first-play completers it was built from. */
            players: z.number().int().positive(),
            /** Upper-median human HAL on the level (HAS's tau), when known. */
            hal: z.number().nonnegative().optional(),
          })
          .nullable(),
      ),
    }),
  ),
});
export type BaselineFile = z.infer<typeof BaselineFileSchema>;

export type BaselineKind = 'human' | 'optimal';

export interface Baseline {
  readonly gameId: string;
  /** Per level b: human where present, else the optimum. */
  readonly actions: readonly number[];
  /** Per level, where b came from. */
  readonly kinds: readonly BaselineKind[];
  /** 'human' when every level has people's numbers, 'optimal' when none has, else 'mixed'. */
  readonly kind: BaselineKind | 'mixed';
  /** The human file's version ('none' until people have played); reports name it. */
  readonly version: string;
  /** Per level, the upper-median human HAL (HAS's tau) where people have played; undefined elsewhere. */
  readonly hal: readonly (number | undefined)[];
}

const human: BaselineFile = BaselineFileSchema.parse(humanFile);

/** The human baseline file shipped with this Tabula (envs/baselines.json). */
export function humanBaselines(): BaselineFile {
  return human;
}

/**
 * The solver's optimum per level, computed once per game and seed (a large level takes a while).
 * The designed levels' counts are committed in optimal-actions.json, keyed by public id, so the
 * server, the runner and the viewer start without solving every level; a game whose id is not there
 * (it changed) is solved as before. `npm run golden` rewrites the file, and the registry suite fails
 * when an entry is missing or differs from the solver.
 */
const optimalCache = new Map<string, readonly number[]>(Object.entries(optimalFile as Record<string, number[]>).map(([id, counts]) => [`${id}/null`, counts]));

export function optimalActions(entry: RegisteredGame, seed: number | null = null): readonly number[] {
  const key = `${entry.gameId}/${seed}`;
  let counts = optimalCache.get(key);
  if (counts === undefined) {
    const levels = entry.game.levelsFor(seed);
    counts = levels.map((_, i) => {
      const solution = solveLevel(entry.game, i, { seed });
      if (solution === undefined) throw new Error(`${entry.gameId} level ${i + 1}${seed === null ? '' : ` (seed ${seed})`} has no solution`);
      return solution.optimal;
    });
    optimalCache.set(key, counts);
  }
  return counts;
}

/**
 * The baseline a score is measured against. Generated levels (a seed) have no human numbers: people
 * play the designed levels, so a seeded play is measured against the optimum.
 */
export function baselineFor(entry: RegisteredGame, seed: number | null = null, file: BaselineFile = humanBaselines()): Baseline {
  const optimal = optimalActions(entry, seed);
  const people = seed === null ? file.games[entry.gameId]?.levels : undefined;
  const kinds: BaselineKind[] = optimal.map((_, i) => (people?.[i] != null ? 'human' : 'optimal'));
  const actions = optimal.map((n, i) => people?.[i]?.actions ?? n);
  const kind = kinds.every((k) => k === 'human') ? 'human' : kinds.every((k) => k === 'optimal') ? 'optimal' : 'mixed';
  const hal = optimal.map((_, i) => people?.[i]?.hal);
  return { gameId: entry.gameId, actions, kinds, kind, version: file.baseline_version, hal };
}
