/**
 * `tabula render`, run as a real process: the PNG it writes decodes back to exactly the first frame a
 * real session shows on that level, and bad calls say what to send instead.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tabula } from '../helpers/tabula-cli.ts';
import { createSession, solveLevel } from '../../core/index.ts';
import { findGame } from '../../envs/index.ts';
import { frameToPng, pngToFrame } from '../../agent-runner/png.ts';


describe('tabula render', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tabula-render-'));

  it('writes level N as the frame a session shows on entering it, 8 pixels a cell', async () => {
    const { game } = findGame('tg38');
    const session = createSession(game);
    for (const a of solveLevel(game, 0)!.actions) session.act(a);
    expect(session.level).toBe(1);
    const file = join(dir, 'tg38-2.png');
    const { code, stdout } = await tabula('render', 'tg38', '--level', '2', '--png', file);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(file);
    const bytes = readFileSync(file);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(Array.from(pngToFrame(bytes))).toEqual(Array.from(session.frame()));
  });

  it('--all --out writes one picture per level, each different', async () => {
    const out = join(dir, 'all');
    const { code } = await tabula('render', 'mq74', '--all', '--out', out);
    expect(code).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual(findGame('mq74').game.levels.map((_, i) => `mq74-level${i + 1}.png`).sort());
    const pictures = new Set(files.map((f) => readFileSync(join(out, f)).toString('base64')));
    expect(pictures.size).toBe(files.length);
  });

  it('refuses a bad call with what to send instead, and writes nothing', async () => {
    const missing = await tabula('render', 'tg38');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--png out\.png/);
    const level = await tabula('render', 'tg38', '--level', '99', '--png', join(dir, 'no.png'));
    expect(level.code).toBe(2);
    expect(level.stderr).toMatch(/--level must be 1\.\.8/);
    const unknown = await tabula('render', 'zz99', '--png', join(dir, 'no.png'));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/send one of/);
    const unseeded = await tabula('render', 'tg38', '--seed', '1', '--png', join(dir, 'no.png'));
    expect(unseeded.code).toBe(2);
    expect(unseeded.stderr).toMatch(/tg38 has no generated levels; drop --seed/);
    expect(unseeded.stderr).not.toContain(findGame('tg38').game.id);
    const range = await tabula('render', 'hd27', '--seed', '2000000', '--png', join(dir, 'no.png'));
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/seed 2000000 is in no seed range; send a whole number in practice 0\.\.999/);
    expect(readdirSync(dir)).not.toContain('no.png');
  });

  it('renders a seed\'s generated level, which differs from the designed one', async () => {
    const file = join(dir, 'hd27-seed.png');
    const { code } = await tabula('render', 'hd27', '--level', '8', '--seed', '1000000', '--png', file);
    expect(code).toBe(0);
    const session = createSession(findGame('hd27').game, { seed: 1_000_000 });
    const game = findGame('hd27').game;
    for (let i = 0; i < 7; i++) for (const a of solveLevel(game, i, { seed: 1_000_000 })!.actions) session.act(a);
    expect(session.level).toBe(7);
    expect(Array.from(pngToFrame(readFileSync(file)))).toEqual(Array.from(session.frame()));
  });

  it('encodes and decodes every palette colour exactly', () => {
    const frame = new Uint8Array(64 * 64).map((_, i) => i % 16);
    expect(Array.from(pngToFrame(frameToPng(frame, 2), 2))).toEqual(Array.from(frame));
  });
});
