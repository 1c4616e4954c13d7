/**
 * Bad input over HTTP (issue 4): each mistake gets the right status and ARC's error body with a
 * message that says what to send, no session changes, and the server keeps serving. Ends with a
 * property test of 1,000 seeded random bodies and paths.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, createRng, createSession, frameToArc, parseReplay, type Action, type Session } from '../../core/index.ts';
import { GAMES } from '../../envs/index.ts';
import { actionBody, begin, gameThatLoses, get, post, removeDir, start } from './helpers.ts';

const CODES = ['VALIDATION_ERROR', 'GAME_NOT_AVAILABLE_ERROR', 'GAME_NOT_STARTED_ERROR', 'SERVER_ERROR', 'RATE_LIMIT_EXCEEDED'];
const entry = GAMES[0]!;
const move: Action = entry.game.availableActions.includes('ACTION1') ? ACTIONS.ACTION1 : { type: 'ACTION6', x: 10, y: 10 };

let server: Awaited<ReturnType<typeof start>>;
/** A session that bad requests must leave alone, mirrored by a local engine session. */
let watched: { guid: string; cardId: string; local: Session<unknown>; steps: number };

beforeAll(async () => {
  server = await start();
  const { guid, cardId } = await begin(server.url, entry.gameId);
  const local = createSession(entry.game);
  const { path, body } = actionBody(entry.gameId, guid, move);
  await post(server.url, path, body);
  local.act(move);
  watched = { guid, cardId, local, steps: 1 };
});
afterAll(async () => {
  await server.close();
  removeDir(server.dataDir);
});

/** The watched session is exactly as it was, and still plays in step with the engine. */
async function unchanged(): Promise<void> {
  const replay = parseReplay((await get(server.url, `/api/sessions/${watched.guid}/replay`)).text);
  expect(replay.steps).toHaveLength(watched.steps);
  const { path, body } = actionBody(entry.gameId, watched.guid, move);
  const r = await post(server.url, path, body);
  const expected = watched.local.act(move);
  watched.steps++;
  expect(r.status).toBe(200);
  expect(r.json.frame).toEqual(expected.frames.map(frameToArc));
  expect(r.json.step).toBe(expected.step);
}

function expectError(r: { status: number; json: any }, status: number, code: string, says: string): void {
  expect(r.status).toBe(status);
  expect(Object.keys(r.json).sort()).toEqual(['error', 'message']);
  expect(r.json.error).toBe(code);
  expect(r.json.message).toContain(says);
}

/** A raw request (any method, any path bytes), as a broken client might send. */
function raw(method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<{ status: number; json: any; text: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, json, text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('each kind of bad input', () => {
  it('malformed JSON', async () => {
    expectError(await raw('POST', '/api/cmd/ACTION1', `{"game_id": "${entry.gameId}", "guid": "${watched.guid}"`), 400, 'VALIDATION_ERROR', 'not valid JSON');
    expectError(await raw('POST', '/api/scorecard/open', '[1,2]'), 400, 'VALIDATION_ERROR', 'not an object; send a JSON object');
    expectError(await raw('POST', '/api/cmd/RESET', ''), 400, 'VALIDATION_ERROR', 'has no body');
    await unchanged();
  });

  it('wrong types and missing fields', async () => {
    expectError(await post(server.url, '/api/cmd/ACTION1', { game_id: entry.gameId, guid: 12 }), 400, 'VALIDATION_ERROR', 'field guid');
    expectError(await post(server.url, '/api/cmd/ACTION1', { game_id: entry.gameId }), 400, 'VALIDATION_ERROR', 'field guid');
    expectError(await post(server.url, '/api/cmd/RESET', { game_id: entry.gameId }), 400, 'VALIDATION_ERROR', 'field card_id');
    expectError(await post(server.url, '/api/cmd/RESET', { game_id: entry.gameId, card_id: watched.cardId, seed: 1.5 }), 400, 'VALIDATION_ERROR', 'seed is a whole number');
    expectError(await post(server.url, '/api/scorecard/open', { tags: 'agent' }), 400, 'VALIDATION_ERROR', 'field tags');
    expectError(await post(server.url, '/api/scorecard/close', {}), 400, 'VALIDATION_ERROR', 'send {"card_id"');
    await unchanged();
  });

  it('unknown game, unknown guid, unknown card, a guid of another game', async () => {
    expectError(await post(server.url, '/api/cmd/RESET', { game_id: 'zz99', card_id: watched.cardId }), 404, 'GAME_NOT_AVAILABLE_ERROR', 'send one of');
    expectError(await post(server.url, '/api/cmd/RESET', { game_id: `${entry.code}-00000000`, card_id: watched.cardId }), 404, 'GAME_NOT_AVAILABLE_ERROR', `send ${entry.gameId}`);
    expectError(await post(server.url, '/api/cmd/ACTION1', { game_id: entry.gameId, guid: 'no-such-guid' }), 400, 'VALIDATION_ERROR', 'not a session on this server');
    expectError(await post(server.url, '/api/cmd/RESET', { game_id: entry.gameId, card_id: 'nope' }), 404, 'VALIDATION_ERROR', 'open one with POST /api/scorecard/open');
    expectError(await post(server.url, '/api/cmd/ACTION1', { game_id: GAMES[1]!.gameId, guid: watched.guid }), 400, 'VALIDATION_ERROR', `send game_id ${entry.gameId}`);
    expectError(await get(server.url, '/api/scorecard/nope'), 404, 'VALIDATION_ERROR', 'not found');
    expectError(await get(server.url, '/api/sessions/nope/replay'), 404, 'VALIDATION_ERROR', 'GET /api/replays');
    await unchanged();
  });

  it("another key's guid", async () => {
    const r = await post(server.url, '/api/cmd/ACTION1', { game_id: entry.gameId, guid: watched.guid }, { 'x-api-key': 'someone-else' });
    expectError(r, 400, 'VALIDATION_ERROR', 'belongs to another API key');
    await unchanged();
  });

  it('ACTION6 outside 0..63', async () => {
    for (const [x, y] of [[64, 0], [0, 64], [-1, 5], [1.5, 2], ['3', 4]] as const) {
      expectError(await post(server.url, '/api/cmd/ACTION6', { game_id: entry.gameId, guid: watched.guid, x, y }), 400, 'VALIDATION_ERROR', '"x": 0..63');
    }
    expectError(await post(server.url, '/api/cmd/ACTION6', { game_id: entry.gameId, guid: watched.guid }), 400, 'VALIDATION_ERROR', 'field x');
    await unchanged();
  });

  it('an oversized body or reasoning', async () => {
    const big = JSON.stringify({ game_id: entry.gameId, guid: watched.guid, reasoning: 'x'.repeat(70 * 1024) });
    expectError(await raw('POST', '/api/cmd/ACTION1', big), 413, 'VALIDATION_ERROR', 'larger than 64 KiB');
    // Sent in chunks without a declared length: refused as it passes the limit.
    expectError(await raw('POST', '/api/cmd/ACTION1', big, { 'transfer-encoding': 'chunked' }), 413, 'VALIDATION_ERROR', 'larger than 64 KiB');
    const thinking = { game_id: entry.gameId, guid: watched.guid, reasoning: { text: 'y'.repeat(17 * 1024) } };
    expectError(await post(server.url, '/api/cmd/ACTION1', thinking), 413, 'VALIDATION_ERROR', 'reasoning is larger than 16 KiB');
    expectError(await post(server.url, '/api/scorecard/open', { opaque: { blob: 'z'.repeat(17 * 1024) } }), 413, 'VALIDATION_ERROR', 'opaque is larger than 16 KiB');
    await unchanged();
  });

  it('an action after GAME_OVER is refused, logged as rejected, and RESET still works', async () => {
    const { entry: loser, actions } = gameThatLoses();
    const { guid, cardId } = await begin(server.url, loser.gameId);
    let last;
    for (const action of actions) {
      const { path, body } = actionBody(loser.gameId, guid, action);
      last = await post(server.url, path, body);
    }
    expect(last!.json.state).toBe('GAME_OVER');
    const { path, body } = actionBody(loser.gameId, guid, actions[0]!);
    expectError(await post(server.url, path, body), 400, 'GAME_NOT_STARTED_ERROR', 'send RESET to play again');
    const replay = parseReplay((await get(server.url, `/api/sessions/${guid}/replay`)).text);
    expect(replay.steps).toHaveLength(actions.length);
    expect(replay.rejected).toHaveLength(1);
    const reset = await post(server.url, '/api/cmd/RESET', { game_id: loser.gameId, card_id: cardId, guid });
    expect(reset.json.state).toBe('NOT_FINISHED');
    await unchanged();
  });

  it('a RESET on a closed scorecard', async () => {
    const { guid, cardId } = await begin(server.url, entry.gameId);
    await post(server.url, '/api/scorecard/close', { card_id: cardId });
    expectError(await post(server.url, '/api/cmd/RESET', { game_id: entry.gameId, card_id: cardId, guid }), 400, 'VALIDATION_ERROR', 'is closed; open a new one');
    expectError(await post(server.url, '/api/cmd/RESET', { game_id: entry.gameId, card_id: cardId }), 400, 'VALIDATION_ERROR', 'is closed; open a new one');
    expect(parseReplay((await get(server.url, `/api/sessions/${guid}/replay`)).text).steps).toHaveLength(0);
    await unchanged();
  });

  it('wrong method, unknown route, unknown command', async () => {
    expectError(await get(server.url, '/api/cmd/RESET'), 405, 'VALIDATION_ERROR', 'takes POST');
    expectError(await get(server.url, '/api/scorecard/open'), 405, 'VALIDATION_ERROR', 'takes POST');
    expectError(await raw('POST', '/api/cmd/ACTION9', '{}'), 404, 'VALIDATION_ERROR', 'send RESET or ACTION1..ACTION7');
    expectError(await raw('DELETE', '/api/games'), 405, 'VALIDATION_ERROR', 'takes GET');
    expectError(await raw('GET', '/api/nowhere'), 404, 'VALIDATION_ERROR', 'the routes are');
    await unchanged();
  });
});

describe('property: 1,000 random bodies and paths', () => {
  it('each gets a known status and an ARC error body (or a success), and the watched session is untouched', async () => {
    const rng = createRng('bad-input-property');
    const other = await begin(server.url, entry.gameId); // a session the random requests may hit, legitimately
    const paths = [
      '/api/cmd/RESET', '/api/cmd/ACTION1', '/api/cmd/ACTION5', '/api/cmd/ACTION6', '/api/cmd/ACTION7', '/api/cmd/ACTION0', '/api/cmd/',
      '/api/scorecard/open', '/api/scorecard/close', `/api/scorecard/${other.cardId}`, `/api/scorecard/${other.cardId}/heartbeat`, '/api/scorecard/%ZZ',
      '/api/games', `/api/games/${entry.code}`, '/api/games/%00', '/api/replays', `/api/sessions/${other.guid}/replay`, '/api/sessions/../../etc/passwd',
      '/api', '/api/', '/api//cmd//RESET', '/api/cmd/RESET?frames=rle', '/api/healthcheck', '/api/cmd/ACTION1/extra',
    ];
    const values = (depth: number): unknown => {
      switch (rng.int(depth > 2 ? 6 : 9)) {
        case 0: return null;
        case 1: return rng.int(2) === 0;
        case 2: return rng.int(200) - 100;
        case 3: return rng.int(1000) / 7;
        case 4: return rng.pick(['', 'x', entry.gameId, entry.code, other.guid, other.cardId, 'ACTION1', '\u0000', '💥', 'a'.repeat(rng.int(300))]);
        case 5: return rng.pick([64, -1, 63, 0, 1e308, Number.MAX_SAFE_INTEGER]);
        case 6: return Array.from({ length: rng.int(4) }, () => values(depth + 1));
        default: {
          const o: Record<string, unknown> = {};
          for (let i = rng.int(6); i > 0; i--) o[rng.pick(['game_id', 'guid', 'card_id', 'x', 'y', 'seed', 'tags', 'reasoning', 'opaque', 'player', 'source_url', '__proto__', 'constructor'])] = values(depth + 1);
          return o;
        }
      }
    };
    const bodies = (): string | undefined => {
      switch (rng.int(6)) {
        case 0: return undefined;
        case 1: return JSON.stringify(values(0)).slice(0, rng.int(40)); // cut off
        case 2: return String.fromCharCode(...Array.from({ length: rng.int(50) }, () => rng.int(256)));
        default: return JSON.stringify(values(0));
      }
    };
    const seen = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const method = rng.pick(['GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE']);
      const body = method === 'GET' && rng.int(4) > 0 ? undefined : bodies();
      const path = rng.pick(paths);
      const r = await raw(method, path, body);
      seen.set(r.status, (seen.get(r.status) ?? 0) + 1);
      expect([200, 400, 401, 404, 405, 413, 429]).toContain(r.status);
      if (r.status !== 200) {
        expect(CODES).toContain(r.json?.error);
        expect(typeof r.json.message).toBe('string');
        expect(r.json.message.length).toBeGreaterThan(10);
      }
    }
    expect(seen.get(400)).toBeGreaterThan(100); // the bodies do reach validation, not just routing
    await unchanged();
    expect((await get(server.url, '/api/healthcheck')).status).toBe(200);
  });
});
