/**
 * The built-in agents, each played through runEpisode on the real games: the oracle wins everything
 * in exactly the optimal number of actions; random repeats byte for byte per seed and clicks objects
 * (or cells) uniformly; the explorer never repeats an experiment before it has run out of new ones
 * and clears first levels; the synthetic agents show the behaviour SCORING.md says they must;
 * builtinAgent parses names and refuses bad arguments with what to send.
 */
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  FRAME_CELLS,
  TabulaError,
  clickedObject,
  hashValue,
  parseReplay,
  scoreReplay,
  verifyReplay,
  type Action,
  type Frame,
  type Replay,
} from '../../core/index.ts';
import { baselineFor, findGame, GAMES, type RegisteredGame } from '../../envs/index.ts';
import { BUILTIN_AGENTS, builtinAgent } from '../../agent-runner/agents/builtin.ts';
import { objectTable } from '../../agent-runner/agents/objects.ts';
import { levelSolution } from '../../agent-runner/agents/oracle.ts';
import type { AgentObservation, AgentSpec } from '../../agent-runner/runner/agent.ts';
import { levelBudgets, runEpisode, type EpisodeResult } from '../../agent-runner/runner/episode.ts';

interface Played {
  readonly result: EpisodeResult;
  readonly text: string;
  readonly replay: Replay;
  /** What the agent was shown and what it answered, in order. */
  readonly turns: readonly { readonly observation: AgentObservation; readonly action: Action }[];
}

/** Wraps an agent to record what it saw and answered, without changing what it does. */
function recorded(spec: AgentSpec, turns: { observation: AgentObservation; action: Action }[]): AgentSpec {
  return {
    name: spec.name,
    async create(context) {
      const agent = await spec.create(context);
      return {
        async chooseAction(observation, history) {
          const action = await agent.chooseAction(observation, history);
          turns.push({ observation, action });
          return action;
        },
        ...(agent.isDone === undefined ? {} : { isDone: agent.isDone.bind(agent) }),
      };
    },
  };
}

async function play(entry: RegisteredGame, name: string, options: { seed?: number; levelSeed?: number | null; budgets?: readonly number[] } = {}): Promise<Played> {
  const levelSeed = options.levelSeed ?? null;
  const lines: string[] = [];
  const turns: { observation: AgentObservation; action: Action }[] = [];
  const result = await runEpisode({
    entry,
    agent: recorded(builtinAgent(name)!, turns),
    seed: options.seed ?? 0,
    levelSeed,
    budgets: options.budgets ?? levelBudgets(entry, levelSeed),
    write: (line) => lines.push(line),
    engine: 'test',
    createdAt: '2026-11-23T00:00:00.000Z',
  });
  const text = lines.join('');
  const replay = parseReplay(text);
  expect(verifyReplay(replay.header, replay.steps, entry)).toBe(result.actions);
  return { result, text, replay, turns };
}

const last = (frames: readonly Frame[]): Frame => frames[frames.length - 1]!;

describe('oracle', () => {
  // The solutions are memoised (levelSolution): the oracle below reuses what the expected counts solved.
  // Budgets are exactly the optimum per level, so one wasted action would end the episode short of WIN.
  it('wins every registered game in exactly the sum of the optimal counts, and its replay verifies', async () => {
    for (const entry of GAMES) {
      const optimal = entry.game.levels.map((_, level) => levelSolution(entry, null, level).optimal);
      const { result, replay } = await play(entry, 'oracle', { budgets: optimal });
      expect({ game: entry.code, end: result.end, actions: result.actions, rejected: result.rejected }).toEqual({
        game: entry.code,
        end: 'win',
        actions: optimal.reduce((a, b) => a + b, 0),
        rejected: 0,
      });
      expect(replay.header.player).toEqual({ kind: 'agent', name: 'oracle' });
    }
  }, 120_000);

  it('RESETs back onto its plan when it finds itself off it (moved by someone else first)', async () => {
    const entry = findGame('tg38');
    const oracle = builtinAgent('oracle')!;
    const pushed: AgentSpec = {
      name: 'pushed-oracle',
      async create(context) {
        const agent = await oracle.create(context);
        let calls = 0;
        return { chooseAction: (o, h) => (calls++ < 2 ? ACTIONS.ACTION2 : agent.chooseAction(o, h)) };
      },
    };
    const lines: string[] = [];
    const optimal = entry.game.levels.map((_, level) => levelSolution(entry, null, level).optimal);
    const result = await runEpisode({ entry, agent: pushed, seed: 0, budgets: optimal.map((n, i) => (i === 0 ? n + 3 : n)), write: (l) => lines.push(l), engine: 'test', createdAt: '2026-11-23T00:00:00.000Z' });
    expect(result).toMatchObject({ end: 'win', actions: optimal.reduce((a, b) => a + b, 0) + 3 });
    expect(parseReplay(lines.join('')).steps[2]!.action).toBe('RESET');
  });

  it('wins a generating game on its seeded levels', async () => {
    const entry = findGame('hd27');
    const optimal = entry.game.levelsFor(7).map((_, level) => levelSolution(entry, 7, level).optimal);
    const { result, replay } = await play(entry, 'oracle', { levelSeed: 7, budgets: optimal });
    expect(result).toMatchObject({ end: 'win', levelSeed: 7, actions: optimal.reduce((a, b) => a + b, 0) });
    expect(replay.header.seed).toBe(7);
  });
});

describe('frame objects', () => {
  it("list every cell under the scorer's object (clickedObject), each object once, least cell first", async () => {
    const frames: Frame[] = [];
    for (const code of ['mq74', 'ua70', 'ny64', 'ly05', 'bi47']) {
      const { turns } = await play(findGame(code), 'random', { seed: 1, budgets: levelBudgets(findGame(code), null, 3) });
      for (const { observation } of turns.slice(0, 20)) frames.push(last(observation.frames));
    }
    for (const frame of new Set(frames)) {
      const table = objectTable(frame);
      expect(objectTable(frame)).toBe(table); // built once per frame object
      let cells = 0;
      for (let k = 0; k < table.count; k++) {
        const first = table.first(k);
        expect(table.ids[k]).toBe(clickedObject(frame, first % 64, Math.floor(first / 64)));
        expect(table.ids[k]! % FRAME_CELLS).toBe(first);
        for (let r = 0; r < table.sizes[k]!; r++) {
          const cell = table.cell(k, r);
          expect(clickedObject(frame, cell % 64, Math.floor(cell / 64))).toBe(table.ids[k]);
        }
        cells += table.sizes[k]!;
      }
      expect(cells).toBe(FRAME_CELLS);
      expect(new Set(table.ids).size).toBe(table.count);
    }
  });
});

describe('random', () => {
  it('the same seed gives a byte-identical replay; another seed does not', async () => {
    for (const code of ['tg38', 'mq74']) {
      const entry = findGame(code);
      const budgets = levelBudgets(entry, null, 40);
      const a = await play(entry, 'random', { seed: 3, budgets });
      const b = await play(entry, 'random', { seed: 3, budgets });
      const c = await play(entry, 'random', { seed: 4, budgets });
      expect(a.result.actions).toBeGreaterThan(50);
      expect(b.text).toBe(a.text);
      expect(c.text).not.toBe(a.text);
    }
  });

  it('RESETs exactly when the game is lost, and plays only offered actions otherwise', async () => {
    const entry = findGame('rx89'); // its charge runs out: a random walk loses often
    const { turns } = await play(entry, 'random', { seed: 1, budgets: levelBudgets(entry, null, 40) });
    expect(turns.some((t) => t.observation.state === 'GAME_OVER')).toBe(true);
    for (const { observation, action } of turns) {
      if (observation.state === 'GAME_OVER') expect(action.type).toBe('RESET');
      else expect(observation.availableActions).toContain(action.type);
    }
  });

  /**
   * Clicks on mq74: `random` picks an object uniformly, so the frame's largest object (its background)
   * gets about 1/objects of the clicks; `random-cells` picks a cell uniformly, so it gets its share of
   * the area. Expected counts are summed per click over the frame it was made on.
   */
  it('clicks a uniform object (random) or a uniform cell (random-cells)', async () => {
    const entry = findGame('mq74');
    const budgets = levelBudgets(entry, null, 100);
    for (const [name, share] of [
      ['random', (objects: number, _area: number) => 1 / objects],
      ['random-cells', (_objects: number, area: number) => area / FRAME_CELLS],
    ] as const) {
      const turns = [];
      for (let seed = 0; seed < 8; seed++) turns.push(...(await play(entry, name, { seed, budgets })).turns);
      let clicks = 0;
      let onLargest = 0;
      let expected = 0;
      for (const { observation, action } of turns) {
        if (action.type !== 'ACTION6') continue;
        const frame = last(observation.frames);
        const table = objectTable(frame);
        let largest = 0;
        for (let k = 1; k < table.count; k++) if (table.sizes[k]! > table.sizes[largest]!) largest = k;
        clicks++;
        expected += share(table.count, table.sizes[largest]!);
        if (clickedObject(frame, action.x, action.y) === table.ids[largest]) onLargest++;
      }
      expect(clicks).toBeGreaterThan(300);
      expect(Math.abs(onLargest - expected)).toBeLessThan(4 * Math.sqrt(expected) + 2);
    }
  });
});

describe('explorer', () => {
  /**
   * A state is what the frame shows; its moves are the keyboard actions offered and one click per
   * object. Within one map (until the level changes or the explorer RESETs while playing, which
   * starts a fresh map), a move is repeated from a state only once every move there has been tried.
   */
  it('never repeats a (state, move) pair before it has tried every move of that state', async () => {
    for (const [code, multiple] of [['zs81', 5], ['mq74', 100], ['ua70', 10]] as const) {
      const entry = findGame(code);
      const { turns } = await play(entry, 'explorer', { seed: 2, budgets: levelBudgets(entry, null, multiple) });
      let tried = new Map<number, Set<number>>();
      let level = -1;
      let repeats = 0;
      for (const { observation, action } of turns) {
        if (observation.levelIndex !== level) (level = observation.levelIndex), (tried = new Map());
        if (action.type === 'RESET') {
          if (observation.state !== 'GAME_OVER') tried = new Map();
          continue;
        }
        const frame = last(observation.frames);
        const state = hashValue(frame);
        const move = action.type === 'ACTION6' ? clickedObject(frame, action.x, action.y) : -Number(action.type.slice(6));
        const moves = observation.availableActions.filter((a) => a !== 'ACTION6' && a !== 'ACTION7').length +
          (observation.availableActions.includes('ACTION6') ? objectTable(frame).count : 0);
        const here = tried.get(state) ?? new Set<number>();
        tried.set(state, here);
        if (here.has(move)) {
          expect({ code, tried: here.size }).toEqual({ code, tried: moves });
          repeats++;
        }
        here.add(move);
      }
      expect({ code, turns: turns.length > 20 }).toEqual({ code, turns: true });
      if (code === 'zs81') expect(repeats).toBeGreaterThan(0); // it did walk known paths
    }
  });

  it('clears level 1 of keyboard games within the default budget (5x baseline)', async () => {
    for (const code of ['zs81', 'hd27']) {
      const { result } = await play(findGame(code), 'explorer', { seed: 0 });
      expect({ code, levels: result.levelsCompleted >= 1 }).toEqual({ code, levels: true });
    }
  });
});

describe('synthetic agents', () => {
  it('stubborn:5 perseverates exactly 5 steps: wasted = HAL = 5, one episode, entropy 0', async () => {
    const entry = findGame('tg38');
    const { replay, result } = await play(entry, 'stubborn:5');
    expect(replay.header.player.name).toBe('stubborn:5');
    expect(result.end).toBe('budget');
    const score = scoreReplay(replay, entry, { baseline: baselineFor(entry) });
    expect(score.totals.wasted).toBe(5);
    expect(score.totals.hal_max).toBe(5);
    expect(score.totals.episodes).toBe(1);
    expect(score.totals.entropy).toBe(0);
    expect(score.levels[0]!.episode_list).toEqual([{ t: 2, hal: 5, censored: false, motif: 1, entropy: 0 }]);
    expect(score.levels[0]!.labels.PERSEVERATION).toBe(5);
  });

  it('oscillator:3 loops with period 2; death-repeater:2 makes exactly 2 futile attempts', async () => {
    const oscillating = await play(findGame('rx89'), 'oscillator:3');
    const loop = scoreReplay(oscillating.replay, findGame('rx89'), { baseline: baselineFor(findGame('rx89')) });
    expect(loop.levels[0]!.motifs).toEqual({ 2: 1 });
    const dying = await play(findGame('rx89'), 'death-repeater:2');
    const deaths = scoreReplay(dying.replay, findGame('rx89'), { baseline: baselineFor(findGame('rx89')) });
    expect(deaths.levels[0]!.futile_attempts).toBe(2);
  });

  it('says which game it cannot play and why (stubborn needs a move that does nothing)', async () => {
    await expect(play(findGame('mq74'), 'stubborn')).rejects.toThrow(/stubborn cannot play mq74-.*does nothing/);
  });
});

describe('builtinAgent', () => {
  it('parses name[:arg] into an agent named in full', () => {
    for (const base of Object.keys(BUILTIN_AGENTS)) expect(builtinAgent(base)!.name).toBe(base);
    expect(builtinAgent('stubborn:20')!.name).toBe('stubborn:20');
    expect(Object.entries(BUILTIN_AGENTS).filter(([, a]) => a.contestant).map(([name]) => name)).toEqual(['random', 'random-cells', 'explorer']);
  });

  it('is undefined for an unknown agent and refuses a bad argument saying what to send', () => {
    expect(builtinAgent('nope')).toBeUndefined();
    expect(builtinAgent('nope:3')).toBeUndefined();
    expect(builtinAgent('constructor')).toBeUndefined();
    for (const [name, hint] of [
      ['stubborn:x', /stubborn:N needs N a whole number in 1\.\.1000; got "x"; send e\.g\. stubborn:10/],
      ['oscillator:0', /oscillator:N .* got "0"/],
      ['death-repeater:', /death-repeater:N .* got ""/],
      ['random:3', /random takes no argument.*send random/],
    ] as const) {
      let thrown: unknown;
      try {
        builtinAgent(name);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(TabulaError);
      expect((thrown as TabulaError).code).toBe('VALIDATION_ERROR');
      expect((thrown as TabulaError).message).toMatch(hint);
    }
  });
});
