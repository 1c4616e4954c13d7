/**
 * Session semantics, case by case against API.md "Commands" (ARC-AGI-3's RESET rules), on a small
 * fixture game: level 1 is two steps right; level 2 has a pit below and a gate opened by a click.
 */
import { describe, expect, it } from 'vitest';
import { ACTIONS, Session, TabulaError, createSession, layoutFor, viewCellToFrame, type Action } from '../../core/index.ts';
import corridor from '../fixtures/corridor.ts';

const { ACTION1, ACTION2, ACTION3, ACTION4, ACTION5, ACTION7, RESET } = ACTIONS;
const gateClick = ((): Action => {
  const at = viewCellToFrame(layoutFor(7, 4), 3, 1);
  return { type: 'ACTION6', x: at.x, y: at.y };
})();
const clearLevel1 = [ACTION4, ACTION4];
const clearLevel2 = [ACTION4, gateClick, ACTION4, ACTION4, ACTION4];
const clearLevel3 = [ACTION2, ACTION2, ACTION4, ACTION4, ACTION4, ACTION4];

function playAll<S>(session: Session<S>, actions: readonly Action[]) {
  return actions.map((a) => session.act(a));
}

function expectRefused<S>(session: Session<S>, input: unknown, code: string, message: RegExp): void {
  const before = JSON.stringify(session.toJSON());
  const hash = session.hash;
  let error: unknown;
  try {
    session.act(input);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(TabulaError);
  expect((error as TabulaError).code).toBe(code);
  expect((error as TabulaError).message).toMatch(message);
  expect(JSON.stringify(session.toJSON())).toBe(before);
  expect(session.hash).toBe(hash);
}

describe('a new session', () => {
  it('starts on level 1, not finished, at step 0, with one frame', () => {
    const o = createSession(corridor).observe();
    expect(o).toMatchObject({ state: 'NOT_FINISHED', levelsCompleted: 0, winLevels: 3, levelIndex: 0, step: 0 });
    expect(o.availableActions).toEqual(['ACTION1', 'ACTION2', 'ACTION3', 'ACTION4', 'ACTION6', 'ACTION7']);
    expect(o.frames).toHaveLength(1);
  });
});

describe('RESET (API.md: level reset vs full reset)', () => {
  it('on a fresh level it resets the whole game and starts a new run', () => {
    const s = createSession(corridor);
    const r = s.act(RESET);
    expect(r).toMatchObject({ fullReset: true, step: 0, levelIndex: 0, levelsCompleted: 0, changed: false, state: 'NOT_FINISHED' });
    expect(s.run).toBe(1);
    expect(s.actions).toBe(1);
  });

  it('after an action it restarts the level, keeps progress and counts as one action', () => {
    const s = createSession(corridor);
    playAll(s, clearLevel1);
    const start = s.hash;
    s.act(ACTION2);
    s.act(ACTION4);
    expect(s.hash).not.toBe(start);
    const r = s.act(RESET);
    expect(r).toMatchObject({ fullReset: false, levelIndex: 1, levelsCompleted: 1, step: 5, changed: true, levelBefore: 1 });
    expect(r.hash).toBe(start);
    expect(s.run).toBe(0);
  });

  it('two RESETs in a row always give a fresh game', () => {
    const s = createSession(corridor);
    playAll(s, [...clearLevel1, ACTION4]);
    expect(s.act(RESET).fullReset).toBe(false);
    const r = s.act(RESET);
    expect(r).toMatchObject({ fullReset: true, levelIndex: 0, levelsCompleted: 0, step: 0 });
    expect(r.hash).toBe(createSession(corridor).hash);
    expect(s.run).toBe(1);
  });

  it('right after a level is entered (no action on it yet) it resets the whole game', () => {
    const s = createSession(corridor);
    playAll(s, clearLevel1);
    expect(s.act(RESET)).toMatchObject({ fullReset: true, levelIndex: 0, levelsCompleted: 0 });
  });

  it('after GAME_OVER it restarts the level and keeps progress', () => {
    const s = createSession(corridor);
    playAll(s, clearLevel1);
    const lost = playAll(s, [ACTION4, ACTION2, ACTION4]).at(-1)!;
    expect(lost).toMatchObject({ state: 'GAME_OVER', levelIndex: 1, levelsCompleted: 1, step: 5 });
    const r = s.act(RESET);
    expect(r).toMatchObject({ state: 'NOT_FINISHED', fullReset: false, levelIndex: 1, levelsCompleted: 1, step: 6 });
  });

  it('after WIN it resets the whole game', () => {
    const s = createSession(corridor);
    playAll(s, [...clearLevel1, ...clearLevel2, ...clearLevel3]);
    expect(s.status).toBe('WIN');
    const r = s.act(RESET);
    expect(r).toMatchObject({ state: 'NOT_FINISHED', fullReset: true, levelIndex: 0, levelsCompleted: 0, step: 0 });
  });
});

describe('progress, WIN and GAME_OVER', () => {
  it('completing a level returns the last frame of the old level and the first of the new', () => {
    const s = createSession(corridor);
    const [first, second] = playAll(s, clearLevel1);
    expect(first!.frames).toHaveLength(1);
    expect(second).toMatchObject({ levelsCompleted: 1, levelIndex: 1, levelBefore: 0, winLevels: 3, state: 'NOT_FINISHED' });
    expect(second!.frames).toHaveLength(2);
    expect(second!.frames[1]).toEqual(s.frame());
    expect(second!.frames[0]).not.toEqual(second!.frames[1]);
  });

  it('the last level ends in WIN with levels_completed = win_levels', () => {
    const s = createSession(corridor);
    const results = playAll(s, [...clearLevel1, ...clearLevel2, ...clearLevel3]);
    expect(results.at(-1)).toMatchObject({ state: 'WIN', levelsCompleted: 3, winLevels: 3, levelIndex: 2, step: 13 });
    expect(results.at(-1)!.frames).toHaveLength(1);
  });

  it('after WIN or GAME_OVER anything but RESET is refused and changes nothing', () => {
    const won = createSession(corridor);
    playAll(won, [...clearLevel1, ...clearLevel2, ...clearLevel3]);
    expectRefused(won, ACTION1, 'GAME_NOT_STARTED_ERROR', /game is won \(WIN\); only RESET is accepted now/);
    expectRefused(won, gateClick, 'GAME_NOT_STARTED_ERROR', /only RESET/);
    const lost = createSession(corridor);
    playAll(lost, [...clearLevel1, ACTION4, ACTION2, ACTION4]);
    expectRefused(lost, ACTION3, 'GAME_NOT_STARTED_ERROR', /game is over \(GAME_OVER\); only RESET is accepted now: send RESET/);
    expectRefused(lost, ACTION7, 'GAME_NOT_STARTED_ERROR', /only RESET/);
  });
});

describe('bad input leaves the session exactly as it was', () => {
  it.each([
    [{ type: 'ACTION9' }, /unknown action/],
    ['JUMP', /unknown action/],
    [{ type: 'ACTION6' }, /ACTION6 needs x and y/],
    [{ type: 'ACTION6', x: 64, y: 3 }, /0..63/],
    [{ type: 'ACTION6', x: 3, y: -2 }, /0..63/],
    [undefined, /an action must be an object/],
  ])('%j', (input, message) => {
    const s = createSession(corridor);
    s.act(ACTION4);
    expectRefused(s, input, 'VALIDATION_ERROR', message);
  });
});

describe('actions', () => {
  it('an action the game does not offer is accepted, counted and changes nothing', () => {
    const s = createSession(corridor);
    const r = s.act(ACTION5);
    expect(r).toMatchObject({ changed: false, step: 1 });
    expect(r.hash).toBe(createSession(corridor).hash);
  });

  it('a move into a wall is counted and reports changed: false with the same frame', () => {
    const s = createSession(corridor);
    const before = s.frame();
    const r = s.act(ACTION1);
    expect(r).toMatchObject({ changed: false, step: 1 });
    expect(r.frames[0]).toEqual(before);
  });

  it('ACTION6 maps frame cells to view cells; a click on the letterbox does nothing', () => {
    const s = createSession(corridor);
    playAll(s, clearLevel1);
    // step counts every action of the run: two on level 1, then this one.
    expect(s.act({ type: 'ACTION6', x: 0, y: 0 })).toMatchObject({ changed: false, step: 3 });
    const r = s.act(gateClick);
    expect(r.changed).toBe(true);
    // Opening the gate animates: an in-between frame, then the final one.
    expect(r.frames).toHaveLength(2);
    expect(r.frames[1]).toEqual(s.frame());
  });

  it('ACTION7 steps back within the level, is counted, and does nothing at the level start', () => {
    const s = createSession(corridor);
    playAll(s, clearLevel1);
    const start = s.hash;
    expect(s.act(ACTION7)).toMatchObject({ changed: false, step: 3, hash: start });
    s.act(ACTION4);
    const moved = s.hash;
    s.act(ACTION2);
    expect(s.act(ACTION7)).toMatchObject({ changed: true, hash: moved, step: 6 });
    expect(s.act(ACTION7)).toMatchObject({ changed: true, hash: start, step: 7 });
  });
});

describe('serialisation', () => {
  it('a session saved mid-play restores and continues identically, through JSON text', () => {
    const script: Action[] = [RESET, ...clearLevel1, ACTION4, ACTION7, ACTION4, gateClick, ACTION2, ACTION3, ACTION1, RESET, ...clearLevel2, ACTION2];
    const rest: Action[] = [ACTION7, ACTION2, ACTION4, RESET, ...clearLevel3, RESET, ACTION4];
    const original = createSession(corridor);
    playAll(original, script);
    const copy = Session.restore(corridor, JSON.parse(JSON.stringify(original.toJSON())));
    expect(copy.hash).toBe(original.hash);
    expect(copy.frame()).toEqual(original.frame());
    expect([copy.run, copy.steps, copy.level]).toEqual([1, original.steps, original.level]);
    for (const action of rest) {
      const a = original.act(action);
      const b = copy.act(action);
      expect(b).toEqual(a);
    }
    expect(copy.toJSON()).toEqual(original.toJSON());
  });

  it('restores a finished session as finished', () => {
    const s = createSession(corridor);
    playAll(s, [...clearLevel1, ACTION4, ACTION2, ACTION4]);
    const copy = Session.restore(corridor, s.toJSON());
    expect(copy.status).toBe('GAME_OVER');
    expect(() => copy.act(ACTION1)).toThrow(/only RESET/);
    expect(copy.act(RESET)).toMatchObject({ fullReset: false, levelIndex: 1 });
  });

  it('refuses a session saved from another game version, or not a session at all', () => {
    const saved = { ...createSession(corridor).toJSON(), gameVersion: 'deadbeef' };
    expect(() => Session.restore(corridor, saved)).toThrow(/saved from corridor version deadbeef; it cannot continue on corridor version/);
    expect(() => Session.restore(corridor, { format: 'nope' })).toThrow(/not a saved session: format/);
  });
});
