/**
 * `tabula run` through the real command: worker threads, replay files, resume, Ctrl-C, the
 * leaderboard and the report. Every replay written is checked by re-simulation.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseReplay, solveLevel, verifyReplay } from '../../core/index.ts';
import { findGame, GAMES } from '../../envs/index.ts';
import { completion, startFakeLlm } from '../helpers/fake-llm-server.ts';
import { tabula } from '../helpers/tabula-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'tabula-run-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;
const outDir = (): string => join(root, `out-${dirs++}`);

/** Every file under `dir` whose name ends with `suffix`, sorted. */
function filesUnder(dir: string, suffix: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.endsWith(suffix)) found.push(join(d, e.name));
    }
  };
  walk(dir);
  return found.sort();
}

/** The replay files of a run (not episodes.jsonl). */
const replaysUnder = (out: string): string[] => filesUnder(out, '.jsonl').filter((f) => !f.endsWith('episodes.jsonl'));

/** Parses and re-simulates a replay; returns it. */
function verified(file: string): ReturnType<typeof parseReplay> {
  const replay = parseReplay(readFileSync(file, 'utf8'));
  verifyReplay(replay.header, replay.steps, findGame(replay.header.game_id));
  return replay;
}

/** A replay without what a clock puts in it (the start time, think times). */
function withoutClock(file: string): unknown[] {
  return readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((line) => {
      const value = JSON.parse(line) as Record<string, unknown>;
      delete value.created_at;
      delete value.ms;
      return value;
    });
}

describe('tabula run', () => {
  it('plays the oracle on two games with two workers: verified winning replays, a leaderboard, report.html', async () => {
    const out = outDir();
    const { code, stdout, stderr } = await tabula('run', '--agent', 'oracle', '--games', 'tg38,mq74', '--seeds', '2', '--workers', '2', '--out', out);
    expect(code, stderr).toBe(0);
    const files = replaysUnder(out);
    expect(files.map((f) => f.slice(out.length + 1))).toEqual(['oracle/mq74/seed-0.jsonl', 'oracle/mq74/seed-1.jsonl', 'oracle/tg38/seed-0.jsonl', 'oracle/tg38/seed-1.jsonl']);
    for (const file of files) {
      const replay = verified(file);
      expect(replay.header.player).toEqual({ kind: 'agent', name: 'oracle' });
      expect(replay.steps.at(-1)!.state, file).toBe('WIN');
    }
    const levels = 2 * (findGame('tg38').game.levels.length + findGame('mq74').game.levels.length);
    const row = stdout.split('\n').find((l) => l.startsWith('oracle'));
    expect(row, stdout).toBeDefined();
    expect(row).toContain(`${levels}/${levels}`);
    expect(row).toMatch(/win 4/);
    expect(stdout).toContain(`report: ${join(out, 'report.html')}`);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
    const episodes = readFileSync(join(out, 'episodes.jsonl'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { end: string; file: string });
    expect(episodes.map((e) => e.end)).toEqual(['win', 'win', 'win', 'win']);
    expect(existsSync(join(out, 'run.json'))).toBe(true);
    expect(filesUnder(out, '.partial')).toEqual([]);
  }, 90_000);

  it('resumes by skipping recorded episodes, and the same seeds give the same replays elsewhere', async () => {
    const out = outDir();
    const args = ['run', '--agent', 'random', '--games', 'tg38', '--seeds', '0..3', '--no-report', '--quiet'];
    const first = await tabula(...args, '--out', out);
    expect(first.code, first.stderr).toBe(0);
    const files = replaysUnder(out);
    expect(files).toHaveLength(4);
    const before = files.map((f) => ({ text: readFileSync(f, 'utf8'), mtime: statSync(f).mtimeMs }));

    const again = await tabula(...args.filter((a) => a !== '--quiet'), '--out', out);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/skipping 4 episodes already recorded/);
    expect(files.map((f) => ({ text: readFileSync(f, 'utf8'), mtime: statSync(f).mtimeMs }))).toEqual(before);
    expect(again.stdout).toMatch(/^random\s+all\s+4\s/m);

    const elsewhere = outDir();
    const other = await tabula(...args, '--out', elsewhere, '--workers', '1');
    expect(other.code, other.stderr).toBe(0);
    for (const file of files) expect(withoutClock(file.replace(out, elsewhere)), file).toEqual(withoutClock(file));
  }, 90_000);

  it('stops cleanly on SIGINT (exit 130, valid replays, a resume command) and the resume finishes the rest', async () => {
    const out = outDir();
    // Every game x 201 seeds: the run is still going when the signal lands (a random episode takes milliseconds).
    const args = ['run', '--agent', 'random', '--games', 'all', '--seeds', '0..200', '--workers', '2', '--out', out, '--no-report'];
    const episodes = GAMES.length * 201;
    const child = spawn('node', ['agent-runner/bin/tabula.mjs', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    let signalled = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!signalled && /^\[[#.]+\] [1-9]/m.test(stderr)) {
        signalled = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(signalled, stderr).toBe(true);
    expect(code, stderr).toBe(130);
    expect(stderr).toContain('resume with:');
    expect(stderr).toContain(`tabula run --agent random --games all --seeds 0..200`);
    expect(stdout).toMatch(/^random\s+all\s/m);

    const finished = replaysUnder(out);
    expect(finished.length).toBeGreaterThan(0);
    expect(finished.length).toBeLessThan(episodes);
    for (const file of finished) verified(file);
    for (const file of filesUnder(out, '.partial')) {
      const replay = parseReplay(readFileSync(file, 'utf8'));
      verifyReplay(replay.header, replay.steps, findGame(replay.header.game_id));
    }

    const resumed = await tabula(...args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`skipping ${finished.length} episodes already recorded`);
    expect(replaysUnder(out)).toHaveLength(episodes);
    expect(filesUnder(out, '.partial')).toEqual([]);
    expect(resumed.stdout).toMatch(new RegExp(`^random\\s+all\\s+${episodes}\\s`, 'm'));
  }, 180_000);

  it('runs stdio and ARC-HTTP programs as agents, and sums an LLM agent\'s cost per level solved', async () => {
    const out = outDir();
    const stdio = await tabula('run', '--agent', 'node test/fixtures/agents/stdio-agent.mjs cycle', '--games', 'tg38', '--seeds', '2', '--out', out, '--no-report', '--quiet');
    expect(stdio.code, stdio.stderr).toBe(0);
    const http = await tabula('run', '--agent', 'http:python3 test/fixtures/agents/arc_http_agent.py {game} ACTION1,ACTION2', '--games', 'tg38', '--seeds', '1', '--out', out, '--no-report', '--quiet');
    expect(http.code, http.stderr).toBe(0);

    // The fake provider answers with level 1's solution, then a move until level 2's budget (1x) is spent.
    const tg38 = findGame('tg38');
    const solution = solveLevel(tg38.game, 0)!.actions.map((a) => JSON.stringify(a.type === 'ACTION6' ? { action: a.type, x: a.x, y: a.y } : { action: a.type }));
    const budget2 = solveLevel(tg38.game, 1)!.optimal;
    const usage = { prompt_tokens: 1000, completion_tokens: 10 };
    const llm = await startFakeLlm([...solution, ...Array<string>(budget2).fill('{"action":"ACTION1"}')].map((c) => completion(c, usage)));
    try {
      const run = await tabula('run', '--agent', 'llm', '--llm-base-url', llm.baseUrl, '--llm-model', 'fake-1', '--llm-price-in', '1', '--llm-price-out', '2',
        '--budget', '1', '--games', 'tg38', '--seeds', '1', '--out', out, '--no-report', '--quiet');
      expect(run.code, run.stderr).toBe(0);
      const cost = (solution.length + budget2) * (1000 * 1 + 10 * 2) / 1e6;
      const rows = run.stdout.split('\n');
      const llmRow = rows.find((l) => l.startsWith('llm:fake-1'));
      expect(llmRow, run.stdout).toMatch(new RegExp(`\\s1/8\\s.*\\$${cost.toFixed(4).replace('.', '\\.')}\\s+\\$${cost.toFixed(4).replace('.', '\\.')}$`));
      // Every agent run into the directory is on the board.
      expect(rows.find((l) => l.startsWith('cmd:node test/fixtures/agents/stdio-agent.mjs cycle'))).toMatch(/\sall\s+2\s/);
      expect(rows.find((l) => l.startsWith('http:python3'))).toMatch(/\sall\s+1\s/);
    } finally {
      await llm.close();
    }
    for (const file of replaysUnder(out)) verified(file);
    expect(replaysUnder(out)).toHaveLength(4);
  }, 90_000);

  it.each([
    [['--agent', 'nobody', '--games', 'tg38', '--seeds', '2'], /"nobody" is not an agent; send a built-in agent \(random, .*oracle.*\), llm .*http:<command>.*cmd:<command>/],
    [['--agent', 'random', '--games', 'tg38', '--seeds', '5..2'], /--seeds 5\.\.2: the range runs backwards; write the smaller seed first, e\.g\. --seeds 2\.\.5/],
    [['--agent', 'random', '--games', 'tg38', '--seeds', 'ten'], /--seeds "ten" is not a count or a range; send a count \(--seeds 3 plays seeds 0,1,2\) or an inclusive range/],
    [['--agent', 'random', '--games', 'tg38,zz99', '--seeds', '2'], new RegExp(`--games: no game "zz99"; send all, or codes from tabula list separated by commas \\(${GAMES[0]!.code},`)],
    [['--agent', 'random', '--games', 'tg38', '--seeds', '2', '--levels', 'new'], /--levels must be designed .* or generated/],
    [['--agent', 'random', '--seeds', '2'], /--games is required/],
    [['--agent', 'random', '--games', 'tg38', '--seeds', '2', '--server', 'http://127.0.0.1:8001'], /--server is for http: agents/],
  ])('%j is refused with exit 2 and says what to send', async (args, message) => {
    const { code, stderr } = await tabula('run', ...args, '--out', outDir());
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('refuses to resume an agent with another budget in the same directory', async () => {
    const out = outDir();
    const first = await tabula('run', '--agent', 'random', '--games', 'tg38', '--seeds', '1', '--out', out, '--quiet', '--no-report');
    expect(first.code, first.stderr).toBe(0);
    const { code, stderr } = await tabula('run', '--agent', 'random', '--games', 'tg38', '--seeds', '1', '--out', out, '--budget', '2');
    expect(code).toBe(2);
    expect(stderr).toMatch(/--budget 5 then, 2 now.*resume with --budget 5 --levels designed, or use another --out directory/);
  }, 60_000);
});
