/**
 * `tabula serve`: the JSON action API (API.md) until SIGTERM or Ctrl-C, which close it gracefully
 * (requests in flight finish, replay files are flushed and closed). Keys are never printed.
 */
import { intOption, UsageError, type Command } from '../cli.ts';
import { startServer, type RunningServer } from '../server/index.ts';

export const serve: Command = {
  summary: 'serve the ARC-AGI-3-style JSON action API (default http://127.0.0.1:8001)',
  usage: 'serve [--host 127.0.0.1] [--port 8001] [--data ./data] [--static dir] [--idle-minutes 15] [--max-sessions 1000] [--keys k1,k2]',
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    data: { type: 'string' },
    static: { type: 'string' },
    'idle-minutes': { type: 'string' },
    'max-sessions': { type: 'string' },
    keys: { type: 'string' },
  },
  async run({ values }) {
    const keys = typeof values.keys === 'string' ? values.keys.split(',').filter((k) => k !== '') : undefined;
    if (keys !== undefined && keys.length === 0) throw new UsageError('--keys needs a comma-separated list of API keys, e.g. --keys k1,k2');
    const idle = intOption(values['idle-minutes'], 'idle-minutes');
    const server = await startServer({
      host: typeof values.host === 'string' ? values.host : undefined,
      port: intOption(values.port, 'port'),
      dataDir: typeof values.data === 'string' ? values.data : undefined,
      staticDir: typeof values.static === 'string' ? values.static : undefined,
      idleMs: idle === undefined ? undefined : idle * 60_000,
      maxSessionsPerKey: intOption(values['max-sessions'], 'max-sessions'),
      requireKeys: keys ?? false,
    });
    console.log(`Tabula API listening on ${server.url} (GET ${server.url}/api/games)`);
    await untilSignal(server);
    return 0;
  },
};

/** Resolves once SIGTERM or SIGINT has closed the server. */
export function untilSignal(server: RunningServer): Promise<void> {
  return new Promise((done) => {
    const stop = (): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      void server.close().then(done);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
