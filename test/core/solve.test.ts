import { describe, expect, it } from 'vitest';
import { createSession, exploreLevel, initContext, solveLevel, stateHash } from '../../core/index.ts';
import corridor from '../fixtures/corridor.ts';

describe('the solver', () => {
  it('finds the optimal action count on each level, clicks included', () => {
    expect([0, 1, 2].map((l) => solveLevel(corridor, l)!.optimal)).toEqual([2, 5, 6]);
  });

  it('returns solutions a session plays to WIN, level by level', () => {
    const session = createSession(corridor);
    for (let level = 0; level < corridor.levels.length; level++) {
      const { actions } = solveLevel(corridor, level)!;
      let last;
      for (const action of actions) last = session.act(action);
      expect(last!.levelsCompleted).toBe(level + 1);
    }
    expect(session.status).toBe('WIN');
  });

  it('never walks into the pit on its way (lost states are not expanded)', () => {
    const session = createSession(corridor);
    for (const a of solveLevel(corridor, 0)!.actions) session.act(a);
    for (const a of solveLevel(corridor, 1)!.actions) expect(session.act(a).state).not.toBe('GAME_OVER');
  });

  it('gives every reachable state its distance to a win', () => {
    const space = exploreLevel(corridor, 2)!;
    const start = corridor.init(corridor.levels[2]!, initContext(null, 2));
    expect(space.distance(stateHash(corridor, 2, start))).toBe(solveLevel(corridor, 2)!.optimal);
    // Along an optimal path the distance falls by exactly one per action.
    let state = start;
    let d = space.distance(stateHash(corridor, 2, state))!;
    for (const action of solveLevel(corridor, 2)!.actions) {
      state = corridor.step(state, action as never);
      const next = space.distance(stateHash(corridor, 2, state));
      expect(next).toBe(d - 1);
      d = next!;
    }
    expect(d).toBe(0);
    expect(space.distance(12345)).toBeUndefined();
  });

  it('says when a space is too big rather than running forever', () => {
    expect(() => solveLevel(corridor, 2, { maxStates: 2 })).toThrow(/more than 2 states; too big for BFS/);
    expect(exploreLevel(corridor, 2, { maxStates: 3 })).toBeUndefined();
  });

  it("tries only the clicks a game's clickable() hint names, with the same optimum", () => {
    type S = Parameters<typeof corridor.step>[0];
    let asked = 0;
    // The honest hint, worked out by brute force: the cells where a click changes this state.
    const hinted = {
      ...corridor,
      clickable(state: S) {
        asked++;
        const { width, height } = corridor.view(state);
        const cells: number[] = [];
        for (let c = 0; c < width * height; c++) {
          if (corridor.step(state, { type: 'ACTION6', x: c % width, y: Math.floor(c / width) }) !== state) cells.push(c);
        }
        return cells;
      },
    };
    for (let level = 0; level < corridor.levels.length; level++) {
      const plain = solveLevel(corridor, level)!;
      const narrowed = solveLevel(hinted, level)!;
      expect(narrowed.optimal).toBe(plain.optimal);
      expect(narrowed.generated).toBe(plain.generated);
    }
    expect(asked).toBeGreaterThan(0);
    expect(() => solveLevel({ ...corridor, clickable: () => [9999] }, 1)).toThrow(/clickable\(\) listed cell 9999; view cells are 0\.\./);
  });
});
