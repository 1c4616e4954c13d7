/**
 * Scores a replay off the page's thread: scoreReplay re-simulates the whole replay, and the
 * baseline needs the solver's optimum for every level of the game, which takes seconds on the
 * larger games (measured in Node: up to 8.5 s). In a worker the frame, scrubber and keys stay live
 * while that runs. Gets the replay's JSONL text, posts back the ReplayScore and per-level baseline
 * kinds, or an error message.
 */
import { parseReplay, scoreReplay, type ReplayScore } from '../../core/index.ts';
import { baselineFor, findGame, optimalActions, type BaselineKind } from '../../envs/index.ts';

export type ScoreMessage = { readonly score: ReplayScore; readonly kinds: readonly BaselineKind[] } | { readonly error: string };

// The DOM lib types `self` as a window; in a worker it is the worker's scope.
const scope = self as unknown as { onmessage: ((event: MessageEvent<string>) => void) | null; postMessage(message: ScoreMessage): void };

scope.onmessage = (event) => {
  try {
    const replay = parseReplay(event.data);
    const entry = findGame(replay.header.game_id.split('-')[0]!);
    const baseline = baselineFor(entry, replay.header.seed);
    const score = scoreReplay(replay, entry, { baseline, optimal: optimalActions(entry, replay.header.seed) });
    scope.postMessage({ score, kinds: baseline.kinds });
  } catch (error) {
    scope.postMessage({ error: (error as Error).message });
  }
};
