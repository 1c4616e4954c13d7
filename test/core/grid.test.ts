import { describe, expect, it } from 'vitest';
import { GameDefinitionError, dedent, defineGame, paint, parseLevel, type GameDefinition } from '../../core/index.ts';

const legend = { '.': 0, '#': 5, P: 9, E: 14 };

describe('levels are pictures', () => {
  it('removes template-literal indentation and blank edges', () => {
    expect(dedent('\n    ##\n    #.\n  ')).toEqual(['##', '#.']);
  });

  it('reads glyphs, finds pieces and lifts them off the board', () => {
    const level = parseLevel('\n  #####\n  #P.E#\n  #####', legend, { label: "game 't'", level: 0 });
    expect([level.width, level.height]).toEqual([5, 3]);
    expect(level.find('P')).toEqual({ x: 1, y: 1 });
    expect(level.findAll('PE')).toEqual([{ x: 1, y: 1 }, { x: 3, y: 1 }]);
    expect(Array.from(level.colours('P').subarray(5, 10))).toEqual([5, 0, 0, 14, 5]);
    expect(Array.from(level.mask('#').subarray(5, 10))).toEqual([1, 0, 0, 0, 1]);
    // a game's own codes per glyph; a glyph the table leaves out is 0
    expect(Array.from(level.codes({ '#': 1, E: 3 }).subarray(5, 10))).toEqual([1, 0, 0, 3, 1]);
  });

  it('names game, level, row and column for a ragged row', () => {
    expect(() => parseLevel('####\n#P.\n####', legend, { label: "game 'maze'", level: 2 })).toThrow(
      "game 'maze', level 3, row 2, column 4: ragged row (3 cells, the first row has 4)",
    );
  });

  it('names game, level, row and column for an unknown glyph, listing the legend', () => {
    expect(() => parseLevel('####\n#Px#\n####', legend, { label: "game 'maze'", level: 0 })).toThrow(
      /game 'maze', level 1, row 2, column 3: unknown glyph 'x'; the legend has '\.' '#' 'P' 'E'/,
    );
  });

  it('paint() copies, never mutates', () => {
    const grid = { width: 2, height: 1, cells: new Uint8Array([0, 0]) };
    const painted = paint(grid, [1, 0, 9]);
    expect(Array.from(painted.cells)).toEqual([0, 9]);
    expect(Array.from(grid.cells)).toEqual([0, 0]);
  });
});

function game(overrides: Partial<GameDefinition<{ at: number }>>): GameDefinition<{ at: number }> {
  return {
    id: 'probe',
    legend,
    avatar: 'P',
    actions: ['ACTION1'],
    levels: ['#P.E#'],
    init: (level) => ({ at: level.find('P')!.x }),
    step: (s) => s,
    outcome: () => 'playing',
    view: () => ({ width: 5, height: 1, cells: new Uint8Array(5) }),
    ...overrides,
  };
}

describe('defineGame validates a definition when it is defined', () => {
  it('accepts a good one and derives its public facts', () => {
    const g = defineGame(game({ undo: true }));
    expect(g.availableActions).toEqual(['ACTION1', 'ACTION7']);
    expect(g.version).toMatch(/^[0-9a-f]{8}$/);
    expect(g.levels).toHaveLength(1);
  });

  it('names the level of a missing avatar', () => {
    expect(() => defineGame(game({ levels: ['#P.E#', '#..E#'] }))).toThrow("game 'probe', level 2: no avatar; draw the avatar glyph 'P'");
  });

  it('rejects a ragged row inside a game, naming the game', () => {
    expect(() => defineGame(game({ levels: ['#P.E#\n#..#'] }))).toThrow(/game 'probe', level 1, row 2, column 5: ragged row/);
  });

  it.each([
    [{ id: 'Bad Name' }, /game 'Bad Name': id: use kebab-case/],
    [{ legend: { ...legend, x: 16 } }, /game 'probe': legend.x: /],
    [{ actions: ['ACTION9'] as never }, /game 'probe': actions.0: /],
    [{ actions: [] }, /a game needs at least one action/],
    [{ levels: [] }, /a game needs at least one level/],
    [{ step: 'nope' as never }, /game 'probe': step: expected a function/],
    [{ avatar: 'Q' }, /the avatar glyph 'Q' is not in the legend/],
    [{ clickable: () => [] }, /clickable\(\) is a hint for click games; add 'ACTION6'/],
    [{ view: () => ({ width: 65, height: 1, cells: new Uint8Array(65) }) }, /view\(\) drew 65x1 cells/],
    [{ view: () => ({ width: 5, height: 1, cells: new Uint8Array([0, 0, 16, 0, 0]) }) }, /row 1, column 3: colour 16 is not an ARC palette index/],
  ])('refuses %j', (overrides, message) => {
    expect(() => defineGame(game(overrides as Partial<GameDefinition<{ at: number }>>))).toThrow(GameDefinitionError);
    expect(() => defineGame(game(overrides as Partial<GameDefinition<{ at: number }>>))).toThrow(message);
  });

  it('changes the version when levels or the revision change, and only then', () => {
    const a = defineGame(game({}));
    expect(defineGame(game({})).version).toBe(a.version);
    expect(defineGame(game({ levels: ['#P..E#'], view: () => ({ width: 6, height: 1, cells: new Uint8Array(6) }) })).version).not.toBe(a.version);
    expect(defineGame(game({ revision: 1 })).version).not.toBe(a.version);
  });

  it('generates seeded level sets, validated the same way', () => {
    // A walk right to E: at counts the steps left, so a generated level is solvable (the solver checks).
    const walk = {
      init: (level: { find(g: string): { x: number } | undefined }) => ({ at: level.find('E')!.x - level.find('P')!.x }),
      step: (s: { at: number }) => ({ at: s.at - 1 }),
      outcome: (s: { at: number }) => (s.at <= 0 ? ('cleared' as const) : ('playing' as const)),
    };
    const g = defineGame(
      game({
        ...walk,
        generate: (_seed, rng) => [`#P${'.'.repeat(1 + rng.int(4))}E#`],
        view: (s) => ({ width: 1, height: 1, cells: new Uint8Array([s.at % 16]) }),
      }),
    );
    expect(g.generates).toBe(true);
    expect(g.levelsFor(7)).toBe(g.levelsFor(7)); // shared by every session on that seed
    expect(g.levelsFor(7)[0]!.rows[0]).toMatch(/^#P\.{1,4}E#$/);
    const bad = defineGame(game({ generate: () => ['#..E#'] }));
    expect(() => bad.levelsFor(3)).toThrow("game 'probe' (seed 3), level 1: no avatar");
    expect(() => defineGame(game({})).levelsFor(1)).toThrow(/has no seeded variants/);
  });
});
