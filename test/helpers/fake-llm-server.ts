/**
 * A small OpenAI-compatible chat-completions server for the LLM agent's tests: a real node:http
 * server on 127.0.0.1 (any free port) answering POST /v1/chat/completions with scripted replies in
 * order, and recording every request it got (headers and parsed body) for assertions.
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted answer: a completion with this content, or an HTTP failure. */
export type Scripted =
  | { readonly content: string | null; readonly usage?: { readonly prompt_tokens: number; readonly completion_tokens: number }; readonly finishReason?: string }
  | { readonly status: number; readonly error?: string; readonly raw?: string; readonly retryAfter?: number };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The body as sent. */
  readonly text: string;
  /** The body parsed (undefined when it was not JSON). */
  readonly body: ChatRequest | undefined;
}

export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly { readonly role: string; readonly content: string }[];
  readonly max_tokens?: number;
  readonly temperature?: number;
}

export interface FakeLlm {
  /** The API root to give the agent, http://127.0.0.1:<port>/v1. */
  readonly baseUrl: string;
  readonly requests: RecordedRequest[];
  /** Scripted answers not yet given. */
  remaining(): number;
  close(): Promise<void>;
}

/** A completion answering `content` (OpenAI's response shape). */
export function completion(content: string | null, usage?: { prompt_tokens: number; completion_tokens: number }): Scripted {
  return usage === undefined ? { content } : { content, usage };
}

export async function startFakeLlm(script: readonly Scripted[]): Promise<FakeLlm> {
  const queue = [...script];
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: ChatRequest | undefined;
      try {
        body = JSON.parse(text) as ChatRequest;
      } catch {
        body = undefined;
      }
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, text, body });
      const send = (status: number, payload: string, headers: Record<string, string> = {}): void => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(payload);
      };
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        send(404, JSON.stringify({ error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } }));
        return;
      }
      const next = queue.shift();
      if (next === undefined) {
        send(500, JSON.stringify({ error: { message: 'the fake server has no scripted answers left', type: 'server_error' } }));
        return;
      }
      if ('status' in next) {
        const headers: Record<string, string> = next.retryAfter === undefined ? {} : { 'retry-after': String(next.retryAfter) };
        send(next.status, next.raw ?? JSON.stringify({ error: { message: next.error ?? `scripted ${next.status}`, type: 'scripted' } }), headers);
        return;
      }
      send(
        200,
        JSON.stringify({
          id: `chatcmpl-${requests.length}`,
          object: 'chat.completion',
          created: 0,
          model: body?.model ?? 'unknown',
          choices: [{ index: 0, message: { role: 'assistant', content: next.content }, finish_reason: next.finishReason ?? 'stop' }],
          ...(next.usage === undefined ? {} : { usage: { ...next.usage, total_tokens: next.usage.prompt_tokens + next.usage.completion_tokens } }),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    remaining: () => queue.length,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
