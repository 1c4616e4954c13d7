/**
 * External agents (issue 7): real processes over stdio JSON lines through runEpisode, and real ARC
 * HTTP clients (python3) against a real server on 127.0.0.1 port 0 through runHttpEpisode. Every
 * replay collected is parsed and re-simulated by core; no process outlives its episode.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAction, parseReplay, solveLevel, TabulaError, verifyReplay } from '../../core/index.ts';
import { findGame } from '../../envs/index.ts';
import { runHttpEpisode, type HttpEpisodeOptions } from '../../agent-runner/agents/http.ts';
import { parseAnswer, subprocessAgent, type SubprocessOptions } from '../../agent-runner/agents/subprocess.ts';
import { AgentError } from '../../agent-runner/runner/agent.ts';
import { levelBudgets, runEpisode, type EpisodeResult } from '../../agent-runner/runner/episode.ts';
import { startServer, type RunningServer } from '../../agent-runner/server/index.ts';

const entry = findGame('tg38');
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'agents');
const STDIO_AGENT = `node ${join(FIXTURES, 'stdio-agent.mjs')}`;
const HTTP_AGENT = `python3 ${join(FIXTURES, 'arc_http_agent.py')}`;
const ENGINE = 'test';
const CREATED = '2025-01-01T00:00:00.000Z';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'tabula-external-agents-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Running, as opposed to gone or a zombie (an exited process its parent has not reaped yet). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] !== 'Z';
  } catch {
    // No /proc entry: gone on Linux; elsewhere ask the kernel.
  }
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The kernel takes a moment to finish a SIGKILL: wait (bounded) for the process to be gone. */
async function gone(pid: number): Promise<boolean> {
  for (let i = 0; i < 50 && running(pid); i++) await new Promise((r) => setTimeout(r, 40));
  if (!running(pid)) return true;
  process.kill(pid, 'SIGKILL'); // the test fails; leave no orphan behind either way
  return false;
}

async function stdioEpisode(mode: string, options: SubprocessOptions & { budgets?: number[]; pidfile?: string } = {}) {
  const lines: string[] = [];
  const command = `${STDIO_AGENT} ${mode}${options.pidfile === undefined ? '' : ` ${options.pidfile}`}`;
  const result = await runEpisode({
    entry,
    agent: subprocessAgent(command, options),
    seed: 1,
    budgets: options.budgets ?? levelBudgets(entry, null),
    write: (line) => lines.push(line),
    engine: ENGINE,
    createdAt: CREATED,
  });
  const replay = parseReplay(lines.join(''));
  return { result, replay, lines };
}

describe('subprocess agents over stdio JSON lines', () => {
  it('plays through runEpisode: the replay verifies and carries the agent reasoning', async () => {
    const { result, replay } = await stdioEpisode('cycle');
    expect(result.end).toBe('budget');
    expect(result.agent).toBe(`cmd:${STDIO_AGENT} cycle`);
    expect(replay.header.player).toEqual({ kind: 'agent', name: result.agent });
    expect(replay.steps.length).toBe(levelBudgets(entry, null)[0]);
    expect(verifyReplay(replay.header, replay.steps, entry)).toBe(replay.steps.length);
    expect(replay.steps.slice(0, 5).map((s) => s.action)).toEqual(['ACTION1', 'ACTION2', 'ACTION3', 'ACTION4', 'ACTION1']);
    // The first frame line is the opening RESET's (action id 0); then each echoes the action before it.
    expect(replay.steps[0]!.reasoning).toEqual({ frame: 1, level: 0, previous: 0, rows: 64, firstRow: 64 });
    expect(replay.steps[2]!.reasoning).toMatchObject({ frame: 3, previous: 2 });
  });

  it("sends run-length rows with frames: 'rle'", async () => {
    const { replay } = await stdioEpisode('cycle', { frames: 'rle', budgets: [2] });
    const first = replay.steps[0]!.reasoning as { rows: number; firstRow: number };
    expect(first.rows).toBe(64);
    expect(first.firstRow % 2).toBe(0); // [colour, run, ...]
    expect(first.firstRow).toBeLessThan(64);
  });

  it('records a malformed line as rejected, tells the agent, and goes on', async () => {
    const { result, replay, lines } = await stdioEpisode('malformed', { budgets: [3] });
    expect(result.rejected).toBe(1);
    expect(result.actions).toBe(3);
    expect(JSON.parse(lines[1]!)).toHaveProperty('rejected');
    const reason = replay.rejected[0]!.reason;
    expect(reason).toMatch(/line 1 of the agent's output is not JSON \("this is not json"\)/);
    expect(reason).toMatch(/send one JSON object on one line, like \{"action":"ACTION1"\}/);
    // The agent got ARC's error body before the frame again, and quoted it in its next reasoning.
    expect(replay.steps[0]!.reasoning).toMatchObject({ frame: 2, previous: 0, error: { error: 'VALIDATION_ERROR', message: reason } });
    expect(verifyReplay(replay.header, replay.steps, entry)).toBe(3);
  });

  it('ends the episode on the per-action timeout and kills the process', async () => {
    const pidfile = join(scratch, 'silent.pid');
    // Long enough for node to start and write its pidfile on a loaded machine; the answer never comes.
    const { result, replay } = await stdioEpisode('silent', { timeoutMs: 2000, pidfile });
    expect(result.end).toBe('error');
    expect(result.error).toMatch(/no answer within 2000 ms \(the per-action timeout\)/);
    expect(replay.steps).toHaveLength(0);
    expect(replay.rejected).toHaveLength(1);
    expect(await gone(Number(readFileSync(pidfile, 'utf8')))).toBe(true);
  });

  it('ends the episode when the agent exits, with its exit code and stderr', async () => {
    const pidfile = join(scratch, 'exit.pid');
    const { result } = await stdioEpisode('exit', { pidfile });
    expect(result.end).toBe('error');
    expect(result.error).toMatch(/exited with code 3/);
    expect(result.error).toMatch(/giving up on purpose/);
    expect(await gone(Number(readFileSync(pidfile, 'utf8')))).toBe(true);
  });

  it('reports a command that cannot run', async () => {
    const lines: string[] = [];
    const result = await runEpisode({
      entry,
      agent: subprocessAgent('no-such-agent-command-xyz'),
      seed: 1,
      budgets: [5],
      write: (line) => lines.push(line),
      engine: ENGINE,
      createdAt: CREATED,
    });
    expect(result.end).toBe('error');
    expect(result.error).toMatch(/exited with code 127.*\n.*not found/s);
  });

  it('reads answers as the protocol says, and says what to send instead', () => {
    expect(parseAnswer('{"action":"ACTION1"}', 1)).toEqual({ type: 'ACTION1' });
    expect(parseAnswer('{"action":6,"x":3,"y":5,"reasoning":{"why":"red"}}', 2)).toEqual({ type: 'ACTION6', x: 3, y: 5, reasoning: { why: 'red' } });
    expect(parseAnswer('{"action":"RESET"}', 1)).toEqual({ type: 'RESET' });
    expect(parseAnswer('{"action":0}', 1)).toEqual({ type: 'RESET' });
    expect(parseAnswer('{"action":"ACTION5","usage":{"input_tokens":10,"output_tokens":2,"cost_usd":0.01}}', 1)).toMatchObject({ usage: { input_tokens: 10 } });
    const refused = (text: string): string => {
      try {
        parseAnswer(text, 7);
      } catch (error) {
        expect(error).toBeInstanceOf(AgentError);
        expect((error as AgentError).fatal).toBe(false);
        expect((error as AgentError).message).toMatch(/^line 7 of the agent's output .*; send one JSON object on one line/);
        return (error as AgentError).message;
      }
      throw new Error(`${text} was accepted`);
    };
    expect(refused('{"action":"JUMP"}')).toMatch(/unknown action "JUMP"/);
    expect(refused('{"action":9}')).toMatch(/unknown action 9/);
    expect(refused('{"action":"ACTION6"}')).toMatch(/ACTION6 needs x and y/);
    expect(refused('{"action":"ACTION6","x":64,"y":0}')).toMatch(/x must be an integer in 0..63; got 64/);
    expect(refused('{"action":"ACTION1","x":1,"y":1}')).toMatch(/only ACTION6 takes coordinates/);
    expect(refused('{"action":"ACTION1","junk":true}')).toMatch(/has fields the protocol does not know \(junk\)/);
    expect(refused('{"action":true}')).toMatch(/field action: must be an action name like "ACTION1" or its id 0..7/);
    expect(refused('["ACTION1"]')).toMatch(/is not a JSON object/);
    expect(refused('{"action":"ACTION1"} trailing')).toMatch(/is not JSON/);
  });
});

describe('programs that speak the ARC-AGI-3 HTTP dialect', () => {
  const plan = solveLevel(entry.game, 0)!.actions.map(formatAction).join(',');

  async function httpEpisode(options: Partial<HttpEpisodeOptions> & { args?: string }) {
    const lines: string[] = [];
    const result = await runHttpEpisode({
      command: `${HTTP_AGENT} {game} ${options.args ?? plan}`,
      entry,
      seed: 1,
      levelSeed: null,
      budgets: levelBudgets(entry, null),
      write: (line) => lines.push(line),
      engine: ENGINE,
      createdAt: CREATED,
      agentName: 'py-arc-client',
      ...options,
    });
    return { result, lines, replay: parseReplay(lines.join('')) };
  }

  function expectVerifies(replay: ReturnType<typeof parseReplay>, result: EpisodeResult): void {
    expect(verifyReplay(replay.header, replay.steps, entry)).toBe(result.actions);
  }

  it('runs the program against its own server and copies the replay it made', async () => {
    const { result, replay } = await httpEpisode({});
    expect(result.end).toBe('done');
    expect(result.error).toBeUndefined();
    expect(result.levelsCompleted).toBeGreaterThanOrEqual(1);
    expect(result.actions).toBe(plan.split(',').length);
    expect(replay.header.player).toEqual({ kind: 'agent', name: 'py-arc-client' });
    expect(replay.header).toMatchObject({ game_id: entry.gameId, seed: null, created_at: CREATED, engine: ENGINE });
    expect(replay.steps[0]!.reasoning).toEqual({ i: 0, plan: 'ACTION4' });
    expectVerifies(replay, result);
  });

  it('truncates the copy at a spent level budget', async () => {
    const { result, replay } = await httpEpisode({ budgets: [3, 100] });
    expect(result.end).toBe('budget');
    expect(result.actions).toBe(3);
    expect(result.levelsCompleted).toBe(0);
    expect(replay.steps).toHaveLength(3);
    expectVerifies(replay, result);
  });

  describe('against a running server', () => {
    let server: RunningServer;
    let dataDir: string;
    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'tabula-external-server-'));
      server = await startServer({ host: '127.0.0.1', port: 0, dataDir });
    });
    afterAll(async () => {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('takes only the sessions made during the episode, the longest of them', async () => {
      for (let run = 0; run < 2; run++) {
        const { result, replay } = await httpEpisode({ server: server.url, args: `${plan} 2` });
        expect(result.end).toBe('done');
        // Two sessions each run (the full plan, then one action): the second run does not see the first's.
        expect(result.error).toMatch(/played 2 sessions of tg38-[0-9a-f]{8}; kept the longest \(.*, 7 steps\)/);
        expect(replay.steps).toHaveLength(7);
        expectVerifies(replay, result);
      }
    });
  });

  it('ends as an error with the exit code when the program fails, with a replay header alone', async () => {
    const { result, replay } = await httpEpisode({ command: `python3 -c "import sys; print('boom', file=sys.stderr); sys.exit(4)"` });
    expect(result.end).toBe('error');
    expect(result.error).toMatch(/exited with code 4; last lines of its output:\nboom/);
    expect(result.error).toMatch(/played no session of tg38/);
    expect(replay.steps).toHaveLength(0);
    expect(replay.header.player.name).toBe('py-arc-client');
  });

  it('stops a program that runs past the episode timeout', async () => {
    const pidfile = join(scratch, 'sleeper.pid');
    const { result } = await httpEpisode({ command: `sh -c 'echo $$ > ${pidfile}; exec sleep 30'`, timeoutMs: 300 });
    expect(result.end).toBe('error');
    expect(result.error).toMatch(/did not finish within 300 ms \(the episode timeout\)/);
    expect(await gone(Number(readFileSync(pidfile, 'utf8')))).toBe(true);
  });

  it('stops the program when the run is stopped', async () => {
    const { result, replay } = await httpEpisode({ command: 'sleep 30', shouldStop: () => true });
    expect(result.end).toBe('stopped');
    expect(replay.steps).toHaveLength(0);
  });

  it('refuses generated levels: HTTP agents play the designed ones', async () => {
    await expect(httpEpisode({ levelSeed: 5 })).rejects.toThrow(TabulaError);
    await expect(httpEpisode({ levelSeed: 5 })).rejects.toThrow(/HTTP agents play the designed levels/);
  });
});
