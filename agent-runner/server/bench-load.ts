/**
 * The load generator for bench-http.ts, run as its own process so the server's figures are not
 * bent by the client sharing its event loop. Modes:
 *   play <url> <sessions> <ms>   sessions play random actions (RESET when a game ends), full ARC
 *                                frames; prints {"actions", "ms", "p99_ms"}
 *   idle <url> <sessions>        opens sessions that then sit idle; prints {"sessions"}
 * Speaks plain http with keep-alive, and finds "state" in the body by search, not a full parse:
 * the client's own cost should stay small beside the server's. Like any client it learns the games
 * and their actions from the server, never from the registry (which may have changed on disk since).
 */
import { Agent, get, request } from 'node:http';
import { ACTION_NAMES, createRng } from '../../core/index.ts';

const [mode, url, countText, msText] = process.argv.slice(2);
const base = new URL(url!);
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function post(path: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(
      { agent, host: base.hostname, port: base.port, method: 'POST', path, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('latin1');
          if (res.statusCode !== 200) reject(new Error(`${path} -> ${res.statusCode}: ${text.slice(0, 200)}`));
          else resolve(text);
        });
      },
    );
    req.on('error', reject);
    // Headers and body go out in one packet only with Nagle off (else a 40 ms delayed-ACK stall).
    req.on('socket', (socket) => socket.setNoDelay(true));
    req.end(body);
  });
}

const guidOf = (text: string): string => /"guid":"([^"]+)"/.exec(text)![1]!;
const actionsOf = (text: string): string[] => (JSON.parse(/"available_actions":(\[[^\]]*\])/.exec(text)![1]!) as number[]).map((id) => ACTION_NAMES[id]!);

function games(): Promise<string[]> {
  return new Promise((resolve, reject) => {
    get({ agent, host: base.hostname, port: base.port, path: '/api/games' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve((JSON.parse(Buffer.concat(chunks).toString()) as { game_id: string }[]).map((g) => g.game_id)));
    }).on('error', reject);
  });
}

interface Open {
  readonly gameId: string;
  readonly guid: string;
  readonly cardId: string;
  readonly actions: readonly string[];
}

async function openSessions(count: number): Promise<Open[]> {
  const ids = await games();
  const cardId = (JSON.parse(await post('/api/scorecard/open', '{"tags":["bench"]}')) as { card_id: string }).card_id;
  const sessions: Open[] = [];
  for (let i = 0; i < count; i++) {
    const gameId = ids[i % ids.length]!;
    const text = await post('/api/cmd/RESET', JSON.stringify({ game_id: gameId, card_id: cardId }));
    sessions.push({ gameId, cardId, guid: guidOf(text), actions: actionsOf(text) });
  }
  return sessions;
}

async function play(count: number, ms: number): Promise<void> {
  const sessions = await openSessions(count);
  const latencies: number[] = [];
  const stopAt = performance.now() + ms;
  const t0 = performance.now();
  await Promise.all(
    sessions.map(async (s, i) => {
      const rng = createRng(`bench-http:${i}`);
      const actions = s.actions;
      let ended = false;
      while (performance.now() < stopAt) {
        const name = ended ? 'RESET' : rng.pick(actions);
        const body =
          name === 'RESET' ? `{"game_id":"${s.gameId}","card_id":"${s.cardId}","guid":"${s.guid}"}`
          : name === 'ACTION6' ? `{"game_id":"${s.gameId}","guid":"${s.guid}","x":${rng.int(64)},"y":${rng.int(64)}}`
          : `{"game_id":"${s.gameId}","guid":"${s.guid}"}`;
        const start = performance.now();
        const text = await post(`/api/cmd/${name}`, body);
        latencies.push(performance.now() - start);
        ended = !text.includes('"state":"NOT_FINISHED"');
      }
    }),
  );
  const elapsed = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))]!;
  console.log(JSON.stringify({ actions: latencies.length, ms: elapsed, p99_ms: p99 }));
}

async function idle(count: number): Promise<void> {
  // Opened a few at a time: the figure is memory, not speed.
  const per = Math.ceil(count / 8);
  await Promise.all(Array.from({ length: 8 }, (_, i) => openSessions(Math.min(per, count - i * per))));
  console.log(JSON.stringify({ sessions: count }));
}

if (mode === 'play') await play(Number(countText), Number(msText));
else if (mode === 'idle') await idle(Number(countText));
else throw new Error('usage: bench-load.ts play <url> <sessions> <ms> | idle <url> <sessions>');
agent.destroy();
