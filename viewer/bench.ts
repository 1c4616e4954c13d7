/**
 * The viewer's speed, measured (`npm run bench:viewer`), never asserted in a test: the viewer is
 * built, served by the real Tabula server, and driven in headless Chromium.
 *   first_paint_ms          navigation to the first frame on the canvas, play mode (median of 5 loads)
 *   replay_first_paint_ms   the same for a 10,000-step replay opened by deep link (re-simulated and
 *                           verified before its first frame)
 *   play_fps                animation frames per second while a key is pressed on every frame
 *   play_actions_per_s      actions the page played (server round trip included) in that time
 *   scrub_fps               animation frames per second while the scrubber jumps to a random step
 *                           of the 10,000-step replay on every frame (each jump redraws)
 *   *_worst_frame_ms        the longest gap between two animation frames (jank)
 *   scrub_js_ms_per_frame   the viewer's own work per scrub jump (seek, draw, panel), the rest of
 *                           a frame is the browser's layout and compositing
 * Headless Chromium draws with a software renderer and the machine is shared: read these as
 * lower bounds. `--json` prints one JSON object.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../agent-runner/server/index.ts';
import { createRng, createSession, replayHeader, replayLine, replayStep, ACTIONS } from '../core/index.ts';
import { findGame } from '../envs/index.ts';
import { buildViewer, launchChromium } from '../test/viewer/browser.ts';

const REPLAY_STEPS = 10_000;
const SECONDS = 3;

/** A seeded random walk of REPLAY_STEPS actions on a keyboard game, as a replay file. */
function longReplay(): string {
  const entry = findGame('tg38');
  const session = createSession(entry.game);
  const rng = createRng(7);
  const header = replayHeader({ game_id: entry.gameId, seed: null, player: { kind: 'agent', name: 'bench-random' }, created_at: '2026-01-01T00:00:00.000Z', engine: 'bench' });
  let text = replayLine(header);
  const moves = entry.game.availableActions.filter((a) => a !== 'ACTION6' && a !== 'ACTION7');
  for (let t = 1; t <= REPLAY_STEPS; t++) {
    const name = session.status !== 'NOT_FINISHED' || rng.int(200) === 0 ? 'RESET' : rng.pick(moves);
    text += replayLine(replayStep(t, session.act(ACTIONS[name as keyof typeof ACTIONS])));
  }
  return text;
}

/** Counts animation frames for SECONDS while `work` runs on every frame; in the page. */
const MEASURE = (work: string) => `new Promise((done) => {
  const work = ${work};
  const start = performance.now();
  let frames = 0, worst = 0, last = start, busy = 0, draws0 = window.tabula.draws, step0 = window.tabula.step;
  function tick(now) {
    frames++;
    worst = Math.max(worst, now - last);
    last = now;
    const t = performance.now();
    work(frames);
    busy += performance.now() - t;
    if (now - start < ${SECONDS * 1000}) requestAnimationFrame(tick);
    else done({ fps: frames / ((now - start) / 1000), worst, jsMs: busy / frames, draws: window.tabula.draws - draws0, steps: window.tabula.step - step0, seconds: (now - start) / 1000 });
  }
  requestAnimationFrame(tick);
})`;

const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const outDir = await buildViewer();
  const dataDir = mkdtempSync(join(tmpdir(), 'tabula-viewer-bench-'));
  writeFileSync(join(outDir, 'bench-10k.jsonl'), longReplay());
  const server = await startServer({ port: 0, dataDir, staticDir: outDir });
  const browser = await launchChromium();
  const results: Record<string, number> = {};
  try {
    const page = await browser.newPage(1280, 720);
    const paints: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto(`${server.url}/?play=tg38&player=bench`);
      await page.waitForFunction('window.tabula.ready === true');
      paints.push((await page.evaluate('window.tabula.firstPaintMs')) as number);
    }
    results.first_paint_ms = Math.round(median(paints));

    // Left and right alternately, one key per animation frame: the queue never starves.
    const play = (await page.evaluate(MEASURE(`(i) => document.dispatchEvent(new KeyboardEvent('keydown', { key: i % 2 ? 'ArrowLeft' : 'ArrowRight', bubbles: true }))`))) as Record<string, number>;
    await page.waitForFunction('window.tabula.busy === false');
    results.play_fps = Math.round(play.fps! * 10) / 10;
    results.play_worst_frame_ms = Math.round(play.worst!);
    results.play_actions_per_s = Math.round(((await page.evaluate('window.tabula.step')) as number) / play.seconds!);

    const replayPaints: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(`${server.url}/?url=bench-10k.jsonl&step=${REPLAY_STEPS / 2}`);
      await page.waitForFunction(`window.tabula.ready === true && window.tabula.replaySteps === ${REPLAY_STEPS}`, undefined, { timeout: 60_000 });
      replayPaints.push((await page.evaluate('window.tabula.firstPaintMs')) as number);
    }
    results.replay_first_paint_ms = Math.round(median(replayPaints));
    await page.locator('#metrics').waitFor({ timeout: 120_000 });
    const scrub = (await page.evaluate(MEASURE(`(() => {
      const range = document.getElementById('scrubber');
      let x = 12345;
      return () => { x = (x * 1103515245 + 12345) % 2147483648; range.value = String(x % ${REPLAY_STEPS + 1}); range.dispatchEvent(new Event('input')); };
    })()`))) as Record<string, number>;
    results.scrub_fps = Math.round(scrub.fps! * 10) / 10;
    results.scrub_worst_frame_ms = Math.round(scrub.worst!);
    results.scrub_draws_per_s = Math.round(scrub.draws! / scrub.seconds!);
    results.scrub_js_ms_per_frame = Math.round(scrub.jsMs! * 100) / 100;
  } finally {
    await browser.close();
    await server.close();
    rmSync(outDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  }
  if (json) console.log(JSON.stringify(results));
  else for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(24)} ${v}`);
}

await main();
