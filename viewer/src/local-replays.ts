/**
 * Replays kept in this browser's localStorage, for play without a server: each accepted action's
 * line is appended as it happens, so closing the tab mid-level loses nothing, and replay mode can
 * open them later or the player can download them. Also remembers which (pseudonym, game) pairs
 * were played here, for the first-play flag.
 */
import type { ReplayHeader } from '../../core/index.ts';

const INDEX = 'tabula.replays';
const PLAYED = 'tabula.played';
const PREFIX = 'tabula.replay.';

export interface LocalReplayInfo {
  readonly id: string;
  readonly game_id: string;
  readonly player: string;
  readonly created_at: string;
}

function readJson<T>(key: string, fallback: T): T {
  try {
    const text = localStorage.getItem(key);
    return text === null ? fallback : (JSON.parse(text) as T);
  } catch {
    return fallback;
  }
}

export function listLocalReplays(): LocalReplayInfo[] {
  return readJson<LocalReplayInfo[]>(INDEX, []);
}

export function readLocalReplay(id: string): string | undefined {
  return localStorage.getItem(PREFIX + id) ?? undefined;
}

/** Starts a replay with its header line; returns its id. */
export function createLocalReplay(header: ReplayHeader, firstLine: string): string {
  const id = `${header.created_at.replace(/[^0-9]/g, '')}-${header.game_id}`;
  localStorage.setItem(PREFIX + id, firstLine);
  const index = listLocalReplays();
  index.push({ id, game_id: header.game_id, player: header.player.name, created_at: header.created_at });
  localStorage.setItem(INDEX, JSON.stringify(index));
  return id;
}

/** Appends one line (newline included). Throws when the browser's storage is full: the caller says so. */
export function appendLocalReplay(id: string, line: string): void {
  localStorage.setItem(PREFIX + id, (localStorage.getItem(PREFIX + id) ?? '') + line);
}

/** True the first time a pseudonym plays a game version in this browser; records that it has now. */
export function claimFirstPlay(player: string, gameId: string): boolean {
  const played = new Set(readJson<string[]>(PLAYED, []));
  const key = `${player}\n${gameId}`;
  if (played.has(key)) return false;
  played.add(key);
  try {
    localStorage.setItem(PLAYED, JSON.stringify([...played]));
  } catch {
    // Storage full: the play itself says so (BrowserBackend); the flag is still right for this play.
  }
  return true;
}
