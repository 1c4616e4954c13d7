/**
 * The viewer end to end, served by the real Tabula server, in real headless Chromium: a keyboard
 * level finished with the solver's key presses and a click level with the solver's clicks, each
 * checked against the replay the server stored (exactly those actions, and it verifies through the
 * engine); then replay mode opened by deep link, scrubbed, and its canvas compared cell by cell
 * with the engine's frame for that step. Screenshots of both modes go to .tmp/viewer-screenshots.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../agent-runner/server/index.ts';
import { createSession, formatAction, parseReplay, scoreReplay, solveLevel, stepAction, verifyReplay, type Replay } from '../../core/index.ts';
import { baselineFor, findGame } from '../../envs/index.ts';
import { buildViewer, canvasMismatches, clickCell, hookOf, keyFor, launchChromium, settled } from './browser.ts';

const SHOTS = join(process.cwd(), '.tmp', 'viewer-screenshots');

let outDir: string;
let dataDir: string;
let server: RunningServer;
let chromium: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  outDir = await buildViewer();
  dataDir = mkdtempSync(join(tmpdir(), 'tabula-viewer-data-'));
  server = await startServer({ port: 0, dataDir, staticDir: outDir });
  chromium = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  for (const dir of [outDir, dataDir]) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

const newPage = (width?: number, height?: number) => chromium.newPage(width, height);

async function storedReplay(player: string, code: string): Promise<{ guid: string; replay: Replay }> {
  const list = (await (await fetch(`${server.url}/api/replays`)).json()) as { guid: string; game_id: string; player: { name: string } }[];
  const row = list.find((r) => r.player.name === player && r.game_id.startsWith(`${code}-`));
  expect(row, `a stored replay by ${player} on ${code}`).toBeDefined();
  const text = await (await fetch(`${server.url}/api/sessions/${row!.guid}/replay`)).text();
  return { guid: row!.guid, replay: parseReplay(text) };
}

let clickGuid = '';

describe('play mode with the server', () => {
  it('finishes level 1 of a keyboard game with the solver\'s key presses, stored exactly and verifiable', async () => {
    const entry = findGame('tg38');
    const solution = solveLevel(entry.game, 0)!;
    const page = await newPage();
    await page.goto(`${server.url}/?play=tg38&player=keys-tester`);
    await settled(page);
    expect(await page.locator('#where').textContent()).toBe('server');
    expect((await hookOf(page)).levelIndex).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'play-1280x720-start.png') });
    for (const action of solution.actions) await page.keyboard.press(keyFor(action));
    await page.waitForFunction('window.tabula.busy === false && window.tabula.levelsCompleted === 1', undefined, { timeout: 30_000 });
    const hook = await hookOf(page);
    expect(hook.levelIndex).toBe(1);
    expect(hook.step).toBe(solution.optimal);
    expect(await page.locator('#level').textContent()).toBe(`2 / ${entry.game.levels.length}`);
    expect(await page.locator('#actions').textContent()).toBe(String(solution.optimal));
    await page.screenshot({ path: join(SHOTS, 'play-1280x720-level2.png') });
    const engine = createSession(entry.game);
    for (const action of solution.actions) engine.act(action);
    expect(await canvasMismatches(page, engine.frame())).toEqual([]);

    const { replay } = await storedReplay('keys-tester', 'tg38');
    expect(replay.header.player).toEqual({ kind: 'human', name: 'keys-tester' });
    expect(replay.header.first_play).toBe(true);
    expect(replay.steps.map((s) => formatAction(stepAction(s)))).toEqual(solution.actions.map(formatAction));
    expect(verifyReplay(replay.header, replay.steps, entry)).toBe(solution.optimal);
    expect(replay.steps.at(-1)!.levels_completed).toBe(1);
    await page.close();
  });

  it('solves a click game with clicks on the frame, shows WIN without words, and R starts again', async () => {
    const entry = findGame('mq74');
    const levels = entry.game.levels.map((_, i) => solveLevel(entry.game, i)!);
    const actions = levels.flatMap((l) => l.actions);
    const page = await newPage(2560, 1440);
    await page.goto(`${server.url}/?play=mq74&player=click-tester`);
    await settled(page);
    // Keyboard buttons are greyed in a click-only game.
    expect(await page.locator('.act-ACTION1').isDisabled()).toBe(true);
    for (const action of actions) {
      if (action.type !== 'ACTION6') throw new Error('expected clicks');
      await clickCell(page, action.x, action.y);
    }
    await page.waitForFunction(`window.tabula.busy === false && window.tabula.state === 'WIN'`, undefined, { timeout: 60_000 });
    expect(await page.locator('#stage').getAttribute('class')).toContain('won');
    expect(await page.locator('#level').textContent()).toBe(`${levels.length} / ${levels.length}`);
    expect(await page.locator('body').innerText()).not.toMatch(/win|won|game over|goal|solve/i);
    await page.screenshot({ path: join(SHOTS, 'play-2560x1440-win.png') });
    // After WIN a click is not sent (the server would refuse it); R resets the whole game.
    await clickCell(page, 32, 32);
    await page.keyboard.press('r');
    await page.waitForFunction(`window.tabula.busy === false && window.tabula.state === 'NOT_FINISHED'`);
    expect(await page.locator('#level').textContent()).toBe(`1 / ${levels.length}`);
    expect(await page.locator('#stage').getAttribute('class')).not.toContain('won');

    const { guid, replay } = await storedReplay('click-tester', 'mq74');
    clickGuid = guid;
    expect(replay.steps.map((s) => formatAction(stepAction(s)))).toEqual([...actions.map(formatAction), 'RESET']);
    expect(replay.steps.at(-1)!.full_reset).toBe(true);
    expect(verifyReplay(replay.header, replay.steps, entry)).toBe(actions.length + 1);
    await page.close();
  });
});

describe('replay mode', () => {
  it('opens a stored replay by deep link, scrubs, and draws exactly the engine\'s frame for each step', async () => {
    expect(clickGuid).not.toBe('');
    const text = await (await fetch(`${server.url}/api/sessions/${clickGuid}/replay`)).text();
    const replay = parseReplay(text);
    const entry = findGame(replay.header.game_id);
    const frameAt = (k: number) => {
      const session = createSession(entry.game, { seed: replay.header.seed });
      for (const step of replay.steps.slice(0, k)) session.act(stepAction(step));
      return session.frame();
    };
    const k = 2;
    const page = await newPage();
    await page.goto(`${server.url}/?replay=${clickGuid}&step=${k}`);
    await settled(page);
    await page.waitForFunction(`window.tabula.replayStep === ${k}`);
    expect((await hookOf(page)).replaySteps).toBe(replay.steps.length);
    expect(await canvasMismatches(page, frameAt(k))).toEqual([]);
    // Metrics arrive after the first frame.
    await page.locator('#metrics').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, 'replay-1280x720.png') });

    // Scrub with the keyboard: Home, then two steps forward; then the last step.
    await page.locator('#scrubber').focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction('window.tabula.replayStep === 2');
    expect(await canvasMismatches(page, frameAt(2))).toEqual([]);
    await page.keyboard.press('End');
    const n = replay.steps.length;
    await page.waitForFunction(`window.tabula.replayStep === ${n}`);
    expect(await canvasMismatches(page, frameAt(n))).toEqual([]);
    // The deep link follows what is on screen.
    await page.waitForFunction(`location.search.includes('step=${n}')`);
    await page.close();
  });

  it('lists the server\'s replays and shows metrics at 4K', async () => {
    const page = await newPage(3840, 2160);
    await page.goto(`${server.url}/?mode=replay`);
    await page.locator('.replay-item').first().waitFor();
    expect(await page.locator('.replay-item').count()).toBeGreaterThanOrEqual(2);
    await page.locator(`[data-source="replay:${clickGuid}"]`).click();
    await settled(page);
    await page.locator('#metrics').waitFor({ timeout: 30_000 });
    expect(await page.locator('#metrics td').first().textContent()).toBe('1');
    await page.screenshot({ path: join(SHOTS, 'replay-3840x2160.png') });
    await page.close();
  });

  it('shows an agent\'s reasoning and jumps to its perseveration episode', async () => {
    const post = async (path: string, body: unknown) => (await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json() as Promise<Record<string, unknown>>;
    const { card_id } = await post('/api/scorecard/open', { tags: ['agent'], player: 'stubborn' });
    const { guid } = await post('/api/cmd/RESET', { game_id: 'tg38', card_id });
    // ACTION5 is not a tg38 action: accepted, counted, changes nothing. The first try is a probe;
    // the repeats are one perseveration episode.
    for (let i = 1; i <= 6; i++) await post('/api/cmd/ACTION5', { game_id: 'tg38', guid, reasoning: `try ${i}` });
    await post('/api/cmd/ACTION4', { game_id: 'tg38', guid, reasoning: { plan: 'go right' } });
    const replay = parseReplay(await (await fetch(`${server.url}/api/sessions/${guid}/replay`)).text());
    const entry = findGame(replay.header.game_id);
    const score = scoreReplay(replay, entry, { baseline: baselineFor(entry) });
    const episodes = score.levels.flatMap((l) => l.episode_list.map((e) => e.t));
    expect(episodes.length).toBe(1);

    const page = await newPage();
    await page.goto(`${server.url}/?replay=${guid}&step=0`);
    await settled(page);
    await page.locator('#metrics').waitFor({ timeout: 30_000 });
    await page.locator('#next-episode').click();
    await page.waitForFunction(`window.tabula.replayStep === ${episodes[0]}`);
    expect(await page.locator('#reasoning').textContent()).toBe(`try ${episodes[0]}`);
    expect(await page.locator('#label').textContent()).toBe('PERSEVERATION');
    await page.locator('#scrubber').focus();
    await page.keyboard.press('End');
    await page.waitForFunction('window.tabula.replayStep === 7');
    expect(JSON.parse((await page.locator('#reasoning').textContent())!)).toEqual({ plan: 'go right' });
    expect(await page.locator('#action').textContent()).toBe('7: ACTION4');
    await page.screenshot({ path: join(SHOTS, 'replay-1280x720-episode.png') });
    // Play from the start at 64 steps a second: it runs to the end and stops there.
    await page.keyboard.press('Home');
    await page.locator('#speed').selectOption('64');
    await page.locator('#play').click();
    await page.waitForFunction('window.tabula.replayStep === 7');
    await page.waitForFunction(`document.getElementById('play').textContent === '▶'`);
    await page.close();
  });

  it('refuses a tampered replay with the first step that does not verify, keeping the page usable', async () => {
    const text = await (await fetch(`${server.url}/api/sessions/${clickGuid}/replay`)).text();
    const lines = text.split('\n');
    const step2 = JSON.parse(lines[2]!) as { hash: string };
    step2.hash = step2.hash.replace(/^./, (c) => (c === '0' ? '1' : '0'));
    lines[2] = JSON.stringify(step2);
    const page = await newPage();
    await page.goto(`${server.url}/?mode=replay`);
    await page.locator('#file').setInputFiles({ name: 'tampered.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(lines.join('\n')) });
    await page.waitForFunction('window.tabula.error !== ""');
    const message = (await page.locator('#message').textContent())!;
    expect(message).toContain('step t=2');
    expect(message).toContain('does not re-simulate');
    expect((await hookOf(page)).ready).toBe(false);
    await page.close();
  });
});
