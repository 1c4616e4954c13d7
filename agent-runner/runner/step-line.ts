/**
 * The replay step line for the common case, written straight to a string: a step line is made per
 * action, and JSON.stringify of the object replayStep builds cost more than the game's own step
 * (about a tenth of a random agent's episode). The text is byte for byte replayLine(replayStep(...))
 * (test/agent-runner/episode.test.ts checks it): the same keys in the same order, numbers as
 * JSON prints them, and strings that need no escaping (action names, game states and hex hashes are
 * plain ASCII from core). Steps with reasoning or usage, which can hold anything, go through
 * replayStep and JSON.stringify instead.
 */
import { replayLine, replayStep, type StepResult } from '../../core/index.ts';

/** replayLine(replayStep(t, result, { ms })) for a step with no reasoning or usage; ms must be finite when given. */
export function plainStepLine(t: number, result: StepResult, ms: number | undefined): string {
  if (ms !== undefined && !Number.isFinite(ms)) return replayLine(replayStep(t, result, { ms }));
  const action = result.action;
  const at = action.type === 'ACTION6' ? `,"x":${action.x},"y":${action.y}` : '';
  const reset = result.fullReset ? ',"full_reset":true' : '';
  const time = ms === undefined ? '' : `,"ms":${ms}`;
  return `{"t":${t},"action":"${action.type}"${at},"level":${result.levelBefore},"state":"${result.state}","levels_completed":${result.levelsCompleted},"hash":"${result.hash}","changed":${result.changed}${reset}${time}}\n`;
}
