/**
 * `tabula score` and `tabula baseline build`, run as real processes over real replay files, and
 * the HTML report opened in headless Chromium (TOOLCHAIN.md's recipe).
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tabula } from '../helpers/tabula-cli.ts';
import { actionId, createSession, frameToArc, replayHeader, replayLine, replayStep, solveLevel, type Action } from '../../core/index.ts';
import { BaselineFileSchema } from '../../envs/baselines.ts';
import { GAMES } from '../../envs/index.ts';
import { explorer, optimal, random, stubborn, type SyntheticAgent } from '../../agent-runner/agents/synthetic.ts';
import { actionBody, begin, post, start } from '../server/helpers.ts';

const entry = GAMES[0]!;

function write(dir: string, name: string, agent: SyntheticAgent, kind: 'human' | 'agent', firstPlay?: boolean): string {
  const actions: Action[] = agent(createSession(entry.game));
  const session = createSession(entry.game);
  let text = replayLine(replayHeader({ game_id: entry.gameId, seed: null, player: { kind, name }, created_at: '2026-11-23T00:00:00.000Z', engine: 'test', ...(firstPlay === undefined ? {} : { first_play: firstPlay }) }));
  actions.forEach((a, i) => (text += replayLine(replayStep(i + 1, session.act(a)))));
  const path = join(dir, `${name}.jsonl`);
  writeFileSync(path, text);
  return path;
}

let dir: string;
let humans: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tabula-score-'));
  humans = join(mkdtempSync(join(tmpdir(), 'tabula-score-humans-')), 'humans'); // beside dir: a directory is scored with its subdirectories
  mkdirSync(humans);
  write(dir, 'optimal', optimal, 'agent');
  write(dir, 'stubborn', stubborn(7, 150), 'agent');
  write(dir, 'random', random(4, 150), 'agent');
  write(humans, 'h1', optimal, 'human', true);
  write(humans, 'h2', optimal, 'human', true);
  write(humans, 'h3', explorer(200), 'human', true);
  write(humans, 'h1-again', stubborn(3, 120), 'human', false);
  write(humans, 'bot', random(9, 100), 'agent');
});

describe('tabula score', () => {
  it('--json scores every replay in a directory, per game and per player, byte-identical on a second run', async () => {
    const first = await tabula('score', dir, '--json');
    expect(first.code).toBe(0);
    const second = await tabula('score', dir, '--json');
    expect(second.stdout).toBe(first.stdout);
    const out = JSON.parse(first.stdout) as {
      replays: { file: string; baseline: { kind: string }; player: { name: string }; totals: { rhae: number; wasted: number; hal_max: number } }[];
      games: { id: string; replays: number }[];
      players: { id: string }[];
    };
    expect(out.replays.map((r) => r.player.name)).toEqual(['optimal', 'random', 'stubborn']);
    expect(out.replays.every((r) => r.baseline.kind === 'optimal')).toBe(true);
    expect(out.replays[0]!.totals.rhae).toBe(100);
    expect(out.replays[2]!.totals.hal_max).toBeGreaterThanOrEqual(7);
    expect(out.games).toEqual([expect.objectContaining({ id: entry.gameId, replays: 3 })]);
    expect(out.players.map((p) => p.id)).toEqual(['agent:optimal', 'agent:random', 'agent:stubborn']);
  });

  it('--random gives random-normalised HN: 1 at the baseline, between 0 and 1 above it', async () => {
    const out = await tabula('score', join(dir, 'optimal.jsonl'), join(dir, 'stubborn.jsonl'), '--random', '--json');
    const [best, stuck] = JSON.parse(out.stdout).replays as { levels: { random_normalised: number | null }[] }[];
    const level1 = [best!.levels[0]!.random_normalised, stuck!.levels[0]!.random_normalised];
    expect(level1[0]).toBe(1);
    expect(level1[1]).toBeGreaterThan(0);
    expect(level1[1]).toBeLessThan(1);
  });

  it('names the baseline in every report form', async () => {
    const md = await tabula('score', join(dir, 'optimal.jsonl'), '--md');
    expect(md.stdout).toContain('baseline: optimal (version none)');
    expect(md.stdout).toContain('| file | player |');
    const text = await tabula('score', join(dir, 'optimal.jsonl'));
    expect(text.stdout.split('\n')[0]).toMatch(/^baseline: optimal/);
  });

  it('reports a truncated last line and scores the rest; refuses a tampered line or another game version, naming the file and where', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'tabula-bad-'));
    const text = readFileSync(join(dir, 'random.jsonl'), 'utf8');
    writeFileSync(join(bad, 'cut.jsonl'), text.slice(0, text.length - 25));
    const cut = await tabula('score', join(bad, 'cut.jsonl'), '--json');
    expect(cut.code).toBe(0);
    const score = JSON.parse(cut.stdout).replays[0];
    expect(score.truncated_at_line).toBe(151);
    expect(score.steps).toBe(149);
    writeFileSync(join(bad, 'tampered.jsonl'), text.replace(/("t":9,.*?"hash":")[0-9a-f]{14}/, '$100000000000000'));
    const tampered = await tabula('score', join(bad, 'tampered.jsonl'));
    expect(tampered.code).toBe(2);
    expect(tampered.stderr).toMatch(/tampered\.jsonl: replay step t=9: does not re-simulate/);
    writeFileSync(join(bad, 'old.jsonl'), text.replace(entry.gameId, `${entry.code}-00000000`));
    const old = await tabula('score', join(bad, 'old.jsonl'));
    expect(old.code).toBe(2);
    expect(old.stderr).toMatch(/recorded on .*-00000000, but this Tabula has/);
    // a directory with one bad file: the rest is still scored, the bad one named, exit code 2
    const mixed = await tabula('score', bad, '--json');
    expect(mixed.code).toBe(2);
    expect(JSON.parse(mixed.stdout).replays.map((r: { file: string }) => r.file.split('/').pop())).toEqual(['cut.jsonl']);
    expect(mixed.stderr).toMatch(/old\.jsonl: .*recorded on/);
    expect(mixed.stderr).toMatch(/tampered\.jsonl: replay step t=9/);
    const none = await tabula('score', join(bad, 'missing'));
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no such file or directory; name \.jsonl replay files/);
  });
});

describe('tabula baseline build', () => {
  it('builds the versioned file from first-play human replays only, and scoring then names it', async () => {
    const out = join(dir, 'baselines.json');
    const built = await tabula('baseline', 'build', humans, '--out', out);
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/from 3 first-play human replays/);
    expect(built.stdout).toMatch(/skipped 1: not human/);
    expect(built.stdout).toMatch(/skipped 1: not a first play/);
    const file = BaselineFileSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    const level1 = file.games[entry.gameId]!.levels[0]!;
    // three completers: two at the optimum and the explorer: the upper median is the optimum
    expect(level1).toMatchObject({ actions: solveLevel(entry.game, 0)!.optimal, players: 3 });
    expect(file.baseline_version).toMatch(/^h-[0-9a-f]{8}$/);
    const again = await tabula('baseline', 'build', humans, '--out', join(dir, 'again.json'));
    expect(again.code).toBe(0);
    expect(readFileSync(join(dir, 'again.json'), 'utf8')).toBe(readFileSync(out, 'utf8'));
    const scored = await tabula('score', join(dir, 'optimal.jsonl'), '--baselines', out, '--md');
    expect(scored.stdout).toContain(`baseline: ${file.games[entry.gameId]!.levels.every((l) => l !== null) ? 'human' : 'mixed'} (version ${file.baseline_version})`);
  });
});

describe('the HTML report', () => {
  it('is one self-contained file that renders in headless Chromium with every chart', async () => {
    const html = join(dir, 'report.html');
    const result = await tabula('score', dir, '--html', html);
    expect(result.code).toBe(0);
    const text = readFileSync(html, 'utf8');
    expect(text).not.toMatch(/<script|<link|https?:\/\//);
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 1200 } });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(`file://${html}`);
      await page.waitForSelector('body[data-ready="1"]');
      expect(requests).toEqual([`file://${html}`]);
      expect(await page.locator('section').count()).toBe(3);
      expect(await page.locator('section svg').count()).toBe(3 * 5);
      expect(await page.locator('.baseline').textContent()).toContain('baseline: optimal');
      const box = await page.locator('section').first().boundingBox();
      expect(box!.height).toBeGreaterThan(400);
      const png = await page.screenshot({ fullPage: true });
      writeFileSync(join(dir, 'report.png'), png);
      expect(png.length).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  });
});

describe('replays written by the server', () => {
  it('tabula score and baseline build read <data>/replays as the server writes it', async () => {
    const server = await start();
    try {
      const plays: [Record<string, unknown>, Action[]][] = [
        [{ tags: ['human'] }, optimal(createSession(entry.game)).slice(0, 40)],
        [{ tags: ['agent'] }, stubborn(6, 30)(createSession(entry.game))],
      ];
      for (const [open, actions] of plays) {
        const { guid } = await begin(server.url, entry.gameId, open);
        for (const a of actions) {
          const { path, body } = actionBody(entry.gameId, guid, a);
          expect((await post(server.url, path, body)).status).toBe(200);
        }
      }
    } finally {
      await server.close();
    }
    const scored = await tabula('score', join(server.dataDir, 'replays'), '--json');
    expect(scored.code).toBe(0);
    const out = JSON.parse(scored.stdout) as { replays: { player: { kind: string }; steps: number; totals: { hal_max: number } }[] };
    expect(out.replays.map((r) => r.player.kind).sort()).toEqual(['agent', 'human']);
    expect(out.replays.map((r) => r.steps).sort((a, b) => a - b)).toEqual([30, 40]);
    expect(out.replays.find((r) => r.player.kind === 'agent')!.totals.hal_max).toBe(6);
    const built = await tabula('baseline', 'build', join(server.dataDir, 'replays'), '--out', join(server.dataDir, 'b.json'));
    expect(built.stdout).toMatch(/from 1 first-play human replay\b/);
  });
});

describe('ARC-AGI-3 recordings', () => {
  it('are told apart by their first line and scored on frame hashes', async () => {
    const session = createSession(entry.game);
    const line = (frames: readonly Uint8Array[], id: number, state: string, done: number) =>
      `${JSON.stringify({ timestamp: 1, data: { game_id: 'ls20-016295f7601e', frame: frames.map(frameToArc), state, levels_completed: done, win_levels: 8, action_input: { id, data: {} } } })}\n`;
    let text = line([session.frame()], 0, 'NOT_FINISHED', 0);
    for (const a of stubborn(3, 20)(createSession(entry.game))) {
      const r = session.act(a);
      text += line(r.frames, actionId(a.type), r.state, r.levelsCompleted);
    }
    const path = join(mkdtempSync(join(tmpdir(), 'tabula-arc-')), 'arc-recording.jsonl');
    writeFileSync(path, text);
    const scored = await tabula('score', path, '--json');
    expect(scored.code).toBe(0);
    const score = JSON.parse(scored.stdout).replays[0];
    expect(score).toMatchObject({ game_id: 'ls20-016295f7601e', verified: 'frame-hashes', steps: 20, baseline: { kind: 'none' } });
    expect(score.totals.hal_max).toBe(3);
  });
});

describe('tabula score over a tabula run directory', () => {
  it('finds the replays in <agent>/<code>/ and leaves the run ledger (episodes.jsonl) alone', async () => {
    const out = mkdtempSync(join(tmpdir(), 'tabula-score-run-'));
    const run = await tabula('run', '--agent', 'oracle', '--games', entry.code, '--seeds', '1', '--out', out, '--no-report', '--quiet');
    expect(run.code, run.stderr).toBe(0);
    const scored = await tabula('score', out, '--json');
    expect(scored.code, scored.stderr).toBe(0);
    const replays = (JSON.parse(scored.stdout) as { replays: { player: { name: string }; totals: { rhae: number } }[] }).replays;
    expect(replays.map((r) => [r.player.name, r.totals.rhae])).toEqual([['oracle', 100]]);
  });
});
