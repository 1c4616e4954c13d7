/**
 * The error vocabulary every seam shares. The codes are ARC-AGI-3's, so the HTTP server can pass a
 * core error straight through; the message always says what was wrong and what to send instead.
 */
export type ErrorCode =
  | 'VALIDATION_ERROR'
  | 'GAME_NOT_AVAILABLE_ERROR'
  | 'GAME_NOT_STARTED_ERROR'
  | 'SERVER_ERROR';

export class TabulaError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'TabulaError';
    this.code = code;
  }
}

/** A game definition that cannot be played: raised by defineGame, never at play time. */
export class GameDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GameDefinitionError';
  }
}
