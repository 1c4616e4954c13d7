/**
 * The viewer's entry: finds out whether a Tabula server answers on this origin (play through its
 * API, list its replays) or not (play and record in the browser alone), mounts the frame canvas,
 * and starts play or replay mode from the URL (?mode=replay, or ?replay=/local=/url= for a replay).
 */
import './style.css';
import { serverAvailable } from './api-client.ts';
import { FrameView } from './frame-view.ts';
import { startPlayMode } from './play-mode.ts';
import { startReplayMode } from './replay-mode.ts';
import { hook, watchView } from './test-hook.ts';

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const byId = (id: string): HTMLElement => document.getElementById(id)!;
  const [server, view] = await Promise.all([serverAvailable(), FrameView.create(byId('frame-box'))]);
  watchView(view);
  view.canvas.tabIndex = 0;
  view.canvas.id = 'frame';
  view.canvas.setAttribute('aria-label', 'game frame');
  byId('where').textContent = server ? 'server' : 'this browser only';
  byId('where').title = server ? 'plays are stored on the Tabula server' : 'no Tabula server: plays are kept in this browser and can be downloaded';

  const replay = params.get('mode') === 'replay' || ['replay', 'local', 'url'].some((k) => params.has(k));
  byId(replay ? 'tab-replay' : 'tab-play').setAttribute('aria-current', 'page');
  document.body.classList.add(replay ? 'mode-replay' : 'mode-play');
  const common = { panel: byId('panel'), stage: byId('stage'), view, server, params };
  if (replay) startReplayMode({ ...common, below: byId('below') });
  else startPlayMode(common);
}

main().catch((error: unknown) => {
  hook.error = String(error);
  document.body.append(String(error));
});
