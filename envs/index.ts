/**
 * The registry: the one list of games. Registering a game here enrols it in the CLI, the API, the
 * viewer and every check in test/envs/. Each game gets an opaque, stable 4-character public code;
 * its public id is `<code>-<version>`, the version being the game's content hash (core/game.ts), so
 * a replay is bound to the exact levels and rules it played. Internal ids and names never leave here.
 */
import { TabulaError, type ActionName, type Game } from '../core/index.ts';
import chargeCount from './charge-count.ts';
import crateGame from './crate-pull.ts';
import echoTiles from './echo-tiles.ts';
import farPistons from './far-pistons.ts';
import gravityFlip from './gravity-flip.ts';
import iceSlide from './ice-slide.ts';
import mergeSplit from './merge-split.ts';
import mirrorTwins from './mirror-twins.ts';
import padGates from './pad-gates.ts';
import padLinks from './pad-links.ts';
import pinDrift from './pin-drift.ts';
import paintPass from './paint-pass.ts';
import pipeTurn from './pipe-turn.ts';
import trailFill from './trail-fill.ts';
import tubeDrop from './tube-drop.ts';
import turnFit from './turn-fit.ts';

export interface RegisteredGame {
  /** Opaque public code, 4 characters: stable across versions. */
  readonly code: string;
  /** `<code>-<version>`: what the API, replays and scorecards name. */
  readonly gameId: string;
  readonly game: Game<unknown>;
  /** ARC-style input tags derived from the actions: "keyboard" and/or "click". */
  readonly tags: readonly string[];
}

function register(code: string, game: Game<any>): RegisteredGame {
  return Object.freeze({ code, gameId: `${code}-${game.version}`, game: game as Game<unknown>, tags: tagsFor(game.availableActions) });
}

function tagsFor(actions: readonly ActionName[]): string[] {
  const tags: string[] = [];
  if (actions.some((a) => a !== 'ACTION6' && a !== 'ACTION7')) tags.push('keyboard');
  if (actions.includes('ACTION6')) tags.push('click');
  return tags;
}

export const GAMES: readonly RegisteredGame[] = Object.freeze([
  register('tg38', padGates),
  register('vr52', crateGame),
  register('mq74', echoTiles),
  register('pe14', mirrorTwins),
  register('jt58', farPistons),
  register('ua70', padLinks),
  register('ok36', pinDrift),
  register('zs81', gravityFlip),
  register('hd27', iceSlide),
  register('gm22', trailFill),
  register('rx89', chargeCount),
  register('bi47', turnFit),
  register('ny64', mergeSplit),
  register('fn46', paintPass),
  register('ly05', tubeDrop),
  register('cx93', pipeTurn),
]);

/**
 * Finds a game by its bare code ("tg38") or full id ("tg38-0a1b2c3d"). An unknown code, or a full
 * id whose version is not the current one, is a GAME_NOT_AVAILABLE_ERROR that lists what exists.
 */
export function findGame(id: string): RegisteredGame {
  const code = id.split('-')[0]!;
  const entry = GAMES.find((g) => g.code === code);
  if (entry === undefined) {
    throw new TabulaError('GAME_NOT_AVAILABLE_ERROR', `game ${JSON.stringify(id)} not found; send one of: ${GAMES.map((g) => g.gameId).join(', ')} (or the 4-character code alone)`);
  }
  if (id !== code && id !== entry.gameId) {
    throw new TabulaError('GAME_NOT_AVAILABLE_ERROR', `game ${id} is not available: ${code} is now at ${entry.gameId} (its levels or rules changed); send ${entry.gameId} or ${code}`);
  }
  return entry;
}

export { BaselineFileSchema, baselineFor, optimalActions, type Baseline, type BaselineFile, type BaselineKind } from './baselines.ts';
