/**
 * runEpisode, the runner's loop: what it records, when it stops (win, budget, isDone, stop, too many
 * failures), and how refusals and agent failures become `rejected` lines without losing anything.
 * Played through the real engine on a fixture game; every replay is parsed and re-simulated.
 */
import { describe, expect, it } from 'vitest';
import { ACTIONS, click, parseReplay, solveLevel, verifyReplay, type Action, type Game } from '../../core/index.ts';
import type { RegisteredGame } from '../../envs/index.ts';
import { AgentError, type Agent, type AgentAction, type AgentObservation, type HistoryEntry } from '../../agent-runner/runner/agent.ts';
import { runEpisode, type EpisodeOptions } from '../../agent-runner/runner/episode.ts';
import corridor from '../fixtures/corridor.ts';

const entry: RegisteredGame = { code: 'co00', gameId: `co00-${corridor.version}`, game: corridor as Game<unknown>, tags: ['keyboard', 'click'] };
const solutions = corridor.levels.map((_, i) => solveLevel(corridor, i)!.actions);

/** An agent that answers from a list (and records what it was shown). */
function scripted(answers: readonly (AgentAction | Error)[], seen: AgentObservation[] = [], done?: (h: readonly HistoryEntry[]) => boolean): Agent {
  let i = 0;
  return {
    chooseAction(observation) {
      seen.push(observation);
      const answer = answers[i++];
      if (answer === undefined) throw new AgentError('script exhausted', true);
      if (answer instanceof Error) throw answer;
      return answer;
    },
    ...(done === undefined ? {} : { isDone: (_o: AgentObservation, h: readonly HistoryEntry[]) => done(h) }),
  };
}

async function play(agent: Agent, options: Partial<EpisodeOptions> = {}) {
  const lines: string[] = [];
  const result = await runEpisode({
    entry,
    agent: { name: 'scripted', create: () => agent },
    seed: 0,
    budgets: [100, 100, 100, 100, 100, 100],
    write: (line) => lines.push(line),
    engine: 'test',
    createdAt: '2026-11-23T00:00:00.000Z',
    ...options,
  });
  const text = lines.join('');
  const replay = parseReplay(text);
  verifyReplay(replay.header, replay.steps, entry);
  return { result, replay, text };
}

describe('runEpisode', () => {
  it('plays to WIN and records one verified replay, with reasoning and the agent as the player', async () => {
    const all: AgentAction[] = solutions.flat().map((a, i) => ({ ...a, reasoning: { i } }));
    const { result, replay } = await play(scripted(all));
    expect(result).toMatchObject({ end: 'win', state: 'WIN', actions: all.length, rejected: 0, levelsCompleted: corridor.levels.length });
    expect(replay.header.player).toEqual({ kind: 'agent', name: 'scripted' });
    expect(replay.steps.map((s) => s.reasoning)).toEqual(all.map((_, i) => ({ i })));
    expect(replay.steps.every((s) => s.ms === undefined)).toBe(true); // no clock: byte-identical replays
  });

  it('stops a level at its budget, counting every action issued on it (RESETs included)', async () => {
    const wall: Action = ACTIONS.ACTION3; // left, into the wall at the start
    const { result, replay } = await play(scripted([wall, ACTIONS.RESET, wall, wall, wall, wall]), { budgets: [4, 100, 100] });
    expect(result).toMatchObject({ end: 'budget', actions: 4, state: 'NOT_FINISHED', levelsCompleted: 0 });
    expect(replay.steps.map((s) => s.action)).toEqual(['ACTION3', 'RESET', 'ACTION3', 'ACTION3']);
  });

  it('logs a refused action as rejected, tells the agent why, and goes on', async () => {
    const seen: AgentObservation[] = [];
    const bad = { type: 'ACTION6', x: 64, y: 3 } as AgentAction; // off the 64x64 frame
    const { result, replay } = await play(scripted([bad, ...solutions[0]!], seen), { budgets: [100, 0] });
    expect(result).toMatchObject({ rejected: 1, actions: solutions[0]!.length, levelsCompleted: 1, end: 'budget' });
    expect(replay.rejected).toHaveLength(1);
    expect(replay.rejected[0]!.reason).toMatch(/0\.\.63|63/);
    expect(seen[1]!.error).toBe(replay.rejected[0]!.reason);
    expect(seen[2]!.error).toBeUndefined();
  });

  it('retries a failing agent call, and gives up after too many failures in a row', async () => {
    const flaky = await play(scripted([new Error('network down'), ...solutions[0]!]), { budgets: [100, 0], retries: 1 });
    expect(flaky.result).toMatchObject({ rejected: 1, levelsCompleted: 1 });
    expect(flaky.replay.rejected[0]!.reason).toMatch(/agent failed: network down/);

    const broken = await play(scripted([new Error('a'), new Error('b'), new Error('c'), ACTIONS.ACTION4]), { retries: 2 });
    expect(broken.result).toMatchObject({ end: 'error', actions: 0, rejected: 3, error: 'agent failed: c' });
  });

  it('keeps what a refused answer cost on its rejected line, and counts it in the totals', async () => {
    const paid = { input_tokens: 40, output_tokens: 4, cost_usd: 0.0004 };
    const offFrame = { type: 'ACTION6', x: 99, y: 0, usage: paid } as AgentAction;
    const { result, replay } = await play(scripted([new AgentError('no JSON in the reply', false, paid), offFrame, { ...ACTIONS.ACTION4, usage: paid }], [], (h) => h.length === 1));
    expect(replay.rejected.map((r) => r.usage)).toEqual([paid, paid]);
    expect(replay.steps[0]!.usage).toEqual(paid);
    expect(result.usage).toMatchObject({ input_tokens: 120, output_tokens: 12 });
    expect(result.usage.cost_usd).toBeCloseTo(0.0012, 12);
  });

  it('ends at once on a fatal agent error', async () => {
    const { result } = await play(scripted([ACTIONS.ACTION4, new AgentError('timed out after 300 ms', true), ACTIONS.ACTION4]));
    expect(result).toMatchObject({ end: 'error', actions: 1, rejected: 1, error: 'agent failed: timed out after 300 ms' });
  });

  it('stops when the agent says it is done, or when the run is stopped', async () => {
    const done = await play(scripted(Array(50).fill(ACTIONS.ACTION3), [], (h) => h.length === 3));
    expect(done.result).toMatchObject({ end: 'done', actions: 3 });
    let polls = 0;
    const stopped = await play(scripted(Array(50).fill(ACTIONS.ACTION3)), { shouldStop: () => ++polls > 5 });
    expect(stopped.result).toMatchObject({ end: 'stopped', actions: 5 });
    // An episode that has just spent its budget when the stop comes is finished, not stopped.
    const spent = await play(scripted(Array(50).fill(ACTIONS.ACTION3)), { budgets: [3], shouldStop: () => true });
    expect(spent.result).toMatchObject({ end: 'stopped', actions: 0 });
    let calls = 0;
    const finished = await play(scripted(Array(50).fill(ACTIONS.ACTION3)), { budgets: [3], shouldStop: () => ++calls > 3 });
    expect(finished.result).toMatchObject({ end: 'budget', actions: 3 });
  });

  it('shows the agent frames and levels but no state hash, and sums usage and think time', async () => {
    const seen: AgentObservation[] = [];
    const usage = { input_tokens: 100, output_tokens: 7, cost_usd: 0.001 };
    let now = 0;
    const { result, replay } = await play(scripted([{ ...ACTIONS.ACTION4, usage }, { ...ACTIONS.ACTION4, usage }], seen, (h) => h.length === 2), {
      clock: () => (now += 2.5),
    });
    expect(Object.keys(seen[0]!)).not.toContain('hash');
    expect(seen[0]!.frames[0]).toHaveLength(64 * 64);
    expect(result.usage).toEqual({ input_tokens: 200, output_tokens: 14, cost_usd: 0.002 });
    expect(result.agentMs).toBe(5);
    expect(replay.steps.map((s) => [s.usage, s.ms])).toEqual([
      [usage, 2.5],
      [usage, 2.5],
    ]);
  });
});
