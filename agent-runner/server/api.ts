/**
 * The routes of the JSON action API (API.md): games, scorecards, commands and Tabula's extensions.
 * One Api object holds the live state (scorecards, sessions, rate buckets) and the replay store;
 * index.ts wires it to a Node http server. Every refusal is an ApiError with ARC's error body, thrown
 * before anything changes, so a bad request never alters a session.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  ACTIONS,
  click,
  replayHeader,
  replayStep,
  RunTallies,
  TabulaError,
  createSession,
  type Action,
  type ActionName,
} from '../../core/index.ts';
import { baselineFor, findGame, GAMES, type RegisteredGame } from '../../envs/index.ts';
import { Scorecard, type LiveSession } from './cards.ts';
import { ApiError, badRequest, fromTabulaError, zodError } from './errors.ts';
import { frameResponse } from './frame-response.ts';
import { parseJsonObject, readBody, sendError, sendJson } from './http.ts';
import { RateLimiter, type RateLimit } from './rate-limit.ts';
import {
  ACTION_EXPECTED,
  ActionSchema,
  CLICK_EXPECTED,
  ClickSchema,
  CLOSE_CARD_EXPECTED,
  CloseCardSchema,
  MAX_BODY_BYTES,
  MAX_OPAQUE_BYTES,
  MAX_REASONING_BYTES,
  OPEN_CARD_EXPECTED,
  OpenCardSchema,
  RESET_EXPECTED,
  ResetSchema,
} from './schemas.ts';
import type { ReplayStore } from './store.ts';

export interface ApiOptions {
  readonly idleMs: number;
  readonly maxSessionsPerKey: number;
  /** false: no limit. */
  readonly rateLimit: RateLimit | false;
  /** false: keys optional; true: a key issued by GET /api/games/anonkey; a list: those keys too. */
  readonly requireKeys: boolean | readonly string[];
  readonly engine: string;
  readonly now: () => number;
}

/** What a route returns: a status and a JSON (or JSONL) body, written by handle(). */
interface Reply {
  readonly status?: number;
  readonly body: string | Buffer;
  readonly type?: string;
}

const CMD_NAMES = new Set(['RESET', 'ACTION1', 'ACTION2', 'ACTION3', 'ACTION4', 'ACTION5', 'ACTION6', 'ACTION7']);
const RLE_ACCEPT = 'application/vnd.tabula.frame+json';
const ROUTES =
  'GET /api/games, GET /api/games/{id}, GET /api/games/anonkey, POST /api/scorecard/open, POST /api/scorecard/close, ' +
  'GET /api/scorecard/{card_id}[/{game_id}], POST /api/scorecard/{card_id}/heartbeat, POST /api/cmd/RESET, POST /api/cmd/ACTION1..ACTION7, ' +
  'GET /api/replays, GET /api/sessions/{guid}/replay, GET /api/healthcheck';

export class Api {
  private readonly cards = new Map<string, Scorecard>();
  private readonly sessions = new Map<string, LiveSession>();
  private readonly openSessions = new Map<string, number>();
  private readonly issuedKeys = new Set<string>();
  private readonly limiter: RateLimiter | undefined;
  private readonly gamesJson: string;

  constructor(
    private readonly options: ApiOptions,
    readonly store: ReplayStore,
  ) {
    this.limiter = options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit);
    this.gamesJson = JSON.stringify(GAMES.map(gameInfo));
  }

  /** Serves one /api request; never throws (errors become ARC error bodies). */
  async handle(req: IncomingMessage, res: ServerResponse, path: string, query: string): Promise<void> {
    try {
      const reply = await this.route(req, path, query);
      sendJson(res, reply.status ?? 200, reply.body, reply.type);
    } catch (error) {
      if (!res.headersSent) sendError(res, toApiError(error));
    }
  }

  private async route(req: IncomingMessage, path: string, query: string): Promise<Reply> {
    const method = req.method ?? 'GET';
    if (path === '/api/healthcheck') return drained(req, { body: '{"status":"ok"}' });
    const key = this.authorise(req, path);
    if (this.limiter !== undefined && !this.limiter.take(key === '' ? `ip:${req.socket.remoteAddress}` : key, this.options.now())) {
      req.resume();
      throw new ApiError(429, 'RATE_LIMIT_EXCEEDED', 'too many requests from this client; wait a moment and retry more slowly');
    }
    const parts = path.split('/').slice(2).map(decodePart); // ['games', ...] from /api/games/...
    const [head, a, b, c] = parts;

    if (method === 'GET') {
      req.resume(); // a GET body, if any, is ignored
      if (head === 'games' && a === undefined) return { body: this.gamesJson };
      if (head === 'games' && a === 'anonkey' && b === undefined) return this.anonKey();
      if (head === 'games' && a !== undefined && b === undefined) return this.game(a);
      if (head === 'scorecard' && a !== undefined && a !== 'open' && a !== 'close' && b !== 'heartbeat' && c === undefined) return this.cardSummary(a, b);
      if (head === 'replays' && a === undefined) return { body: JSON.stringify(this.store.list()) };
      if (head === 'sessions' && a !== undefined && b === 'replay' && c === undefined) return this.replay(a);
    } else if (method === 'POST') {
      const rle = query.includes('frames=rle') || (req.headers.accept ?? '').includes(RLE_ACCEPT);
      if (head === 'scorecard' && a === 'open' && b === undefined) return this.openCard(key, await this.body(req, OPEN_CARD_EXPECTED));
      if (head === 'scorecard' && a === 'close' && b === undefined) return this.closeCard(key, await this.body(req, CLOSE_CARD_EXPECTED));
      if (head === 'scorecard' && a !== undefined && b === 'heartbeat' && c === undefined) return drained(req, this.heartbeat(key, a));
      if (head === 'cmd' && a !== undefined && b === undefined && CMD_NAMES.has(a)) {
        return a === 'RESET' ? this.reset(key, await this.body(req, RESET_EXPECTED), rle) : this.action(key, a as ActionName, await this.body(req, a === 'ACTION6' ? CLICK_EXPECTED : ACTION_EXPECTED), rle);
      }
    }
    req.resume();
    // Say so when the path exists under the other method: the usual mistake.
    const other = method === 'GET' ? 'POST' : 'GET';
    if (knownRoute(other, parts)) throw new ApiError(405, 'VALIDATION_ERROR', `${path} takes ${other}, not ${method}`);
    if (head === 'cmd' && a !== undefined && b === undefined) {
      throw new ApiError(404, 'VALIDATION_ERROR', `unknown command ${a}; send RESET or ACTION1..ACTION7 (POST /api/cmd/ACTION1)`);
    }
    throw new ApiError(404, 'VALIDATION_ERROR', `no route ${method} ${path}; the routes are: ${ROUTES}`);
  }

  /** The caller's key ('' without one); 401 when keys are required and this one is not known. */
  private authorise(req: IncomingMessage, path: string): string {
    const header = req.headers['x-api-key'];
    const key = typeof header === 'string' ? header : '';
    const required = this.options.requireKeys;
    if (required === false || path === '/api/games/anonkey') return key;
    if (key === '') throw new ApiError(401, 'VALIDATION_ERROR', 'this server requires an API key: send it in the X-API-Key header (GET /api/games/anonkey issues one)');
    if (!this.issuedKeys.has(key) && !(required !== true && required.includes(key))) {
      throw new ApiError(401, 'VALIDATION_ERROR', 'the X-API-Key is not known to this server; send a key it issued (GET /api/games/anonkey)');
    }
    return key;
  }

  private async body(req: IncomingMessage, expected: string): Promise<Record<string, unknown>> {
    return parseJsonObject(await readBody(req, MAX_BODY_BYTES), expected);
  }

  private anonKey(): Reply {
    const key = randomUUID();
    this.issuedKeys.add(key);
    return { body: JSON.stringify({ api_key: key }) };
  }

  private game(id: string): Reply {
    const entry = GAMES.find((g) => g.code === id || g.gameId === id);
    if (entry === undefined) {
      throw new ApiError(404, 'SERVER_ERROR', `game ${id} not found; send one of: ${GAMES.map((g) => g.gameId).join(', ')} (or the 4-character code alone)`);
    }
    const baseline = baselineFor(entry, null);
    return { body: JSON.stringify({ ...gameInfo(entry), baseline_actions: baseline.actions, baseline_kind: baseline.kind, baseline_kinds: baseline.kinds }) };
  }

  private openCard(key: string, body: Record<string, unknown>): Reply {
    const parsed = OpenCardSchema.safeParse(body);
    if (!parsed.success) throw zodError(parsed.error, OPEN_CARD_EXPECTED);
    const { tags = [], source_url, opaque, player } = parsed.data;
    if (opaque !== undefined && Buffer.byteLength(JSON.stringify(opaque)) > MAX_OPAQUE_BYTES) {
      throw new ApiError(413, 'VALIDATION_ERROR', `opaque is larger than 16 KiB; send a smaller object`);
    }
    const human = tags.includes('human');
    const allTags = human || tags.includes('agent') ? [...tags] : [...tags, 'agent'];
    const card = new Scorecard({
      id: randomUUID(),
      key,
      tags: allTags,
      sourceUrl: source_url ?? null,
      opaque: opaque ?? null,
      player: { kind: human ? 'human' : 'agent', name: player ?? 'anonymous' },
      now: this.options.now(),
    });
    this.cards.set(card.id, card);
    return { body: JSON.stringify({ card_id: card.id }) };
  }

  private closeCard(key: string, body: Record<string, unknown>): Reply {
    const parsed = CloseCardSchema.safeParse(body);
    if (!parsed.success) throw zodError(parsed.error, CLOSE_CARD_EXPECTED);
    const card = this.ownCard(key, parsed.data.card_id);
    this.close(card);
    return { body: JSON.stringify(card.summary()) };
  }

  private cardSummary(id: string, gameId: string | undefined): Reply {
    const card = this.cards.get(id);
    if (card === undefined) throw unknownCard(id);
    let filter: string | undefined;
    if (gameId !== undefined) {
      const entry = GAMES.find((g) => g.code === gameId || g.gameId === gameId);
      if (entry === undefined) throw new ApiError(404, 'SERVER_ERROR', `game ${gameId} not found; send one of: ${GAMES.map((g) => g.gameId).join(', ')}`);
      filter = entry.gameId;
    }
    return { body: JSON.stringify(card.summary(filter)) };
  }

  private heartbeat(key: string, id: string): Reply {
    const card = this.ownCard(key, id);
    if (card.closed) throw closedCard(id);
    card.lastUpdate = this.options.now();
    return { body: JSON.stringify({ card_id: card.id, last_update: new Date(card.lastUpdate).toISOString() }) };
  }

  private replay(guid: string): Reply {
    const text = this.store.read(guid);
    if (text === undefined) throw new ApiError(404, 'VALIDATION_ERROR', `no replay for guid ${guid}; GET /api/replays lists the stored ones`);
    return { body: text, type: 'application/x-ndjson' };
  }

  private reset(key: string, body: Record<string, unknown>, rle: boolean): Reply {
    const parsed = ResetSchema.safeParse(body);
    if (!parsed.success) throw zodError(parsed.error, RESET_EXPECTED);
    const { game_id, card_id, guid, seed, reasoning } = parsed.data;
    checkReasoning(reasoning);
    const entry = findEntry(game_id);
    if (guid !== undefined && guid !== null) {
      if (seed !== undefined && seed !== null) throw badRequest('seed applies only when a session starts (RESET without guid); omit seed when resetting a session');
      const card = card_id === undefined ? undefined : this.ownCard(key, card_id);
      if (card?.closed === true) throw closedCard(card.id);
      const session = this.liveSession(key, guid, entry);
      if (card !== undefined && session.card !== card) throw badRequest(`guid ${guid} belongs to scorecard ${session.card.id}, not ${card_id}; send that card_id, or RESET without guid to start a session on this card`);
      return this.act(session, ACTIONS.RESET, reasoning, rle);
    }
    if (card_id === undefined) throw badRequest(`field card_id: required to start a session; send ${RESET_EXPECTED}`);
    const card = this.ownCard(key, card_id);
    if (card.closed) throw closedCard(card_id);
    if (seed !== undefined && seed !== null && !entry.game.generates) {
      throw badRequest(`game ${entry.gameId} has no generated levels; omit seed to play its designed levels`);
    }
    return this.start(key, card, entry, seed ?? null, reasoning, rle);
  }

  private action(key: string, name: ActionName, body: Record<string, unknown>, rle: boolean): Reply {
    let action: Action;
    let fields: { game_id: string; guid: string; reasoning?: unknown };
    if (name === 'ACTION6') {
      const parsed = ClickSchema.safeParse(body);
      if (!parsed.success) throw zodError(parsed.error, CLICK_EXPECTED);
      fields = parsed.data;
      action = click(parsed.data.x, parsed.data.y);
    } else {
      const parsed = ActionSchema.safeParse(body);
      if (!parsed.success) throw zodError(parsed.error, ACTION_EXPECTED);
      fields = parsed.data;
      action = ACTIONS[name as Exclude<ActionName, 'ACTION6'>];
    }
    checkReasoning(fields.reasoning);
    const session = this.liveSession(key, fields.guid, findEntry(fields.game_id));
    return this.act(session, action, fields.reasoning, rle);
  }

  /** A new session: its replay file and header are written before the first frame goes out. */
  private start(key: string, card: Scorecard, entry: RegisteredGame, seed: number | null, reasoning: unknown, rle: boolean): Reply {
    const open = this.openSessions.get(key) ?? 0;
    if (open >= this.options.maxSessionsPerKey) {
      throw new ApiError(429, 'RATE_LIMIT_EXCEEDED', `this API key has ${open} open sessions, the limit; close a scorecard (POST /api/scorecard/close) to free its sessions`);
    }
    const core = createSession(entry.game, { seed });
    const guid = randomUUID();
    const player = card.player;
    const now = this.options.now();
    const info = this.store.create(
      replayHeader({
        game_id: entry.gameId,
        seed,
        player,
        created_at: new Date(now).toISOString(),
        engine: this.options.engine,
        guid,
        card_id: card.id,
        ...(player.kind === 'human' ? { first_play: this.store.isFirstPlay(player.name, entry.gameId) } : {}),
        tags: [...card.tags],
      }) as ReturnType<typeof replayHeader> & { guid: string },
    );
    const session: LiveSession = { guid, key, card, entry, seed, core, tallies: new RunTallies(), info };
    this.sessions.set(guid, session);
    card.sessions.push(session);
    card.lastUpdate = now;
    this.openSessions.set(key, open + 1);
    const body = frameResponse({ gameId: entry.gameId, guid, seed, observation: core.observe(), action: ACTIONS.RESET, reasoning, fullReset: true, rle });
    return { body };
  }

  /** One action on a live session: played, written to the replay, tallied, answered. */
  private act(session: LiveSession, action: Action, reasoning: unknown, rle: boolean): Reply {
    let result;
    try {
      result = session.core!.act(action);
    } catch (error) {
      if (error instanceof TabulaError) this.store.appendRejected(session.guid, error.message);
      throw error;
    }
    const step = replayStep(session.info.steps + 1, result, reasoning === undefined ? {} : { reasoning });
    this.store.appendStep(session.info, step);
    session.tallies.add(step);
    session.card.lastUpdate = this.options.now();
    const body = frameResponse({
      gameId: session.entry.gameId,
      guid: session.guid,
      seed: session.seed,
      observation: result,
      action,
      reasoning,
      fullReset: result.fullReset,
      rle,
    });
    return { body };
  }

  private liveSession(key: string, guid: string, entry: RegisteredGame): LiveSession {
    const session = this.sessions.get(guid);
    if (session === undefined) {
      if (this.store.info(guid) !== undefined) {
        throw badRequest(`the session ${guid} has ended (the server restarted since); its replay is at GET /api/sessions/${guid}/replay; RESET without guid to start a new session`);
      }
      throw badRequest(`guid ${guid} is not a session on this server; send the guid from your RESET response, or RESET without guid to start one`);
    }
    if (session.key !== key) throw badRequest(`guid ${guid} belongs to another API key; send your own session's guid, or RESET without guid to start one`);
    if (session.core === undefined) throw closedCard(session.card.id);
    if (session.entry !== entry) throw badRequest(`guid ${guid} plays ${session.entry.gameId}, not ${entry.gameId}; send game_id ${session.entry.gameId}`);
    return session;
  }

  private ownCard(key: string, id: string): Scorecard {
    const card = this.cards.get(id);
    if (card === undefined) throw unknownCard(id);
    if (card.key !== key) throw badRequest(`scorecard ${id} belongs to another API key; open your own with POST /api/scorecard/open`);
    return card;
  }

  /** Closes a card: its sessions become read-only and leave memory; their replays are already on disk. */
  close(card: Scorecard): void {
    if (card.closed) return;
    card.closed = true;
    for (const session of card.sessions) {
      session.core = undefined;
      this.store.release(session.guid);
    }
    const open = (this.openSessions.get(card.key) ?? 0) - card.sessions.length;
    if (open > 0) this.openSessions.set(card.key, open);
    else this.openSessions.delete(card.key);
  }

  /** Closes every open card idle for idleMs or more. */
  sweep(): void {
    const now = this.options.now();
    for (const card of this.cards.values()) if (!card.closed && now - card.lastUpdate >= this.options.idleMs) this.close(card);
  }

  /** Cards open now (the bench and tests read it). */
  get openCardCount(): number {
    let n = 0;
    for (const card of this.cards.values()) if (!card.closed) n++;
    return n;
  }
}

function gameInfo(entry: RegisteredGame): { game_id: string; title: string; tags: readonly string[]; default_fps: number } {
  // The title is the opaque code: a name would be a hint (instruction-free).
  return { game_id: entry.gameId, title: entry.code, tags: entry.tags, default_fps: 8 };
}

function findEntry(id: string): RegisteredGame {
  try {
    return findGame(id);
  } catch (error) {
    if (error instanceof TabulaError) throw new ApiError(404, 'GAME_NOT_AVAILABLE_ERROR', error.message);
    throw error;
  }
}

function checkReasoning(reasoning: unknown): void {
  if (reasoning === undefined) return;
  if (Buffer.byteLength(JSON.stringify(reasoning) ?? '') > MAX_REASONING_BYTES) {
    throw new ApiError(413, 'VALIDATION_ERROR', 'reasoning is larger than 16 KiB as JSON; send a shorter reasoning (it is stored, never read by the game)');
  }
}

function unknownCard(id: string): ApiError {
  return new ApiError(404, 'VALIDATION_ERROR', `scorecard ${id} not found (scorecards do not survive a server restart); open one with POST /api/scorecard/open and send its card_id`);
}

function closedCard(id: string): ApiError {
  return badRequest(`scorecard ${id} is closed; open a new one with POST /api/scorecard/open and start a session with RESET without guid`);
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

function knownRoute(method: string, parts: readonly (string | undefined)[]): boolean {
  const [head, a, b, c] = parts;
  if (method === 'GET') {
    return (head === 'games' && b === undefined) || (head === 'scorecard' && a !== undefined && a !== 'open' && a !== 'close' && c === undefined && b !== 'heartbeat') ||
      (head === 'replays' && a === undefined) || (head === 'sessions' && b === 'replay' && c === undefined);
  }
  return (head === 'scorecard' && ((a === 'open' || a === 'close') && b === undefined || b === 'heartbeat')) || (head === 'cmd' && a !== undefined && CMD_NAMES.has(a) && b === undefined);
}

async function drained(req: IncomingMessage, reply: Reply): Promise<Reply> {
  req.resume();
  return reply;
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof TabulaError) return fromTabulaError(error);
  // A bug, not the client's mistake: logged without request data (it may hold keys), answered 500.
  console.error('tabula serve: internal error:', (error as Error).stack ?? error);
  return new ApiError(500, 'SERVER_ERROR', 'internal server error; retry, and report it if it happens again');
}
