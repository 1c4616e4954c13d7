/**
 * `tabula run`'s progress on stderr. On a terminal, one line redrawn in place:
 *   [#####.....] 12/48 episodes  34,512 steps  3.1k steps/s  ETA 0:42
 * Elsewhere (a log, a CI job), the same line as plain text when an episode ends, at most every 2 s,
 * and once at the end. Quiet prints nothing. Counts arrive per episode (and from slow agents'
 * heartbeats), never per step.
 */
const BAR = 10;
const TTY_REDRAW_MS = 200;
const LOG_EVERY_MS = 2000;

export interface ProgressOptions {
  readonly total: number;
  readonly quiet?: boolean;
  readonly stream?: NodeJS.WriteStream;
  /** Steps of the episodes in flight (not yet reported), read when the line is drawn. */
  readonly inFlightSteps?: () => number;
  readonly now?: () => number;
}

export class Progress {
  private done = 0;
  private steps = 0;
  private readonly started: number;
  private lastLog: number;
  private timer: NodeJS.Timeout | undefined;
  private readonly stream: NodeJS.WriteStream;
  private readonly tty: boolean;
  private readonly now: () => number;

  constructor(private readonly options: ProgressOptions) {
    this.stream = options.stream ?? process.stderr;
    this.tty = this.stream.isTTY === true;
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
    this.lastLog = this.started - LOG_EVERY_MS; // the first finished episode prints at once
    if (!options.quiet) {
      this.timer = setInterval(() => this.draw(false), this.tty ? TTY_REDRAW_MS : LOG_EVERY_MS);
      this.timer.unref();
    }
  }

  /** One episode finished (or was given up) after `steps` actions. */
  episode(steps: number): void {
    this.done++;
    this.steps += steps;
    if (!this.tty) this.draw(false);
  }

  /** The line as it stands. */
  line(): string {
    const { total } = this.options;
    const elapsed = (this.now() - this.started) / 1000;
    const steps = this.steps + (this.options.inFlightSteps?.() ?? 0);
    const filled = total === 0 ? BAR : Math.floor((BAR * this.done) / total);
    const rate = elapsed > 0 ? steps / elapsed : 0;
    const left = total - this.done;
    const eta = this.done === 0 ? '?' : clock((elapsed / this.done) * left);
    return `[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${this.done}/${total} episodes  ${steps.toLocaleString('en')} steps  ${short(rate)} steps/s  ETA ${eta}`;
  }

  /** Draws the line (a log line only every 2 s unless `force`). */
  draw(force: boolean): void {
    if (this.options.quiet) return;
    if (this.tty) {
      this.stream.write(`\r${this.line()}\x1b[K`);
      return;
    }
    const t = this.now();
    if (!force && t - this.lastLog < LOG_EVERY_MS) return;
    this.lastLog = t;
    this.stream.write(`${this.line()}\n`);
  }

  /** Prints a message on its own line (the TTY line is redrawn after it). */
  note(text: string): void {
    if (this.options.quiet) return;
    if (this.tty) this.stream.write(`\r\x1b[K${text}\n`);
    else this.stream.write(`${text}\n`);
  }

  /** The final line; the progress line stops updating. */
  finish(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    if (this.options.quiet) return;
    this.draw(true);
    if (this.tty) this.stream.write('\n');
  }
}

/** 3.1k, 12.4M, 950. */
function short(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}

/** Seconds as m:ss (h:mm:ss past an hour). */
function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
