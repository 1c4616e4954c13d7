/**
 * The LLM agent against a real OpenAI-compatible server (test/helpers/fake-llm-server.ts) through the
 * real runner: scripted completions become replay steps that verify, usage and cost land on each
 * step, refusals and provider failures take the paths the agent promises, and nothing about the game
 * beyond what a player sees is ever sent.
 */
import { parseArgs } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createSession,
  frameToRle,
  frameToText,
  parseReplay,
  solveLevel,
  TabulaError,
  verifyReplay,
  type Replay,
} from '../../core/index.ts';
import { findGame, GAMES, type RegisteredGame } from '../../envs/index.ts';
import { costOf, LLM_FLAGS, llmAgent, llmOptionsFrom, type LlmOptions } from '../../agent-runner/agents/llm.ts';
import { firstJsonObject, parseReply } from '../../agent-runner/agents/llm-prompt.ts';
import { AgentError } from '../../agent-runner/runner/agent.ts';
import { levelBudgets, runEpisode, type EpisodeResult } from '../../agent-runner/runner/episode.ts';
import { completion, startFakeLlm, type FakeLlm, type Scripted } from '../helpers/fake-llm-server.ts';

const KEY = 'sk-test-0123456789abcdef-secret';
const tg38 = findGame('tg38');
const servers: FakeLlm[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

interface Played {
  readonly result: EpisodeResult;
  readonly text: string;
  readonly replay: Replay;
  readonly server: FakeLlm;
  readonly sleeps: number[];
}

/** One episode of `entry` against a fake provider answering `script`; stops when the script is spent. */
async function play(script: readonly Scripted[], overrides: Partial<LlmOptions> = {}, entry: RegisteredGame = tg38): Promise<Played> {
  const server = await startFakeLlm(script);
  servers.push(server);
  const options: LlmOptions = {
    baseUrl: server.baseUrl,
    model: 'fake-model-1',
    apiKey: KEY,
    format: 'text',
    historyWindow: 8,
    priceInPerMTok: 2.5,
    priceOutPerMTok: 10,
    timeoutMs: 10_000,
    retries: 2,
    ...overrides,
  };
  const lines: string[] = [];
  const sleeps: number[] = [];
  const result = await runEpisode({
    entry,
    agent: llmAgent(options, { sleep: async (ms) => void sleeps.push(ms) }),
    seed: 1,
    budgets: levelBudgets(entry, null),
    write: (line) => lines.push(line),
    engine: 'test',
    createdAt: '2026-01-01T00:00:00.000Z',
    shouldStop: () => server.remaining() === 0,
  });
  const text = lines.join('');
  return { result, text, replay: parseReplay(text), server, sleeps };
}

function userMessage(server: FakeLlm, i: number): string {
  const message = server.requests[i]!.body!.messages.find((m) => m.role === 'user');
  return message!.content;
}

const openingFrame = createSession(tg38.game).observe().frames[0]!;
const level1 = solveLevel(tg38.game, 0)!.actions;

describe('the LLM agent through runEpisode', () => {
  it('turns scripted answers, however wrapped, into replay steps that verify, with usage and cost per step', async () => {
    expect(level1.every((a) => a.type === 'ACTION4')).toBe(true);
    // The level-1 solution, each answer wrapped differently: bare, fenced, in prose, with a numeric id.
    const wrappings = [
      (r: string) => `{"action":"ACTION4","reasoning":"${r}"}`,
      (r: string) => '```json\n' + `{"action": "ACTION4", "reasoning": "${r}"}` + '\n```',
      (r: string) => `I will try moving. {"action":"ACTION4","reasoning":"${r} {braces} in a string"} That is my answer.`,
      (r: string) => `{"action":"action4","reasoning":"${r}"}`,
      (r: string) => `{"action":4,"reasoning":"${r}"}`,
      (r: string) => `Notes {not json}. {"reasoning":"${r}","action":"ACTION4"}`,
      (r: string) => `  {"action":"ACTION4","reasoning":"${r}"}  `,
    ];
    const script = level1.map((_, i) => completion(wrappings[i]!(`step ${i + 1}`), { prompt_tokens: 1000 + i, completion_tokens: 20 + i }));
    const { result, replay, server } = await play(script, { maxTokens: 256, temperature: 0.3 });

    expect(result.end).toBe('stopped');
    expect(result.agent).toBe('llm:fake-model-1');
    expect(replay.header.player).toEqual({ kind: 'agent', name: 'llm:fake-model-1' });
    expect(replay.rejected).toEqual([]);
    expect(replay.steps.map((s) => s.action)).toEqual(level1.map((a) => a.type));
    expect(verifyReplay(replay.header, replay.steps, tg38)).toBe(level1.length);
    expect(replay.steps.at(-1)!.levels_completed).toBe(1);

    replay.steps.forEach((step, i) => {
      expect(step.usage!.input_tokens).toBe(1000 + i);
      expect(step.usage!.output_tokens).toBe(20 + i);
      expect(step.usage!.cost_usd).toBeCloseTo(((1000 + i) * 2.5 + (20 + i) * 10) / 1e6, 12);
      expect(String(step.reasoning)).toContain(`step ${i + 1}`);
    });
    expect(result.usage.input_tokens).toBe(level1.reduce((n, _, i) => n + 1000 + i, 0));

    const first = server.requests[0]!;
    expect(first.method).toBe('POST');
    expect(first.path).toBe('/v1/chat/completions');
    expect(first.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(first.body).toMatchObject({ model: 'fake-model-1', max_tokens: 256, temperature: 0.3 });
    expect(first.body!.messages.map((m) => m.role)).toEqual(['system', 'user']);
    expect(userMessage(server, 0)).toContain(frameToText(openingFrame));
    expect(userMessage(server, 0)).toContain('Levels completed: 0 of 8');
    expect(userMessage(server, 0)).toContain('Available actions: RESET, ACTION1, ACTION2, ACTION3, ACTION4.');
  });

  it('never sends a game name, internal id, public id or code', async () => {
    const { server } = await play(level1.slice(0, 3).map(() => completion('{"action":"ACTION4","reasoning":"r"}')));
    expect(server.requests).toHaveLength(3);
    const sent = server.requests.map((r) => r.text).join('\n').toLowerCase();
    for (const g of GAMES) {
      expect(sent).not.toContain(g.game.id.toLowerCase());
      expect(sent).not.toContain(g.game.id.replace(/-/g, ' ').toLowerCase());
      expect(sent).not.toContain(g.code);
    }
    expect(sent).not.toContain(tg38.gameId);
    // Words from tg38's own description: a prompt that explained the game would use them.
    for (const word of ['gate', 'plate', 'maze', 'exit', 'hazard', 'reward']) expect(sent).not.toContain(word);
  });

  it('sends the frame as run-length JSON rows in json format', async () => {
    const { server } = await play([completion('{"action":"ACTION4"}')], { format: 'json' });
    const user = userMessage(server, 0);
    expect(user).toContain(JSON.stringify(frameToRle(openingFrame)));
    expect(user).not.toContain(frameToText(openingFrame).split('\n')[20]!);
    expect(server.requests[0]!.body!.messages[0]!.content).toContain('run-length');
  });

  it('logs a garbage reply as rejected with what it cost, and tells the model why in the next request', async () => {
    const { result, replay, server } = await play([
      completion('I think I should go right!', { prompt_tokens: 500, completion_tokens: 7 }),
      completion('{"action":"ACTION9"}', { prompt_tokens: 510, completion_tokens: 5 }),
      completion('{"action":"ACTION4","reasoning":"fixed"}', { prompt_tokens: 520, completion_tokens: 9 }),
    ]);
    expect(result.rejected).toBe(2);
    expect(replay.rejected).toHaveLength(2);
    expect(replay.rejected[0]!.reason).toContain('held no JSON object');
    expect(replay.rejected[1]!.reason).toContain('ACTION9');
    expect(replay.steps).toHaveLength(1);
    expect(verifyReplay(replay.header, replay.steps, tg38)).toBe(1);

    expect(userMessage(server, 0)).not.toContain('refused');
    expect(userMessage(server, 1)).toContain('Your previous answer was refused');
    expect(userMessage(server, 1)).toContain(replay.rejected[0]!.reason);
    expect(userMessage(server, 2)).toContain(replay.rejected[1]!.reason);

    // Tokens spent on refused answers are not lost: each rejected line keeps its call's usage.
    const price = { priceInPerMTok: 2.5, priceOutPerMTok: 10 };
    expect(replay.rejected.map((r) => r.usage)).toEqual([
      { input_tokens: 500, output_tokens: 7, cost_usd: costOf(500, 7, price) },
      { input_tokens: 510, output_tokens: 5, cost_usd: costOf(510, 5, price) },
    ]);
    expect(replay.steps[0]!.usage).toEqual({ input_tokens: 520, output_tokens: 9, cost_usd: costOf(520, 9, price) });
    expect(result.usage.input_tokens).toBe(1530);
  });

  it('retries a 429 then a 503 transparently, honouring Retry-After, and records nothing for them', async () => {
    const { result, replay, server, sleeps } = await play([
      { status: 429, error: 'Rate limit reached', retryAfter: 2 },
      { status: 503, error: 'overloaded' },
      completion('{"action":"ACTION4"}', { prompt_tokens: 10, completion_tokens: 2 }),
    ]);
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([2000, 1000]);
    expect(result.rejected).toBe(0);
    expect(replay.rejected).toEqual([]);
    expect(replay.steps.map((s) => s.action)).toEqual(['ACTION4']);
    expect(replay.steps[0]!.usage!.input_tokens).toBe(10);
  });

  it('ends the episode with the status and the provider message when 5xx persists past the retries', async () => {
    const { result, replay, server, sleeps } = await play(
      [
        { status: 500, error: 'upstream exploded' },
        { status: 500, error: 'upstream exploded' },
        { status: 500, error: 'upstream exploded' },
        completion('{"action":"ACTION4"}'),
      ],
      { retries: 2 },
    );
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]);
    expect(result.end).toBe('error');
    expect(result.error).toContain('HTTP 500');
    expect(result.error).toContain('upstream exploded');
    expect(result.error).toContain('3 attempts');
    expect(replay.steps).toEqual([]);
    expect(replay.rejected).toHaveLength(1);
  });

  it('ends the episode at once on a 401, about the key, without ever printing it', async () => {
    const { result, text, server, sleeps } = await play([
      { status: 401, error: `Incorrect API key provided: ${KEY}. You can find your API key at https://platform.openai.com/account/api-keys.` },
      completion('{"action":"ACTION4"}'),
    ]);
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(result.end).toBe('error');
    expect(result.error).toContain('HTTP 401');
    expect(result.error).toContain('API key');
    expect(result.error).toContain('OPENAI_API_KEY');
    expect(result.error).not.toContain(KEY);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('0123456789abcdef');
  });

  it('sends no Authorization header without a key', async () => {
    const { server } = await play([completion('{"action":"ACTION4"}')], { apiKey: undefined });
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
  });

  it('gives up on an unreachable endpoint after the retries, naming it', async () => {
    const closed = await startFakeLlm([]);
    await closed.close();
    const lines: string[] = [];
    const sleeps: number[] = [];
    const result = await runEpisode({
      entry: tg38,
      agent: llmAgent(
        { baseUrl: closed.baseUrl, model: 'm', format: 'text', historyWindow: 8, priceInPerMTok: 0, priceOutPerMTok: 0, timeoutMs: 5000, retries: 1 },
        { sleep: async (ms) => void sleeps.push(ms) },
      ),
      seed: 1,
      budgets: levelBudgets(tg38, null),
      write: (line) => lines.push(line),
      engine: 'test',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect(result.end).toBe('error');
    expect(result.error).toContain(`could not reach ${closed.baseUrl}/chat/completions`);
    expect(sleeps).toEqual([500]);
  });

  it('summarises only the last N steps and sends only the current frame in full', async () => {
    const moves = ['ACTION4', 'ACTION2', 'ACTION4', 'ACTION1', 'ACTION4', 'ACTION3'];
    const script = moves.map((m, i) => completion(`{"action":"${m}","reasoning":"note ${i + 1}"}`));
    const { server, replay } = await play(script, { historyWindow: 2 });
    expect(replay.steps).toHaveLength(moves.length);
    server.requests.forEach((_, i) => {
      const user = userMessage(server, i);
      const history = user.split('\n').filter((l) => l.startsWith('- '));
      expect(history).toHaveLength(Math.min(i, 2));
      // One frame only: 64 rows of 64 hex digits.
      expect(user.split('\n').filter((l) => /^[0-9a-f]{64}$/.test(l))).toHaveLength(64);
      if (i >= 2) {
        expect(history[0]).toContain(`${moves[i - 2]} -> NOT_FINISHED, level 1, 0 of 8 completed`);
        expect(history[1]).toContain(`your note: "note ${i}"`);
        expect(user).toContain(`oldest first (${i} in all)`);
      }
    });
    // The first move right shifts the player: the summary counts the cells that changed.
    const before = openingFrame;
    const after = createSession(tg38.game);
    const moved = after.act({ type: 'ACTION4' }).frames.at(-1)!;
    const changed = before.reduce((n, c, i) => n + (c === moved[i] ? 0 : 1), 0);
    expect(changed).toBeGreaterThan(0);
    expect(userMessage(server, 1)).toContain(`- ACTION4 -> NOT_FINISHED, level 1, 0 of 8 completed, frame changed (${changed} cells)`);

    const none = await play(script.slice(0, 3), { historyWindow: 0 });
    for (let i = 0; i < 3; i++) expect(userMessage(none.server, i).split('\n').filter((l) => l.startsWith('- '))).toEqual([]);
  });

  it('plays clicks with x and y on a click game', async () => {
    const mq74 = findGame('mq74');
    const { replay } = await play([completion('{"action":"ACTION6","x":"31","y":30,"reasoning":"probe the middle"}')], {}, mq74);
    expect(replay.steps).toHaveLength(1);
    expect(replay.steps[0]).toMatchObject({ action: 'ACTION6', x: 31, y: 30 });
    expect(verifyReplay(replay.header, replay.steps, mq74)).toBe(1);
  });
});

describe('reading replies', () => {
  it('takes the first balanced JSON object and refuses what is not an action, saying what to send', () => {
    expect(firstJsonObject('x {"a":{"b":"}"}} y {"c":1}')).toEqual({ a: { b: '}' } });
    expect(firstJsonObject('no braces')).toBeUndefined();
    expect(parseReply('```json\n{"action":"ACTION6","x":3,"y":5}\n```').action).toEqual({ type: 'ACTION6', x: 3, y: 5 });
    expect(parseReply('{"action":"reset"}').action).toEqual({ type: 'RESET' });
    const refused = (text: string): string => {
      try {
        parseReply(text);
      } catch (error) {
        expect(error).toBeInstanceOf(AgentError);
        expect((error as AgentError).fatal).toBe(false);
        return (error as Error).message;
      }
      throw new Error(`accepted ${text}`);
    };
    expect(refused('{"move":"left"}')).toContain('"action"');
    expect(refused('{"action":"ACTION6","x":64,"y":1}')).toContain('0..63');
    expect(refused('{"action":"ACTION6"}')).toContain('needs x and y');
    expect(refused('go left')).toContain('{"action":"ACTION3"');
  });
});

describe('llmOptionsFrom', () => {
  const flags = (argv: string[]): Record<string, string | boolean | undefined> =>
    parseArgs({ args: argv, options: LLM_FLAGS, strict: true }).values as Record<string, string | undefined>;
  const failure = (values: Record<string, string | undefined>, env: NodeJS.ProcessEnv = {}): string => {
    try {
      llmOptionsFrom(values, env);
    } catch (error) {
      expect(error).toBeInstanceOf(TabulaError);
      expect((error as TabulaError).code).toBe('VALIDATION_ERROR');
      return (error as Error).message;
    }
    throw new Error('accepted');
  };
  const base = ['--llm-base-url', 'http://127.0.0.1:11434/v1/', '--llm-model', 'llama3.1'];

  it('reads flags first, then the environment, with defaults', () => {
    const fromFlags = llmOptionsFrom(
      flags([...base, '--llm-format', 'json', '--llm-history', '3', '--llm-max-tokens', '300', '--llm-temperature', '0', '--llm-price-in', '0.15', '--llm-price-out', '0.6', '--llm-timeout-ms', '5000']),
      { OPENAI_BASE_URL: 'https://ignored.example/v1', TABULA_LLM_MODEL: 'ignored', OPENAI_API_KEY: KEY },
    );
    expect(fromFlags).toMatchObject({
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'llama3.1',
      apiKey: KEY,
      format: 'json',
      historyWindow: 3,
      maxTokens: 300,
      temperature: 0,
      priceInPerMTok: 0.15,
      priceOutPerMTok: 0.6,
      timeoutMs: 5000,
      retries: 2,
    });
    expect(llmAgent(fromFlags).name).toBe('llm:llama3.1');

    const fromEnv = llmOptionsFrom({}, { OPENAI_BASE_URL: 'https://api.openai.com/v1', OPENAI_MODEL: 'gpt-4o-mini' });
    expect(fromEnv).toMatchObject({ baseUrl: 'https://api.openai.com/v1', model: 'gpt-4o-mini', format: 'text', historyWindow: 8, priceInPerMTok: 0, priceOutPerMTok: 0, timeoutMs: 120_000 });
    expect(fromEnv.apiKey).toBeUndefined();
    expect(llmOptionsFrom({}, { OPENAI_BASE_URL: 'http://h/v1', OPENAI_MODEL: 'a', TABULA_LLM_MODEL: 'b' }).model).toBe('b');
    expect(llmOptionsFrom(flags([...base, '--llm-key-env', 'MY_KEY']), { MY_KEY: 'k2', OPENAI_API_KEY: KEY }).apiKey).toBe('k2');
  });

  it('names the flag or variable to set when something is missing or wrong', () => {
    const noUrl = failure({ 'llm-model': 'm' });
    expect(noUrl).toContain('--llm-base-url');
    expect(noUrl).toContain('OPENAI_BASE_URL');
    expect(noUrl).toContain('https://api.openai.com/v1');
    const noModel = failure({ 'llm-base-url': 'http://127.0.0.1:8000/v1' });
    expect(noModel).toContain('--llm-model');
    expect(noModel).toContain('TABULA_LLM_MODEL');
    expect(failure({ 'llm-base-url': 'ftp://x', 'llm-model': 'm' })).toContain('http(s) URL');
    const b = flags(base);
    expect(failure({ ...b, 'llm-history': 'lots' })).toContain('--llm-history');
    expect(failure({ ...b, 'llm-history': '-1' })).toContain('--llm-history');
    expect(failure({ ...b, 'llm-max-tokens': '0' })).toContain('--llm-max-tokens');
    expect(failure({ ...b, 'llm-temperature': 'hot' })).toContain('--llm-temperature');
    expect(failure({ ...b, 'llm-price-in': '-0.1' })).toContain('--llm-price-in');
    expect(failure({ ...b, 'llm-price-out': '1e' })).toContain('--llm-price-out');
    expect(failure({ ...b, 'llm-timeout-ms': '1.5' })).toContain('--llm-timeout-ms');
    expect(failure({ ...b, 'llm-format': 'png' })).toContain('--llm-format must be text');
    const unsetKey = failure({ ...b, 'llm-key-env': 'NOPE_KEY' });
    expect(unsetKey).toContain('NOPE_KEY');
  });
});
