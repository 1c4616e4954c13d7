import { formatAction, solveLevel } from '../../core/index.ts';
import { findGame } from '../../envs/index.ts';
import { intOption, UsageError, type Command } from '../cli.ts';

export const solve: Command = {
  summary: 'print the optimal solution of each level (or one) and its length',
  usage: 'solve <code> [--level N] [--seed S] [--json]',
  options: { level: { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } },
  run({ values, positionals }) {
    const [code] = positionals;
    if (code === undefined) throw new UsageError('name a game by its code, e.g. tabula solve tg38 (see tabula list)');
    const { game, gameId } = findGame(code);
    const seed = intOption(values.seed, 'seed') ?? null;
    const count = game.levelsFor(seed).length;
    const level = intOption(values.level, 'level');
    if (level !== undefined && (level < 1 || level > count)) throw new UsageError(`--level must be 1..${count} for ${gameId}`);
    const levels = level === undefined ? [...Array(count).keys()] : [level - 1];
    const results = levels.map((i) => {
      const solution = solveLevel(game, i, { seed });
      return { level: i + 1, optimal: solution?.optimal ?? null, actions: solution?.actions.map(formatAction) ?? null };
    });
    if (values.json) console.log(JSON.stringify({ game_id: gameId, seed, levels: results }, null, 2));
    else {
      for (const r of results) {
        console.log(r.actions === null ? `level ${r.level}: unsolvable` : `level ${r.level}: ${r.optimal} actions: ${r.actions.join(' ')}`);
      }
    }
    return results.some((r) => r.actions === null) ? 1 : 0;
  },
};
