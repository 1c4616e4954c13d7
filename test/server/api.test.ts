/**
 * The API's routes and shapes over real HTTP (API.md): games, scorecards, commands, frames checked
 * against the engine, replays that verify, human players and first_play across a restart, seeds,
 * keys and ownership, limits, idle close and heartbeat, compact frames, and the static viewer.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, createSession, frameFromRle, frameToArc, parseReplay, solveLevel, verifyReplay, type Action } from '../../core/index.ts';
import { baselineFor, GAMES } from '../../envs/index.ts';
import { actionBody, begin, get, post, removeDir, start, tempDir } from './helpers.ts';

const entry = GAMES[0]!;
let server: Awaited<ReturnType<typeof start>>;

beforeAll(async () => {
  server = await start();
});
afterAll(async () => {
  await server.close();
  removeDir(server.dataDir);
});

describe('games', () => {
  it('lists every registered game by opaque id, with no names', async () => {
    const r = await get(server.url, '/api/games');
    expect(r.status).toBe(200);
    expect(r.json).toEqual(GAMES.map((g) => ({ game_id: g.gameId, title: g.code, tags: [...g.tags], default_fps: 8 })));
  });

  it('gives one game by code or full id with its baselines, and 404 for an unknown one', async () => {
    for (const id of [entry.code, entry.gameId]) {
      const r = await get(server.url, `/api/games/${id}`);
      expect(r.status).toBe(200);
      const baseline = baselineFor(entry, null);
      expect(r.json.game_id).toBe(entry.gameId);
      expect(r.json.baseline_actions).toEqual(baseline.actions);
      expect(r.json.baseline_kind).toBe(baseline.kind);
    }
    const missing = await get(server.url, '/api/games/zz99');
    expect(missing.status).toBe(404);
    expect(missing.json.error).toBe('SERVER_ERROR');
    expect(missing.json.message).toMatch(/^game zz99 not found; send one of/);
  });

  it('answers the healthcheck and issues anonymous keys', async () => {
    expect((await get(server.url, '/api/healthcheck')).status).toBe(200);
    const key = await get(server.url, '/api/games/anonkey');
    expect(key.json.api_key).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('playing', () => {
  it('serves the engine frames, level_index and step, and writes a replay that verifies', async () => {
    const { guid, cardId, reset } = await begin(server.url, entry.gameId);
    const local = createSession(entry.game);
    expect(reset.json.frame).toEqual([frameToArc(local.frame())]);
    expect(reset.json).toMatchObject({ game_id: entry.gameId, guid, state: 'NOT_FINISHED', levels_completed: 0, level_index: 0, step: 0, full_reset: true, seed: null });
    expect(reset.json.win_levels).toBe(local.levels.length);
    expect(reset.json.action_input).toEqual({ id: 0, data: { game_id: entry.gameId } });
    // Level 1 solved, then a wasted move and a level RESET on level 2, then level 2 solved.
    const plan: Action[] = [...solveLevel(entry.game, 0)!.actions, entry.game.availableActions.includes('ACTION1') ? ACTIONS.ACTION1 : ACTIONS.ACTION2, ACTIONS.RESET, ...solveLevel(entry.game, 1)!.actions];
    let t = 0;
    for (const action of plan) {
      const expected = local.act(action);
      const { path, body } = actionBody(entry.gameId, guid, action);
      const r = await post(server.url, path, action.type === 'RESET' ? { ...body, card_id: cardId } : { ...body, reasoning: { t } });
      t++;
      expect(r.status).toBe(200);
      expect(r.json.frame).toEqual(expected.frames.map(frameToArc));
      expect(r.json).toMatchObject({ state: expected.state, levels_completed: expected.levelsCompleted, level_index: expected.levelIndex, step: expected.step, full_reset: expected.fullReset });
      expect(r.json.available_actions).toEqual(entry.game.availableActions.map((a) => ['RESET', 'ACTION1', 'ACTION2', 'ACTION3', 'ACTION4', 'ACTION5', 'ACTION6', 'ACTION7'].indexOf(a)));
      if (action.type !== 'RESET') expect(r.json.action_input.reasoning).toEqual({ t: t - 1 });
    }
    expect(local.observe().levelsCompleted === 2 || local.status === 'WIN').toBe(true);
    const file = await get(server.url, `/api/sessions/${guid}/replay`);
    expect(file.type).toContain('application/x-ndjson');
    expect(file.text).toBe(readFileSync(join(server.dataDir, 'replays', `${guid}.jsonl`), 'utf8'));
    const replay = parseReplay(file.text);
    expect(replay.header).toMatchObject({ game_id: entry.gameId, seed: null, guid, card_id: cardId, player: { kind: 'agent', name: 'anonymous' }, engine: '0.1.0' });
    expect(verifyReplay(replay.header, replay.steps, entry)).toBe(plan.length);
    expect(replay.steps[1]!.reasoning).toEqual({ t: 1 });
  });

  it('accepts and counts an action outside available_actions (the agent\'s mistake to make)', async () => {
    const unavailable = (['ACTION5', 'ACTION7', 'ACTION1'] as const).find((a) => !entry.game.availableActions.includes(a))!;
    const { guid } = await begin(server.url, entry.gameId);
    const r = await post(server.url, `/api/cmd/${unavailable}`, { game_id: entry.gameId, guid });
    expect(r.status).toBe(200);
    expect(r.json.step).toBe(1);
    expect(r.json.frame).toEqual([frameToArc(createSession(entry.game).frame())]);
    expect(parseReplay((await get(server.url, `/api/sessions/${guid}/replay`)).text).steps[0]).toMatchObject({ action: unavailable, changed: false });
  });

  it('returns two frames when a level is completed', async () => {
    const { guid } = await begin(server.url, entry.gameId);
    const solution = solveLevel(entry.game, 0)!.actions;
    let last;
    for (const action of solution) {
      const { path, body } = actionBody(entry.gameId, guid, action);
      last = await post(server.url, path, body);
    }
    expect(last!.json.frame).toHaveLength(2);
    expect(last!.json.levels_completed).toBe(1);
    expect(last!.json.level_index).toBe(1);
  });

  it('gives run-length frames on ?frames=rle and on the Accept header, the same cells', async () => {
    const { guid } = await begin(server.url, entry.gameId);
    const action: Action = entry.game.availableActions.includes('ACTION1') ? ACTIONS.ACTION1 : { type: 'ACTION6', x: 0, y: 0 };
    const local = createSession(entry.game);
    const expected = local.act(action);
    const { path, body } = actionBody(entry.gameId, guid, action);
    const viaQuery = await post(server.url, `${path}?frames=rle`, body);
    expect(viaQuery.json.frame.map((rows: number[][]) => frameToArc(frameFromRle(rows)))).toEqual(expected.frames.map(frameToArc));
    expect(viaQuery.json.frame[0][0].length).toBeLessThan(64);
    const viaHeader = await post(server.url, '/api/cmd/RESET', { game_id: entry.gameId, card_id: (await get(server.url, '/api/replays')).json.find((r: { guid: string }) => r.guid === guid).card_id, guid }, { accept: 'application/vnd.tabula.frame+json' });
    expect(viaHeader.status).toBe(200);
    expect(frameToArc(frameFromRle(viaHeader.json.frame[0]))).toEqual(frameToArc(createSession(entry.game).frame()));
  });

  it('refuses a seed for a game without generated levels, and names the session a seed plays', async () => {
    const card = await post(server.url, '/api/scorecard/open', {});
    const plain = GAMES.find((g) => !g.game.generates);
    if (plain !== undefined) {
      const r = await post(server.url, '/api/cmd/RESET', { game_id: plain.gameId, card_id: card.json.card_id, seed: 3 });
      expect(r.status).toBe(400);
      expect(r.json.message).toContain('has no generated levels; omit seed');
    }
    const seeded = GAMES.find((g) => g.game.generates);
    if (seeded !== undefined) {
      const r = await post(server.url, '/api/cmd/RESET', { game_id: seeded.gameId, card_id: card.json.card_id, seed: 7 });
      expect(r.status).toBe(200);
      expect(r.json.seed).toBe(7);
      expect(r.json.frame).toEqual([frameToArc(createSession(seeded.game, { seed: 7 }).frame())]);
      const header = parseReplay((await get(server.url, `/api/sessions/${r.json.guid}/replay`)).text).header;
      expect(header.seed).toBe(7);
    }
    expect(plain !== undefined || seeded !== undefined).toBe(true);
  });
});

describe('lenient where ARC clients differ', () => {
  it('resets a session given its guid without card_id, and still needs card_id to start one', async () => {
    const { guid } = await begin(server.url, entry.gameId);
    const r = await post(server.url, '/api/cmd/RESET', { game_id: entry.gameId, guid });
    expect(r.status).toBe(200);
    expect(r.json.guid).toBe(guid);
    const none = await post(server.url, '/api/cmd/RESET', { game_id: entry.gameId });
    expect(none.status).toBe(400);
    expect(none.json.message).toContain('field card_id: required to start a session');
  });
});

describe('stored replays', () => {
  it('skips an unreadable file at startup and serves the rest', async () => {
    const dataDir = tempDir();
    let s = await start({ dataDir });
    try {
      const { guid } = await begin(s.url, entry.gameId);
      await s.close();
      writeFileSync(join(dataDir, 'replays', '00000000-0000-0000-0000-000000000000.jsonl'), 'not a replay\n{}\n');
      s = await start({ dataDir });
      const list = (await get(s.url, '/api/replays')).json as { guid: string }[];
      expect(list.map((r) => r.guid)).toEqual([guid]);
      expect((await get(s.url, '/api/sessions/00000000-0000-0000-0000-000000000000/replay')).status).toBe(404);
    } finally {
      await s.close();
      removeDir(dataDir);
    }
  });
});

describe('scorecards', () => {
  it('adds the agent tag, filters by game, and keeps the summary readable after close', async () => {
    const { cardId, guid } = await begin(server.url, entry.gameId, { tags: ['x'], source_url: 'https://example.org/a', opaque: { run: 1 } });
    const action = actionBody(entry.gameId, guid, solveLevel(entry.game, 0)!.actions[0]!);
    await post(server.url, action.path, action.body);
    const other = GAMES[1]!;
    await post(server.url, '/api/cmd/RESET', { game_id: other.code, card_id: cardId });
    const all = await get(server.url, `/api/scorecard/${cardId}`);
    expect(all.json).toMatchObject({ card_id: cardId, tags: ['x', 'agent'], source_url: 'https://example.org/a', opaque: { run: 1 }, total_environments: 2, total_actions: 1 });
    const one = await get(server.url, `/api/scorecard/${cardId}/${other.code}`);
    expect(one.json.environments.map((e: { id: string }) => e.id)).toEqual([other.gameId]);
    const closed = await post(server.url, '/api/scorecard/close', { card_id: cardId });
    expect(closed.json.environments).toEqual(all.json.environments);
    const after = await post(server.url, action.path, action.body);
    expect(after.status).toBe(400);
    expect(after.json.message).toContain('is closed; open a new one');
    expect((await get(server.url, `/api/scorecard/${cardId}`)).status).toBe(200);
  });

  it('closes idle cards, and a heartbeat keeps one open', async () => {
    // Margins are wide (heartbeats 10x as often as the idle time) so a busy machine cannot flip it.
    const idle = await start({ idleMs: 1000 });
    try {
      const kept = await begin(idle.url, entry.gameId);
      const dropped = await begin(idle.url, entry.gameId);
      for (let i = 0; i < 25; i++) {
        expect((await post(idle.url, `/api/scorecard/${kept.cardId}/heartbeat`)).status).toBe(200);
        await new Promise((r) => setTimeout(r, 100));
      }
      const move = (guid: string) => post(idle.url, '/api/cmd/RESET', { game_id: entry.gameId, card_id: guid === kept.guid ? kept.cardId : dropped.cardId, guid });
      expect((await move(kept.guid)).status).toBe(200);
      const late = await move(dropped.guid);
      expect(late.status).toBe(400);
      expect(late.json.message).toContain('is closed');
    } finally {
      await idle.close();
      removeDir(idle.dataDir);
    }
  });
});

describe('players', () => {
  it('writes human players with first_play, true only for a pseudonym new to the game, across a restart', async () => {
    const dataDir = tempDir();
    let s = await start({ dataDir });
    try {
      const first = await begin(s.url, entry.gameId, { tags: ['human'], player: 'ada_1' });
      const second = await begin(s.url, entry.gameId, { tags: ['human'], player: 'ada_1' });
      const header = async (guid: string) => parseReplay((await get(s.url, `/api/sessions/${guid}/replay`)).text).header;
      expect(await header(first.guid)).toMatchObject({ player: { kind: 'human', name: 'ada_1' }, first_play: true, tags: ['human'] });
      expect((await header(second.guid)).first_play).toBe(false);
      await s.close();
      s = await start({ dataDir });
      const third = await begin(s.url, entry.gameId, { tags: ['human'], player: 'ada_1' });
      const newcomer = await begin(s.url, entry.gameId, { tags: ['human'], player: 'bo-2' });
      const otherGame = await post(s.url, '/api/cmd/RESET', { game_id: GAMES[1]!.gameId, card_id: third.cardId });
      expect((await header(third.guid)).first_play).toBe(false);
      expect((await header(newcomer.guid)).first_play).toBe(true);
      expect((await header(otherGame.json.guid)).first_play).toBe(true);
      const agent = await begin(s.url, entry.gameId, { player: 'bot7' });
      expect(await header(agent.guid)).toMatchObject({ player: { kind: 'agent', name: 'bot7' } });
      expect((await header(agent.guid)).first_play).toBeUndefined();
      const list = (await get(s.url, '/api/replays')).json as { guid: string; first_play: boolean; created_at: string }[];
      expect(list.map((r) => r.guid)).toEqual([first.guid, second.guid, third.guid, newcomer.guid, otherGame.json.guid, agent.guid]);
      expect(list.map((r) => r.first_play)).toEqual([true, false, false, true, true, false]);
      const bad = await post(s.url, '/api/scorecard/open', { tags: ['human'], player: 'no spaces!' });
      expect(bad.status).toBe(400);
      expect(bad.json.message).toContain('1-40 letters, digits, _ or -');
    } finally {
      await s.close();
      removeDir(dataDir);
    }
  });
});

describe('keys and limits', () => {
  it('requires known keys when asked, and keeps sessions and cards to the key that made them', async () => {
    const s = await start({ requireKeys: ['k-one'] });
    try {
      expect((await get(s.url, '/api/games')).status).toBe(401);
      expect((await get(s.url, '/api/games', { 'x-api-key': 'nope' })).status).toBe(401);
      const issued = (await get(s.url, '/api/games/anonkey')).json.api_key as string;
      const one = { 'x-api-key': 'k-one' };
      const two = { 'x-api-key': issued };
      const { guid, cardId } = await begin(s.url, entry.gameId, {}, one);
      const theirs = await post(s.url, '/api/cmd/RESET', { game_id: entry.gameId, card_id: cardId, guid }, two);
      expect(theirs.status).toBe(400);
      expect(theirs.json.message).toContain('belongs to another API key');
      const own = await post(s.url, '/api/scorecard/open', {}, two);
      const move = actionBody(entry.gameId, guid, solveLevel(entry.game, 0)!.actions[0]!);
      const foreign = await post(s.url, move.path, move.body, two);
      expect(foreign.status).toBe(400);
      expect(foreign.json.message).toContain(`guid ${guid} belongs to another API key`);
      expect((await post(s.url, '/api/scorecard/close', { card_id: cardId }, two)).status).toBe(400);
      expect((await post(s.url, '/api/scorecard/close', { card_id: own.json.card_id }, two)).status).toBe(200);
      expect(parseReplay((await get(s.url, `/api/sessions/${guid}/replay`, one)).text).steps).toHaveLength(0);
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });

  it('limits open sessions per key and the request rate, with ARC error bodies', async () => {
    const s = await start({ maxSessionsPerKey: 2, rateLimit: { perSecond: 0.001, burst: 8 } });
    try {
      const card = (await post(s.url, '/api/scorecard/open', {})).json.card_id;
      const reset = () => post(s.url, '/api/cmd/RESET', { game_id: entry.gameId, card_id: card });
      expect((await reset()).status).toBe(200);
      expect((await reset()).status).toBe(200);
      const third = await reset();
      expect(third.status).toBe(429);
      expect(third.json.message).toContain('open sessions, the limit');
      await post(s.url, '/api/scorecard/close', { card_id: card }); // frees both
      const card2 = (await post(s.url, '/api/scorecard/open', {})).json.card_id;
      expect((await post(s.url, '/api/cmd/RESET', { game_id: entry.gameId, card_id: card2 })).status).toBe(200);
      // 7 requests so far (the refused one counts too): one token is left, then none.
      expect((await get(s.url, '/api/games')).status).toBe(200);
      const limited = await get(s.url, '/api/games');
      expect(limited.status).toBe(429);
      expect(limited.json.error).toBe('RATE_LIMIT_EXCEEDED');
    } finally {
      await s.close();
      removeDir(s.dataDir);
    }
  });
});

describe('static viewer', () => {
  it('serves files, index.html for unknown non-API paths, and never files outside the directory', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<html>viewer</html>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    const s = await start({ staticDir: dir });
    try {
      const index = await fetch(`${s.url}/`);
      expect(index.headers.get('content-type')).toContain('text/html');
      expect(await index.text()).toBe('<html>viewer</html>');
      const js = await fetch(`${s.url}/assets/app.js`);
      expect(js.headers.get('content-type')).toContain('javascript');
      expect(await js.text()).toBe('console.log(1)');
      expect(await (await fetch(`${s.url}/play/tg38`)).text()).toBe('<html>viewer</html>');
      expect(await (await fetch(`${s.url}/%2e%2e/%2e%2e/etc/passwd`)).text()).toBe('<html>viewer</html>');
      const api = await get(s.url, '/api/nothing');
      expect(api.status).toBe(404);
      expect(api.json.error).toBe('VALIDATION_ERROR');
    } finally {
      await s.close();
      removeDir(s.dataDir);
      removeDir(dir);
    }
  });
});
