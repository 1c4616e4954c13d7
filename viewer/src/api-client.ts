/**
 * The viewer's client for the Tabula server's JSON API (API.md), same origin under /api. Errors
 * come back as the server's own message (it says what was wrong and what to send instead).
 */
import type { ReplayHeader, ReplayStep } from '../../core/index.ts';

/** A frame response (API.md "Frame response"), asked for with compact run-length frames. */
export interface FrameResponse {
  readonly game_id: string;
  readonly guid: string;
  readonly frame: number[][][];
  readonly state: 'NOT_FINISHED' | 'WIN' | 'GAME_OVER';
  readonly levels_completed: number;
  readonly win_levels: number;
  readonly available_actions: number[];
  readonly full_reset: boolean;
  readonly level_index: number;
  readonly step: number;
}

/** One row of GET /api/replays. */
export interface ServerReplayInfo {
  readonly guid: string;
  readonly game_id: string;
  readonly player: ReplayHeader['player'];
  readonly first_play: boolean;
  readonly created_at: string;
  readonly steps: number;
  readonly levels_completed: number;
  readonly state: ReplayStep['state'];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    let parsed: { error?: string; message?: string } = {};
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      // not JSON: fall through with the raw text
    }
    throw new ApiError(response.status, parsed.error ?? 'SERVER_ERROR', parsed.message ?? `${method} ${path}: HTTP ${response.status}`);
  }
  return (path.endsWith('/replay') ? text : JSON.parse(text)) as T;
}

/** True when a Tabula server answers on this origin (else the viewer plays in the browser alone). */
export async function serverAvailable(): Promise<boolean> {
  try {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 1500);
    const response = await fetch('/api/healthcheck', { signal: controller.signal });
    clearTimeout(timer);
    if (!response.ok) return false;
    const body = (await response.json()) as { status?: string };
    return body.status === 'ok';
  } catch {
    return false;
  }
}

export const api = {
  openCard: (player: string) => call<{ card_id: string }>('POST', '/api/scorecard/open', { tags: ['human'], player }),
  reset: (body: { game_id: string; card_id?: string; guid?: string }) => call<FrameResponse>('POST', '/api/cmd/RESET?frames=rle', body),
  act: (name: string, body: { game_id: string; guid: string; x?: number; y?: number }) => call<FrameResponse>('POST', `/api/cmd/${name}?frames=rle`, body),
  heartbeat: (cardId: string) => call<unknown>('POST', `/api/scorecard/${encodeURIComponent(cardId)}/heartbeat`),
  replays: () => call<ServerReplayInfo[]>('GET', '/api/replays'),
  replay: (guid: string) => call<string>('GET', `/api/sessions/${encodeURIComponent(guid)}/replay`),
};
