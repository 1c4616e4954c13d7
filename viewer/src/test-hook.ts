/**
 * What the page tells tests and the bench (window.tabula): whether the first frame is drawn, what
 * is on screen, and whether an action is still in flight. Read-only to the page's own code paths;
 * nothing in the viewer reads it back.
 */
export interface TabulaHook {
  /** Set when the first frame of the current mode has been drawn. */
  ready: boolean;
  mode: 'play' | 'replay' | 'none';
  /** Play: actions queued or animating. */
  busy: boolean;
  /** Play: what the last response said. */
  levelIndex: number;
  levelsCompleted: number;
  state: string;
  step: number;
  /** Replay: the step shown (0 = before the first action) and the replay's length. */
  replayStep: number;
  replaySteps: number;
  /** Frames drawn on the canvas so far, and the milliseconds spent drawing them (read from the view). */
  readonly draws: number;
  readonly drawMs: number;
  /** performance.now() when the first frame was drawn. */
  firstPaintMs: number;
  /** The last error shown to the person, if any. */
  error: string;
}

export const hook: TabulaHook = {
  ready: false,
  mode: 'none',
  busy: false,
  levelIndex: 0,
  levelsCompleted: 0,
  state: '',
  step: 0,
  replayStep: 0,
  replaySteps: 0,
  draws: 0,
  drawMs: 0,
  firstPaintMs: 0,
  error: '',
};

declare global {
  interface Window {
    tabula: TabulaHook;
  }
}
window.tabula = hook;

/** The hook's draw counters read the frame view itself. */
export function watchView(view: { readonly draws: number; readonly drawMs: number }): void {
  Object.defineProperty(hook, 'draws', { get: () => view.draws, enumerable: true });
  Object.defineProperty(hook, 'drawMs', { get: () => view.drawMs, enumerable: true });
}

export function markReady(): void {
  if (!hook.ready) hook.firstPaintMs = performance.now();
  hook.ready = true;
}
