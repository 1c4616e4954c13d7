/**
 * ARC-AGI-3 compatibility (issue 4's test that matters): a separate python3 process that knows only
 * ARC's routes and shapes (arc_client.py) plays a game to WIN over real HTTP with the solver's
 * solution, using a level RESET and a full RESET, and checks the closed scorecard by hand-computed
 * RHAE. Here we hand it the plan, then check the replay it left verifies through the engine.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseReplay, solveLevel, verifyReplay } from '../../core/index.ts';
import { GAMES } from '../../envs/index.ts';
import { get, removeDir, start, tempDir } from './helpers.ts';

const run = promisify(execFile);
let server: Awaited<ReturnType<typeof start>>;
let planDir: string;

beforeAll(async () => {
  server = await start();
  planDir = tempDir();
});
afterAll(async () => {
  await server.close();
  removeDir(server.dataDir);
  removeDir(planDir);
});

// A game whose first level takes at least two actions, so one wasted move cannot clear it.
const entry = GAMES.find((g) => g.game.levels.length >= 2 && solveLevel(g.game, 0)!.optimal >= 2)!;

it('an ARC-style Python client plays to WIN, resets, and gets the hand-computed scorecard', async () => {
  const levels = entry.game.levels.map((_, i) =>
    solveLevel(entry.game, i)!.actions.map((a) => (a.type === 'ACTION6' ? { action: a.type, x: a.x, y: a.y } : { action: a.type })),
  );
  const planPath = join(planDir, 'plan.json');
  writeFileSync(planPath, JSON.stringify({ game: entry.code, levels }));
  const result = await run('python3', [join(import.meta.dirname, 'arc_client.py'), server.url, planPath], { timeout: 120_000 }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`arc_client.py failed: ${error.stdout ?? ''}${error.stderr ?? ''}`);
  });
  const report = JSON.parse(result.stdout.trim()) as { ok: boolean; guid: string; sent: number; score: number };
  expect(report.ok).toBe(true);
  expect(report.score).toBeGreaterThan(0);
  const replay = parseReplay((await get(server.url, `/api/sessions/${report.guid}/replay`)).text);
  expect(replay.steps).toHaveLength(report.sent);
  expect(verifyReplay(replay.header, replay.steps, entry)).toBe(report.sent);
  expect(replay.steps.at(-1)!.state).toBe('WIN');
  expect(replay.rejected).toHaveLength(1); // the action after WIN
});
