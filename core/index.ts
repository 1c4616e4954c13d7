/**
 * Tabula's engine, the one public API: everything outside core/ imports from this file only.
 * Pure: no DOM, no node:*, no clock, no Math.random, no console.
 */
export {
  ACTION_NAMES,
  ACTIONS,
  actionId,
  click,
  formatAction,
  isActionName,
  parseActionToken,
  toAction,
  type Action,
  type ActionName,
  type ClickAction,
  type GameAction,
  type GameActionName,
  type SimpleAction,
} from './actions.ts';
export { copyBytes, newBytes } from './bytes.ts';
export { GameDefinitionError, TabulaError, type ErrorCode } from './errors.ts';
export {
  FRAME_CELLS,
  FRAME_SIZE,
  TEXT_GLYPHS,
  frameFromArc,
  frameFromRle,
  frameToArc,
  frameToJson,
  frameToJsonBytes,
  frameToRle,
  frameToText,
  frameToViewCell,
  gridToText,
  layoutFor,
  redrawFrame,
  renderFrame,
  viewCellToFrame,
  type Frame,
  type Layout,
} from './frame.ts';
export { defineGame, initContext, stateHash, type Game, type GameDefinition, type InitContext, type Outcome } from './game.ts';
export { dedent, makeGrid, memoize, paint, parseLevel, type Cell, type Grid, type Legend, type Level } from './grid.ts';
export { hashHex, hashString, hashValue } from './hash.ts';
export { PALETTE, PALETTE_RGB } from './palette.ts';
export { createRng, rngNext, rngState, type Rng, type RngState } from './rng.ts';
export {
  Session,
  SessionJsonSchema,
  UNDO_DEPTH,
  createSession,
  type GameStatus,
  type Observation,
  type SessionJson,
  type SessionOptions,
  type StepResult,
} from './session.ts';
export {
  MAX_LEVELS,
  MIN_LEVELS,
  RANDOM_BUDGET_FACTOR,
  RANDOM_RUNS,
  gameFlags,
  randomAgentActions,
  randomAgentMedian,
  repeatedActionWins,
  validateLevel,
  type LevelValidity,
  type ValidateOptions,
} from './validity.ts';
export { exploreLevel, solveLevel, type Solution, type SolveOptions, type StateSpace } from './solve.ts';
export { decodeState, encodeState } from './state-codec.ts';
export {
  GENERATE_ATTEMPTS,
  GENERATE_MAX_STATES,
  SEED_RANGES,
  levelProblem,
  seedRange,
  type SeedRange,
  type SeedRangeName,
} from './variants.ts';
export {
  REPLAY_FORMAT,
  REPLAY_VERSION,
  ReplayError,
  ReplayHeaderSchema,
  ReplayReader,
  ReplayRejectedSchema,
  type RejectedLine,
  ReplayStepSchema,
  UsageSchema,
  checkReplayGame,
  parseReplay,
  parseReplayLine,
  replayAct,
  replayHeader,
  replayLine,
  replayStep,
  replayStepLine,
  stepAction,
  verifyReplay,
  type Replay,
  type ReplayGame,
  type ReplayHeader,
  type ReplayLine,
  type ReplayStep,
  type StepExtras,
  type Usage,
} from './replay.ts';
export {
  LEVEL_SCORE_CAP,
  RunTallies,
  bestRun,
  gameScore,
  levelScore,
  scoreRun,
  upperMedian,
  type RunScore,
  type RunTally,
  type TallyStep,
} from './score/rhae.ts';
export { clickedObject, FrameObjects, ViewObjects } from './score/click-object.ts';
export {
  LABELS,
  LOW_ENTROPY_BITS,
  ScoreFold,
  WINDOW,
  WINDOW_KINDS,
  type DistanceTable,
  type Episode,
  type FoldStep,
  type Label,
  type LevelTally,
  type TimelineWindow,
  type WindowKind,
} from './score/fold.ts';
export {
  METRIC_VERSION,
  assembleScore,
  scoreReplay,
  type LabelCounts,
  type LevelScore,
  type ReplayScore,
  type ScoreBaseline,
  type ScoreInput,
  type ScoreMeta,
  type ScoreOptions,
} from './score/score-replay.ts';
export { entropyBits, kaplanMeier, kendallTau, MotifTracker, round6, type HalHistogram, type Survival } from './score/stats.ts';
export { ArcRecordingLineSchema, scoreArcRecording, type ArcScoreOptions } from './score/arc-import.ts';
export { bootstrapIqm, iqm, summariseScores, type GroupSummary, type GroupUsage, type SuiteSummary } from './score/aggregate.ts';
export { roundCost, UsageTally, type LevelUsage, type ReplayUsage, type UsageTotals } from './score/usage.ts';
