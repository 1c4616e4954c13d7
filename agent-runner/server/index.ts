/**
 * `startServer`: the JSON action API (API.md) on Node's own http, with the viewer's built files at /
 * when a static directory is given. The one entry point of agent-runner/server: the CLI (`tabula
 * serve`, `npm start`), the tests and the bench all start the server through it.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { baselineFor, GAMES } from '../../envs/index.ts';
import { Api } from './api.ts';
import { DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit.ts';
import { serveStatic } from './static.ts';
import { ReplayStore } from './store.ts';
import { ENGINE_VERSION } from '../engine-version.ts';

export interface ServerOptions {
  /** Default 127.0.0.1: local only unless asked. */
  readonly host?: string;
  /** Default 8001 (the port ARC-AGI-3 clients assume); 0 = any free port. */
  readonly port?: number;
  /** Default ./data; created on first run. Replays go in <dataDir>/replays. */
  readonly dataDir?: string;
  /** A built viewer; when given and present, served at / (index.html for unknown non-/api paths). */
  readonly staticDir?: string;
  /** Scorecards idle this long close (default 15 minutes). */
  readonly idleMs?: number;
  /** Open sessions one API key may hold (default 1,000). */
  readonly maxSessionsPerKey?: number;
  /** Requests per client (default 20,000/s, burst 20,000); false for none. */
  readonly rateLimit?: RateLimit | false;
  /** false (default): keys optional; true: keys issued by /api/games/anonkey; a list: those keys too. */
  readonly requireKeys?: boolean | readonly string[];
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8001;
export const DEFAULT_IDLE_MS = 15 * 60_000;

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const dataDir = resolve(options.dataDir ?? './data');
  mkdirSync(dataDir, { recursive: true });
  const staticDir = options.staticDir === undefined ? undefined : resolve(options.staticDir);
  const serveFiles = staticDir !== undefined && existsSync(staticDir) && statSync(staticDir).isDirectory();
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;

  // Baselines are solved once per game and cached: done now so the first request is fast.
  for (const entry of GAMES) baselineFor(entry, null);

  const api = new Api(
    {
      idleMs,
      maxSessionsPerKey: options.maxSessionsPerKey ?? 1000,
      rateLimit: options.rateLimit ?? DEFAULT_RATE_LIMIT,
      requireKeys: options.requireKeys ?? false,
      engine: ENGINE_VERSION,
      now: Date.now,
    },
    new ReplayStore(dataDir),
  );
  // Never fatal: the rest are served; the operator is told which files to look at.
  for (const { file, reason } of api.store.unreadable) console.warn(`tabula serve: skipped replay ${file}: ${reason}`);

  const server = createServer({ keepAliveTimeout: 65_000, noDelay: true }, (req, res) => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    const query = q === -1 ? '' : url.slice(q + 1);
    if (path === '/api' || path.startsWith('/api/')) {
      void api.handle(req, res, path, query);
    } else if (serveFiles) {
      void serveStatic(staticDir!, req, res, path).catch(() => res.destroy());
    } else {
      req.resume();
      const body = JSON.stringify({ error: 'VALIDATION_ERROR', message: `no route ${req.method} ${path}: the API is under /api (GET /api/games); no viewer is being served` });
      res.writeHead(404, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    }
  });
  // A request Node cannot parse as HTTP gets ARC's error body and its socket closed; the server carries on.
  server.on('clientError', (error: Error & { code?: string }, socket) => {
    if (!socket.writable) return socket.destroy();
    const body = JSON.stringify({ error: 'VALIDATION_ERROR', message: `malformed HTTP request (${error.code ?? error.message}); send HTTP/1.1 with a valid path and headers` });
    socket.end(`HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });

  const sweeper = setInterval(() => api.sweep(), Math.max(10, Math.min(idleMs / 4, 30_000)));
  sweeper.unref();

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((done) => {
        clearInterval(sweeper);
        server.close(() => {
          api.store.close();
          done();
        });
        server.closeIdleConnections();
        // Requests in flight finish (each writes its replay line before answering); then sockets go.
        setTimeout(() => server.closeAllConnections(), 1000).unref();
      });
      return closing;
    },
  };
}
