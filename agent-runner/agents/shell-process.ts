/**
 * An external agent's process, as both external agents run it (subprocess.ts over stdio, http.ts over
 * the API): a shell command (`sh -c`) in its own process group, so that stopping it also stops
 * whatever it started (sh itself, a python under a wrapper script) and no orphan outlives an episode.
 * Its stderr (and, for HTTP programs, its stdout) is kept as a bounded tail for error messages, and
 * copied to the runner's stderr only when asked.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** The name an external agent's replays carry; ReplayHeaderSchema allows at most 200 characters. */
export function commandAgentName(prefix: string, command: string): string {
  const name = `${prefix}:${command.trim()}`;
  return name.length <= 200 ? name : `${name.slice(0, 197)}...`;
}

/** The last bytes a process wrote, for error messages: bounded however much it prints. */
export class OutputTail {
  private text = '';
  constructor(private readonly maxChars = 8192) {}

  add(chunk: string): void {
    this.text += chunk;
    if (this.text.length > 2 * this.maxChars) this.text = this.text.slice(-this.maxChars);
  }

  /** The last `count` non-blank lines, or '' when it printed nothing. */
  lastLines(count = 12): string {
    const lines = this.text.slice(-this.maxChars).split('\n').filter((l) => l.trim() !== '');
    return lines.slice(-count).join('\n');
  }
}

/** After SIGKILL, how long the output pipes may stay open before they are dropped. */
const KILL_WAIT_MS = 2000;

/** The promise's value, or undefined if it takes longer than `ms`. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  readonly spawnError?: string;
}

export interface ShellProcessOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** 'pipe': the caller talks over stdin/stdout (stdio agents); 'tail': stdout joins the tail too. */
  readonly stdout: 'pipe' | 'tail';
  /** Also copy what goes into the tail to the runner's stderr. */
  readonly pass?: boolean;
}

/** Every agent process group this thread started that has not exited: a hard stop kills them all. */
const LIVE = new Set<ShellProcess>();

/**
 * SIGKILLs every live agent process group this thread started. Agents run in groups of their own
 * (detached), so a terminal's Ctrl-C never reaches them: a runner quitting at once must kill them.
 */
export function killAllShellProcesses(): void {
  for (const p of LIVE) p.signal('SIGKILL');
}

export class ShellProcess {
  readonly child: ChildProcess;
  readonly tail = new OutputTail();
  /** Resolves once the process has exited and its output streams are closed. */
  readonly exited: Promise<ProcessExit>;
  exit: ProcessExit | undefined;

  constructor(command: string, options: ShellProcessOptions) {
    this.child = spawn('sh', ['-c', command], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true, // a process group of its own: see signal()
    });
    LIVE.add(this);
    const keep = (chunk: string): void => {
      this.tail.add(chunk);
      if (options.pass === true) process.stderr.write(chunk);
    };
    this.child.stderr!.setEncoding('utf8').on('data', keep);
    if (options.stdout === 'tail') this.child.stdout!.setEncoding('utf8').on('data', keep);
    // A process that died before reading its input makes writes fail with EPIPE: its exit says why.
    this.child.stdin!.on('error', () => {});
    this.exited = new Promise((resolve) => {
      this.child.once('error', (error) => {
        this.exit = { code: null, signal: null, spawnError: error.message };
        resolve(this.exit);
      });
      // 'close', not 'exit': what it wrote just before exiting has been read by then.
      this.child.once('close', (code, signal) => {
        this.exit ??= { code, signal };
        resolve(this.exit);
      });
    });
    void this.exited.then(() => LIVE.delete(this));
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Signals the whole process group (the shell and everything it started); a gone group is fine. */
  signal(signal: NodeJS.Signals): void {
    const pid = this.child.pid;
    if (pid === undefined) return;
    try {
      process.kill(-pid, signal);
    } catch {
      // ESRCH: nothing left in the group.
    }
  }

  /**
   * Stops it: `first` (nothing: it was already asked, e.g. its stdin closed; or SIGTERM), up to
   * `graceMs` to exit on its own, then SIGKILL. The group is killed even after a clean exit, so a
   * background child it left behind goes too.
   */
  async stop(graceMs: number, first?: NodeJS.Signals): Promise<ProcessExit> {
    if (this.exit === undefined) {
      if (first !== undefined) this.signal(first);
      await within(this.exited, graceMs);
    }
    this.signal('SIGKILL');
    // 'close' waits for the output pipes too: a descendant that left the group (setsid) may hold them.
    // The shell itself is gone after SIGKILL, so stop listening to it rather than wait forever.
    if ((await within(this.exited, KILL_WAIT_MS)) === undefined) {
      this.child.stdout?.destroy();
      this.child.stderr?.destroy();
    }
    return this.exited;
  }
}

/** "exited with code 3", "was killed by SIGKILL", "could not start (spawn sh ENOENT)", plus its last output. */
export function describeExit(exit: ProcessExit, tail: OutputTail, what = 'stderr'): string {
  const how =
    exit.spawnError !== undefined
      ? `could not start (${exit.spawnError})`
      : exit.signal !== null
        ? `was killed by ${exit.signal}`
        : `exited with code ${exit.code}`;
  const last = tail.lastLines();
  return last === '' ? `${how} (nothing on ${what})` : `${how}; last lines of its ${what}:\n${last}`;
}
