/**
 * The API's error: an HTTP status plus ARC-AGI-3's error body `{"error": CODE, "message": text}`.
 * Every refusal in the server is one of these, so a client always gets the same shape and a message
 * that says what was wrong and what to send instead.
 */
import type { z } from 'zod';
import { TabulaError, type ErrorCode } from '../../core/index.ts';

export type ApiErrorCode = ErrorCode | 'RATE_LIMIT_EXCEEDED';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  constructor(status: number, code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }

  body(): string {
    return JSON.stringify({ error: this.code, message: this.message });
  }
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'VALIDATION_ERROR', message);
}

/** A core error passed through with its ARC code: unknown games are 404, the rest 400. */
export function fromTabulaError(error: TabulaError): ApiError {
  return new ApiError(error.code === 'GAME_NOT_AVAILABLE_ERROR' ? 404 : 400, error.code, error.message);
}

/** The first zod issue as a sentence naming the field, plus what a correct body looks like. */
export function zodError(error: z.ZodError, expected: string): ApiError {
  const issue = error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? 'the body' : `field ${issue.path.join('.')}`;
  return badRequest(`${field}: ${issue?.message ?? 'invalid'}; send ${expected}`);
}
