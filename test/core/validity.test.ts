import { describe, expect, it } from 'vitest';
import { createSession, repeatedActionWins } from '../../core/index.ts';
import { GAMES } from '../../envs/index.ts';

describe('the trivial-policy checks', () => {
  it('report a repeated action that wins as a player would send it (ACTION6 in frame cells)', () => {
    // Echo tiles' first level is one click on the centre tile: the one level allowed to be that easy.
    const game = GAMES.find((g) => g.game.id === 'echo-tiles')!.game;
    const wins = repeatedActionWins(game, 0);
    expect(wins.length).toBeGreaterThan(0);
    for (const action of wins) {
      const session = createSession(game);
      expect(session.act(action).levelsCompleted).toBe(1);
    }
  });
});
