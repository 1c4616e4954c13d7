/**
 * Random access into a replay's frames. Opening re-simulates every step through the engine
 * (replayAct checks each line's hash, so a replay that does not verify is refused at its first bad
 * step) and keeps a saved session every SNAPSHOT_EVERY steps. Seeking to step k then restores the
 * nearest snapshot at or before k and plays at most SNAPSHOT_EVERY - 1 steps, or just steps forward
 * from where it is: a jump across a 10,000-step replay never replays from the start.
 */
import { createSession, replayAct, Session, stepAction, type Frame, type Game, type ReplayStep, type SessionJson } from '../../core/index.ts';

export const SNAPSHOT_EVERY = 32;

export class ReplayCursor {
  /** The step whose frame is shown: 0 before the first action, k after step k. */
  private at = 0;
  private session: Session<unknown>;
  private readonly snapshots: SessionJson[] = [];

  constructor(
    private readonly game: Game<unknown>,
    private readonly seed: number | null,
    readonly steps: readonly ReplayStep[],
  ) {
    // Verification needs hashes only: this pass draws no frames (seek() draws the one it shows).
    const session = createSession(game, { seed, frames: false });
    this.snapshots.push(session.toJSON());
    for (let i = 0; i < steps.length; i++) {
      replayAct(session, steps[i]!);
      if ((i + 1) % SNAPSHOT_EVERY === 0) this.snapshots.push(session.toJSON());
    }
    this.session = Session.restore(game, this.snapshots[0]!);
  }

  get step(): number {
    return this.at;
  }

  /** Moves to step k (clamped to 0..steps.length) and returns its frame. */
  seek(k: number): Frame {
    const target = Math.max(0, Math.min(this.steps.length, Math.round(k)));
    const base = Math.floor(target / SNAPSHOT_EVERY) * SNAPSHOT_EVERY;
    if (target < this.at || base > this.at) {
      this.session = Session.restore(this.game, this.snapshots[base / SNAPSHOT_EVERY]!);
      this.at = base;
    }
    // Already verified when the cursor was built: plain steps from here.
    while (this.at < target) {
      this.session.act(stepAction(this.steps[this.at]!));
      this.at++;
    }
    return this.session.frame();
  }

  /** The session at the current step (level, state, counters). */
  get current(): Session<unknown> {
    return this.session;
  }
}

