/**
 * The viewer with no Tabula server (served by `vite preview`, so /api does not answer): play runs
 * on the in-browser engine and every replay line lands in localStorage as it is made. A level is
 * finished with keys (undo included), the tab is closed mid-level, and the play is found again in
 * replay mode, verified, and drawn exactly as the engine draws its last step; the download button
 * hands over the same bytes.
 */
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preview, type PreviewServer } from 'vite';
import { ACTIONS, createSession, formatAction, parseReplay, solveLevel, stepAction, verifyReplay } from '../../core/index.ts';
import { findGame } from '../../envs/index.ts';
import { VIEWER_CONFIG, buildViewer, canvasMismatches, hookOf, keyFor, launchChromium, settled } from './browser.ts';

let outDir: string;
let server: PreviewServer;
let url: string;
let chromium: Awaited<ReturnType<typeof launchChromium>>;

beforeAll(async () => {
  outDir = await buildViewer();
  server = await preview({ configFile: VIEWER_CONFIG, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
  url = server.resolvedUrls!.local[0]!.replace(/\/$/, '');
  chromium = await launchChromium();
});

afterAll(async () => {
  await chromium?.close();
  await server?.close();
  if (outDir !== undefined) rmSync(outDir, { recursive: true, force: true });
});

describe('play and replay without a server', () => {
  it('records every action in the browser, survives a closed tab, and replays verified', async () => {
    const entry = findGame('vr52');
    const solution = solveLevel(entry.game, 0)!;
    // A move and its undo first, then the solution; then two moves on level 2 before the tab closes.
    const played = [solution.actions[0]!, ACTIONS.ACTION7, ...solution.actions, ACTIONS.ACTION2, ACTIONS.ACTION3];

    const page = await chromium.newPage(1280, 720);
    await page.goto(`${url}/?play=vr52&player=offline-tester`);
    await settled(page);
    expect(await page.locator('#where').textContent()).toBe('this browser only');
    for (const action of played.slice(0, 2 + solution.actions.length)) await page.keyboard.press(keyFor(action));
    await page.waitForFunction('window.tabula.busy === false && window.tabula.levelsCompleted === 1', undefined, { timeout: 30_000 });
    for (const action of played.slice(2 + solution.actions.length)) await page.keyboard.press(keyFor(action));
    await page.waitForFunction(`window.tabula.busy === false && window.tabula.step === ${played.length}`, undefined, { timeout: 30_000 });

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
    const downloaded = readFileSync((await download.path())!, 'utf8');
    const stored = (await page.evaluate(`(() => {
      const index = JSON.parse(localStorage.getItem('tabula.replays'));
      return localStorage.getItem('tabula.replay.' + index[index.length - 1].id);
    })()`)) as string;
    expect(downloaded).toBe(stored);
    await page.close(); // the tab closes mid-level 2

    const replay = parseReplay(stored);
    expect(replay.header.player).toEqual({ kind: 'human', name: 'offline-tester' });
    expect(replay.header.first_play).toBe(true);
    expect(replay.steps.map((s) => formatAction(stepAction(s)))).toEqual(played.map(formatAction));
    expect(verifyReplay(replay.header, replay.steps, entry)).toBe(played.length);

    const again = await chromium.newPage(1600, 900);
    await again.goto(`${url}/?mode=replay`);
    await again.locator('.replay-item').first().click();
    await settled(again);
    expect((await hookOf(again)).replaySteps).toBe(played.length);
    await again.locator('#scrubber').focus();
    await again.keyboard.press('End');
    await again.waitForFunction(`window.tabula.replayStep === ${played.length}`);
    const session = createSession(entry.game);
    for (const action of played) session.act(action);
    expect(await canvasMismatches(again, session.frame())).toEqual([]);
    await again.close();
  });

  it('says so when browser storage is full, and the download still holds every action', async () => {
    const page = await chromium.newPage();
    await page.goto(`${url}/?play=tg38&player=full-tester`);
    await settled(page);
    // Fill this origin's storage to the brim, then play on.
    await page.evaluate(`(() => {
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; ; i++) { try { localStorage.setItem('filler' + i, chunk); } catch { break; } }
      let small = 'x'.repeat(1024);
      for (let i = 0; ; i++) { try { localStorage.setItem('small' + i, small); } catch { break; } }
    })()`);
    for (const key of ['d', 'd', 's']) await page.keyboard.press(key);
    await page.waitForFunction('window.tabula.busy === false && window.tabula.step === 3');
    expect(await page.locator('#message').textContent()).toContain('storage is full');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#download').click()]);
    const replay = parseReplay(readFileSync((await download.path())!, 'utf8'));
    expect(replay.steps.map((s) => s.action)).toEqual(['ACTION4', 'ACTION4', 'ACTION2']);
    expect(verifyReplay(replay.header, replay.steps, findGame('tg38'))).toBe(3);
    await page.evaluate('localStorage.clear()');
    await page.close();
  });

  it('works from the keyboard alone, with focus always visible', async () => {
    const page = await chromium.newPage();
    await page.goto(`${url}/?player=keyboard-only`);
    await page.waitForFunction(`document.activeElement?.id === 'start'`);
    await page.keyboard.press('Enter');
    await settled(page);
    // Focus moved to the frame, with a visible ring; keys play from there.
    expect(await page.evaluate('document.activeElement.id')).toBe('frame');
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
    await page.keyboard.press('d');
    await page.waitForFunction('window.tabula.busy === false && window.tabula.step === 1');
    // A focused on-screen button plays its action on Enter, its focus ring showing.
    await page.locator('.act-ACTION3').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction('window.tabula.busy === false && window.tabula.step === 2');
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).not.toBe('none');
    await page.close();
  });
});
