import type { Command } from '../cli.ts';
import { listGames } from './list.ts';

/**
 * Tabula's main job. The HTTP server and the browser viewer are not built yet (their issues build on
 * the engine); until they land, `npm start` shows what can be played and how, honestly.
 */
export const start: Command = {
  summary: "Tabula's main job: for now, list the games and how to play them from the terminal",
  usage: 'start',
  options: {},
  run() {
    const games = listGames();
    console.log(`Tabula: ${games.length} games, ${games.reduce((n, g) => n + g.levels, 0)} levels.\n`);
    for (const g of games) console.log(`  ${g.game_id}  ${g.levels} levels  ${g.available_actions.join(',')}`);
    console.log(`
Play from the terminal:   npx tabula play ${games[0]!.code} --actions up,left,left --view
Optimal solutions:        npx tabula solve ${games[0]!.code}
Engine speed:             npm run bench
The HTTP API (ARC-AGI-3 dialect) and the browser viewer on http://127.0.0.1:8001 are not built yet.`);
    return 0;
  },
};
