/**
 * The metrics' definitions, edge cases and metamorphic relations (SCORING.md): exact labels on a
 * hand-played replay, clicks keyed by object with the raw (x, y) fallback, censoring, the
 * metamorphic relations, verification, streaming, determinism and the ARC-AGI-3 import.
 */
import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  ReplayError,
  ReplayReader,
  ScoreFold,
  click,
  createSession,
  exploreLevel,
  frameToArc,
  layoutFor,
  parseReplay,
  scoreArcRecording,
  scoreReplay,
  viewCellToFrame,
  type Action,
} from '../../../core/index.ts';
import { explorer, optimal, stubborn } from '../../../agent-runner/agents/synthetic.ts';
import clickLights from '../../fixtures/click-lights.ts';
import maze from '../../fixtures/maze.ts';
import pit from '../../fixtures/pit.ts';
import { actionsOf, fixture, optimalCounts, replayText, scoreActions, scoreText } from './play.ts';

const MAZE = fixture('mz01', maze);
const PIT = fixture('pt01', pit);
const LIGHTS = fixture('cl01', clickLights);
const { ACTION1: UP, ACTION2: DOWN, ACTION3: LEFT, ACTION4: RIGHT, RESET } = ACTIONS;

describe('per-step labels and wasted steps', () => {
  it('labels a hand-played pit replay exactly, first match winning', () => {
    const score = scoreActions(PIT, [LEFT, LEFT, RIGHT, LEFT, RIGHT, RIGHT, RESET, RIGHT]);
    expect(score.labels).toEqual(['PROBE', 'PERSEVERATION', 'DISCOVERY', 'PROBE', 'RETRACE', 'DISCOVERY', 'RESET', 'RETRACE']);
    // only the repeated bump is wasted: the walk back and the walk after the death are not
    expect(score.totals.wasted).toBe(1);
    expect(score.levels[0]!.attempts).toBe(2);
  });

  it('a walk back along a simple known path is never wasted; a loop is', () => {
    const there = [RIGHT, RIGHT, RIGHT];
    const back = [LEFT, LEFT, LEFT];
    expect(scoreActions(MAZE, [...there, ...back]).totals.wasted).toBe(0);
    // the way back is new pairs (PROBE); there again is known but visits each state once since then;
    // back once more re-enters states occupied since the last informative step: a loop
    expect(scoreActions(MAZE, [...there, ...back, ...there]).totals.wasted).toBe(0);
    expect(scoreActions(MAZE, [...there, ...back, ...there, ...back]).totals.wasted).toBe(3);
  });

  it('RESET spam is wasted; a non-RESET action while GAME_OVER is DEAD_ACT (foreign recordings only)', () => {
    const score = scoreActions(PIT, [RIGHT, RESET, RESET, RESET]);
    expect(score.labels).toEqual(['DISCOVERY', 'RESET', 'RESET', 'RESET']);
    expect(score.totals.wasted).toBe(2);
    const fold = new ScoreFold('00000000000001');
    fold.add({ t: 1, action: 'ACTION1', level: 0, state: 'GAME_OVER', levels_completed: 0, hash: '00000000000002', changed: true });
    expect(fold.add({ t: 2, action: 'ACTION1', level: 0, state: 'GAME_OVER', levels_completed: 0, hash: '00000000000002', changed: false })).toBe('DEAD_ACT');
  });

  it('keys a click by the object under it, and by the raw (x, y) once that object proves ambiguous', () => {
    const cellAt = (x: number, y: number, dx = 0): Action => {
      const view = clickLights.view(createSession(clickLights).state);
      const at = viewCellToFrame(layoutFor(view.width, view.height), x, y);
      return click(at.x + dx, at.y);
    };
    // level 1: two pixels of one tile are one experiment
    const one = scoreActions(LIGHTS, [cellAt(1, 1), cellAt(1, 1), cellAt(1, 1, 1)]);
    expect(one.labels).toEqual(['DISCOVERY', 'PROBE', 'RETRACE']);
    // level 3: tiles (1,1) and (2,1) touch, one object while both are off, yet each half does something else
    const toLevel3 = [...actionsOf(LIGHTS, optimal)].slice(0, 5);
    const left = cellAt(1, 1);
    const right = cellAt(2, 1);
    const leftAgain = cellAt(1, 1, 1);
    const three = scoreActions(LIGHTS, [...toLevel3, left, left, right, right, leftAgain]);
    expect(three.levels[2]!.labels.PROGRESS).toBe(0);
    expect(three.labels!.slice(5)).toEqual(['DISCOVERY', 'PROBE', 'DISCOVERY', 'PROBE', 'PROBE']);
  });
});

describe('metamorphic relations', () => {
  it('inserting k repeats of a known-failing action adds exactly k to wasted, HAL and n, and nothing to DISCOVERY or PROBE', () => {
    const path = actionsOf(MAZE, optimal);
    for (const at of [0, 3]) {
      const base = [...path.slice(0, at), UP, UP, ...path.slice(at)];
      const a = scoreActions(MAZE, base);
      for (const k of [1, 4, 9]) {
        const b = scoreActions(MAZE, [...path.slice(0, at), UP, UP, ...Array<Action>(k).fill(UP), ...path.slice(at)]);
        expect(b.totals.wasted - a.totals.wasted).toBe(k);
        expect(b.totals.hal_max - a.totals.hal_max).toBe(k);
        expect(b.levels[0]!.actions - a.levels[0]!.actions).toBe(k);
        expect(b.totals.labels.DISCOVERY).toBe(a.totals.labels.DISCOVERY);
        expect(b.totals.labels.PROBE).toBe(a.totals.labels.PROBE);
      }
    }
  });

  it('truncating inside an episode marks it censored (and KM has no median)', () => {
    const actions = actionsOf(MAZE, stubborn(6)).slice(0, 5);
    const score = scoreActions(MAZE, actions);
    expect(score.levels[0]!.episode_list).toEqual([{ t: 2, hal: 4, censored: true, motif: 1, entropy: 0 }]);
    expect(score.totals.hal_km_median).toBeNull();
    expect(score.totals.has).toBe(0);
  });

  it('appending levels never changes earlier levels', () => {
    const all = actionsOf(MAZE, explorer());
    const full = scoreActions(MAZE, all);
    const firstLevel = full.levels[0]!.actions_all;
    const prefix = scoreActions(MAZE, all.slice(0, firstLevel));
    expect(prefix.levels[0]).toEqual(full.levels[0]);
  });

  it('re-simulation reproduces every hash, and a tampered line is rejected at its step', () => {
    const text = replayText(MAZE, actionsOf(MAZE, explorer()));
    expect(() => scoreText(MAZE, text)).not.toThrow();
    const lines = text.split('\n');
    lines[6] = lines[6]!.replace(/"hash":"[0-9a-f]{14}"/, '"hash":"00000000000000"');
    expect(() => scoreText(MAZE, lines.join('\n'))).toThrow(ReplayError);
    expect(() => scoreText(MAZE, lines.join('\n'))).toThrow(/step t=6: does not re-simulate/);
  });

  it('a replay of another game version is refused with a message that says so', () => {
    const text = replayText(MAZE, [RIGHT]).replace(MAZE.gameId, 'mz01-00000000');
    expect(() => scoreText(MAZE, text)).toThrow(/recorded on mz01-00000000.*levels or rules changed/);
  });
});

describe('streaming and determinism', () => {
  it('the same replay gives byte-identical JSON, parsed whole or streamed line by line', () => {
    const text = replayText(PIT, actionsOf(PIT, explorer()));
    const whole = JSON.stringify(scoreText(PIT, text));
    expect(JSON.stringify(scoreText(PIT, text))).toBe(whole);
    const reader = new ReplayReader();
    const lines = text.split('\n').filter((l) => l !== '');
    reader.read(lines[0]!);
    function* steps() {
      for (const line of lines.slice(1)) {
        const step = reader.read(line);
        if (step !== undefined && !('rejected' in step)) yield step;
      }
    }
    const optimalB = optimalCounts(PIT.game);
    const distance = PIT.game.levels.map((_, i) => exploreLevel(PIT.game, i));
    const streamed = scoreReplay({ header: reader.header!, steps: steps() }, PIT, { baseline: { actions: optimalB, kind: 'optimal', version: 'none' }, optimal: optimalB, distance });
    expect(JSON.stringify(streamed)).toBe(whole);
  });

  it('rejected requests are not steps; they are reported as a rejection rate', () => {
    const text = replayText(MAZE, [RIGHT, RIGHT, RIGHT]);
    const lines = text.split('\n');
    lines.splice(2, 0, '{"rejected":"ACTION9 is not an action"}', '{"rejected":"x out of range"}');
    const score = scoreText(MAZE, lines.join('\n'));
    expect(score).toMatchObject({ steps: 3, rejected: 2, rejection_rate: 0.4 });
  });

  it('a truncated last line is reported and the rest scored', () => {
    const text = replayText(MAZE, actionsOf(MAZE, optimal));
    const cut = text.slice(0, text.length - 30);
    const replay = parseReplay(cut);
    const score = scoreText(MAZE, cut);
    expect(score.truncated_at_line).toBe(replay.truncated!.line);
    expect(score.steps).toBe(replay.steps.length);
  });

  it('the timeline has one window per 16 actions: EXPLORE for an explorer, PERSEVERATE for Stubborn(40)', () => {
    const explore = scoreActions(MAZE, actionsOf(MAZE, explorer()));
    expect(explore.timeline.length).toBe(Math.ceil(explore.steps / 16));
    expect(explore.timeline[0]!.kind).toBe('EXPLORE');
    const stuck = scoreActions(MAZE, actionsOf(MAZE, stubborn(40)));
    expect(stuck.timeline.slice(0, 2).map((w) => w.kind)).toEqual(['PERSEVERATE', 'PERSEVERATE']);
    // off (bounded memory for bulk scoring): everything else unchanged
    const off = scoreActions(MAZE, actionsOf(MAZE, stubborn(40)), { timeline: false, labels: false });
    expect(off.timeline).toEqual([]);
    expect(off.labels).toBeUndefined();
    expect({ ...off, timeline: stuck.timeline, labels: stuck.labels }).toEqual(stuck);
  });

  it('progress drought counts steps without a new minimum distance to a win', () => {
    const optimalB = optimalCounts(MAZE.game);
    // the dead-end branch first: 5 steps into it and 4 back without getting closer
    const detour = [DOWN, DOWN, DOWN, RIGHT, RIGHT, LEFT, LEFT, UP, UP, UP];
    const space = [0, 1].map((i) => exploreLevel(maze, i)!);
    const score = scoreReplay(parseReplay(replayText(MAZE, [...detour, ...actionsOf(MAZE, optimal)])), MAZE, {
      baseline: { actions: optimalB, kind: 'optimal', version: 'none' },
      distance: space,
    });
    expect(score.levels[0]!.drought).toBe(10);
  });
});

describe('ARC-AGI-3 recordings', () => {
  it('scores a recording on frame hashes, agreeing with the re-simulated replay where frames show the state', () => {
    const actions = actionsOf(MAZE, explorer());
    const session = createSession(MAZE.game);
    const response = (frames: readonly Uint8Array[], id: number, r: { state: string; levelsCompleted: number }, full = false) =>
      JSON.stringify({
        timestamp: '2026-01-01T00:00:00Z',
        data: { game_id: 'ls20-016295f7601e', frame: frames.map(frameToArc), state: r.state, levels_completed: r.levelsCompleted, win_levels: 2, action_input: { id, data: {} }, full_reset: full },
      });
    const lines = [response([session.frame()], 0, { state: 'NOT_FINISHED', levelsCompleted: 0 }, true)];
    for (const a of actions) {
      const r = session.act(a);
      lines.push(response(r.frames, ['RESET', 'ACTION1', 'ACTION2', 'ACTION3', 'ACTION4'].indexOf(a.type), r, r.fullReset));
    }
    const imported = scoreArcRecording(lines, { baseline: { actions: optimalCounts(MAZE.game), kind: 'optimal', version: 'none' } });
    const native = scoreActions(MAZE, actions);
    expect(imported.verified).toBe('frame-hashes');
    expect(imported.game_id).toBe('ls20-016295f7601e');
    expect(imported.labels).toEqual(native.labels);
    expect(imported.totals.rhae).toBe(native.totals.rhae);
    expect(imported.totals.wasted).toBe(native.totals.wasted);
    expect(() => scoreArcRecording([lines[0]!, '{"timestamp": 1, "data": {"game_id": "x"}}'])).toThrow(/line 2: not an ARC-AGI-3 recording line: field data.frame/);
  });
});

describe('efficiency figures and the human anchors', () => {
  it('per level: linear, log2, optimal-relative, excess, random-normalised, first progress', () => {
    const path = actionsOf(MAZE, optimal);
    const extra = [UP, UP, UP]; // three bumps on level 1: n = n* + 3
    const score = scoreActions(MAZE, [...extra, ...path], { random: [36, null] });
    const [one, two] = score.levels;
    const n = one!.optimal! + 3;
    expect(one).toMatchObject({ actions: n, completed: true, excess: 3, first_progress: n });
    expect(one!.linear).toBeCloseTo(one!.baseline / n, 6);
    expect(one!.log2_ratio).toBeCloseTo(Math.log2(n / one!.baseline), 6);
    expect(one!.optimal_ratio).toBeCloseTo(one!.optimal! / n, 6);
    expect(one!.random_normalised).toBeCloseTo((Math.log(36) - Math.log(n)) / (Math.log(36) - Math.log(one!.baseline)), 6);
    expect(two).toMatchObject({ excess: 0, linear: 1, log2_ratio: 0, optimal_ratio: 1, random_normalised: null });
    expect(score.totals.first_progress).toBe(n);
    const shares = Object.values(one!.label_shares).reduce((a, b) => a + b, 0);
    expect(shares).toBeCloseTo(1, 5);
    // unsolved: log2 censored (null), linear 0
    const stuck = scoreActions(MAZE, [UP, UP]);
    expect(stuck.levels[0]).toMatchObject({ completed: false, linear: 0, log2_ratio: null, first_progress: null });
  });

  it('ARC official cut: a level taking more than 5 x b scores 0', () => {
    const path = actionsOf(MAZE, optimal);
    const b = path.length; // both levels, optimal
    const slow = [...Array<Action>(5 * 9).fill(UP), ...path]; // level 1 (b = 9) takes 9 + 45 > 45
    expect(scoreActions(MAZE, slow).levels[0]!.rhae).toBeGreaterThan(0);
    expect(scoreActions(MAZE, slow, { cut: 5 }).levels[0]!.rhae).toBe(0);
    expect(b).toBeGreaterThan(9);
  });

  it('HAS: 1 without episodes, min(1, tau/HAL) per episode with the human HAL as tau, 0 when censored', () => {
    const actions = actionsOf(MAZE, stubborn(4));
    const b = optimalCounts(MAZE.game);
    const base = { actions: b, kind: 'human', version: 'h-test' };
    expect(scoreActions(MAZE, actions).totals.has).toBe(0.25);
    expect(scoreActions(MAZE, actions, { baseline: { ...base, hal: [2, undefined] } }).totals.has).toBe(0.5);
    const anchored = scoreActions(MAZE, actions, { baseline: { ...base, hal: [8, undefined] } });
    expect(anchored.totals.has).toBe(1);
    expect(anchored.baseline).toEqual({ kind: 'human', version: 'h-test', tau: 'human' });
    expect(scoreActions(MAZE, actions.slice(0, 4)).totals.has).toBe(0);
  });
});
