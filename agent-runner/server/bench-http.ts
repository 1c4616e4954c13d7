/**
 * The server's figures for `tabula bench` (issue 4's floors): actions/s and p99 latency with 16
 * concurrent sessions and full ARC frames over loopback HTTP, load from a separate process
 * (bench-load.ts); and heap bytes per idle session with 10,000 sessions open, measured in this
 * process, which runs the server. The server's CPU time per action is reported too: it is what the
 * wall-clock rate would be bounded by on an idle machine (1e6 / it, per core). A reference server
 * (Node http answering every action with one fixed full frame, no game, no replay) takes the same
 * load in the same run: on a busy machine, read `http_vs_reference`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { FRAME_CELLS, frameToJson } from '../../core/index.ts';
import { startServer } from './index.ts';

const run = promisify(execFile);
const LOAD = join(import.meta.dirname, 'bench-load.ts');

async function load(args: string[]): Promise<Record<string, number>> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', LOAD, ...args], { timeout: 120_000, maxBuffer: 1 << 20 });
  return JSON.parse(stdout.trim()) as Record<string, number>;
}

/** A full collection, twice with a pause (V8 frees ArrayBuffers on a background thread). */
async function settle(): Promise<number> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * The floor any Node http server sits on: parses each body, answers with a fixed ARC frame response.
 * Answers just enough of the API for bench-load.ts to play against it.
 */
async function referenceServer(): Promise<{ url: string; close(): Promise<void> }> {
  const frame = frameToJson(new Uint8Array(FRAME_CELLS));
  const body = `{"game_id":"ref0-00000000","guid":"00000000-0000-0000-0000-000000000000","frame":[${frame}],"state":"NOT_FINISHED","levels_completed":0,"win_levels":1,"action_input":{"id":1,"data":{}},"available_actions":[1,2,3,4],"full_reset":false}`;
  const server = createServer({ noDelay: true }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (chunks.length > 0) JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const out = req.url === '/api/games' ? '[{"game_id":"ref0-00000000"}]' : req.url === '/api/scorecard/open' ? '{"card_id":"ref"}' : body;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(out) });
      res.end(out);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function benchHttp(options: { quick?: boolean } = {}): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tabula-bench-http-'));
  const idleSessions = options.quick ? 1000 : 10_000;
  const server = await startServer({ port: 0, dataDir, rateLimit: false, maxSessionsPerKey: idleSessions + 100 });
  try {
    await load(['play', server.url, '16', '300']); // warm-up: JIT, caches, connections
    const cpu = process.cpuUsage();
    const played = await load(['play', server.url, '16', options.quick ? '1000' : '3000']);
    const used = process.cpuUsage(cpu);
    const reference = await referenceServer();
    const referencePlayed = await load(['play', reference.url, '16', options.quick ? '1000' : '3000']).finally(() => reference.close());
    const before = await settle();
    await load(['idle', server.url, String(idleSessions)]);
    const after = await settle();
    return {
      http_actions_per_s_16: Math.round((played.actions! * 1000) / played.ms!),
      http_p99_ms_16: Math.round(played.p99_ms! * 100) / 100,
      // The server's own CPU per action (this process runs only the server meanwhile): on a shared,
      // busy machine the wall-clock rate above can be far below what this capacity allows.
      http_server_cpu_us_per_action: Math.round((used.user + used.system) / played.actions!),
      http_reference_actions_per_s_16: Math.round((referencePlayed.actions! * 1000) / referencePlayed.ms!),
      http_vs_reference: Math.round((played.actions! / played.ms! / (referencePlayed.actions! / referencePlayed.ms!)) * 100) / 100,
      bytes_per_idle_session: Math.round((after - before) / idleSessions),
    };
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
