/**
 * Crash safety (issue 4): the server runs as a child process (`tabula serve`), takes load from
 * several sessions, and is killed with SIGKILL mid-load. Restarted on the same data dir, every
 * session is listed, downloadable and verifies through the engine, and each replay holds every
 * acknowledged action (at most the one in flight more). SIGTERM closes it cleanly (exit 0).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ACTIONS, createRng, parseReplay, verifyReplay, type Action } from '../../core/index.ts';
import { findGame, GAMES } from '../../envs/index.ts';
import { actionBody, get, post, removeDir, tempDir } from './helpers.ts';

const BIN = join(import.meta.dirname, '..', '..', 'agent-runner', 'bin', 'tabula.mjs');
const dataDir = tempDir();
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  removeDir(dataDir);
});

/** Starts `tabula serve` on a free port; resolves with its URL once it prints it. */
function serve(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(out);
      if (match !== null) resolve({ child, url: match[0] });
    });
    child.on('exit', (code) => reject(new Error(`tabula serve exited (${code}) before listening: ${err}`)));
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: string | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

interface Player {
  gameId: string;
  guid: string;
  cardId: string;
  /** Actions whose response came back: on disk before it was sent. */
  acknowledged: number;
}

it('a SIGKILL under load loses at most the requests in flight; every replay lists, downloads and verifies', async () => {
  const first = await serve();
  const card = (await post(first.url, '/api/scorecard/open', { tags: ['crash'] })).json.card_id as string;
  const players: Player[] = [];
  for (let i = 0; i < 8; i++) {
    const entry = GAMES[i % GAMES.length]!;
    const r = await post(first.url, '/api/cmd/RESET', { game_id: entry.gameId, card_id: card });
    players.push({ gameId: entry.gameId, guid: r.json.guid, cardId: card, acknowledged: 0 });
  }
  let killed = false;
  const load = players.map(async (p, i) => {
    const rng = createRng(`crash:${i}`);
    const game = findGame(p.gameId).game;
    let state = 'NOT_FINISHED';
    while (!killed) {
      const name = rng.pick(game.availableActions);
      const action: Action = state !== 'NOT_FINISHED' ? ACTIONS.RESET : name === 'ACTION6' ? { type: 'ACTION6', x: rng.int(64), y: rng.int(64) } : ACTIONS[name];
      const { path, body } = actionBody(p.gameId, p.guid, action);
      try {
        const r = await post(first.url, path, action.type === 'RESET' ? { ...body, card_id: p.cardId } : { ...body, reasoning: { i: p.acknowledged } });
        if (r.status !== 200) throw new Error(`${path} -> ${r.status} ${r.text}`);
        state = r.json.state;
        p.acknowledged++;
      } catch (error) {
        if (killed) return; // the connection died with the server
        throw error;
      }
    }
  });
  // Kill once every session has some actions on disk, while requests are in flight.
  while (players.some((p) => p.acknowledged < 30)) await new Promise((r) => setTimeout(r, 20));
  killed = true; // from here a failed request is the kill, not a bug
  first.child.kill('SIGKILL');
  const gone = await exited(first.child);
  expect(gone.signal).toBe('SIGKILL');
  await Promise.all(load);

  const second = await serve();
  try {
    const listed = (await get(second.url, '/api/replays')).json as { guid: string; steps: number; truncated: boolean; game_id: string }[];
    for (const p of players) {
      const row = listed.find((r) => r.guid === p.guid);
      expect(row, `session ${p.guid} is listed`).toBeDefined();
      const file = await get(second.url, `/api/sessions/${p.guid}/replay`);
      expect(file.status).toBe(200);
      const replay = parseReplay(file.text);
      expect(replay.steps.length).toBeGreaterThanOrEqual(p.acknowledged);
      expect(replay.steps.length).toBeLessThanOrEqual(p.acknowledged + 1);
      expect(row!.steps).toBe(replay.steps.length);
      expect(verifyReplay(replay.header, replay.steps, findGame(p.gameId))).toBe(replay.steps.length);
    }
    // The restarted server says the old sessions ended, and serves new ones.
    const old = players[0]!;
    const stale = await post(second.url, '/api/cmd/RESET', { game_id: old.gameId, card_id: old.cardId, guid: old.guid });
    expect(stale.status).toBe(404); // the card did not survive the restart
    const fresh = await post(second.url, '/api/scorecard/open', {});
    expect((await post(second.url, '/api/cmd/RESET', { game_id: old.gameId, card_id: fresh.json.card_id })).status).toBe(200);
  } finally {
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toEqual({ code: 0, signal: null });
  }
});
