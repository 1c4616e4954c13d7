/**
 * The frame on screen: a pixi.js v8 canvas showing one 64x64 frame of palette indices as a 64x64
 * RGBA texture, scaled by the largest whole factor that fits its box (nearest-neighbour, so cells
 * stay crisp squares). It renders on demand, never on a ticker: a frame changes only when the
 * player acts or the scrubber moves, and an idle page costs nothing.
 */
import { Application, BufferImageSource, Sprite, Texture } from 'pixi.js';
import { FRAME_SIZE, PALETTE_RGB, type Frame } from '../../core/index.ts';

/** Palette index -> one RGBA pixel as a little-endian uint32 (what a Uint32Array over RGBA bytes holds). */
const PIXEL = Uint32Array.from(PALETTE_RGB, ([r, g, b]) => (0xff << 24) | (b << 16) | (g << 8) | r);

export class FrameView {
  readonly canvas: HTMLCanvasElement;
  /** Screen pixels (CSS) per frame cell. */
  scale = 1;
  /** Frames drawn so far (tests and the bench read it). */
  draws = 0;
  private readonly rgba = new Uint8Array(FRAME_SIZE * FRAME_SIZE * 4);
  private readonly pixels = new Uint32Array(this.rgba.buffer);
  private readonly source: BufferImageSource;
  private readonly sprite: Sprite;
  private last: Frame | undefined;

  private constructor(
    private readonly app: Application,
    private readonly box: HTMLElement,
  ) {
    this.canvas = app.canvas;
    this.source = new BufferImageSource({ resource: this.rgba, width: FRAME_SIZE, height: FRAME_SIZE, format: 'rgba8unorm', scaleMode: 'nearest' });
    this.sprite = new Sprite(new Texture({ source: this.source }));
    app.stage.addChild(this.sprite);
    new ResizeObserver(() => this.fit()).observe(box);
    this.fit();
  }

  /** Mounts a canvas in `box`; the frame grows and shrinks with the box. */
  static async create(box: HTMLElement): Promise<FrameView> {
    const app = new Application();
    // WebGL, never WebGPU (no adapter in headless Chromium); the buffer is kept so screenshots and
    // the pixel test read exactly what was drawn.
    await app.init({
      preference: 'webgl',
      width: FRAME_SIZE,
      height: FRAME_SIZE,
      antialias: false,
      autoStart: false,
      background: '#000000',
      preserveDrawingBuffer: true,
      resolution: window.devicePixelRatio || 1,
      autoDensity: true,
    });
    box.append(app.canvas);
    return new FrameView(app, box);
  }

  draw(frame: Frame): void {
    const pixels = this.pixels;
    for (let i = 0; i < frame.length; i++) pixels[i] = PIXEL[frame[i]!]!;
    this.source.update();
    this.last = frame;
    this.render();
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
