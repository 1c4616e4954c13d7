/**
 * `tabula render`: a level's first frame as a PNG a person can look at (designers check legibility
 * with it; GAMES.md asks that every level be looked at as a picture). The frame is the one a session
 * shows on entering the level, drawn by core's renderFrame, so the picture is what players get.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initContext, renderFrame, type Frame, type Game } from '../../core/index.ts';
import { findGame } from '../../envs/index.ts';
import { intOption, UsageError, type Command } from '../cli.ts';
import { frameToPng, PNG_SCALE } from '../png.ts';

/** The first frame of level `index` (0-based), designed (seed null) or generated for `seed`. */
export function levelFrame(game: Game<unknown>, index: number, seed: number | null): Frame {
  const level = game.levelsFor(seed)[index]!;
  return renderFrame(game.view(game.init(level, initContext(seed, index))), game.letterbox);
}

export const render: Command = {
  summary: 'write a level\'s first frame as a PNG (or every level with --all)',
  usage: 'render <code> [--level N] [--seed S] [--scale K] (--png out.png | --all --out dir/)',
  options: { level: { type: 'string' }, seed: { type: 'string' }, png: { type: 'string' }, all: { type: 'boolean' }, out: { type: 'string' }, scale: { type: 'string' } },
  run({ values, positionals }) {
    const [code] = positionals;
    if (code === undefined) throw new UsageError('name a game by its code, e.g. tabula render tg38 --level 1 --png tg38-1.png (see tabula list)');
    const { game, code: bare } = findGame(code);
    const seed = intOption(values.seed, 'seed') ?? null;
    if (seed !== null && !game.generates) throw new UsageError(`${code} has no generated levels; drop --seed (tabula list shows which games are seeded)`);
    const scale = intOption(values.scale, 'scale') ?? PNG_SCALE;
    if (scale < 1 || scale > 32) throw new UsageError('--scale must be 1..32 pixels per frame cell (default 8: a 512x512 picture)');
    const count = game.levelsFor(seed).length;
    if (values.all) {
      if (typeof values.out !== 'string') throw new UsageError('--all needs --out <dir>: the folder to write one PNG per level into');
      if (values.level !== undefined || values.png !== undefined) throw new UsageError('--all renders every level into --out; drop --level and --png, or drop --all');
      mkdirSync(values.out, { recursive: true });
      for (let i = 0; i < count; i++) {
        const file = join(values.out, `${bare}${seed === null ? '' : `-seed${seed}`}-level${i + 1}.png`);
        writeFileSync(file, frameToPng(levelFrame(game, i, seed), scale));
        console.log(file);
      }
      return 0;
    }
    if (typeof values.png !== 'string') throw new UsageError('say where to write: --png out.png (one level), or --all --out dir/ (every level)');
    const level = intOption(values.level, 'level') ?? 1;
    if (level < 1 || level > count) throw new UsageError(`--level must be 1..${count} for ${code}`);
    writeFileSync(values.png, frameToPng(levelFrame(game, level - 1, seed), scale));
    console.log(values.png);
    return 0;
  },
};
