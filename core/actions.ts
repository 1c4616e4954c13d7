/**
 * The only action vocabulary: ARC-AGI-3's RESET and ACTION1..ACTION7, with ids 0..7 on the wire.
 * ACTION1-4 read as up/down/left/right, ACTION5 as use/wait, ACTION6 as a click at (x, y) on the
 * 64x64 frame, ACTION7 as undo (only in games that offer it).
 */
import { TabulaError } from './errors.ts';
import { FRAME_SIZE } from './frame.ts';

export const ACTION_NAMES = ['RESET', 'ACTION1', 'ACTION2', 'ACTION3', 'ACTION4', 'ACTION5', 'ACTION6', 'ACTION7'] as const;
export type ActionName = (typeof ACTION_NAMES)[number];
/** Actions a game's own rules see: RESET and ACTION7 (undo) belong to the session. */
export type GameActionName = 'ACTION1' | 'ACTION2' | 'ACTION3' | 'ACTION4' | 'ACTION5' | 'ACTION6';

export type SimpleAction = { readonly type: Exclude<ActionName, 'ACTION6'> };
export type ClickAction = { readonly type: 'ACTION6'; readonly x: number; readonly y: number };
/** A player's action; ACTION6 coordinates are frame cells, (0,0) top-left, 0..63. */
export type Action = SimpleAction | ClickAction;

/** What a game's step() receives: ACTION6 coordinates already mapped to cells of the game's view. */
export type GameAction = { readonly type: Exclude<GameActionName, 'ACTION6'> } | ClickAction;

export function actionId(name: ActionName): number {
  return ACTION_NAMES.indexOf(name);
}

export function isActionName(value: unknown): value is ActionName {
  return typeof value === 'string' && (ACTION_NAMES as readonly string[]).includes(value);
}

/** Shared, frozen instances so the hot path never allocates for keyboard actions. */
export const ACTIONS: { readonly [K in Exclude<ActionName, 'ACTION6'>]: SimpleAction } = Object.freeze({
  RESET: Object.freeze({ type: 'RESET' }),
  ACTION1: Object.freeze({ type: 'ACTION1' }),
  ACTION2: Object.freeze({ type: 'ACTION2' }),
  ACTION3: Object.freeze({ type: 'ACTION3' }),
  ACTION4: Object.freeze({ type: 'ACTION4' }),
  ACTION5: Object.freeze({ type: 'ACTION5' }),
  ACTION7: Object.freeze({ type: 'ACTION7' }),
});

export function click(x: number, y: number): ClickAction {
  return { type: 'ACTION6', x, y };
}

const SEND_INSTEAD =
  'send one of RESET, ACTION1..ACTION7; ACTION6 also needs integer x and y in 0..63 (frame cells, (0,0) top-left)';

/** Checks an action from any seam; throws a VALIDATION_ERROR that says what to send instead. */
export function toAction(input: unknown): Action {
  const value = typeof input === 'string' ? { type: input } : input;
  if (typeof value !== 'object' || value === null) {
    throw new TabulaError('VALIDATION_ERROR', `an action must be an object like {"type":"ACTION1"}; got ${describe(input)}: ${SEND_INSTEAD}`);
  }
  const { type, x, y } = value as { type?: unknown; x?: unknown; y?: unknown };
  if (!isActionName(type)) {
    throw new TabulaError('VALIDATION_ERROR', `unknown action ${describe(type)}: ${SEND_INSTEAD}`);
  }
  if (type !== 'ACTION6') return ACTIONS[type];
  if (x === undefined || y === undefined) {
    throw new TabulaError('VALIDATION_ERROR', `ACTION6 needs x and y: send {"type":"ACTION6","x":0..63,"y":0..63}`);
  }
  for (const [axis, v] of [['x', x], ['y', y]] as const) {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= FRAME_SIZE) {
      throw new TabulaError('VALIDATION_ERROR', `ACTION6 ${axis} must be an integer in 0..63; got ${describe(v)}`);
    }
  }
  return click(x as number, y as number);
}

/**
 * Parses the compact text form used on command lines and in text-only agents:
 * "RESET", "ACTION3", "3" (0 is RESET), "up/down/left/right/use/undo", and "ACTION6:x:y" or "6:x:y".
 */
export function parseActionToken(token: string): Action {
  const t = token.trim();
  const named = WORDS[t.toLowerCase()];
  if (named) return ACTIONS[named];
  const [head = '', ...coords] = t.split(/[:@]/);
  const name = /^[0-7]$/.test(head) ? ACTION_NAMES[Number(head)] : head.toUpperCase();
  if (name === 'ACTION6') {
    if (coords.length !== 2 || coords.some((c) => !/^\d+$/.test(c))) {
      throw new TabulaError('VALIDATION_ERROR', `"${t}": ACTION6 needs coordinates, written ACTION6:x:y (e.g. ACTION6:12:30)`);
    }
    return toAction({ type: 'ACTION6', x: Number(coords[0]), y: Number(coords[1]) });
  }
  if (coords.length > 0) {
    throw new TabulaError('VALIDATION_ERROR', `"${t}": only ACTION6 takes coordinates`);
  }
  return toAction(name);
}

export function formatAction(action: Action): string {
  return action.type === 'ACTION6' ? `ACTION6:${action.x}:${action.y}` : action.type;
}

const WORDS: Record<string, Exclude<ActionName, 'ACTION6'>> = {
  up: 'ACTION1', down: 'ACTION2', left: 'ACTION3', right: 'ACTION4', use: 'ACTION5', undo: 'ACTION7', reset: 'RESET',
};

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s === undefined ? typeof v : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
