/**
 * Replay mode, for reading trajectories: open a replay (from the server's list, this browser's
 * plays, a dropped or chosen file, or a URL), re-simulate and verify it, then scrub it: play,
 * pause, step, speed, the frame at each step, the action and the player's reasoning, a timeline
 * strip coloured by behaviour, a jump to the next perseveration episode and a metrics panel. The
 * URL (?replay=<guid>|local=<id>|url=<url> and step=<k>) is a deep link to what is on screen.
 */
import { checkReplayGame, formatAction, parseReplay, stepAction, type Replay, type ReplayScore } from '../../core/index.ts';
import { findGame, type RegisteredGame } from '../../envs/index.ts';
import { api, type ServerReplayInfo } from './api-client.ts';
import { fill, h } from './dom.ts';
import type { FrameView } from './frame-view.ts';
import { listLocalReplays, readLocalReplay } from './local-replays.ts';
import { metricsPanel } from './metrics-panel.ts';
import { ReplayCursor } from './replay-cursor.ts';
import type { ScoreMessage } from './score-worker.ts';
import { hook, markReady } from './test-hook.ts';
import { KIND_COLOURS, MARK_COLOURS, TimelineStrip } from './timeline-strip.ts';

const SPEEDS = [1, 2, 4, 8, 16, 32, 64, 128, 256];

export interface ReplayModeOptions {
  readonly panel: HTMLElement;
  readonly below: HTMLElement;
  readonly stage: HTMLElement;
  readonly view: FrameView;
  readonly server: boolean;
  readonly params: URLSearchParams;
}

/** Where a replay came from, as URL parameters (the deep link without the step). */
type Source = { readonly key: 'replay' | 'local' | 'url'; readonly value: string } | undefined;

export function startReplayMode(o: ReplayModeOptions): () => void {
  hook.mode = 'replay';
  hook.ready = false;
  let disposeLoaded: (() => void) | undefined;
  const message = h('p', { class: 'message', id: 'message', role: 'status' });
  const list = h('div', { class: 'replay-list', id: 'replay-list' });
  const fileInput = h('input', { type: 'file', id: 'file', accept: '.jsonl,.json,.txt,application/x-ndjson' });
  const urlInput = h('input', { type: 'url', id: 'replay-url', placeholder: 'https://…/replay.jsonl', 'aria-label': 'replay URL' });
  const urlButton = h('button', { type: 'button' }, 'Open URL');
  const details = h('div', { class: 'loaded', id: 'loaded' });

  fill(
    o.panel,
    details,
    message,
    h('section', { class: 'sources' },
      h('h2', {}, 'Open a replay'),
      list,
      h('div', { class: 'field' }, h('label', { for: 'file' }, 'File (or drop it on the page)'), fileInput),
      h('div', { class: 'field' }, h('label', { for: 'replay-url' }, 'URL'), h('div', { class: 'row' }, urlInput, urlButton)),
    ),
  );
  fill(o.below);

  function showError(text: string): void {
    message.textContent = text;
    hook.error = text;
  }

  async function showList(): Promise<void> {
    const rows: HTMLElement[] = [];
    const item = (label: string, meta: string, source: NonNullable<Source>): HTMLElement => {
      const button = h('button', { type: 'button', class: 'replay-item', 'data-source': `${source.key}:${source.value}` }, h('span', { class: 'code' }, label), h('span', { class: 'meta' }, meta));
      button.addEventListener('click', () => void openSource(source, 0));
      return h('li', {}, button);
    };
    if (o.server) {
      try {
        const server: ServerReplayInfo[] = await api.replays();
        for (const r of server.slice().reverse()) {
          rows.push(item(r.game_id.slice(0, 4), `${r.player.kind} ${r.player.name}${r.first_play ? ' · first' : ''} · ${r.steps} steps · ${r.levels_completed} lv · ${r.created_at.slice(0, 16).replace('T', ' ')}`, { key: 'replay', value: r.guid }));
        }
      } catch (error) {
        showError(`Could not list the server's replays: ${(error as Error).message}`);
      }
    }
    for (const r of listLocalReplays().reverse()) {
      rows.push(item(r.game_id.slice(0, 4), `this browser · ${r.player} · ${r.created_at.slice(0, 16).replace('T', ' ')}`, { key: 'local', value: r.id }));
    }
    fill(list, rows.length === 0 ? h('p', { class: 'hint' }, 'No stored replays yet.') : h('ul', {}, ...rows));
  }

  async function openSource(source: NonNullable<Source>, step: number): Promise<void> {
    showError('');
    let text: string | undefined;
    try {
      if (source.key === 'replay') text = await api.replay(source.value);
      else if (source.key === 'local') text = readLocalReplay(source.value);
      else {
        const response = await fetch(source.value);
        if (!response.ok) throw new Error(`HTTP ${response.status} from ${source.value}`);
        text = await response.text();
      }
    } catch (error) {
      showError(`Could not fetch the replay: ${(error as Error).message}`);
      return;
    }
    if (text === undefined) {
      showError(`No replay ${source.value} in this browser; pick one from the list.`);
      return;
    }
    open(text, source, step);
  }

  function open(text: string, source: Source, step: number): void {
    let replay: Replay;
    let entry: RegisteredGame;
    let cursor: ReplayCursor;
    try {
      replay = parseReplay(text);
      entry = findGame(replay.header.game_id.split('-')[0]!);
      checkReplayGame(replay.header, entry);
      cursor = new ReplayCursor(entry.game, replay.header.seed, replay.steps);
    } catch (error) {
      showError(`This replay cannot be shown: ${(error as Error).message}`);
      return;
    }
    disposeLoaded?.();
    disposeLoaded = showReplay(text, replay, entry, cursor, source, step);
  }

  function showReplay(text: string, replay: Replay, entry: RegisteredGame, cursor: ReplayCursor, source: Source, startStep: number): () => void {
    const steps = replay.steps;
    const n = steps.length;
    let score: ReplayScore | undefined;
    let episodes: number[] = [];
    let playing = false;
    let speed = 8;
    let timer = 0;
    let carry = 0;
    let lastTick = 0;
    let urlTimer = 0;

    const range = h('input', { type: 'range', id: 'scrubber', min: 0, max: n, value: 0, step: 1, 'aria-label': 'step' });
    const stepLabel = h('span', { id: 'step-label', class: 'step-label' });
    const playButton = h('button', { type: 'button', id: 'play', title: 'Space', 'aria-label': 'play or pause (Space)' }, '▶');
    const control = (symbol: string, title: string, id: string, fn: () => void): HTMLButtonElement => {
      const b = h('button', { type: 'button', id, title, 'aria-label': title }, symbol);
      b.addEventListener('click', fn);
      return b;
    };
    const speedSelect = h('select', { id: 'speed', 'aria-label': 'steps per second' }, ...SPEEDS.map((s) => h('option', { value: s }, `${s}/s`)));
    speedSelect.value = String(speed);
    const nextEpisode = control('⟳ next', 'next perseveration episode (N)', 'next-episode', () => jumpToEpisode());
    nextEpisode.disabled = true;
    const strip = new TimelineStrip(steps, (k) => seek(k));
    const actionLine = h('dd', { id: 'action' });
    const levelLine = h('dd', { id: 'replay-level' });
    const stateLine = h('dd', { id: 'replay-state' });
    const labelLine = h('dd', { id: 'label' });
    const reasoning = h('pre', { id: 'reasoning', class: 'reasoning' });
    const metrics = h('div', { id: 'metrics-box' }, h('p', { class: 'hint' }, 'Scoring…'));

    const legend = h('div', { class: 'legend' },
      ...Object.entries(KIND_COLOURS).map(([k, c]) => h('span', {}, h('i', { style: `background:${c}` }), k.toLowerCase())),
      h('span', {}, h('i', { style: `background:${MARK_COLOURS.level}` }), 'level'),
      h('span', {}, h('i', { style: `background:${MARK_COLOURS.death}` }), 'death'),
      h('span', {}, h('i', { style: `background:${MARK_COLOURS.reset}` }), 'reset'),
    );
    fill(o.below,
      strip.canvas,
      legend,
      h('div', { class: 'controls' },
        control('«', 'first step (Home)', 'first', () => seek(0)),
        control('‹', 'step back (←)', 'back', () => seek(cursor.step - 1)),
        playButton,
        control('›', 'step forward (→)', 'forward', () => seek(cursor.step + 1)),
        control('»', 'last step (End)', 'last', () => seek(n)),
        speedSelect,
        nextEpisode,
        stepLabel,
      ),
      range,
    );
    const h1 = replay.header;
    fill(details,
      h('h2', {}, `${h1.game_id}`),
      h('p', { class: 'fine' }, `${h1.player.kind} ${h1.player.name}${h1.first_play === true ? ' · first play' : ''} · ${n} steps${replay.truncated ? ` · cut off at line ${replay.truncated.line}` : ''} · verified`),
      h('dl', { class: 'step-info' },
        h('dt', {}, 'Action'), actionLine,
        h('dt', {}, 'Level'), levelLine,
        h('dt', {}, 'State'), stateLine,
        h('dt', {}, 'Label'), labelLine,
      ),
      h('h3', {}, 'Reasoning'),
      reasoning,
      metrics,
    );

    function seek(k: number): void {
      const frame = cursor.seek(k);
      o.view.draw(frame);
      const at = cursor.step;
      hook.replayStep = at;
      hook.replaySteps = n;
      range.value = String(at);
      stepLabel.textContent = `${at} / ${n}`;
      strip.setPosition(at);
      const s = at > 0 ? steps[at - 1]! : undefined;
      const session = cursor.current;
      actionLine.textContent = s === undefined ? '–' : `${s.t}: ${formatAction(stepAction(s))}${s.changed ? '' : ' (no change)'}`;
      levelLine.textContent = `${session.level + 1} / ${session.levels.length}`;
      stateLine.textContent = session.status;
      labelLine.textContent = s === undefined || score?.labels === undefined ? '–' : score.labels[at - 1]!;
      reasoning.textContent = s?.reasoning === undefined ? '–' : typeof s.reasoning === 'string' ? s.reasoning : JSON.stringify(s.reasoning, null, 2);
      o.stage.classList.toggle('won', session.status === 'WIN');
      o.stage.classList.toggle('lost', session.status === 'GAME_OVER');
      clearTimeout(urlTimer);
      urlTimer = window.setTimeout(() => writeUrl(at), 250);
      markReady();
    }

    function writeUrl(at: number): void {
      if (source === undefined) return;
      const url = new URL(location.href);
      for (const key of ['replay', 'local', 'url', 'play']) url.searchParams.delete(key);
      url.searchParams.set('mode', 'replay');
      url.searchParams.set(source.key, source.value);
      url.searchParams.set('step', String(at));
      history.replaceState(null, '', url);
    }

    function setPlaying(on: boolean): void {
      playing = on && cursor.step < n;
      playButton.textContent = playing ? '❚❚' : '▶';
      cancelAnimationFrame(timer);
      if (playing) {
        lastTick = performance.now();
        carry = 0;
        timer = requestAnimationFrame(tick);
      }
    }

    /** Advances at `speed` steps per second, one draw per animation frame at most. */
    function tick(now: number): void {
      carry += ((now - lastTick) / 1000) * speed;
      lastTick = now;
      const whole = Math.floor(carry);
      if (whole > 0) {
        carry -= whole;
        seek(cursor.step + whole);
      }
      if (cursor.step >= n) setPlaying(false);
      else timer = requestAnimationFrame(tick);
    }

    function jumpToEpisode(): void {
      const next = episodes.find((t) => t > cursor.step);
      const target = next ?? episodes[0];
      if (target !== undefined) seek(target);
    }

    function onKey(event: KeyboardEvent): void {
      const target = event.target as HTMLElement | null;
      if (target !== null && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')) return;
      if (target !== null && target.tagName === 'BUTTON' && (event.key === ' ' || event.key === 'Enter')) return;
      const keys: Record<string, () => void> = {
        ArrowLeft: () => seek(cursor.step - 1),
        ArrowRight: () => seek(cursor.step + 1),
        Home: () => seek(0),
        End: () => seek(n),
        ' ': () => setPlaying(!playing),
        n: () => jumpToEpisode(),
      };
      const fn = keys[event.key];
      if (fn === undefined || event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault();
      fn();
    }

    range.addEventListener('input', () => seek(Number(range.value)));
    playButton.addEventListener('click', () => setPlaying(!playing));
    speedSelect.addEventListener('change', () => (speed = Number(speedSelect.value)));
    document.addEventListener('keydown', onKey);
    seek(startStep);
    range.focus();

    // Scoring re-simulates the whole replay and solves every level for the baseline: in a worker.
    const scorer = new Worker(new URL('./score-worker.ts', import.meta.url), { type: 'module' });
    scorer.onmessage = (event: MessageEvent<ScoreMessage>) => {
      scorer.terminate();
      const message = event.data;
      if ('error' in message) {
        fill(metrics, h('p', { class: 'message' }, `Metrics unavailable: ${message.error}`));
        return;
      }
      score = message.score;
      episodes = score.levels.flatMap((l) => l.episode_list.map((e) => e.t)).sort((a, b) => a - b);
      nextEpisode.disabled = episodes.length === 0;
      strip.setScore(score.timeline, score.labels);
      fill(metrics, metricsPanel(score, message.kinds));
      seek(cursor.step);
    };
    scorer.onerror = (event) => fill(metrics, h('p', { class: 'message' }, `Metrics unavailable: ${event.message}`));
    scorer.postMessage(text);

    return () => {
      scorer.terminate();
      clearTimeout(urlTimer);
      cancelAnimationFrame(timer);
      document.removeEventListener('keydown', onKey);
    };
  }

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file !== undefined) void file.text().then((text) => open(text, undefined, 0));
  });
  urlButton.addEventListener('click', () => {
    if (urlInput.value.trim() !== '') void openSource({ key: 'url', value: urlInput.value.trim() }, 0);
  });
  const onDragOver = (e: DragEvent): void => e.preventDefault();
  const onDrop = (e: DragEvent): void => {
    e.preventDefault();
    const file = e.dataTransfer?.files[0];
    if (file !== undefined) void file.text().then((text) => open(text, undefined, 0));
  };
  document.addEventListener('dragover', onDragOver);
  document.addEventListener('drop', onDrop);

  void showList();
  const step = Number(o.params.get('step') ?? '0') || 0;
  for (const key of ['replay', 'local', 'url'] as const) {
    const value = o.params.get(key);
    if (value !== null) {
      void openSource({ key, value }, step);
      break;
    }
  }

  return () => {
    disposeLoaded?.();
    document.removeEventListener('dragover', onDragOver);
    document.removeEventListener('drop', onDrop);
    o.stage.classList.remove('won', 'lost');
    fill(o.below);
  };
}
