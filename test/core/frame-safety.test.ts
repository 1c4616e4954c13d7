/**
 * What callers and games may do without breaking frames: the session draws each frame over the last,
 * so these pin the cases where that could go wrong.
 */
import { describe, expect, it } from 'vitest';
import { ACTIONS, createSession, defineGame, renderFrame, type Grid } from '../../core/index.ts';

// A strip of three cells, the avatar walking along it; view() reuses one grid, changed in place.
const scratch: Grid = { width: 3, height: 1, cells: new Uint8Array(3) };
const strip = defineGame<{ at: number }>({
  id: 'strip',
  legend: { '.': 0, P: 9, E: 14 },
  avatar: 'P',
  actions: ['ACTION3', 'ACTION4'],
  levels: ['P.E'],
  init: () => ({ at: 0 }),
  step: (s, a) => {
    const at = a.type === 'ACTION4' ? s.at + 1 : a.type === 'ACTION3' ? s.at - 1 : s.at;
    return at < 0 || at > 2 || at === s.at ? s : { at };
  },
  outcome: (s) => (s.at === 2 ? 'cleared' : 'playing'),
  view: (s) => {
    scratch.cells.fill(0);
    scratch.cells[2] = 14;
    scratch.cells[s.at] = 9;
    return scratch;
  },
});

describe('frames drawn over the last one', () => {
  it('are right even when a game hands back the same grid changed in place', () => {
    const session = createSession(strip);
    const first = Array.from(session.frame());
    const r = session.act(ACTIONS.ACTION4);
    expect(Array.from(r.frames[0]!)).toEqual(Array.from(renderFrame(strip.view({ at: 1 }), strip.letterbox)));
    expect(Array.from(r.frames[0]!)).not.toEqual(first);
  });

  it('never change once returned, and a saved lifecycle is the caller\'s own copy', () => {
    const session = createSession(strip);
    const before = session.frame();
    const copy = Array.from(before);
    session.act(ACTIONS.ACTION4);
    session.act(ACTIONS.ACTION3);
    expect(Array.from(before)).toEqual(copy);
    const saved = session.toJSON();
    (saved.lifecycle as { levelIndex: number }).levelIndex = 5;
    expect(createSession(strip).toJSON().lifecycle.levelIndex).toBe(0);
    expect(session.level).toBe(0);
  });
});
