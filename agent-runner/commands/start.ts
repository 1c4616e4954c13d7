/**
 * `npm start`: Tabula's main job. Builds the viewer when its sources are there (vite's JS API, nothing
 * installed), then serves the API and the viewer on http://127.0.0.1:8001 until SIGTERM or Ctrl-C.
 * Without a viewer yet, the API alone is served and the message says so.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { intOption, type Command } from '../cli.ts';
import { DEFAULT_PORT, startServer } from '../server/index.ts';
import { untilSignal } from './serve.ts';

const VIEWER_CONFIG = 'viewer/vite.config.ts';
const VIEWER_DIST = 'viewer/dist';

export const start: Command = {
  summary: "Tabula's main job: build the viewer and serve it with the API on http://127.0.0.1:8001",
  usage: 'start [--port 8001] [--data ./data] [--no-build]',
  options: { port: { type: 'string' }, data: { type: 'string' }, 'no-build': { type: 'boolean' } },
  async run({ values }) {
    let staticDir: string | undefined;
    if (existsSync(VIEWER_CONFIG)) {
      if (values['no-build'] !== true) {
        console.log('Building the viewer...');
        const vite = await import('vite');
        await vite.build({ configFile: VIEWER_CONFIG, logLevel: 'warn' });
      }
      if (existsSync(VIEWER_DIST)) staticDir = VIEWER_DIST;
    }
    const dataDir = resolve(typeof values.data === 'string' ? values.data : 'data');
    const server = await startServer({ port: intOption(values.port, 'port') ?? DEFAULT_PORT, dataDir, staticDir });
    console.log(
      staticDir === undefined
        ? `Tabula API on ${server.url}/api/games (no viewer built yet: ${VIEWER_CONFIG} is missing)`
        : `Tabula on ${server.url} (viewer) - API at ${server.url}/api/games`,
    );
    console.log(`Replays are written to ${dataDir}/replays. Ctrl-C stops the server.`);
    await untilSignal(server);
    return 0;
  },
};
