/**
 * The example stdio agent the README points people at (agent-runner/examples/stdio_agent.py) works
 * through the real `tabula run`: it plays a keyboard game and a click game, nothing it sends is
 * refused, and its replays re-simulate.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { parseReplay, verifyReplay } from '../../core/index.ts';
import { findGame } from '../../envs/index.ts';
import { tabula } from '../helpers/tabula-cli.ts';

const out = mkdtempSync(join(tmpdir(), 'tabula-example-agent-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

it('the README example agent plays tg38 and mq74 through tabula run, its randomness from the episode seed', async () => {
  const agent = 'cmd:python3 agent-runner/examples/stdio_agent.py';
  const { code, stdout, stderr } = await tabula('run', '--agent', agent, '--games', 'tg38,mq74', '--seeds', '2', '--out', out, '--no-report', '--quiet');
  expect(code, stderr).toBe(0);
  expect(stdout).toContain(agent);
  const [slug] = readdirSync(out, { withFileTypes: true }).filter((e) => e.isDirectory());
  for (const game of ['tg38', 'mq74']) {
    const replay = parseReplay(readFileSync(join(out, slug!.name, game, 'seed-0.jsonl'), 'utf8'));
    verifyReplay(replay.header, replay.steps, findGame(replay.header.game_id));
    expect(replay.header.player).toEqual({ kind: 'agent', name: agent });
    expect(replay.rejected).toEqual([]);
    expect(replay.steps.length).toBeGreaterThan(0);
    if (game === 'mq74') expect(replay.steps.some((s) => s.action === 'ACTION6')).toBe(true);
  }
  // The episode's seed reaches the agent (TABULA_SEED), so seeds give different plays.
  const actions = (seed: number): string[] =>
    parseReplay(readFileSync(join(out, slug!.name, 'tg38', `seed-${seed}.jsonl`), 'utf8')).steps.map((s) => s.action);
  expect(actions(0)).not.toEqual(actions(1));
});
