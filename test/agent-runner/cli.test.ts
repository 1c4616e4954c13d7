/**
 * The `tabula` command, run as a real process, the way a user runs it.
 */
import { describe, expect, it } from 'vitest';
import { tabula } from '../helpers/tabula-cli.ts';
import { GAMES } from '../../envs/index.ts';


describe('tabula list', () => {
  it('--json lists every game by public id with levels, actions and optimal counts, and no names', async () => {
    const { code, stdout } = await tabula('list', '--json');
    expect(code).toBe(0);
    const games = JSON.parse(stdout) as { game_id: string; levels: number; available_actions: string[]; optimal_actions: number[] }[];
    expect(games.map((g) => g.game_id)).toEqual(GAMES.map((g) => g.gameId));
    for (const g of games) {
      expect(g.optimal_actions).toHaveLength(g.levels);
      expect(g.optimal_actions.every((n) => n > 0)).toBe(true);
      expect(g.available_actions.length).toBeGreaterThan(0);
    }
    for (const { game } of GAMES) expect(stdout).not.toContain(game.id);
  });

  it('prints a table for people', async () => {
    const { stdout } = await tabula('list');
    expect(stdout.split('\n')[0]).toMatch(/^game_id\s+levels\s+available_actions\s+optimal actions per level/);
    expect(stdout).toContain(GAMES[0]!.gameId);
  });
});

describe('tabula solve and play', () => {
  const { code } = GAMES[0]!;

  it('solve prints each level solution and its length; play runs it to WIN', async () => {
    const solved = await tabula('solve', code, '--json');
    expect(solved.code).toBe(0);
    const { levels } = JSON.parse(solved.stdout) as { levels: { level: number; optimal: number; actions: string[] }[] };
    expect(levels.map((l) => l.level)).toEqual(GAMES[0]!.game.levels.map((_, i) => i + 1));
    for (const l of levels) expect(l.actions).toHaveLength(l.optimal);
    const all = levels.flatMap((l) => l.actions).join(',');
    const played = await tabula('play', code, '--actions', all, '--json');
    expect(played.code).toBe(0);
    expect(JSON.parse(played.stdout)).toMatchObject({ state: 'WIN', levels_completed: levels.length, win_levels: levels.length });
    // One more action after WIN is refused, named, and the state is still printed.
    const extra = await tabula('play', code, '--actions', `${all},ACTION1`);
    expect(extra.code).toBe(1);
    expect(extra.stderr).toMatch(/action \d+ \(ACTION1\) was refused: the game is won \(WIN\); only RESET is accepted now/);
    expect(extra.stdout).toMatch(/WIN\s+level \d+ of \d+/);
  });

  it('solve --level N prints that level only', async () => {
    const { code: exit, stdout } = await tabula('solve', code, '--level', '2');
    expect(exit).toBe(0);
    expect(stdout.trim()).toMatch(/^level 2: \d+ actions: (ACTION\d(:\d+:\d+)? ?)+$/);
  });

  it('play prints the final frame as 64 lines of text, then the state', async () => {
    const { code: exit, stdout } = await tabula('play', code, '--actions', 'RESET');
    expect(exit).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.slice(0, 64).every((l) => /^[0-9a-f]{64}$/.test(l))).toBe(true);
    expect(lines[64]).toMatch(new RegExp(`^${GAMES[0]!.gameId}\\s+NOT_FINISHED\\s+level 1 of \\d+\\s+levels_completed 0\\s+step 0\\s+hash [0-9a-f]{14}$`));
  });

  it.each([
    [['play', 'zz99', '--actions', 'up'], /game "zz99" not found; send one of/],
    [['play', code, '--actions', 'up,ACTION9'], /action 2 of --actions: unknown action "ACTION9": send one of RESET, ACTION1..ACTION7/],
    [['play', code, '--actions', 'ACTION6:70:1'], /ACTION6 x must be an integer in 0..63; got 70/],
    [['play', code], /--actions is required/],
    [['solve', code, '--level', '99'], /--level must be 1..\d+/],
    [['solve', code, '--level', 'two'], /--level needs a whole number/],
    [['list', '--bogus'], /Unknown option '--bogus'/],
    [['fly'], /unknown command 'fly'/],
  ])('%j is refused with a message that says what to send', async (args, message) => {
    const { code: exit, stderr } = await tabula(...args);
    expect(exit).toBe(2);
    expect(stderr).toMatch(message);
  });
});

describe('tabula bench', () => {
  it('--json gives one object of named numbers, the engine figures included', async () => {
    const { code, stdout } = await tabula('bench', '--json', '--quick');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as Record<string, unknown>;
    const keys = ['session_steps_per_s', 'reducer_steps_per_s', 'solver_states_per_s', 'encode_frames_per_s', 'session_bytes', 'reference_steps_per_s'];
    keys.push('score_steps_per_s', 'http_actions_per_s_16', 'http_p99_ms_16', 'bytes_per_idle_session');
    keys.push('runner_steps_per_s_1w', 'runner_steps_per_s_2w', 'runner_episodes_per_s_1w', 'runner_episodes_per_s_2w', 'runner_2w_vs_1w', 'runner_worker_start_ms');
    for (const key of keys) {
      expect(typeof result[key], key).toBe('number');
      expect(result[key] as number, `${key} in ${stdout}`).toBeGreaterThan(0);
    }
    expect(Object.values(result).every((v) => typeof v === 'number')).toBe(true);
  }, 300_000); // the quick bench still starts a server and loads it: a minute on a busy 2-core machine
});
