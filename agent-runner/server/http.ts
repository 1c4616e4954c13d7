/**
 * Node http plumbing: reading a bounded body, parsing it as JSON, writing JSON responses. Kept apart
 * from the routes so the routes read as the API they implement.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, badRequest } from './errors.ts';

/** Reads the body, refusing (413) once it passes `limit` bytes; the rest is drained, not kept. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      reject(tooLarge(limit));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        reject(tooLarge(limit));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function tooLarge(limit: number): ApiError {
  return new ApiError(413, 'VALIDATION_ERROR', `the request body is larger than ${limit / 1024} KiB; send a smaller body (reasoning at most 16 KiB)`);
}

/** The body as a JSON object; anything else is a 400 that says what to send. */
export function parseJsonObject(body: Buffer, expected: string): Record<string, unknown> {
  if (body.length === 0) throw badRequest(`the request has no body; send a JSON object: ${expected}`);
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw badRequest(`the body is not valid JSON (${(error as Error).message}); send a JSON object: ${expected}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest(`the body is JSON but not an object; send a JSON object: ${expected}`);
  }
  return value as Record<string, unknown>;
}

export function sendJson(res: ServerResponse, status: number, json: string | Buffer, type = 'application/json'): void {
  // Encoded once: measuring a string's length and then writing it would encode it twice.
  const body = typeof json === 'string' ? Buffer.from(json, 'utf8') : json;
  res.writeHead(status, { 'content-type': type, 'content-length': body.length });
  res.end(body);
}

export function sendError(res: ServerResponse, error: ApiError): void {
  sendJson(res, error.status, error.body());
}
