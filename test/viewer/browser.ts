/**
 * What the viewer tests share: a build of the viewer into a temp directory, headless Chromium
 * launched the way TOOLCHAIN.md says works here, the key each action is pressed with, and a
 * pixel check of the canvas against an engine frame (a screenshot of the canvas, decoded, one
 * sample at the centre of each of the 64x64 cells).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { build } from 'vite';
import { FRAME_SIZE, PALETTE_RGB, type Action, type Frame } from '../../core/index.ts';

export const VIEWER_CONFIG = 'viewer/vite.config.ts';

/** Builds the viewer into a fresh temp directory; returns it. */
export async function buildViewer(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'tabula-viewer-'));
  await build({ configFile: VIEWER_CONFIG, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

/**
 * One Chromium per test file. Pages come from its one persistent context, so they share
 * localStorage the way tabs of one browser profile do.
 */
export async function launchChromium(): Promise<{ newPage(width?: number, height?: number): Promise<Page>; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'tabula-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    async newPage(width = 1280, height = 720) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      page.on('pageerror', (error) => console.error('page error:', error.message));
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The key a person presses for each keyboard action (issue 6's table, written out independently). */
export function keyFor(action: Action): string {
  switch (action.type) {
    case 'ACTION1': return 'ArrowUp';
    case 'ACTION2': return 's';
    case 'ACTION3': return 'ArrowLeft';
    case 'ACTION4': return 'd';
    case 'ACTION5': return 'Space';
    case 'ACTION7': return 'Control+z';
    case 'RESET': return 'r';
    default: throw new Error(`${action.type} is a click, not a key`);
  }
}

/** Waits for the page's ready flag (first frame drawn) and for no action in flight. */
export async function settled(page: Page): Promise<void> {
  // A string: the test's tsconfig has no DOM types, the page's window has `tabula` (viewer/src/test-hook.ts).
  await page.waitForFunction('window.tabula?.ready === true && window.tabula.busy === false', undefined, { timeout: 30_000 });
}

/** Clicks the centre of frame cell (x, y) on the canvas. */
export async function clickCell(page: Page, x: number, y: number): Promise<void> {
  const box = (await page.locator('#frame').boundingBox())!;
  await page.mouse.click(box.x + ((x + 0.5) * box.width) / FRAME_SIZE, box.y + ((y + 0.5) * box.height) / FRAME_SIZE);
}

/** Cells whose on-screen colour differs from the frame's palette colour (empty when they agree). */
export async function canvasMismatches(page: Page, frame: Frame): Promise<string[]> {
  const png = PNG.sync.read(await page.locator('#frame').screenshot());
  const bad: string[] = [];
  for (let y = 0; y < FRAME_SIZE; y++) {
    for (let x = 0; x < FRAME_SIZE; x++) {
      const px = Math.floor(((x + 0.5) * png.width) / FRAME_SIZE);
      const py = Math.floor(((y + 0.5) * png.height) / FRAME_SIZE);
      const i = (py * png.width + px) * 4;
      const want = PALETTE_RGB[frame[y * FRAME_SIZE + x]!]!;
      const got = [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
      if (got[0] !== want[0] || got[1] !== want[1] || got[2] !== want[2]) bad.push(`(${x},${y}) ${got.join(',')} != ${want.join(',')}`);
    }
  }
  return bad;
}

/** The page's window.tabula (viewer/src/test-hook.ts). */
export async function hookOf(page: Page): Promise<{ ready: boolean; busy: boolean; levelIndex: number; levelsCompleted: number; state: string; step: number; replayStep: number; replaySteps: number; draws: number; firstPaintMs: number; error: string }> {
  return page.evaluate('({ ...window.tabula })');
}
