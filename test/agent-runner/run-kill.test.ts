/**
 * A second Ctrl-C quits `tabula run` at once, and takes the agent processes with it: they run in
 * process groups of their own (so the terminal's first Ctrl-C lets the runner stop them cleanly),
 * so nothing else would. Through the real command, with a stdio agent that never answers.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const root = mkdtempSync(join(tmpdir(), 'tabula-run-kill-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

it('a second SIGINT exits 130 and kills the agent processes of every worker', async () => {
  const pidfile = join(root, 'agent.pid');
  const agent = `cmd:node test/fixtures/agents/stdio-agent.mjs silent ${pidfile}`;
  const args = ['run', '--agent', agent, '--games', 'tg38', '--seeds', '1', '--workers', '1', '--out', join(root, 'out'), '--no-report', '--timeout-ms', '600000'];
  const child = spawn('node', ['agent-runner/bin/tabula.mjs', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  for (let i = 0; i < 300 && !existsSync(pidfile); i++) await sleep(50); // the agent is up and waiting
  const pid = Number(readFileSync(pidfile, 'utf8'));
  expect(running(pid)).toBe(true);
  child.kill('SIGINT');
  await sleep(300);
  child.kill('SIGINT');
  const code = await exited;
  for (let i = 0; i < 50 && running(pid); i++) await sleep(40);
  const left = running(pid);
  if (left) process.kill(pid, 'SIGKILL'); // fail, but leave no orphan behind
  expect(code, stderr).toBe(130);
  expect(stderr).toContain('stopped at once');
  expect(left).toBe(false);
});
