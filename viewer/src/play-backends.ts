/**
 * Where a human play runs and is recorded. With a server: every action goes through the HTTP API,
 * which writes it to the session's replay before answering, so a closed tab loses nothing. Without
 * one: the same engine runs in the browser and each replay line is appended to localStorage as it
 * is made, and the replay can be downloaded. Both give the play mode the same view of a step.
 */
import {
  ACTION_NAMES,
  TabulaError,
  createSession,
  frameFromRle,
  replayHeader,
  replayLine,
  replayStep,
  type Action,
  type ActionName,
  type Frame,
  type GameStatus,
  type Session,
} from '../../core/index.ts';
import type { RegisteredGame } from '../../envs/index.ts';
import pkg from '../../package.json' with { type: 'json' };
import { api, type FrameResponse } from './api-client.ts';
import { appendLocalReplay, claimFirstPlay, createLocalReplay } from './local-replays.ts';

/** What the play mode shows after an action. */
export interface PlayView {
  /** One frame, or several to animate (the last is the one that stays). */
  readonly frames: readonly Frame[];
  readonly state: GameStatus;
  readonly levelIndex: number;
  readonly levelsCompleted: number;
  readonly winLevels: number;
  /** Actions in this run. */
  readonly step: number;
  readonly availableActions: readonly ActionName[];
}

export interface PlayBackend {
  /** 'server': stored by the Tabula server; 'browser': stored in this browser. */
  readonly where: 'server' | 'browser';
  start(): Promise<PlayView>;
  /** Plays one action; a refused action throws an Error whose message says why. */
  act(action: Action): Promise<PlayView>;
  /** How replay mode finds this play: `?replay=<guid>` or `?local=<id>`. */
  replayLink(): string;
  /** The replay so far as JSONL (browser plays only; a server play is fetched from the server). */
  replayText(): string | undefined;
  /** Set when the play goes on but is no longer being kept (browser storage full). */
  readonly warning: string;
}

let card: Promise<{ card_id: string }> | undefined;
let cardPlayer = '';
let heartbeat = 0;
/** The server closes a card idle for 15 minutes; a person may think longer than that. */
const HEARTBEAT_MS = 5 * 60_000;

export class ServerBackend implements PlayBackend {
  readonly where = 'server';
  readonly warning = '';
  private guid = '';

  constructor(
    private readonly entry: RegisteredGame,
    private readonly player: string,
  ) {}

  async start(): Promise<PlayView> {
    // One scorecard per page and pseudonym: it groups this person's plays.
    if (card === undefined || cardPlayer !== this.player) {
      cardPlayer = this.player;
      card = api.openCard(this.player);
      card.catch(() => (card = undefined));
      const opened = card;
      clearInterval(heartbeat);
      heartbeat = window.setInterval(() => void opened.then(({ card_id }) => api.heartbeat(card_id)).catch(() => undefined), HEARTBEAT_MS);
    }
    const { card_id } = await card;
    const response = await api.reset({ game_id: this.entry.gameId, card_id });
    this.guid = response.guid;
    return toView(response);
  }

  async act(action: Action): Promise<PlayView> {
    const body = action.type === 'ACTION6'
      ? { game_id: this.entry.gameId, guid: this.guid, x: action.x, y: action.y }
      : { game_id: this.entry.gameId, guid: this.guid };
    const response = action.type === 'RESET' ? await api.reset(body) : await api.act(action.type, body);
    return toView(response);
  }

  replayLink(): string {
    return `?replay=${encodeURIComponent(this.guid)}`;
  }

  replayText(): undefined {
    return undefined;
  }
}

function toView(r: FrameResponse): PlayView {
  return {
    frames: r.frame.map((rows) => frameFromRle(rows)),
    state: r.state,
    levelIndex: r.level_index,
    levelsCompleted: r.levels_completed,
    winLevels: r.win_levels,
    step: r.step,
    availableActions: r.available_actions.map((id) => ACTION_NAMES[id]!),
  };
}

export class BrowserBackend implements PlayBackend {
  readonly where = 'browser';
  warning = '';
  private session: Session<unknown> | undefined;
  private id = '';
  private t = 0;
  /** The whole replay in memory too: if storage fills up, the download still has every line. */
  private text = '';

  constructor(
    private readonly entry: RegisteredGame,
    private readonly player: string,
  ) {}

  async start(): Promise<PlayView> {
    this.session = createSession(this.entry.game);
    const header = replayHeader({
      game_id: this.entry.gameId,
      seed: null,
      player: { kind: 'human', name: this.player },
      created_at: new Date().toISOString(),
      engine: pkg.version,
      first_play: claimFirstPlay(this.player, this.entry.gameId),
      tags: ['human'],
    });
    this.text = replayLine(header);
    this.t = 0;
    this.warning = '';
    try {
      this.id = createLocalReplay(header, this.text);
    } catch (error) {
      this.warning = full(error);
    }
    const o = this.session.observe();
    return { ...o, frames: o.frames };
  }

  async act(action: Action): Promise<PlayView> {
    const session = this.session!;
    let result;
    try {
      result = session.act(action);
    } catch (error) {
      if (error instanceof TabulaError) this.keep(replayLine({ rejected: error.message }));
      throw error;
    }
    this.t++;
    this.keep(replayLine(replayStep(this.t, result)));
    return result;
  }

  private keep(line: string): void {
    this.text += line;
    try {
      appendLocalReplay(this.id, line);
    } catch (error) {
      this.warning = full(error);
    }
  }

  replayLink(): string {
    return `?local=${encodeURIComponent(this.id)}`;
  }

  replayText(): string {
    return this.text;
  }
}

function full(error: unknown): string {
  return `This browser's storage is full (${(error as Error).message}): download the replay now; the page still holds all of it.`;
}
