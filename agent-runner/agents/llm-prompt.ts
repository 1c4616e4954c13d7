/**
 * What the LLM agent says to a model and how it reads the answer. Instruction-free, as for a human
 * player: the prompt explains the interface only (the frame, the actions by id, the state, how to
 * answer) and never a game's name, rules, goal or reward. Everything here comes from the
 * AgentObservation an ARC-AGI-3 client would see; the game id is left out too (it means nothing to
 * a player and would only invite the model to recall things about it).
 */
import {
  FRAME_SIZE,
  frameToRle,
  frameToText,
  TabulaError,
  toAction,
  type Action,
  type Frame,
} from '../../core/index.ts';
import { AgentError, type AgentObservation, type HistoryEntry } from '../runner/agent.ts';

export type FrameFormat = 'text' | 'json';

/** The longest piece of an earlier step's reasoning repeated back to the model in its history. */
const NOTE_CHARS = 300;

const ANSWER_EXAMPLE = '{"action":"ACTION3","reasoning":"..."}';
const CLICK_EXAMPLE = '{"action":"ACTION6","x":12,"y":40,"reasoning":"..."}';

/** The system message: the interface, the frame encoding and the answer format. Nothing about any game. */
export function systemPrompt(format: FrameFormat): string {
  const encoding =
    format === 'text'
      ? `The frame is sent as ${FRAME_SIZE} lines of ${FRAME_SIZE} hexadecimal digits (0-9, a-f), one line per row, row 0 first; ` +
        'each digit is the colour index of one cell.'
      : `The frame is sent as a JSON array of ${FRAME_SIZE} rows, row 0 first; each row is run-length encoded as ` +
        `[colour, run, colour, run, ...] (colour index 0-15, runs summing to ${FRAME_SIZE}), so [5,${FRAME_SIZE}] is a row of colour 5.`;
  return [
    'You are playing an unknown interactive grid game. Nobody will tell you its rules or its goal: find them out by acting and watching what changes.',
    '',
    `What you see: a ${FRAME_SIZE}x${FRAME_SIZE} frame of cells, each one of 16 colour indices (0-15). The game's own board is drawn ` +
      'into the frame scaled up, each game cell a square block of frame cells, usually with a uniform border around it.',
    encoding,
    `Coordinates: x is the column (0-${FRAME_SIZE - 1}, left to right), y is the row (0-${FRAME_SIZE - 1}, top to bottom).`,
    '',
    'Actions, by id (each message lists the ones this game offers):',
    '- ACTION1, ACTION2, ACTION3, ACTION4: often read as up, down, left, right on a keyboard, but that says nothing about what they do here.',
    '- ACTION5: a fifth key (often read as "use" or "wait").',
    `- ACTION6: a click on one frame cell; it needs "x" and "y" (integers 0-${FRAME_SIZE - 1}).`,
    '- ACTION7: undo, where offered.',
    '- RESET: restarts the current level; a RESET at the very start of a level (e.g. twice in a row) restarts the whole game from level 1. ' +
      'After GAME_OVER or WIN it is the only action accepted.',
    '',
    'Each message gives the state (NOT_FINISHED while playing, WIN when every level is completed, GAME_OVER when the run is lost), ' +
      'how many levels are completed out of how many, your recent actions with what they changed, and the current frame. ' +
      'Every action counts: fewer actions is better.',
    '',
    `Answer with exactly one JSON object and nothing else, for example ${ANSWER_EXAMPLE}, or ${CLICK_EXAMPLE} for a click. ` +
      'Keep "reasoning" short: what you believe and what this action will test.',
  ].join('\n');
}

/** The frame shown to the model: the last of an observation's frames (the others are animation). */
export function currentFrame(observation: AgentObservation, fallback?: Frame): Frame | undefined {
  return observation.frames[observation.frames.length - 1] ?? fallback;
}

export function encodeFrame(frame: Frame, format: FrameFormat): string {
  return format === 'text' ? frameToText(frame) : JSON.stringify(frameToRle(frame));
}

/** Cells that differ between two frames. */
export function changedCells(a: Frame, b: Frame): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

function actionText(action: Action): string {
  return action.type === 'ACTION6' ? `ACTION6 x=${action.x} y=${action.y}` : action.type;
}

function noteOf(reasoning: unknown): string | undefined {
  if (reasoning === undefined || reasoning === null) return undefined;
  const text = (typeof reasoning === 'string' ? reasoning : JSON.stringify(reasoning)).replace(/\s+/g, ' ').trim();
  if (text === '') return undefined;
  return text.length > NOTE_CHARS ? `${text.slice(0, NOTE_CHARS - 3)}...` : text;
}

/** One history line: the action and what followed, never the old frame itself. */
function summarise(entry: HistoryEntry, before: Frame | undefined, previous: AgentObservation | undefined): string {
  const o = entry.observation;
  const parts = [`${o.state}`, `level ${o.levelIndex + 1}`, `${o.levelsCompleted} of ${o.winLevels} completed`];
  if (previous !== undefined && o.levelsCompleted > previous.levelsCompleted) parts.push('a level was completed');
  if (o.fullReset) parts.push('the whole game restarted');
  const after = currentFrame(o, before);
  if (before !== undefined && after !== undefined) {
    const n = changedCells(before, after);
    parts.push(n === 0 ? 'frame unchanged' : `frame changed (${n} cells)`);
  }
  if (o.frames.length > 1) parts.push(`${o.frames.length} frames of animation`);
  const note = noteOf(entry.action.reasoning);
  return `- ${actionText(entry.action)} -> ${parts.join(', ')}${note === undefined ? '' : `; your note: ${JSON.stringify(note)}`}`;
}

export interface UserPromptInput {
  readonly observation: AgentObservation;
  readonly history: readonly HistoryEntry[];
  /** The observation the episode opened with (the frame before history[0]). */
  readonly first: AgentObservation | undefined;
  readonly format: FrameFormat;
  readonly historyWindow: number;
}

/**
 * The user message for one decision. Each request is self-contained (no growing chat): frames are
 * large (64 lines of 64 digits is a few thousand tokens), so resending every old frame would make a
 * request's cost grow with the episode and soon overflow the context. Instead only the current frame
 * goes in full, and the last `historyWindow` steps as one-line summaries (the action, the state and
 * level after it, whether and how much the frame changed, the model's own note), which keeps each
 * request about the same size however long the episode runs.
 */
export function userPrompt({ observation: o, history, first, format, historyWindow }: UserPromptInput): string {
  const lines: string[] = [];
  lines.push(
    `State: ${o.state}. Levels completed: ${o.levelsCompleted} of ${o.winLevels}. Current level: ${o.levelIndex + 1}. Actions this run: ${o.step}.`,
  );
  const offered = o.availableActions.includes('RESET') ? o.availableActions : ['RESET', ...o.availableActions];
  lines.push(`Available actions: ${offered.join(', ')}.`);
  if (o.state !== 'NOT_FINISHED') lines.push('The run has ended: only RESET is accepted now.');

  const start = Math.max(0, history.length - historyWindow);
  if (start < history.length) {
    const shown = history.length - start;
    lines.push('', `Your last ${shown === 1 ? 'action' : `${shown} actions, oldest first`} (${history.length} in all):`);
    for (let i = start; i < history.length; i++) {
      const previous = i === 0 ? first : history[i - 1]!.observation;
      const before = previous === undefined ? undefined : currentFrame(previous);
      lines.push(summarise(history[i]!, before, previous));
    }
  } else if (history.length === 0) {
    lines.push('', 'No actions yet: this is the opening frame.');
  }

  if (o.error !== undefined) {
    lines.push('', `Your previous answer was refused and nothing was played: ${o.error}`, 'Correct it in this answer.');
  }

  const frame = currentFrame(o, history.length > 0 ? currentFrame(history[history.length - 1]!.observation) : first && currentFrame(first));
  lines.push('', format === 'text' ? 'Current frame (one hex digit per cell):' : 'Current frame (run-length rows, JSON):');
  lines.push(frame === undefined ? '(no frame)' : encodeFrame(frame, format));
  lines.push('', `Answer with one JSON object, e.g. ${ANSWER_EXAMPLE} or ${CLICK_EXAMPLE}.`);
  return lines.join('\n');
}

/** The first balanced {...} in `text` that parses as a JSON object (strings and escapes respected). */
export function firstJsonObject(text: string): Record<string, unknown> | undefined {
  for (let open = text.indexOf('{'); open !== -1; open = text.indexOf('{', open + 1)) {
    let depth = 0;
    let inString = false;
    for (let i = open; i < text.length; i++) {
      const c = text[i];
      if (inString) {
        if (c === '\\') i++;
        else if (c === '"') inString = false;
      } else if (c === '"') inString = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) {
        try {
          const value: unknown = JSON.parse(text.slice(open, i + 1));
          if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
        } catch {
          // Not JSON after all (prose with braces): try the next opening brace.
        }
        break;
      }
    }
  }
  return undefined;
}

function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 120 ? `${flat.slice(0, 117)}...` : flat);
}

function coordinate(v: unknown): unknown {
  return typeof v === 'string' && /^\s*\d+\s*$/.test(v) ? Number(v) : v;
}

/**
 * Reads the model's answer: a bare JSON object, one inside a ```json fence, or one surrounded by
 * prose (the first balanced object wins). Anything else is a non-fatal AgentError whose message tells
 * the model what to send instead (the runner puts it in the next observation's `error`).
 */
export function parseReply(content: string): { action: Action; reasoning?: unknown } {
  const object = firstJsonObject(content);
  if (object === undefined) {
    throw new AgentError(`the reply held no JSON object (${preview(content)}); answer with one JSON object like ${ANSWER_EXAMPLE}`);
  }
  const raw = object.action;
  if (typeof raw !== 'string' && typeof raw !== 'number') {
    throw new AgentError(`the reply's JSON object has no "action" string (${preview(JSON.stringify(object))}); answer like ${ANSWER_EXAMPLE}`);
  }
  const name = String(raw).trim().toUpperCase();
  const type = /^[0-7]$/.test(name) ? (name === '0' ? 'RESET' : `ACTION${name}`) : name;
  let action: Action;
  try {
    action = toAction(type === 'ACTION6' ? { type, x: coordinate(object.x), y: coordinate(object.y) } : { type });
  } catch (error) {
    if (!(error instanceof TabulaError)) throw error;
    throw new AgentError(`the reply's action is not valid: ${error.message}`);
  }
  const reasoning = object.reasoning;
  return reasoning === undefined ? { action } : { action, reasoning };
}
