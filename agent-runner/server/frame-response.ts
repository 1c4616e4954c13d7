/**
 * The frame response (API.md "Frame response"), built as bytes: each frame is encoded from its bytes
 * with core's frameToJsonBytes (or frameToRle for compact frames) and spliced between the
 * encoded head and tail of the body, so the hot path never builds 64x64 nested arrays just to
 * stringify them, nor re-encodes the frame text as part of one big string.
 */
import { actionId, frameToJsonBytes, frameToRle, type Action, type Frame, type Observation } from '../../core/index.ts';

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
 * (a move into a wall, a RESET on a fresh level), and drawn frames are read-only, so the bytes can be
 * reused; a WeakMap lets them go with the frame.
 */
const arcCache = new WeakMap<Frame, Buffer>();

function arcBytes(frame: Frame): Buffer {
  let bytes = arcCache.get(frame);
  if (bytes === undefined) {
    const json = frameToJsonBytes(frame);
    bytes = Buffer.from(json.buffer, json.byteOffset, json.length); // a view, no copy
    arcCache.set(frame, bytes);
  }
  return bytes;
}

const COMMA = Buffer.from(',');

export function frameResponse(f: FrameResponseFields): Buffer {
  const o = f.observation;
  const data: Record<string, unknown> = { game_id: f.gameId };
  if (f.action.type === 'ACTION6') {
    data.x = f.action.x;
    data.y = f.action.y;
  }
  const input: Record<string, unknown> = { id: actionId(f.action.type), data };
  if (f.reasoning !== undefined) input.reasoning = f.reasoning;
  // gameId and guid are registry ids and server-made uuids: safe to splice without escaping.
  const head = Buffer.from(`{"game_id":"${f.gameId}","guid":"${f.guid}","frame":[`);
  const tail = Buffer.from(
    `],"state":"${o.state}","levels_completed":${o.levelsCompleted},"win_levels":${o.winLevels}` +
      `,"action_input":${JSON.stringify(input)},"available_actions":${availableJson(o.availableActions)}` +
      `,"full_reset":${f.fullReset},"level_index":${o.levelIndex},"step":${o.step},"seed":${f.seed === null ? 'null' : f.seed}}`,
  );
  const parts: Buffer[] = [head];
  for (let i = 0; i < o.frames.length; i++) {
    if (i > 0) parts.push(COMMA);
    parts.push(f.rle ? Buffer.from(JSON.stringify(frameToRle(o.frames[i]!))) : arcBytes(o.frames[i]!));
  }
  parts.push(tail);
  return Buffer.concat(parts);
}
