/**
 * The frame on screen: a pixi.js v8 canvas showing one 64x64 frame of palette indices as a 64x64
 * texture (a small 2D canvas the frame's pixels are put into), scaled by the largest whole factor that fits its box (nearest-neighbour, so cells
 * stay crisp squares). It renders on demand, never on a ticker: a frame changes only when the
 * player acts or the scrubber moves, and an idle page costs nothing.
 */
import { Application, CanvasSource, Sprite, Texture } from 'pixi.js';
import { FRAME_SIZE, PALETTE_RGB, type Frame } from '../../core/index.ts';

/** Palette index -> one RGBA pixel as a little-endian uint32 (what a Uint32Array over RGBA bytes holds). */
const PIXEL = Uint32Array.from(PALETTE_RGB, ([r, g, b]) => (0xff << 24) | (b << 16) | (g << 8) | r);

export class FrameView {
  readonly canvas: HTMLCanvasElement;
  /** Screen pixels (CSS) per frame cell. */
  scale = 1;
  /** Frames drawn so far (tests and the bench read it). */
  draws = 0;
  /** Milliseconds spent in draw() so far (the bench reads it). */
  drawMs = 0;
  private readonly image = new ImageData(FRAME_SIZE, FRAME_SIZE);
  private readonly pixels = new Uint32Array(this.image.data.buffer);
  private readonly cells = document.createElement('canvas');
  private readonly source: CanvasSource;
  private readonly sprite: Sprite;
  private last: Frame | undefined;

  private constructor(
    private readonly app: Application,
    private readonly box: HTMLElement,
  ) {
    this.canvas = app.canvas;
    // A canvas source, not a buffer one: pixi's canvas renderer caches a buffer's pixels until the
    // buffer object is replaced, but draws a canvas resource as it is now.
    this.cells.width = FRAME_SIZE;
    this.cells.height = FRAME_SIZE;
    this.source = new CanvasSource({ resource: this.cells, scaleMode: 'nearest' });
    this.sprite = new Sprite(new Texture({ source: this.source }));
    app.stage.addChild(this.sprite);
    new ResizeObserver(() => this.fit()).observe(box);
    this.fit();
  }

  /** Mounts a canvas in `box`; the frame grows and shrinks with the box. */
  static async create(box: HTMLElement): Promise<FrameView> {
    const app = new Application();
    // pixi's canvas renderer: one sprite needs no GPU, and measured in headless Chromium (software
    // GL) a WebGL canvas held the page to 11-15 fps while playing and
    // cost 265 ms of shader compiling before the first frame; the canvas renderer keeps 48-60 fps
    // with a first draw of about 20 ms. Never WebGPU (no adapter headless).
    await app.init({
      preference: 'canvas',
      width: FRAME_SIZE,
      height: FRAME_SIZE,
      antialias: false,
      autoStart: false,
      background: '#000000',
      resolution: window.devicePixelRatio || 1,
      autoDensity: true,
    });
    box.append(app.canvas);
    return new FrameView(app, box);
  }

  draw(frame: Frame): void {
    const start = performance.now();
    const pixels = this.pixels;
    for (let i = 0; i < frame.length; i++) pixels[i] = PIXEL[frame[i]!]!;
    this.cells.getContext('2d')!.putImageData(this.image, 0, 0);
    this.source.update();
    this.last = frame;
    this.render();
    this.drawMs += performance.now() - start;
  }

  /** The frame cell under a point in client coordinates; undefined outside the frame. */
  cellAt(clientX: number, clientY: number): { x: number; y: number } | undefined {
    const rect = this.canvas.getBoundingClientRect();
    const x = Math.floor(((clientX - rect.left) / rect.width) * FRAME_SIZE);
    const y = Math.floor(((clientY - rect.top) / rect.height) * FRAME_SIZE);
    return x >= 0 && x < FRAME_SIZE && y >= 0 && y < FRAME_SIZE ? { x, y } : undefined;
  }

  /** Sizes the canvas to 64 x the largest whole scale that fits the box. */
  private fit(): void {
    const side = Math.min(this.box.clientWidth, this.box.clientHeight);
    const scale = Math.max(1, Math.floor(side / FRAME_SIZE));
    if (scale === this.scale && this.app.renderer.width === FRAME_SIZE * scale) return;
    this.scale = scale;
    this.app.renderer.resize(FRAME_SIZE * scale, FRAME_SIZE * scale);
    this.sprite.scale.set(scale);
    if (this.last !== undefined) this.render();
  }

  private render(): void {
    this.app.render();
    this.draws++;
  }
}
