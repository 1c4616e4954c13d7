/**
 * The replay's timeline strip: one band of 16-action windows coloured by behaviour (explore,
 * travel, perseverate, flail, from scoreReplay's timeline), a thin band of per-step labels, ticks
 * for level changes, deaths and resets, and the current position. Clicking or dragging on it seeks.
 * Plain 2D canvas: it is redrawn only when the position moves.
 */
import type { Label, ReplayStep, TimelineWindow, WindowKind } from '../../core/index.ts';

export const KIND_COLOURS: Record<WindowKind, string> = {
  EXPLORE: '#4FCC30',
  TRAVEL: '#88D8F1',
  PERSEVERATE: '#FF851B',
  FLAIL: '#F93C31',
};

export const LABEL_COLOURS: Record<Label, string> = {
  PROGRESS: '#FFDC00',
  RESET: '#999999',
  DEAD_ACT: '#921231',
  DISCOVERY: '#4FCC30',
  PROBE: '#1E93FF',
  PERSEVERATION: '#FF851B',
  RETRACE: '#CCCCCC',
};

export const MARK_COLOURS = { level: '#FFFFFF', death: '#E53AA3', reset: '#A356D6' } as const;

export class TimelineStrip {
  readonly canvas: HTMLCanvasElement;
  private position = 0;
  private timeline: readonly TimelineWindow[] = [];
  private labels: readonly Label[] | undefined;
  /** Everything but the position, drawn once per size or score: a 10,000-step strip is thousands of rects. */
  private readonly base = document.createElement('canvas');
  private baseWidth = 0;

  constructor(
    private readonly steps: readonly ReplayStep[],
    onSeek: (step: number) => void,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'strip';
    this.canvas.height = 36;
    const seekTo = (event: PointerEvent): void => {
      const rect = this.canvas.getBoundingClientRect();
      const share = Math.max(0, Math.min(1, (event.clientX - rect.left) / rect.width));
      onSeek(Math.round(share * this.steps.length));
    };
    this.canvas.addEventListener('pointerdown', (e) => {
      this.canvas.setPointerCapture(e.pointerId);
      seekTo(e);
    });
    this.canvas.addEventListener('pointermove', (e) => {
      if (this.canvas.hasPointerCapture(e.pointerId)) seekTo(e);
    });
    new ResizeObserver(() => this.draw()).observe(this.canvas);
  }

  /** The metrics arrive after the frame is up (scoring re-simulates the whole replay). */
  setScore(timeline: readonly TimelineWindow[], labels: readonly Label[] | undefined): void {
    this.timeline = timeline;
    this.labels = labels;
    this.baseWidth = 0;
    this.draw();
  }

  setPosition(step: number): void {
    this.position = step;
    this.draw();
  }

  draw(): void {
    const width = Math.max(1, Math.round(this.canvas.clientWidth));
    if (this.canvas.width !== width) this.canvas.width = width;
    if (this.baseWidth !== width) this.drawBase(width);
    const ctx = this.canvas.getContext('2d')!;
    ctx.drawImage(this.base, 0, 0);
    const x = (this.position / Math.max(1, this.steps.length)) * width;
    ctx.fillStyle = '#000000';
    ctx.fillRect(Math.min(width - 3, x - 1), 0, 3, 36);
    ctx.fillStyle = '#FFFFFF';
    ctx.fillRect(Math.min(width - 2, x), 0, 1, 36);
  }

  private drawBase(width: number): void {
    this.base.width = width;
    this.base.height = 36;
    this.baseWidth = width;
    const ctx = this.base.getContext('2d')!;
    const n = Math.max(1, this.steps.length);
    const x = (t: number): number => (t / n) * width;
    ctx.fillStyle = '#333333';
    ctx.fillRect(0, 0, width, 36);
    for (const w of this.timeline) {
      ctx.fillStyle = KIND_COLOURS[w.kind];
      ctx.fillRect(x(w.t - 1), 0, Math.max(1, x(w.steps)), 20);
    }
    if (this.labels !== undefined) {
      for (let i = 0; i < this.labels.length; i++) {
        ctx.fillStyle = LABEL_COLOURS[this.labels[i]!];
        ctx.fillRect(x(i), 22, Math.max(1, x(1)), 6);
      }
    }
    let completed = 0;
    for (let i = 0; i < this.steps.length; i++) {
      const s = this.steps[i]!;
      const mark = s.levels_completed > completed ? MARK_COLOURS.level : s.state === 'GAME_OVER' && (i === 0 || this.steps[i - 1]!.state !== 'GAME_OVER') ? MARK_COLOURS.death : s.action === 'RESET' ? MARK_COLOURS.reset : undefined;
      completed = s.levels_completed;
      if (mark === undefined) continue;
      ctx.fillStyle = mark;
      ctx.fillRect(Math.min(width - 2, x(i + 1) - 1), 0, 2, 36);
    }
  }
}
