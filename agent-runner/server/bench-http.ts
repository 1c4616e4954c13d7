/**
 * The server's figures for `tabula bench` (issue 4's floors): actions/s and p99 latency with 16
 * concurrent sessions and full ARC frames over loopback HTTP, load from a separate process
 * (bench-load.ts); and heap bytes per idle session with 10,000 sessions open, measured in this
 * process, which runs the server. The server's CPU time per action is reported too: it is what the
 * wall-clock rate would be bounded by on an idle machine (1e6 / it, per core).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
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

export async function benchHttp(options: { quick?: boolean } = {}): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tabula-bench-http-'));
  const idleSessions = options.quick ? 1000 : 10_000;
  const server = await startServer({ port: 0, dataDir, rateLimit: false, maxSessionsPerKey: idleSessions + 100 });
  try {
    await load(['play', server.url, '16', '300']); // warm-up: JIT, caches, connections
    const cpu = process.cpuUsage();
    const played = await load(['play', server.url, '16', options.quick ? '1000' : '3000']);
    const used = process.cpuUsage(cpu);
    const before = await settle();
    await load(['idle', server.url, String(idleSessions)]);
    const after = await settle();
    return {
      http_actions_per_s_16: Math.round((played.actions! * 1000) / played.ms!),
      http_p99_ms_16: Math.round(played.p99_ms! * 100) / 100,
      // The server's own CPU per action (this process runs only the server meanwhile): on a shared,
      // busy machine the wall-clock rate above can be far below what this capacity allows.
      http_server_cpu_us_per_action: Math.round((used.user + used.system) / played.actions!),
      bytes_per_idle_session: Math.round((after - before) / idleSessions),
    };
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
