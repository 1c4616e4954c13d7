/**
 * Scores ARC-AGI-3 recordings (SCORING.md "Import"): JSONL of `{ "timestamp", "data": <frame
 * response> }`, the first line the opening RESET. A foreign game cannot be re-simulated, so the
 * hash of each response's last frame (salted with the level) stands in for the state hash; every
 * metric is then computed by the same fold as a Tabula replay, and the score says
 * `verified: "frame-hashes"`.
 */
import { z } from 'zod';
import { ACTION_NAMES, type ActionName } from '../actions.ts';
import { FRAME_CELLS, FRAME_SIZE } from '../frame.ts';
import { hashHex, hashString } from '../hash.ts';
import { ReplayError } from '../replay.ts';
import { FrameObjects } from './click-object.ts';
import { ScoreFold } from './fold.ts';
import { assembleScore, type ReplayScore, type ScoreOptions } from './score-replay.ts';

const count = z.number().int().nonnegative();
const cell = z.number().int().min(0).max(15);

export const ArcRecordingLineSchema = z.object({
  timestamp: z.union([z.string(), z.number()]).optional(),
  data: z.object({
    game_id: z.string(),
    guid: z.string().optional(),
    frame: z.array(z.array(z.array(cell).length(FRAME_SIZE)).length(FRAME_SIZE)).min(1, 'a frame response carries at least one 64x64 frame'),
    state: z.enum(['NOT_PLAYED', 'NOT_FINISHED', 'WIN', 'GAME_OVER']),
    levels_completed: count,
    win_levels: count,
    action_input: z.object({ id: z.number().int().min(0).max(7), data: z.record(z.string(), z.unknown()).optional() }),
    full_reset: z.boolean().optional(),
  }),
});

interface Parsed {
  readonly gameId: string;
  readonly frame: Uint8Array;
  readonly state: 'NOT_FINISHED' | 'WIN' | 'GAME_OVER';
  readonly levelsCompleted: number;
  readonly winLevels: number;
  readonly action: ActionName;
  readonly x?: number;
  readonly y?: number;
  readonly fullReset: boolean;
}

function parseLine(text: string, line: number): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ReplayError({ line }, 'not valid JSON; an ARC-AGI-3 recording has one {"timestamp", "data": <frame response>} object per line');
  }
  const parsed = ArcRecordingLineSchema.safeParse(value);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new ReplayError({ line }, `not an ARC-AGI-3 recording line: field ${first.path.join('.') || 'line'}: ${first.message}; each line is {"timestamp", "data": <frame response>}`);
  }
  const d = parsed.data.data;
  const last = d.frame[d.frame.length - 1]!;
  const frame = new Uint8Array(FRAME_CELLS);
  for (let y = 0; y < FRAME_SIZE; y++) for (let x = 0; x < FRAME_SIZE; x++) frame[y * FRAME_SIZE + x] = last[y]![x]!;
  const action = ACTION_NAMES[d.action_input.id]!;
  const x = d.action_input.data?.x;
  const y = d.action_input.data?.y;
  const click = action === 'ACTION6';
  if (click && !(Number.isInteger(x) && Number.isInteger(y) && (x as number) >= 0 && (x as number) < 64 && (y as number) >= 0 && (y as number) < 64)) {
    throw new ReplayError({ line }, 'an ACTION6 line needs action_input.data.x and .y, whole numbers 0..63');
  }
  return {
    gameId: d.game_id,
    frame,
    state: d.state === 'NOT_PLAYED' ? 'NOT_FINISHED' : d.state,
    levelsCompleted: d.levels_completed,
    winLevels: d.win_levels,
    action,
    ...(click ? { x: x as number, y: y as number } : {}),
    fullReset: d.full_reset === true,
  };
}

function frameHash(frame: Uint8Array, level: number): string {
  let text = '';
  for (let i = 0; i < FRAME_CELLS; i++) text += String.fromCharCode(97 + frame[i]!);
  return hashHex(hashString(text, level + 1));
}

export interface ArcScoreOptions extends Partial<ScoreOptions> {
  /** The player's name in the score (a recording does not carry one). */
  readonly name?: string;
}

/** Scores an ARC-AGI-3 recording, one line at a time; blank lines are skipped. */
export function scoreArcRecording(lines: Iterable<string>, options: ArcScoreOptions = {}): ReplayScore {
  let lineNumber = 0;
  let fold: ScoreFold | undefined;
  let opening: Parsed | undefined;
  let prev: Parsed | undefined;
  let level = 0;
  let t = 0;
  const objects = new FrameObjects();
  for (const text of lines) {
    lineNumber++;
    if (text.trim() === '') continue;
    const now = parseLine(text, lineNumber);
    if (prev === undefined) {
      opening = now;
      prev = now;
      fold = new ScoreFold(frameHash(now.frame, 0), { labels: options.labels, distance: options.distance, timeline: options.timeline });
      continue;
    }
    const full = now.fullReset || (now.action === 'RESET' && now.levelsCompleted < prev.levelsCompleted);
    const after = full ? 0 : Math.min(now.levelsCompleted, Math.max(0, now.winLevels - 1));
    const hash = frameHash(now.frame, after);
    const object = now.action === 'ACTION6' ? objects.at(prev.frame, now.x!, now.y!) : undefined;
    t++;
    fold!.add(
      {
        t, action: now.action, ...(now.x === undefined ? {} : { x: now.x, y: now.y }), level, state: now.state, levels_completed: now.levelsCompleted,
        hash, changed: hash !== frameHash(prev.frame, level) || after !== level, ...(full ? { full_reset: true as const } : {}),
      },
      object,
    );
    level = after;
    prev = now;
  }
  if (fold === undefined || opening === undefined) throw new ReplayError({ line: 1 }, 'the recording is empty; it starts with the frame response of the opening RESET');
  fold.finish();
  const actions = options.baseline?.actions ?? [];
  return assembleScore(
    fold,
    { game_id: opening.gameId, seed: null, player: { kind: 'agent', name: options.name ?? 'arc-recording' }, verified: 'frame-hashes', levelCount: opening.winLevels, rejected: 0, truncated: null },
    { ...options, baseline: options.baseline ?? { actions, kind: 'none', version: 'none' } },
  );
}
