/**
 * Seeded random play for the registry suite: mostly the game's own actions (clicks aimed at view
 * cells half the time, so they do something), now and then RESET or an action the game does not
 * offer, and RESET whenever the game has ended.
 */
import { ACTION_NAMES, ACTIONS, createRng, layoutFor, viewCellToFrame, type Action, type Game, type Session } from '../../core/index.ts';

export function nextRandomAction(game: Game<unknown>, session: Session<unknown>, rng: ReturnType<typeof createRng>): Action {
  if (session.status !== 'NOT_FINISHED' || rng.int(50) === 0) return ACTIONS.RESET;
  const name = rng.int(20) === 0 ? rng.pick(ACTION_NAMES.slice(1)) : rng.pick(game.availableActions);
  if (name !== 'ACTION6') return ACTIONS[name];
  if (rng.int(2) === 0) return { type: 'ACTION6', x: rng.int(64), y: rng.int(64) };
  const view = game.view(session.state);
  const at = viewCellToFrame(layoutFor(view.width, view.height), rng.int(view.width), rng.int(view.height));
  return { type: 'ACTION6', x: at.x, y: at.y };
}
