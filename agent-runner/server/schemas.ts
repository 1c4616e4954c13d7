/**
 * Request bodies, checked with zod safeParse. Unknown fields are ignored (ARC clients send extras,
 * e.g. card_id on actions); known fields must have the right type. `expected` strings go into error
 * messages so a client is told what a correct body looks like.
 */
import { z } from 'zod';

/** `reasoning` and `opaque` are stored and echoed, never read: bounded so a replay stays small. */
export const MAX_REASONING_BYTES = 16 * 1024;
export const MAX_OPAQUE_BYTES = 16 * 1024;
/** The largest request body accepted. */
export const MAX_BODY_BYTES = 64 * 1024;

export const PLAYER_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

export const OpenCardSchema = z.object({
  tags: z.array(z.string().max(100, 'a tag is at most 100 characters')).max(50, 'at most 50 tags').optional(),
  source_url: z.string().max(2000, 'source_url is at most 2000 characters').optional(),
  opaque: z.record(z.string(), z.unknown()).optional(),
  player: z.string().regex(PLAYER_PATTERN, 'player is a pseudonym of 1-40 letters, digits, _ or -').optional(),
});
export const OPEN_CARD_EXPECTED =
  '{"tags"?: ["agent"], "source_url"?: "<url>", "opaque"?: {<any object up to 16 KiB>}, "player"?: "<1-40 letters, digits, _ or ->"}';

export const CloseCardSchema = z.object({ card_id: z.string() });
export const CLOSE_CARD_EXPECTED = '{"card_id": "<the card_id from POST /api/scorecard/open>"}';

export const ResetSchema = z.object({
  game_id: z.string(),
  /** Required to start a session; optional on a RESET of an existing one (the session knows its card). */
  card_id: z.string().optional(),
  guid: z.string().nullish(),
  seed: z.number().int('seed is a whole number').nullish(),
  reasoning: z.unknown().optional(),
});
export const RESET_EXPECTED =
  '{"game_id": "<id from GET /api/games>", "card_id": "<from POST /api/scorecard/open>", "guid"?: "<to reset a session you have>", "seed"?: <integer, new sessions only>}';

const coordinate = z.number().int('a coordinate is a whole number').min(0, 'coordinates run 0..63').max(63, 'coordinates run 0..63');

export const ActionSchema = z.object({
  game_id: z.string(),
  guid: z.string(),
  reasoning: z.unknown().optional(),
});
export const ACTION_EXPECTED = '{"game_id": "<id>", "guid": "<from the RESET response>", "reasoning"?: <any JSON up to 16 KiB>}';

export const ClickSchema = ActionSchema.extend({ x: coordinate, y: coordinate });
export const CLICK_EXPECTED = '{"game_id": "<id>", "guid": "<from the RESET response>", "x": 0..63, "y": 0..63, "reasoning"?: <any JSON up to 16 KiB>}';
