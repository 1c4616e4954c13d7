/**
 * Click objects: the view-based finder (used by the scorer, no frame drawn) must give exactly the
 * frame-based answer (SCORING.md: colour + connected component in the pre-frame) on every
 * registered game and fixture, letterbox margins included.
 */
import { describe, expect, it } from 'vitest';
import { createRng, createSession, FrameObjects, renderFrame, ViewObjects, type Game } from '../../../core/index.ts';
import { GAMES } from '../../../envs/index.ts';
import { nextRandomAction } from '../../helpers/random-play.ts';
import clickLights from '../../fixtures/click-lights.ts';
import corridor from '../../fixtures/corridor.ts';
import maze from '../../fixtures/maze.ts';

const games: [string, Game<unknown>][] = [...GAMES.map((g) => [g.code, g.game] as [string, Game<unknown>]), ['click-lights', clickLights as Game<unknown>], ['corridor', corridor as Game<unknown>], ['maze', maze as Game<unknown>]];

describe('click objects', () => {
  for (const [name, game] of games) {
    it(`the view gives the frame's objects: ${name}`, () => {
      const session = createSession(game);
      const rng = createRng(`objects:${name}`);
      const byFrame = new FrameObjects();
      const byView = new ViewObjects();
      for (let step = 0; step < 150; step++) {
        const frame = session.frame();
        const view = game.view(session.state);
        for (let k = 0; k < 24; k++) {
          const x = rng.int(64);
          const y = rng.int(64);
          expect(byView.at(view, game.letterbox, x, y), `${name} step ${step} (${x}, ${y})`).toBe(byFrame.at(frame, x, y));
        }
        session.act(nextRandomAction(game, session, rng));
      }
    });
  }

  it('an object is its colour and its smallest frame cell', () => {
    const frame = new Uint8Array(4096).fill(5);
    frame[64 * 10 + 10] = 9;
    frame[64 * 10 + 11] = 9;
    const objects = new FrameObjects();
    expect(objects.at(frame, 11, 10)).toBe(9 * 4096 + 64 * 10 + 10);
    expect(objects.at(frame, 0, 63)).toBe(5 * 4096);
  });
});

describe('click objects on every margin shape', () => {
  // Views of each aspect give each letterbox shape: none, top+bottom only, sides only, all four.
  for (const [width, height] of [[8, 8], [8, 4], [4, 8], [7, 5], [5, 7], [13, 9], [64, 64], [1, 1]] as const) {
    it(`a ${width}x${height} view: the view gives the frame's objects`, () => {
      const rng = createRng(`shape:${width}x${height}`);
      for (let trial = 0; trial < 20; trial++) {
        // Few colours, the letterbox's among them, so components touch the margins often.
        const cells = new Uint8Array(width * height).map(() => [5, 3, 9][rng.int(3)]!);
        const view = { width, height, cells };
        const frame = renderFrame(view, 5);
        const byFrame = new FrameObjects();
        const byView = new ViewObjects();
        for (let k = 0; k < 64; k++) {
          const x = rng.int(64);
          const y = rng.int(64);
          expect(byView.at(view, 5, x, y), `(${x}, ${y})`).toBe(byFrame.at(frame, x, y));
        }
      }
    });
  }
});
