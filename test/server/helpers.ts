/**
 * Shared by the server tests: a real server on 127.0.0.1 port 0 over a fresh temp data dir, and a
 * small JSON-over-HTTP client (Node's fetch), so every test talks to the server the way agents do.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTIONS, createRng, createSession, type Action, type Session } from '../../core/index.ts';
import { GAMES, type RegisteredGame } from '../../envs/index.ts';
import { startServer, type RunningServer, type ServerOptions } from '../../agent-runner/server/index.ts';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'tabula-server-'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export async function start(options: ServerOptions = {}): Promise<RunningServer & { dataDir: string }> {
  const dataDir = options.dataDir ?? tempDir();
  const server = await startServer({ port: 0, ...options, dataDir });
  return Object.assign(server, { dataDir });
}

export interface Reply {
  status: number;
  json: any;
  text: string;
  type: string | null;
}

export async function call(url: string, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const res = await fetch(url + path, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, type: res.headers.get('content-type') };
}

export const post = (url: string, path: string, body?: unknown, headers?: Record<string, string>) => call(url, 'POST', path, body, headers);
export const get = (url: string, path: string, headers?: Record<string, string>) => call(url, 'GET', path, undefined, headers);

/** Opens a card and starts a session; returns both ids and the opening frame response. */
export async function begin(url: string, gameId: string, open: Record<string, unknown> = {}, headers?: Record<string, string>) {
  const card = await post(url, '/api/scorecard/open', open, headers);
  if (card.status !== 200) throw new Error(`open failed: ${card.text}`);
  const reset = await post(url, '/api/cmd/RESET', { game_id: gameId, card_id: card.json.card_id }, headers);
  if (reset.status !== 200) throw new Error(`RESET failed: ${reset.text}`);
  return { cardId: card.json.card_id as string, guid: reset.json.guid as string, reset };
}

/** The body an action sends over the API. */
export function actionBody(gameId: string, guid: string, action: Action): { path: string; body: Record<string, unknown> } {
  const body: Record<string, unknown> = { game_id: gameId, guid };
  if (action.type === 'ACTION6') {
    body.x = action.x;
    body.y = action.y;
  }
  return { path: `/api/cmd/${action.type}`, body };
}

/**
 * Seeded short random walks on core sessions until one ends in GAME_OVER: the actions that lose
 * (short, so a test can replay them over HTTP quickly), or undefined.
 */
export function losingActions(entry: RegisteredGame, attempts = 3000, length = 60): Action[] | undefined {
  const rng = createRng(`lose:${entry.code}`);
  for (let attempt = 0; attempt < attempts; attempt++) {
    const session: Session<unknown> = createSession(entry.game);
    const actions: Action[] = [];
    for (let i = 0; i < length && session.status === 'NOT_FINISHED'; i++) {
      const name = rng.pick(entry.game.availableActions);
      const action: Action = name === 'ACTION6' ? { type: 'ACTION6', x: rng.int(64), y: rng.int(64) } : ACTIONS[name];
      session.act(action);
      actions.push(action);
    }
    if (session.status === 'GAME_OVER') return actions;
  }
  return undefined;
}

/** The first registered game a seeded random player can lose, with the actions that lose it. */
export function gameThatLoses(): { entry: RegisteredGame; actions: Action[] } {
  for (const entry of GAMES) {
    const actions = losingActions(entry);
    if (actions !== undefined) return { entry, actions };
  }
  throw new Error('no registered game reaches GAME_OVER under random play');
}
