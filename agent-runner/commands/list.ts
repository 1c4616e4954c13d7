import { solveLevel } from '../../core/index.ts';
import { GAMES } from '../../envs/index.ts';
import type { Command } from '../cli.ts';

export interface GameListing {
  readonly game_id: string;
  readonly code: string;
  readonly levels: number;
  readonly available_actions: readonly string[];
  readonly tags: readonly string[];
  readonly optimal_actions: readonly number[];
  readonly generates: boolean;
}

/** What `tabula list` shows per game: public facts only (no names, no descriptions). */
export function listGames(): GameListing[] {
  return GAMES.map(({ code, gameId, game, tags }) => ({
    game_id: gameId,
    code,
    levels: game.levels.length,
    available_actions: game.availableActions,
    tags,
    optimal_actions: game.levels.map((_, i) => solveLevel(game, i)?.optimal ?? -1),
    generates: game.generates,
  }));
}

export const list: Command = {
  summary: 'list the games: public id, levels, actions, optimal actions per level, whether seeds generate levels',
  usage: 'list [--json]',
  options: { json: { type: 'boolean' } },
  run({ values }) {
    const games = listGames();
    if (values.json) {
      console.log(JSON.stringify(games, null, 2));
      return 0;
    }
    const rows = games.map((g) => [g.game_id, String(g.levels), g.available_actions.join(','), g.optimal_actions.join(' '), g.generates ? 'yes' : 'no']);
    // "seeded" says whether the game generates fresh levels for --seed (ranges in core/variants.ts).
    const header = ['game_id', 'levels', 'available_actions', 'optimal actions per level', 'seeded'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
    return 0;
  },
};
