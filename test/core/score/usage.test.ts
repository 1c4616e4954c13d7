/**
 * Cost in the scorer: steps that carry `usage` (LLM agents record tokens and dollars) give totals,
 * per-level sums and the cost per level solved; a replay without usage gets no usage key at all, so
 * its score JSON is the same bytes as before usage existed. The text, Markdown and HTML reports show
 * cost columns only when some replay carried usage.
 */
import { describe, expect, it } from 'vitest';
import {
  createSession,
  parseReplay,
  replayHeader,
  replayLine,
  replayStep,
  scoreReplay,
  solveLevel,
  summariseScores,
  type Action,
  type ReplayGame,
  type Usage,
} from '../../../core/index.ts';
import { optimal, stubborn } from '../../../agent-runner/agents/synthetic.ts';
import { renderHtmlReport } from '../../../agent-runner/report/html.ts';
import { renderMarkdown, renderText } from '../../../agent-runner/report/markdown.ts';
import maze from '../../fixtures/maze.ts';
import { actionsOf, fixture, scoreActions, scoreText } from './play.ts';

const MAZE = fixture('mz01', maze);

/** Replay text whose every step carries usage(i) (undefined: that step carries none). */
function pricedText(entry: ReplayGame, actions: readonly Action[], usage: (i: number) => Usage | undefined, name = 'llm'): string {
  const session = createSession(entry.game);
  let text = replayLine(replayHeader({ game_id: entry.gameId, seed: null, player: { kind: 'agent', name }, created_at: '2026-11-23T00:00:00.000Z', engine: 'test' }));
  actions.forEach((a, i) => {
    const u = usage(i);
    text += replayLine(replayStep(i + 1, session.act(a), u === undefined ? {} : { usage: u }));
  });
  return text;
}

describe('usage in the score', () => {
  it('sums tokens and dollars over the steps that carry them, per level too, and gives the cost per level solved', () => {
    const actions = actionsOf(MAZE, optimal);
    // Every other step carries usage: 100 input and 10 output tokens, a quarter of a cent.
    const score = scoreText(MAZE, pricedText(MAZE, actions, (i) => (i % 2 === 0 ? { input_tokens: 100, output_tokens: 10, cost_usd: 0.0025 } : undefined)));
    const priced = Math.ceil(actions.length / 2);
    expect(score.levels_completed).toBe(maze.levels.length);
    expect(score.usage).toBeDefined();
    const usage = score.usage!;
    expect(usage.steps_with_usage).toBe(priced);
    expect(usage.input_tokens).toBe(100 * priced);
    expect(usage.output_tokens).toBe(10 * priced);
    expect(usage.cost_usd).toBeCloseTo(0.0025 * priced, 9);
    expect(usage.cost_per_level_solved).toBeCloseTo((0.0025 * priced) / maze.levels.length, 9);
    // Per level: one entry per level, summing back to the totals.
    expect(usage.levels.map((l) => l.level)).toEqual(maze.levels.map((_, i) => i + 1));
    expect(usage.levels.reduce((a, l) => a + l.steps_with_usage, 0)).toBe(priced);
    expect(usage.levels.reduce((a, l) => a + l.input_tokens, 0)).toBe(usage.input_tokens);
    expect(usage.levels.reduce((a, l) => a + l.cost_usd, 0)).toBeCloseTo(usage.cost_usd, 9);
  });

  it('puts each step\'s cost on the level it was issued on', () => {
    const actions = actionsOf(MAZE, optimal);
    const session = createSession(MAZE.game);
    const levelOf = actions.map((a) => session.act(a).levelBefore);
    const score = scoreText(MAZE, pricedText(MAZE, actions, () => ({ input_tokens: 1, output_tokens: 0, cost_usd: 0.5 })));
    for (const l of score.usage!.levels) expect(l.steps_with_usage).toBe(levelOf.filter((x) => x === l.level - 1).length);
  });

  it('gives null cost per level solved when nothing was solved', () => {
    const actions = actionsOf(MAZE, stubborn(5)).slice(0, 3);
    const score = scoreText(MAZE, pricedText(MAZE, actions, () => ({ input_tokens: 5, output_tokens: 5, cost_usd: 0.01 })));
    expect(score.levels_completed).toBe(0);
    expect(score.usage!.cost_usd).toBeCloseTo(0.03, 9);
    expect(score.usage!.cost_per_level_solved).toBeNull();
  });

  it('a replay without usage has no usage key: the same JSON as a score made before usage existed', () => {
    const actions = actionsOf(MAZE, optimal);
    const plain = scoreActions(MAZE, actions);
    expect('usage' in plain).toBe(false);
    expect(JSON.stringify(plain)).not.toContain('usage');
    // The same play with usage differs only by the usage key.
    const priced = scoreText(MAZE, pricedText(MAZE, actions, () => ({ input_tokens: 1, output_tokens: 1, cost_usd: 0.001 }), 'test'));
    const { usage, ...rest } = priced;
    expect(usage).toBeDefined();
    expect(JSON.stringify(rest)).toBe(JSON.stringify(plain));
  });

  it('aggregates cost per player and per game over the replays that carry usage', () => {
    const actions = actionsOf(MAZE, optimal);
    const paid = scoreText(MAZE, pricedText(MAZE, actions, () => ({ input_tokens: 10, output_tokens: 2, cost_usd: 0.01 })));
    const free = scoreActions(MAZE, actions);
    const summary = summariseScores([paid, free]);
    const player = summary.players.find((p) => p.id === 'agent:llm')!;
    expect(player.usage).toEqual({
      replays: 1,
      input_tokens: 10 * actions.length,
      output_tokens: 2 * actions.length,
      cost_usd: paid.usage!.cost_usd,
      levels_completed: paid.levels_completed,
      cost_per_level_solved: paid.usage!.cost_per_level_solved,
    });
    expect(summary.players.find((p) => p.id === 'agent:test')!.usage).toBeUndefined();
    expect(summary.games[0]!.usage!.replays).toBe(1);
    // No usage anywhere: no usage key in the summary.
    expect(JSON.stringify(summariseScores([free]))).not.toContain('usage');
  });
});

describe('cost in the reports', () => {
  const actions = actionsOf(MAZE, optimal);
  const paid = { file: 'paid.jsonl', score: scoreText(MAZE, pricedText(MAZE, actions, () => ({ input_tokens: 10, output_tokens: 2, cost_usd: 0.01 }))) };
  const free = { file: 'free.jsonl', score: scoreActions(MAZE, actions) };

  it('text and Markdown tables gain cost columns only when some replay carried usage', () => {
    const withCost = [paid, free];
    const summary = summariseScores(withCost.map((e) => e.score));
    const md = renderMarkdown(withCost, summary);
    const header = md.split('\n').find((l) => l.startsWith('| file'))!;
    expect(header).toContain('cost $');
    expect(header).toContain('$ / level solved');
    const paidRow = md.split('\n').find((l) => l.startsWith('| paid.jsonl'))!;
    expect(paidRow).toContain(paid.score.usage!.cost_usd.toFixed(4));
    expect(paidRow).toContain(paid.score.usage!.cost_per_level_solved!.toFixed(4));
    expect(md.split('\n').find((l) => l.startsWith('| free.jsonl'))!.trim().endsWith('| - | - |')).toBe(true);
    expect(renderText(withCost, summary)).toContain('$ / level solved');

    const plain = [free];
    const plainSummary = summariseScores(plain.map((e) => e.score));
    expect(renderMarkdown(plain, plainSummary)).not.toContain('cost $');
    expect(renderText(plain, plainSummary)).not.toContain('cost $');
  });

  it('the HTML report shows cost per level solved per player when some replay carried usage', () => {
    const entries = [paid, free];
    const html = renderHtmlReport(entries, summariseScores(entries.map((e) => e.score)));
    const players = html.slice(html.indexOf('<h2>Per player</h2>'), html.indexOf('<h2>Replays</h2>'));
    expect(players).toContain('$ / level solved');
    expect(players).toContain(`<td>agent:llm</td>`);
    expect(players).toContain(`<td>${paid.score.usage!.cost_per_level_solved!.toFixed(4)}</td>`);
    expect(renderHtmlReport([free], summariseScores([free.score]))).not.toContain('level solved');
  });
});

describe('usage on refused answers', () => {
  it('counts what a refused answer cost, on the level being played, when rejected lines come among the steps', () => {
    const actions = actionsOf(MAZE, optimal);
    const paid = { input_tokens: 50, output_tokens: 5, cost_usd: 0.001 };
    const plain = parseReplay(pricedText(MAZE, actions, () => paid));
    // A refused answer before the first step and one after the last: both paid for, nothing played.
    const refused = { rejected: 'the reply held no JSON object', usage: { input_tokens: 70, output_tokens: 30, cost_usd: 0.004 } };
    const last = plain.steps.at(-1)!;
    const optimalCounts = maze.levels.map((_, i) => solveLevel(maze, i)!.optimal);
    const options = { baseline: { actions: optimalCounts, kind: 'optimal' as const, version: 'none' }, optimal: optimalCounts };
    const score = scoreReplay({ header: plain.header, steps: [refused, ...plain.steps, refused], rejected: 2 }, MAZE, options);
    const without = scoreReplay({ header: plain.header, steps: plain.steps }, MAZE, options);
    expect(score.usage!.steps_with_usage).toBe(actions.length);
    expect(score.usage!.refused_with_usage).toBe(2);
    expect(score.usage!.input_tokens).toBe(50 * actions.length + 140);
    expect(score.usage!.cost_usd).toBeCloseTo(0.001 * actions.length + 0.008, 9);
    expect(score.usage!.levels[0]!.input_tokens).toBe(without.usage!.levels[0]!.input_tokens + 70);
    expect(last.state).toBe('WIN');
    expect(score.usage!.levels.at(-1)!.input_tokens).toBe(without.usage!.levels.at(-1)!.input_tokens + 70);
    expect(without.usage!.refused_with_usage).toBeUndefined();
    expect(score.rejected).toBe(2);
  });

  it('reads usage on rejected lines from a file, and a rejected line without usage changes nothing', () => {
    const text = pricedText(MAZE, actionsOf(MAZE, optimal).slice(0, 3), () => undefined);
    const withRefusal = text + replayLine({ rejected: 'timed out', usage: { input_tokens: 9, output_tokens: 1, cost_usd: 0.5 } });
    const parsed = parseReplay(withRefusal);
    expect(parsed.rejected).toEqual([{ line: 5, reason: 'timed out', usage: { input_tokens: 9, output_tokens: 1, cost_usd: 0.5 } }]);
    expect(parseReplay(text + replayLine({ rejected: 'bad' })).rejected).toEqual([{ line: 5, reason: 'bad' }]);
  });
});
