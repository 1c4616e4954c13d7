/**
 * The LLM agent: any OpenAI-compatible chat-completions endpoint (OpenAI itself, or a local Ollama,
 * vLLM or llama.cpp server) plays a game through the agent interface. One request per decision
 * (llm-prompt.ts builds it), the answer parsed into an action, tokens and money on each step's `usage`
 * so reports can give cost per level solved.
 *
 * Failures are sorted by whether asking again can help: a reply that is not a valid action is a
 * non-fatal AgentError (the runner logs it as `rejected` and asks again, telling the model what was
 * wrong); a rate limit, a server error or a dropped connection is retried here with a short backoff;
 * a refused key or any other client error ends the episode at once (every further call would fail too).
 */
import type { ParseArgsConfig } from 'node:util';
import { TabulaError, type Usage } from '../../core/index.ts';
import { AgentError, type Agent, type AgentAction, type AgentObservation, type AgentSpec, type HistoryEntry } from '../runner/agent.ts';
import { parseReply, systemPrompt, userPrompt, type FrameFormat } from './llm-prompt.ts';

export interface LlmOptions {
  /** The API root, e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1 (no trailing /chat/completions). */
  baseUrl: string;
  model: string;
  apiKey?: string;
  format: FrameFormat;
  /** How many earlier steps are summarised in each request. */
  historyWindow: number;
  maxTokens?: number;
  temperature?: number;
  /** USD per million prompt tokens. */
  priceInPerMTok: number;
  /** USD per million completion tokens. */
  priceOutPerMTok: number;
  timeoutMs: number;
  /** Retries of a rate-limited, failed (5xx) or dropped request before the episode ends. */
  retries: number;
  /** The environment variable the key came from, named in messages about a refused key. */
  keyEnv?: string;
}

/** What tests replace: the wait between retries (fetch is the real one, against a real server). */
export interface LlmDeps {
  readonly sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_KEY_ENV = 'OPENAI_API_KEY';
export const DEFAULT_HISTORY = 8;
export const DEFAULT_TIMEOUT_MS = 120_000;
export const DEFAULT_LLM_RETRIES = 2;
/** The longest wait between retries, whatever a Retry-After header asks for. */
const MAX_BACKOFF_MS = 30_000;

/** node:util parseArgs definitions of the `--llm-*` flags (all strings; llmOptionsFrom checks them). */
export const LLM_FLAGS = {
  'llm-base-url': { type: 'string' },
  'llm-model': { type: 'string' },
  'llm-key-env': { type: 'string' },
  'llm-format': { type: 'string' },
  'llm-history': { type: 'string' },
  'llm-max-tokens': { type: 'string' },
  'llm-temperature': { type: 'string' },
  'llm-price-in': { type: 'string' },
  'llm-price-out': { type: 'string' },
  'llm-timeout-ms': { type: 'string' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

const EXAMPLE =
  'e.g. --llm-base-url https://api.openai.com/v1 --llm-model gpt-4o-mini (or OPENAI_BASE_URL and TABULA_LLM_MODEL in the environment; ' +
  'a local Ollama is --llm-base-url http://127.0.0.1:11434/v1 --llm-model llama3.1)';

function flag(values: Record<string, string | boolean | undefined>, name: keyof typeof LLM_FLAGS): string | undefined {
  const v = values[name];
  if (v === undefined || v === false) return undefined;
  if (typeof v !== 'string') throw new TabulaError('VALIDATION_ERROR', `--${name} needs a value, e.g. --${name} ${FLAG_EXAMPLES[name]}`);
  return v.trim() === '' ? undefined : v.trim();
}

const FLAG_EXAMPLES: Record<keyof typeof LLM_FLAGS, string> = {
  'llm-base-url': 'https://api.openai.com/v1',
  'llm-model': 'gpt-4o-mini',
  'llm-key-env': DEFAULT_KEY_ENV,
  'llm-format': 'text',
  'llm-history': String(DEFAULT_HISTORY),
  'llm-max-tokens': '512',
  'llm-temperature': '0.2',
  'llm-price-in': '0.15',
  'llm-price-out': '0.6',
  'llm-timeout-ms': String(DEFAULT_TIMEOUT_MS),
};

function number(
  values: Record<string, string | boolean | undefined>,
  name: keyof typeof LLM_FLAGS,
  what: string,
  check: (n: number) => boolean,
): number | undefined {
  const text = flag(values, name);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text) || !check(n)) {
    throw new TabulaError('VALIDATION_ERROR', `--${name} must be ${what}; got ${JSON.stringify(text)} (e.g. --${name} ${FLAG_EXAMPLES[name]})`);
  }
  return n;
}

const isCount = (n: number): boolean => Number.isInteger(n) && n >= 0;
const isPositiveInt = (n: number): boolean => Number.isInteger(n) && n > 0;
const isNonNegative = (n: number): boolean => Number.isFinite(n) && n >= 0;

/**
 * LlmOptions from the `--llm-*` flags, then the environment (OPENAI_BASE_URL, TABULA_LLM_MODEL or
 * OPENAI_MODEL, and the key from $OPENAI_API_KEY or the variable `--llm-key-env` names). A missing
 * base URL or model, or a bad number, is a VALIDATION_ERROR naming the flag to set.
 */
export function llmOptionsFrom(values: Record<string, string | boolean | undefined>, env: NodeJS.ProcessEnv): LlmOptions {
  const baseText = flag(values, 'llm-base-url') ?? nonEmpty(env.OPENAI_BASE_URL);
  if (baseText === undefined) {
    throw new TabulaError('VALIDATION_ERROR', `the LLM agent needs an endpoint: set --llm-base-url or OPENAI_BASE_URL, ${EXAMPLE}`);
  }
  let url: URL;
  try {
    url = new URL(baseText);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TabulaError(
      'VALIDATION_ERROR',
      `--llm-base-url (or OPENAI_BASE_URL) must be an http(s) URL of the API root; got ${JSON.stringify(baseText)}, ${EXAMPLE}`,
    );
  }
  const baseUrl = baseText.replace(/\/+$/, '').replace(/\/chat\/completions$/, '');

  const model = flag(values, 'llm-model') ?? nonEmpty(env.TABULA_LLM_MODEL) ?? nonEmpty(env.OPENAI_MODEL);
  if (model === undefined) {
    throw new TabulaError('VALIDATION_ERROR', `the LLM agent needs a model: set --llm-model or TABULA_LLM_MODEL (or OPENAI_MODEL), ${EXAMPLE}`);
  }

  const keyFlag = flag(values, 'llm-key-env');
  const keyEnv = keyFlag ?? DEFAULT_KEY_ENV;
  const apiKey = nonEmpty(env[keyEnv]);
  // A key variable named on purpose but empty is a mistake; the default one may be unset (a local server needs no key).
  if (keyFlag !== undefined && apiKey === undefined) {
    throw new TabulaError('VALIDATION_ERROR', `--llm-key-env names ${keyEnv}, but that environment variable is not set; export ${keyEnv}=<your key> or leave --llm-key-env out`);
  }

  const format = flag(values, 'llm-format') ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw new TabulaError('VALIDATION_ERROR', `--llm-format must be text (64 lines of hex digits) or json (run-length rows); got ${JSON.stringify(format)}`);
  }
  const historyWindow = number(values, 'llm-history', 'a whole number of steps, 0 or more', isCount) ?? DEFAULT_HISTORY;
  const maxTokens = number(values, 'llm-max-tokens', 'a whole number of tokens above 0', isPositiveInt);
  const temperature = number(values, 'llm-temperature', 'a number from 0 to 2', (n) => n >= 0 && n <= 2);
  const priceInPerMTok = number(values, 'llm-price-in', 'USD per million prompt tokens, 0 or more', isNonNegative) ?? 0;
  const priceOutPerMTok = number(values, 'llm-price-out', 'USD per million completion tokens, 0 or more', isNonNegative) ?? 0;
  const timeoutMs = number(values, 'llm-timeout-ms', 'a whole number of milliseconds above 0', isPositiveInt) ?? DEFAULT_TIMEOUT_MS;

  return {
    baseUrl,
    model,
    ...(apiKey === undefined ? {} : { apiKey }),
    format,
    historyWindow,
    ...(maxTokens === undefined ? {} : { maxTokens }),
    ...(temperature === undefined ? {} : { temperature }),
    priceInPerMTok,
    priceOutPerMTok,
    timeoutMs,
    retries: DEFAULT_LLM_RETRIES,
    keyEnv,
  };
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}

/** USD for the tokens at the given per-million prices. */
export function costOf(inputTokens: number, outputTokens: number, options: Pick<LlmOptions, 'priceInPerMTok' | 'priceOutPerMTok'>): number {
  return (inputTokens * options.priceInPerMTok + outputTokens * options.priceOutPerMTok) / 1e6;
}

interface Completion {
  readonly content: string | null;
  readonly finishReason: unknown;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

/** A request that failed in a way worth trying again (rate limit, 5xx, network). */
class Retryable extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The provider's own words about a failure: OpenAI's {"error":{"message"}}, {"error":"..."}, or the text. */
function providerMessage(body: string): string {
  let text = body;
  try {
    const parsed = JSON.parse(body) as { error?: unknown; message?: unknown; detail?: unknown };
    const e = parsed.error;
    if (typeof e === 'string') text = e;
    else if (typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string') text = (e as { message: string }).message;
    else if (typeof parsed.message === 'string') text = parsed.message;
    else if (typeof parsed.detail === 'string') text = parsed.detail;
  } catch {
    // Not JSON: the body itself is the message.
  }
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat === '' ? '(empty body)' : flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}

function retryAfter(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

class LlmAgent implements Agent {
  private first: AgentObservation | undefined;
  private readonly system: string;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly options: LlmOptions,
    deps: LlmDeps,
  ) {
    this.system = systemPrompt(options.format);
    this.sleep = deps.sleep ?? defaultSleep;
  }

  async chooseAction(observation: AgentObservation, history: readonly HistoryEntry[]): Promise<AgentAction> {
    if (history.length === 0 && this.first === undefined) this.first = observation;
    const o = this.options;
    const body = {
      model: o.model,
      messages: [
        { role: 'system', content: this.system },
        { role: 'user', content: userPrompt({ observation, history, first: this.first, format: o.format, historyWindow: o.historyWindow }) },
      ],
      ...(o.maxTokens === undefined ? {} : { max_tokens: o.maxTokens }),
      ...(o.temperature === undefined ? {} : { temperature: o.temperature }),
    };
    const completion = await this.complete(JSON.stringify(body));
    const input = completion.inputTokens;
    const output = completion.outputTokens;
    const usage: Usage = { input_tokens: input, output_tokens: output, cost_usd: costOf(input, output, o) };
    let parsed;
    try {
      if (completion.content === null) throw new AgentError('the reply had no text content; answer with one JSON object like {"action":"ACTION3","reasoning":"..."}');
      parsed = parseReply(completion.content);
    } catch (error) {
      if (!(error instanceof AgentError)) throw error;
      // The refused reply was paid for: the runner keeps its usage on the rejected line.
      const cutOff = completion.finishReason === 'length' ? ' (the reply was cut off at the token limit: keep the reasoning shorter)' : '';
      throw new AgentError(`${error.message}${cutOff}`, false, usage);
    }
    return { ...parsed.action, ...(parsed.reasoning === undefined ? {} : { reasoning: parsed.reasoning }), usage };
  }

  /** POSTs the request, retrying rate limits, server errors and dropped connections. */
  private async complete(body: string): Promise<Completion> {
    const o = this.options;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.request(body);
      } catch (error) {
        if (!(error instanceof Retryable)) throw error;
        if (attempt >= o.retries) {
          throw new AgentError(`${this.redact(error.message)} (gave up after ${attempt + 1} attempts)`, true);
        }
        await this.sleep(Math.min(MAX_BACKOFF_MS, error.retryAfterMs ?? 500 * 2 ** attempt));
      }
    }
  }

  private async request(body: string): Promise<Completion> {
    const o = this.options;
    const url = `${o.baseUrl}/chat/completions`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(o.apiKey === undefined ? {} : { authorization: `Bearer ${o.apiKey}` }) },
        body,
        signal: AbortSignal.timeout(o.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      if (e.name === 'TimeoutError' || e.name === 'AbortError') throw new Retryable(`${url} did not answer within ${o.timeoutMs} ms (--llm-timeout-ms)`);
      throw new Retryable(`could not reach ${url}: ${e.cause?.code ?? e.cause?.message ?? e.message}`);
    }

    const status = response.status;
    if (status === 401 || status === 403) {
      const where = o.apiKey === undefined ? `no key was sent: set ${o.keyEnv ?? DEFAULT_KEY_ENV}` : `check the key in ${o.keyEnv ?? DEFAULT_KEY_ENV}`;
      throw new AgentError(`the LLM provider refused the API key (HTTP ${status}: ${this.redact(providerMessage(text))}); ${where} (or name another variable with --llm-key-env)`, true);
    }
    if (status === 429 || status >= 500) {
      throw new Retryable(`the LLM provider answered HTTP ${status}: ${providerMessage(text)}`, retryAfter(response.headers.get('retry-after')));
    }
    if (status !== 200) {
      const hint = status === 404 ? ' (check --llm-base-url, usually ending in /v1, and --llm-model)' : '';
      throw new AgentError(`the LLM provider answered HTTP ${status}: ${this.redact(providerMessage(text))}${hint}`, true);
    }

    let reply: { choices?: { message?: { content?: unknown }; finish_reason?: unknown }[]; usage?: { prompt_tokens?: unknown; completion_tokens?: unknown } };
    try {
      reply = JSON.parse(text) as typeof reply;
    } catch {
      throw new AgentError(`the LLM provider's 200 response is not JSON (${providerMessage(text)}); is --llm-base-url an OpenAI-compatible API root?`);
    }
    const tokens = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);
    const choice = reply.choices?.[0];
    const content = choice?.message?.content;
    return {
      content: typeof content === 'string' ? content : null,
      finishReason: choice?.finish_reason,
      inputTokens: tokens(reply.usage?.prompt_tokens),
      outputTokens: tokens(reply.usage?.completion_tokens),
    };
  }

  /** Never let the key reach a log or a replay, whatever the provider echoes back. */
  private redact(message: string): string {
    const key = this.options.apiKey;
    return key === undefined || key === '' ? message : message.split(key).join('<key>');
  }
}

/** The LLM agent as a runner spec: `llm:<model>` in every replay header. */
export function llmAgent(options: LlmOptions, deps: LlmDeps = {}): AgentSpec {
  return { name: `llm:${options.model}`, create: () => new LlmAgent(options, deps) };
}
