/**
 * Play mode, the human baseline: pick a game by its opaque code and a pseudonym, then play with
 * keys, on-screen buttons or clicks on the frame. Every action is recorded as a replay (on the
 * server, or in this browser when there is none). Nothing on the page names a game, describes it
 * or says what to do; WIN and GAME_OVER show as a coloured frame border, never as words.
 */
import { ACTIONS, click, type Action, type ActionName, type Frame } from '../../core/index.ts';
import { GAMES, findGame, type RegisteredGame } from '../../envs/index.ts';
import { fill, h } from './dom.ts';
import type { FrameView } from './frame-view.ts';
import { BUTTONS, actionForKey } from './keys.ts';
import { BrowserBackend, ServerBackend, type PlayBackend, type PlayView } from './play-backends.ts';
import { hook, markReady } from './test-hook.ts';

const PLAYER_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;
/** Keys pressed faster than the game can answer wait in line, up to this many. */
const MAX_QUEUED = 64;

export interface PlayModeOptions {
  readonly panel: HTMLElement;
  readonly stage: HTMLElement;
  readonly view: FrameView;
  readonly server: boolean;
  readonly params: URLSearchParams;
}

export function startPlayMode(o: PlayModeOptions): () => void {
  hook.mode = 'play';
  hook.ready = false;
  const stored = localStorage.getItem('tabula.player') ?? '';
  const initialPlayer = o.params.get('player') ?? stored;
  const initialCode = o.params.get('play') ?? '';

  const gameSelect = h('select', { id: 'game', 'aria-label': 'game' }, ...GAMES.map((g) => h('option', { value: g.code }, g.code)));
  if (GAMES.some((g) => g.code === initialCode)) gameSelect.value = initialCode;
  const playerInput = h('input', { id: 'player', type: 'text', value: initialPlayer, placeholder: 'pseudonym', maxlength: 40, autocomplete: 'off', spellcheck: 'false', 'aria-label': 'pseudonym' });
  const startButton = h('button', { id: 'start', type: 'button' }, 'Start');
  const level = h('span', { id: 'level' }, '–');
  const actions = h('span', { id: 'actions' }, '0');
  const message = h('p', { id: 'message', class: 'message', role: 'status' });
  const storage = h('p', { id: 'storage', class: 'storage' });
  const buttons = new Map<string, HTMLButtonElement>();
  const buttonRow = h('div', { class: 'buttons' });
  for (const b of BUTTONS) {
    const button = h('button', { type: 'button', class: `act act-${b.action}`, title: b.keys, 'aria-label': b.keys, disabled: true }, b.symbol);
    button.addEventListener('click', () => enqueue(ACTIONS[b.action]));
    buttons.set(b.action, button);
    buttonRow.append(button);
  }

  fill(
    o.panel,
    h('div', { class: 'field' }, h('label', { for: 'game' }, 'Game'), gameSelect),
    h('div', { class: 'field' }, h('label', { for: 'player' }, 'Pseudonym'), playerInput),
    h('p', { class: 'hint' }, 'A made-up name that groups your plays. No personal data.'),
    startButton,
    h('dl', { class: 'counters' }, h('dt', {}, 'Level'), h('dd', {}, level), h('dt', {}, 'Actions'), h('dd', {}, actions)),
    buttonRow,
    message,
    storage,
  );

  let backend: PlayBackend | undefined;
  let entry: RegisteredGame | undefined;
  let last: PlayView | undefined;
  let queue: Action[] = [];
  let running = false;
  let generation = 0;

  function showView(v: PlayView): void {
    last = v;
    hook.levelIndex = v.levelIndex;
    hook.levelsCompleted = v.levelsCompleted;
    hook.state = v.state;
    hook.step = v.step;
    level.textContent = `${Math.min(v.levelIndex + 1, v.winLevels)} / ${v.winLevels}`;
    actions.textContent = String(v.step);
    o.stage.classList.toggle('won', v.state === 'WIN');
    o.stage.classList.toggle('lost', v.state === 'GAME_OVER');
    const over = v.state !== 'NOT_FINISHED';
    for (const [name, button] of buttons) {
      button.disabled = name === 'RESET' ? false : over || !v.availableActions.includes(name as ActionName);
    }
    o.view.canvas.classList.toggle('clickable', !over && v.availableActions.includes('ACTION6'));
  }

  async function start(): Promise<void> {
    const player = playerInput.value.trim();
    if (!PLAYER_PATTERN.test(player)) {
      showError('Pick a pseudonym first: 1-40 letters, digits, _ or -.');
      playerInput.focus();
      return;
    }
    localStorage.setItem('tabula.player', player);
    const mine = ++generation;
    queue = [];
    entry = findGame(gameSelect.value);
    backend = o.server ? new ServerBackend(entry, player) : new BrowserBackend(entry, player);
    showError('');
    hook.busy = true;
    try {
      const v = await backend.start();
      if (mine !== generation) return;
      showView(v);
      o.view.draw(v.frames[v.frames.length - 1]!);
      if (backend.warning !== '') showError(backend.warning);
      markReady();
      showStorage();
      o.view.canvas.focus();
      const url = new URL(location.href);
      url.searchParams.set('play', entry.code);
      url.searchParams.delete('player');
      history.replaceState(null, '', url);
    } catch (error) {
      showError(`Could not start: ${(error as Error).message}`);
    } finally {
      if (mine === generation) hook.busy = false;
    }
  }

  function showStorage(): void {
    if (backend === undefined) return;
    const link = h('a', { href: backend.replayLink(), class: 'open-replay' }, 'Open this play in replay mode');
    if (backend.where === 'server') {
      fill(storage, 'Each action is stored on the server as you play. ', link);
    } else {
      const download = h('button', { type: 'button', id: 'download' }, 'Download replay');
      download.addEventListener('click', () => {
        const text = backend?.replayText();
        if (text === undefined || entry === undefined) return;
        const a = h('a', { href: URL.createObjectURL(new Blob([text], { type: 'application/x-ndjson' })), download: `${entry.gameId}-${Date.now()}.jsonl` });
        a.click();
        URL.revokeObjectURL(a.href);
      });
      fill(storage, 'No server: each action is kept in this browser as you play. ', download, ' ', link);
    }
  }

  function showError(text: string): void {
    message.textContent = text;
    hook.error = text;
  }

  function enqueue(action: Action): void {
    if (backend === undefined || last === undefined) return;
    if (queue.length >= MAX_QUEUED) return;
    queue.push(action);
    if (!running) void drain();
  }

  /** Plays queued actions one at a time, each after the last one's animation finished. */
  async function drain(): Promise<void> {
    running = true;
    hook.busy = true;
    const mine = generation;
    try {
      while (queue.length > 0 && mine === generation) {
        const action = queue.shift()!;
        // After WIN or GAME_OVER only RESET is accepted: other input is dropped here, not sent.
        if (last!.state !== 'NOT_FINISHED' && action.type !== 'RESET') {
          buttons.get('RESET')!.classList.add('pulse');
          setTimeout(() => buttons.get('RESET')?.classList.remove('pulse'), 400);
          continue;
        }
        let v: PlayView;
        try {
          v = await backend!.act(action);
        } catch (error) {
          showError(`Not recorded: ${(error as Error).message}`);
          queue = [];
          break;
        }
        if (mine !== generation) return;
        if (backend!.warning !== '') showError(backend!.warning);
        const levelUp = v.levelsCompleted > last!.levelsCompleted;
        showView(v);
        await animate(v.frames, entry!.game.fps);
        if (levelUp && v.state === 'NOT_FINISHED') flash('cleared');
      }
    } finally {
      if (mine === generation) {
        running = false;
        hook.busy = false;
      }
    }
  }

  async function animate(frames: readonly Frame[], fps: number): Promise<void> {
    for (let i = 0; i < frames.length; i++) {
      o.view.draw(frames[i]!);
      if (i < frames.length - 1) await new Promise((r) => setTimeout(r, 1000 / fps));
    }
  }

  function flash(kind: string): void {
    o.stage.classList.remove(kind);
    void o.stage.offsetWidth; // restart the CSS animation
    o.stage.classList.add(kind);
  }

  function onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    if (target !== null && (target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.tagName === 'TEXTAREA')) return;
    const name = actionForKey(event);
    if (name === undefined) return;
    event.preventDefault();
    if (name !== 'RESET' && last !== undefined && !last.availableActions.includes(name)) return;
    enqueue(ACTIONS[name]);
  }

  function onClick(event: MouseEvent): void {
    if (last === undefined || !last.availableActions.includes('ACTION6')) return;
    const cell = o.view.cellAt(event.clientX, event.clientY);
    if (cell !== undefined) enqueue(click(cell.x, cell.y));
  }

  startButton.addEventListener('click', () => void start());
  gameSelect.addEventListener('change', () => void start());
  playerInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') void start();
  });
  document.addEventListener('keydown', onKey);
  o.view.canvas.addEventListener('click', onClick);

  if (initialCode !== '' && PLAYER_PATTERN.test(initialPlayer)) void start();
  else (initialPlayer === '' ? playerInput : startButton).focus();

  return () => {
    generation++;
    document.removeEventListener('keydown', onKey);
    o.view.canvas.removeEventListener('click', onClick);
    o.stage.classList.remove('won', 'lost', 'cleared');
  };
}
