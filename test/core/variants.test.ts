/**
 * Seeded variants: the seed ranges, and the check that a generated level is solver-verified and a
 * trivial or unsolvable candidate skipped the same way every time. The game here is a small room
 * walk whose generator sometimes walls the exit in and sometimes lays it in a straight line.
 * validateLevel()/gameFlags(), the facts `tabula validate` reports, are tested on the same game.
 */
import { describe, expect, it } from 'vitest';
import {
  GameDefinitionError,
  SEED_RANGES,
  TabulaError,
  createRng,
  createSession,
  defineGame,
  gameFlags,
  levelProblem,
  parseLevel,
  repeatedActionWins,
  seedRange,
  solveLevel,
  validateLevel,
  type GameAction,
  type GameDefinition,
  type Level,
} from '../../core/index.ts';

interface Room {
  readonly at: number;
  readonly exit: number;
  readonly walls: Uint8Array;
  readonly width: number;
}

const legend = { '.': 0, '#': 5, P: 9, E: 14 };
const MOVES: Record<string, number> = { ACTION1: -1, ACTION2: 1, ACTION3: -1, ACTION4: 1 };

/** A 7x7 room: the border, a few random walls, the avatar and the exit at random free cells. */
function room(rng: ReturnType<typeof createRng>): string {
  const cells: string[] = Array.from({ length: 49 }, (_, i) => (i < 7 || i >= 42 || i % 7 === 0 || i % 7 === 6 ? '#' : '.'));
  for (let k = 0; k < 9; k++) cells[8 + rng.int(33)] = '#';
  const free = () => {
    for (;;) {
      const i = 8 + rng.int(33);
      if (cells[i] === '.') return i;
    }
  };
  cells[free()] = 'P';
  cells[free()] = 'E';
  return Array.from({ length: 7 }, (_, y) => cells.slice(y * 7, y * 7 + 7).join('')).join('\n');
}

function definition(generate: GameDefinition<Room>['generate'], levels = ['#######\n#P...E#\n#######']): GameDefinition<Room> {
  return {
    id: 'room-walk',
    legend,
    avatar: 'P',
    actions: ['ACTION1', 'ACTION2', 'ACTION3', 'ACTION4'],
    levels,
    generate,
    init: (level: Level) => {
      const p = level.find('P')!;
      const e = level.find('E')!;
      return { at: p.y * level.width + p.x, exit: e.y * level.width + e.x, walls: level.mask('#'), width: level.width };
    },
    step: (s, action: GameAction) => {
      const d = MOVES[action.type];
      if (d === undefined) return s;
      const to = action.type === 'ACTION1' || action.type === 'ACTION2' ? s.at + d * s.width : s.at + d;
      return s.walls[to] === 1 ? s : { at: to, exit: s.exit, walls: s.walls, width: s.width };
    },
    outcome: (s) => (s.at === s.exit ? 'cleared' : 'playing'),
    view: (s) => {
      const cells = s.walls.map((w) => (w ? 5 : 0));
      cells[s.exit] = 14;
      cells[s.at] = 9;
      return { width: s.width, height: s.walls.length / s.width, cells };
    },
  };
}

const rooms = (_seed: number, rng: ReturnType<typeof createRng>) => [room(rng), room(rng), room(rng)];

describe('seed ranges', () => {
  it('are contiguous from 0, do not overlap, and hold evaluation out', () => {
    SEED_RANGES.forEach((r, i) => {
      expect(r.first).toBe(i === 0 ? 0 : SEED_RANGES[i - 1]!.last + 1);
      expect(r.last).toBeGreaterThan(r.first);
    });
    expect(SEED_RANGES.map((r) => r.name)).toEqual(['practice', 'development', 'training', 'evaluation']);
    expect(SEED_RANGES.filter((r) => !r.public).map((r) => r.name)).toEqual(['evaluation']);
  });

  it('place every seed, and refuse one outside them with the ranges to choose from', () => {
    expect(seedRange(0).name).toBe('practice');
    expect(seedRange(1_000).name).toBe('development');
    expect(seedRange(999_999).name).toBe('training');
    expect(seedRange(1_000_000).public).toBe(false);
    expect(() => seedRange(-1)).toThrow(/seed -1 is in no seed range; send a whole number in practice 0\.\.999/);
    expect(() => seedRange(2.5)).toThrow(TabulaError);
  });

  it('are enforced: a session on a seed outside them is refused before anything is generated', () => {
    const game = defineGame(definition(rooms));
    expect(() => game.levelsFor(2_000_000)).toThrow(/seed 2000000 is in no seed range/);
    expect(() => createSession(game, { seed: -3 })).toThrow(TabulaError);
    expect(game.levelsFor(1_999_999)).toHaveLength(3);
  });
});

describe('generated levels', () => {
  const game = defineGame(definition(rooms));

  it('are all solvable, and beyond level 1 fall neither to a repeated action nor a random agent', () => {
    for (let seed = 0; seed < 30; seed++) {
      game.levelsFor(seed).forEach((level, i) => {
        expect(levelProblem(game, level, i, seed).problem, `seed ${seed} level ${i + 1}`).toBeUndefined();
        expect(solveLevel(game, i, { seed })).toBeDefined();
        if (i > 0) expect(repeatedActionWins(game, i, seed)).toEqual([]);
      });
    }
  });

  it('skip a bad candidate deterministically: a fresh game gives the same levels for the same seed', () => {
    const again = defineGame(definition(rooms));
    let skipped = 0;
    for (let seed = 0; seed < 30; seed++) {
      const served = game.levelsFor(seed).map((l) => l.rows.join('\n'));
      expect(again.levelsFor(seed).map((l) => l.rows.join('\n'))).toEqual(served);
      const first = rooms(seed, createRng(`generate:${seed}`));
      skipped += served.filter((text, i) => text !== first[i]).length;
    }
    // The rooms generator walls exits in or draws straight runs often enough that some were skipped.
    expect(skipped).toBeGreaterThan(0);
  });

  it('are found by levelProblem to be unsolvable or trivial where they are', () => {
    const walled = parseLevel('#######\n#P.#.E#\n#######', legend, { label: 'probe', level: 1 });
    expect(levelProblem(game, walled, 1, 1).problem).toBe('unsolvable');
    const straight = parseLevel('#######\n#P...E#\n#######', legend, { label: 'probe', level: 1 });
    expect(levelProblem(game, straight, 1, 1).problem).toBe('one repeated action clears it: ACTION4');
    expect(levelProblem(game, straight, 0, 1)).toEqual({ optimal: 4 }); // level 1 may be gentle
  });

  it('refuse a generator whose draws never pass, naming the seed, the level and why', () => {
    const broken = defineGame(definition(() => ['#######\n#P...E#\n#######', '#######\n#P.#.E#\n#######']));
    expect(() => broken.levelsFor(5)).toThrow(GameDefinitionError);
    expect(() => broken.levelsFor(5)).toThrow(/game 'room-walk' \(seed 5\), level 2: none of 32 generated candidates passed the check \(the last: unsolvable\)/);
  });
});

describe('validateLevel and gameFlags', () => {
  const straight = '#######\n#P...E#\n#######';
  const walled = '#######\n#P.#.E#\n#######';
  const maze = '#######\n#P#...#\n#.#.#.#\n#...#E#\n#######';
  const game = defineGame(definition(undefined, [straight, straight, walled, maze]));

  it('reports the facts of a sound level and flags nothing', () => {
    const v = validateLevel(game, 3);
    expect(v.optimal).toBe(10);
    expect(v.repeatedWins).toEqual([]);
    expect(v.randomMedian).toBeNull();
    expect(v.randomSolveRate).toBeGreaterThanOrEqual(0);
    expect(v.randomSolveRate).toBeLessThan(0.5);
    expect(v.reachableStates).toBe(11);
    expect(v.flags).toEqual([]);
  });

  it('lets level 1 be gentle but flags the same level later, and flags an unsolvable one', () => {
    expect(validateLevel(game, 0).flags).toEqual([]);
    const later = validateLevel(game, 1);
    expect(later.repeatedWins.map((a) => a.type)).toEqual(['ACTION4']);
    expect(later.randomSolveRate).toBeGreaterThan(0);
    expect(later.flags[0]).toBe('one repeated action clears it: ACTION4');
    const v = validateLevel(game, 2, { explore: false });
    expect(v.optimal).toBeNull();
    expect(v.reachableStates).toBeNull();
    expect(v.flags).toEqual(['unsolvable']);
  });

  it('flags a game with too few or too many levels, or a first level longer than the last', () => {
    expect(gameFlags([2, 3, 5, 8, 9, 12])).toEqual([]);
    expect(gameFlags([2, 3, 5])).toEqual(['3 levels; a game has 6 to 10']);
    expect(gameFlags([20, 3, 5, 8, 9, 12])).toEqual(['levels should rise in length: level 1 takes 20 actions, the last 12']);
  });
});
