import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  click,
  createRng,
  createSession,
  parseReplay,
  replayHeader,
  replayLine,
  replayStep,
  replayStepLine,
  ReplayError,
  solveLevel,
  verifyReplay,
  type Action,
  type Game,
  type ReplayStep,
  type StepResult,
} from '../../core/index.ts';
import corridor from '../fixtures/corridor.ts';
import { GAMES } from '../../envs/index.ts';
import { nextRandomAction } from '../helpers/random-play.ts';

const entry = GAMES[0]!;

/** Plays seeded random actions and writes the replay text the way the edges do. */
function record(steps: number, seed = 1): string {
  const session = createSession(entry.game);
  const rng = createRng(seed);
  let text = replayLine(
    replayHeader({ game_id: entry.gameId, seed: null, player: { kind: 'agent', name: 'random' }, created_at: '2026-11-23T00:00:00.000Z', engine: 'test' }),
  );
  for (let t = 1; t <= steps; t++) text += replayLine(replayStep(t, session.act(nextRandomAction(entry.game, session, rng)), t % 7 === 0 ? { reasoning: { why: t } } : {}));
  return text;
}

describe('replay files', () => {
  it('round-trip: written lines read back and re-simulate hash for hash', () => {
    const replay = parseReplay(record(300));
    expect(replay.steps).toHaveLength(300);
    expect(replay.truncated).toBeUndefined();
    expect(replay.steps[6]!.reasoning).toEqual({ why: 7 });
    expect(verifyReplay(replay.header, replay.steps, entry)).toBe(300);
  });

  it('a last line cut off mid-write is reported and the rest is kept', () => {
    const text = record(50);
    const cut = text.slice(0, text.length - 20);
    const replay = parseReplay(cut);
    expect(replay.truncated).toEqual({ line: 51 });
    expect(replay.steps).toHaveLength(49);
    expect(verifyReplay(replay.header, replay.steps, entry)).toBe(49);
  });

  it('any other malformed line is an error naming the line and the field', () => {
    const lines = record(10).split('\n');
    const bad = JSON.parse(lines[4]!) as Record<string, unknown>;
    bad.hash = 42;
    lines[4] = JSON.stringify(bad);
    expect(() => parseReplay(lines.join('\n'))).toThrow(/replay line 5: not a step line: field hash/);
    lines[4] = '{"t": 4,';
    expect(() => parseReplay(lines.join('\n'))).toThrow(/replay line 5: not valid JSON/);
  });

  it('a tampered hash is caught by re-simulation at its step', () => {
    const replay = parseReplay(record(40));
    const steps = replay.steps.map((s): ReplayStep => (s.t === 17 ? { ...s, hash: s.hash === '00000000000000' ? '00000000000001' : '00000000000000' } : s));
    expect(() => verifyReplay(replay.header, steps, entry)).toThrow(/replay step t=17: does not re-simulate/);
  });

  it('a replay of another version of the game is refused with a message that says so', () => {
    const replay = parseReplay(record(5));
    const old = { ...replay.header, game_id: `${entry.code}-00000000` };
    expect(() => verifyReplay(old, replay.steps, entry)).toThrow(/recorded on .*-00000000, but this Tabula has/);
  });

  it('an unknown format version is refused by name', () => {
    expect(() => parseReplay('{"format":"tabula-replay","version":2}\n')).toThrow(ReplayError);
    expect(() => parseReplay('{"format":"tabula-replay","version":2}\n')).toThrow(/version 2 is not supported/);
    expect(() => parseReplay('')).toThrow(/empty/);
  });

  it('rejected lines are kept apart from steps', () => {
    const lines = record(3).split('\n');
    lines.splice(2, 0, replayLine({ rejected: 'ACTION6 without x' }).trimEnd());
    const replay = parseReplay(lines.join('\n'));
    expect(replay.rejected).toEqual([{ line: 3, reason: 'ACTION6 without x' }]);
    expect(replay.steps).toHaveLength(3);
  });
});

describe('replayStepLine', () => {
  it('writes exactly the line replayLine(replayStep(...)) writes, for keys, clicks, full resets and think times', () => {
    const session = createSession(corridor as Game<unknown>);
    const solutions = corridor.levels.map((_, i) => solveLevel(corridor, i)!.actions);
    const results: StepResult[] = [];
    const tries: Action[] = [ACTIONS.ACTION4, ACTIONS.ACTION3, click(3, 5), ACTIONS.RESET, ...solutions.flat(), ACTIONS.RESET, ACTIONS.ACTION4, click(63, 63)];
    for (const action of tries) {
      try {
        results.push(session.act(action));
      } catch {
        // an action this state does not take: nothing to compare
      }
    }
    expect(results.some((r) => r.action.type === 'ACTION6')).toBe(true);
    expect(results.some((r) => r.fullReset)).toBe(true);
    expect(results.some((r) => !r.changed)).toBe(true);
    results.forEach((result, i) => {
      for (const ms of [undefined, 0, -0, 0.001, 2.5, 1234.567, 1e-7, Number.NaN]) {
        const extras = ms === undefined ? {} : { ms };
        expect(replayStepLine(i + 1, result, extras)).toBe(replayLine(replayStep(i + 1, result, extras)));
      }
      for (const extras of [{ reasoning: 'why "not"' }, { usage: { input_tokens: 1, output_tokens: 2, cost_usd: 0.5 } }, { reasoning: { a: [1] }, ms: 3 }]) {
        expect(replayStepLine(i + 1, result, extras)).toBe(replayLine(replayStep(i + 1, result, extras)));
      }
    });
  });
});
