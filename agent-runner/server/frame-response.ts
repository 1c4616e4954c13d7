/**
 * The frame response (API.md "Frame response"), built as a string: each frame is encoded once from
 * its bytes with core's frameToJson (or frameToRle for compact frames) and spliced into the body, so
 * the hot path never builds 64x64 nested arrays just to stringify them.
 */
import { actionId, frameToJson, frameToRle, type Action, type Frame, type Observation } from '../../core/index.ts';

export interface FrameResponseFields {
  readonly gameId: string;
  readonly guid: string;
  readonly seed: number | null;
  readonly observation: Observation;
  readonly action: Action;
  readonly reasoning: unknown;
  readonly fullReset: boolean;
  /** Run-length rows instead of ARC's nested arrays (the client asked for them). */
  readonly rle: boolean;
}

const availableCache = new WeakMap<readonly string[], string>();

/** `[1,2,3,4]`: the action ids, encoded once per game (the list is the game's own frozen array). */
function availableJson(names: Observation['availableActions']): string {
  let json = availableCache.get(names);
  if (json === undefined) {
    json = JSON.stringify(names.map((n) => actionId(n)));
    availableCache.set(names, json);
  }
  return json;
}

/**
 * Encoded frames by frame object. A session hands back the same frame while its state is unchanged
 * (a move into a wall, a RESET on a fresh level), and drawn frames are read-only, so the text can be
 * reused; a WeakMap lets it go with the frame.
 */
const arcCache = new WeakMap<Frame, string>();

function arcJson(frame: Frame): string {
  let json = arcCache.get(frame);
  if (json === undefined) {
    json = frameToJson(frame);
    arcCache.set(frame, json);
  }
  return json;
}

function framesJson(frames: readonly Frame[], rle: boolean): string {
  let out = '[';
  for (let i = 0; i < frames.length; i++) {
    if (i > 0) out += ',';
    out += rle ? JSON.stringify(frameToRle(frames[i]!)) : arcJson(frames[i]!);
  }
  return out + ']';
}

export function frameResponse(f: FrameResponseFields): string {
  const o = f.observation;
  const data: Record<string, unknown> = { game_id: f.gameId };
  if (f.action.type === 'ACTION6') {
    data.x = f.action.x;
    data.y = f.action.y;
  }
  const input: Record<string, unknown> = { id: actionId(f.action.type), data };
  if (f.reasoning !== undefined) input.reasoning = f.reasoning;
  // gameId and guid are registry ids and server-made uuids: safe to splice without escaping.
  return (
    `{"game_id":"${f.gameId}","guid":"${f.guid}","frame":${framesJson(o.frames, f.rle)}` +
    `,"state":"${o.state}","levels_completed":${o.levelsCompleted},"win_levels":${o.winLevels}` +
    `,"action_input":${JSON.stringify(input)},"available_actions":${availableJson(o.availableActions)}` +
    `,"full_reset":${f.fullReset},"level_index":${o.levelIndex},"step":${o.step},"seed":${f.seed === null ? 'null' : f.seed}}`
  );
}
