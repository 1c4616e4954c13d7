/**
 * One suite over every registered game (ARCHITECTURE.md principle 8): registering a game enrols it
 * here. Levels parse, play is deterministic, sessions restore, every level is solved and its solution
 * plays through a session, nothing trivial solves a level after the first, and optimal counts and a
 * behaviour fingerprint are pinned in test/golden/games.json so any change shows in review.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  Session,
  TabulaError,
  createRng,
  createSession,
  gameFlags,
  hashHex,
  hashValue,
  initContext,
  randomAgentMedian,
  repeatedActionWins,
  solveLevel,
  stateHash,
  validateLevel,
  type GameAction,
  type Solution,
} from '../../core/index.ts';
import { GAMES, findGame } from '../../envs/index.ts';
import { nextRandomAction } from '../helpers/random-play.ts';

const GOLDEN = 'test/golden/games.json';
/** The designed levels' optimal counts by public id, committed so nothing solves them at start (envs/baselines.ts). */
const OPTIMAL_FILE = 'envs/optimal-actions.json';

/** Sets one game's counts in OPTIMAL_FILE, dropping entries of the same code's older versions. */
function writeOptimalFile(gameId: string, counts: readonly number[]): void {
  const code = gameId.split('-')[0]!;
  const all = JSON.parse(readFileSync(OPTIMAL_FILE, 'utf8')) as Record<string, number[]>;
  for (const id of Object.keys(all)) if (id.split('-')[0] === code) delete all[id];
  all[gameId] = [...counts];
  const lines = Object.keys(all)
    .sort()
    .map((id) => `  ${JSON.stringify(id)}:${JSON.stringify(all[id])}`);
  writeFileSync(OPTIMAL_FILE, `{\n${lines.join(',\n')}\n}\n`);
}
const golden = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, { game_id: string; optimal: number[]; fingerprint: string }>;
const solutions = new Map<string, Solution[]>();
function solutionsOf(code: string): Solution[] {
  let s = solutions.get(code);
  if (s === undefined) {
    const { game } = findGame(code);
    s = game.levels.map((_, i) => solveLevel(game, i)!);
    solutions.set(code, s);
  }
  return s;
}

describe('the registry', () => {
  it('gives every game a unique opaque 4-character code and a versioned id', () => {
    const codes = GAMES.map((g) => g.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const g of GAMES) {
      expect(g.code).toMatch(/^[a-z0-9]{4}$/);
      expect(g.gameId).toBe(`${g.code}-${g.game.version}`);
      expect(g.gameId).not.toContain(g.game.id);
    }
    expect(new Set(GAMES.map((g) => g.game.id)).size).toBe(GAMES.length);
  });

  it('finds games by code or full id, and refuses unknown or outdated ids with what to send', () => {
    const [first] = GAMES;
    expect(findGame(first!.code)).toBe(first);
    expect(findGame(first!.gameId)).toBe(first);
    expect(() => findGame('zz99')).toThrow(TabulaError);
    expect(() => findGame('zz99')).toThrow(/game "zz99" not found; send one of: .*-[0-9a-f]{8}/);
    expect(() => findGame(`${first!.code}-00000000`)).toThrow(new RegExp(`${first!.code} is now at ${first!.gameId}`));
  });

  // The suite's shape (issue 3): enough games and levels, and a mix of inputs that keeps agents honest.
  it('holds at least 16 games and 120 levels', () => {
    expect(GAMES.length).toBeGreaterThanOrEqual(16);
    expect(GAMES.reduce((n, g) => n + g.game.levels.length, 0)).toBeGreaterThanOrEqual(120);
  });

  it('mixes inputs: 5+ keyboard-only, 4+ click-only, 3+ needing both, 2+ with undo, 4+ generating', () => {
    const only = (tag: string) => GAMES.filter((g) => g.tags.length === 1 && g.tags[0] === tag).length;
    expect(only('keyboard')).toBeGreaterThanOrEqual(5);
    expect(only('click')).toBeGreaterThanOrEqual(4);
    expect(GAMES.filter((g) => g.tags.includes('keyboard') && g.tags.includes('click')).length).toBeGreaterThanOrEqual(3);
    expect(GAMES.filter((g) => g.game.undo).length).toBeGreaterThanOrEqual(2);
    expect(GAMES.filter((g) => g.game.generates).length).toBeGreaterThanOrEqual(4);
  });
});

describe.each(GAMES.map((g) => [g.code, g] as const))('game %s', (code, entry) => {
  const { game } = entry;

  it('has 6 to 10 levels that parse and fit the frame', () => {
    expect(game.levels.length).toBeGreaterThanOrEqual(6);
    expect(game.levels.length).toBeLessThanOrEqual(10);
    game.levels.forEach((level, i) => {
      const view = game.view(game.init(level, initContext(null, i)));
      expect(view.width * view.height).toBe(view.cells.length);
      expect(Math.max(view.width, view.height)).toBeLessThanOrEqual(64);
    });
  });

  it('declares only volatile keys its state has', () => {
    const state = game.init(game.levels[0]!, initContext(null, 0)) as Record<string, unknown>;
    for (const key of game.volatile ?? []) expect(Object.keys(state)).toContain(key);
  });

  it('plays deterministically: the same actions give identical frames and hashes', () => {
    const a = createSession(game);
    const b = createSession(game);
    const rng = createRng(`determinism:${code}`);
    for (let i = 0; i < 400; i++) {
      const action = nextRandomAction(game, a, rng);
      const ra = a.act(action);
      const rb = b.act(action);
      expect(rb.hash).toBe(ra.hash);
      expect(rb.frames).toEqual(ra.frames);
      expect(rb.state).toBe(ra.state);
    }
  });

  it('writes state keys in alphabetical order, as the hash visits them (out of order they are sorted on every hash)', () => {
    const session = createSession(game);
    const rng = createRng(`keys:${code}`);
    const unsorted = (value: unknown, path: string): string | undefined => {
      if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return undefined;
      const keys = Object.keys(value);
      if (!Array.isArray(value) && keys.some((k, i) => i > 0 && keys[i - 1]! > k)) return `${path || 'state'}: ${keys.join(', ')}`;
      for (const k of keys) {
        const inner = unsorted((value as Record<string, unknown>)[k], `${path}.${k}`);
        if (inner !== undefined) return inner;
      }
      return undefined;
    };
    for (let i = 0; i < 200; i++) {
      expect(unsorted(session.state, '')).toBeUndefined();
      session.act(nextRandomAction(game, session, rng));
    }
  });

  it.runIf(game.clickable !== undefined)('keeps its clickable() promise: a click on a cell it leaves out changes nothing or does what a listed click does', () => {
    // The hint may name one cell per effect (one per tube, not each of its cells); a hint that hid a
    // move the listed cells cannot make would give the solver wrong optimal counts.
    const session = createSession(game);
    const rng = createRng(`clickable:${code}`);
    const click = (c: number, width: number): GameAction => ({ type: 'ACTION6', x: c % width, y: Math.floor(c / width) });
    for (let i = 0; i < 300; i++) {
      const state = session.state;
      const view = game.view(state);
      const listed = new Set(game.clickable!(state));
      for (const c of listed) expect(Number.isInteger(c) && c >= 0 && c < view.width * view.height, `cell ${c}`).toBe(true);
      const effects = new Set([...listed].map((c) => stateHash(game, 0, game.step(state, click(c, view.width)))));
      for (let c = 0; c < view.width * view.height; c++) {
        if (listed.has(c)) continue;
        const next = game.step(state, click(c, view.width));
        if (next === state) continue;
        const at = `step ${i}: a click on ${c % view.width},${Math.floor(c / view.width)}`;
        expect(effects.has(stateHash(game, 0, next)), `${at} changed the state, and no cell clickable() lists does the same`).toBe(true);
      }
      session.act(nextRandomAction(game, session, rng));
    }
  });

  it.runIf(game.clickable !== undefined)('its clickable() hint gives the solver the same optimum as clicking every cell', () => {
    // A hint that hid a move would make some optimum longer. (The search order may differ: a hint
    // need not list cells in reading order, so the count of states met on the way may too.)
    const unhinted = { ...game, clickable: undefined };
    solutionsOf(code).forEach((hinted, level) => {
      const view = game.view(game.init(game.levels[level]!, initContext(null, level)));
      if (hinted.expanded * view.width * view.height > 3_000_000) return;
      const plain = solveLevel(unhinted, level)!;
      expect(hinted.optimal, `level ${level + 1}`).toBe(plain.optimal);
    });
  });

  it('shows every change and only changes: changed:false keeps the frame, changed:true alters it', () => {
    const session = createSession(game);
    const rng = createRng(`responsive:${code}`);
    let previous = session.frame();
    for (let i = 0; i < 400; i++) {
      const r = session.act(nextRandomAction(game, session, rng));
      if (!r.changed) expect(r.frames.at(-1)).toEqual(previous);
      else if (r.levelIndex === r.levelBefore && !r.fullReset) expect(r.frames.at(-1), `step ${i}: the state changed but the frame did not`).not.toEqual(previous);
      previous = r.frames.at(-1)!;
    }
  });

  it('a session saved mid-play restores and continues identically', () => {
    const session = createSession(game);
    const rng = createRng(`restore:${code}`);
    for (const a of solutionsOf(code)[0]!.actions) session.act(a);
    for (let i = 0; i < 60; i++) session.act(nextRandomAction(game, session, rng));
    const copy = Session.restore(game, JSON.parse(JSON.stringify(session.toJSON())));
    expect(copy.hash).toBe(session.hash);
    expect(copy.frame()).toEqual(session.frame());
    for (let i = 0; i < 200; i++) {
      const action = nextRandomAction(game, session, rng);
      expect(copy.act(action)).toEqual(session.act(action));
    }
  });

  it('every level is solved, and each solution played through a session reaches the next level', () => {
    const session = createSession(game);
    solutionsOf(code).forEach((solution, level) => {
      expect(solution, `level ${level + 1} has no solution`).toBeDefined();
      expect(session.level).toBe(level);
      let last;
      for (const action of solution.actions) {
        last = session.act(action);
        expect(last.state, `level ${level + 1}: the solution loses`).not.toBe('GAME_OVER');
      }
      expect(last!.levelsCompleted).toBe(level + 1);
    });
    expect(session.status).toBe('WIN');
  });

  it('no level after the first falls to one repeated action', () => {
    for (let level = 1; level < game.levels.length; level++) {
      expect(repeatedActionWins(game, level), `level ${level + 1}`).toEqual([]);
    }
  });

  it('no level after the first falls to a random agent (median of 100 seeds within 5x the optimum)', () => {
    for (let level = 1; level < game.levels.length; level++) {
      const budget = 5 * solutionsOf(code)[level]!.optimal;
      expect(randomAgentMedian(game, level, budget, 100), `level ${level + 1}, budget ${budget}`).toBe(Infinity);
    }
  });

  it('has no validity flags (what `tabula validate` reports against GAMES.md)', () => {
    const optimal = solutionsOf(code).map((s) => s.optimal);
    expect(gameFlags(optimal)).toEqual([]);
    optimal.forEach((n, level) => {
      expect(validateLevel(game, level, { optimal: n, explore: false }).flags, `level ${level + 1}`).toEqual([]);
    });
  });

  it('matches its golden entry: public id, optimal counts and behaviour fingerprint', () => {
    const now = { game_id: entry.gameId, optimal: solutionsOf(code).map((s) => s.optimal), fingerprint: fingerprint(code) };
    if (process.env.UPDATE_GOLDEN) {
      // Re-read: other games' entries may have been written by this run already.
      const all = JSON.parse(readFileSync(GOLDEN, 'utf8')) as Record<string, unknown>;
      all[code] = now;
      const sorted = Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
      writeFileSync(GOLDEN, `${JSON.stringify(sorted, null, 2)}\n`);
      writeOptimalFile(entry.gameId, now.optimal);
      return;
    }
    const cached = (JSON.parse(readFileSync(OPTIMAL_FILE, 'utf8')) as Record<string, number[]>)[entry.gameId];
    expect(cached, `${OPTIMAL_FILE} has no entry for ${entry.gameId} (the server would solve its levels at start): run npm run golden`).toEqual(now.optimal);
    const was = golden[code];
    expect(was, `no golden entry for ${code}: run npm run golden and commit test/golden/games.json`).toBeDefined();
    if (was!.game_id === now.game_id && was!.fingerprint !== now.fingerprint) {
      expect.fail(`${code}'s rules changed but its version did not: raise \`revision\` in envs/${game.id}.ts, then run npm run golden`);
    }
    expect(now, 'the game changed: check the diff, then run npm run golden and commit test/golden/games.json').toEqual(was);
  });

  /** Hash of the state hashes along every solution and a seeded random walk on every level. */
  function fingerprint(code: string): string {
    const hashes: string[] = [];
    const rng = createRng(`fingerprint:${code}`);
    game.levels.forEach((level, i) => {
      const start = game.init(level, initContext(null, i));
      const view = game.view(start);
      let s = start;
      for (let k = 0; k < 300; k++) {
        const name = rng.pick(game.availableActions.filter((a) => a !== 'ACTION7'));
        const action: GameAction = name === 'ACTION6' ? { type: 'ACTION6', x: rng.int(view.width), y: rng.int(view.height) } : (ACTIONS[name] as GameAction);
        s = game.step(s, action);
        hashes.push(hashHex(stateHash(game, i, s)));
        if (game.outcome(s) !== 'playing') s = start;
      }
    });
    const session = createSession(game);
    for (const solution of solutionsOf(code)) for (const action of solution.actions) hashes.push(session.act(action).hash);
    return hashHex(hashValue(hashes));
  }
});
