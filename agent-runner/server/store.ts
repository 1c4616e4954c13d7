/**
 * The replay store: one JSONL file per session at <dataDir>/replays/<guid>.jsonl, and the listing of
 * every stored replay. Lines are written with fs.writeSync on an append descriptor before the HTTP
 * response goes out, so a SIGKILL loses at most the requests in flight. The listing is rebuilt from
 * the files at startup (the files are the truth; nothing else is persisted), which is also where the
 * "has this pseudonym played this game before" index for first_play comes from.
 */
import { closeSync, fdatasyncSync, mkdirSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseReplay, replayLine, type ReplayHeader, type ReplayStep } from '../../core/index.ts';

/** One row of GET /api/replays. */
export interface ReplayInfo {
  readonly guid: string;
  readonly game_id: string;
  readonly card_id: string | null;
  readonly seed: number | null;
  readonly player: ReplayHeader['player'];
  readonly first_play: boolean;
  readonly created_at: string;
  steps: number;
  levels_completed: number;
  state: ReplayStep['state'];
  readonly truncated: boolean;
}

/** Append descriptors kept open at once; older ones are closed and reopened on their next write. */
const OPEN_FDS = 512;

const GUID_FILE = /^([0-9a-f-]{36})\.jsonl$/;

export class ReplayStore {
  readonly dir: string;
  /** Oldest first (Map keeps insertion order). */
  private readonly infos = new Map<string, ReplayInfo>();
  /** `<name>\n<game_id>` for every stored replay: first_play is true only when this is absent. */
  private readonly played = new Set<string>();
  /** Open append descriptors by guid, least recently written first. */
  private readonly fds = new Map<string, number>();
  /** Files found unreadable at startup, with why (reported, never served as replays). */
  readonly unreadable: { file: string; reason: string }[] = [];

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'replays');
    mkdirSync(this.dir, { recursive: true });
    this.load();
  }

  private load(): void {
    const found: ReplayInfo[] = [];
    for (const file of readdirSync(this.dir)) {
      const match = GUID_FILE.exec(file);
      if (match === null) continue;
      try {
        const replay = parseReplay(readFileSync(join(this.dir, file), 'utf8'));
        found.push(infoOf(match[1]!, replay.header, replay.steps, replay.truncated !== undefined));
      } catch (error) {
        this.unreadable.push({ file, reason: (error as Error).message });
      }
    }
    // ISO times sort as strings; equal times keep a stable (name) order.
    found.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.guid < b.guid ? -1 : 1));
    for (const info of found) {
      this.infos.set(info.guid, info);
      this.played.add(playedKey(info.player.name, info.game_id));
    }
  }

  /** True when no stored replay has this player name on this game id. */
  isFirstPlay(name: string, gameId: string): boolean {
    return !this.played.has(playedKey(name, gameId));
  }

  /** Creates the session's file with its header line; the returned info is updated by append(). */
  create(header: ReplayHeader & { guid: string }): ReplayInfo {
    const fd = openSync(this.path(header.guid), 'ax'); // 'x': a guid is never reused
    this.keep(header.guid, fd);
    writeSync(fd, replayLine(header));
    const info = infoOf(header.guid, header);
    this.infos.set(info.guid, info);
    this.played.add(playedKey(header.player.name, header.game_id));
    return info;
  }

  /** Appends one step line and updates the listing. */
  appendStep(info: ReplayInfo, step: ReplayStep): void {
    writeSync(this.fd(info.guid), replayLine(step));
    info.steps = step.t;
    info.levels_completed = step.levels_completed;
    info.state = step.state;
  }

  /** Appends a `{"rejected": reason}` line (a refused request on a live session). */
  appendRejected(guid: string, reason: string): void {
    writeSync(this.fd(guid), replayLine({ rejected: reason }));
  }

  /** Closes a session's descriptor (its scorecard closed); the file stays. */
  release(guid: string): void {
    const fd = this.fds.get(guid);
    if (fd === undefined) return;
    this.fds.delete(guid);
    closeSync(fd);
  }

  list(): ReplayInfo[] {
    return [...this.infos.values()];
  }

  info(guid: string): ReplayInfo | undefined {
    return this.infos.get(guid);
  }

  /** The file's text, or undefined when there is no such replay. */
  read(guid: string): string | undefined {
    return this.infos.has(guid) ? readFileSync(this.path(guid), 'utf8') : undefined;
  }

  /** Flushes to disk and closes every descriptor (graceful shutdown). */
  close(): void {
    for (const fd of this.fds.values()) {
      try {
        fdatasyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    this.fds.clear();
  }

  private path(guid: string): string {
    return join(this.dir, `${guid}.jsonl`);
  }

  private fd(guid: string): number {
    let fd = this.fds.get(guid);
    if (fd === undefined) fd = openSync(this.path(guid), 'a');
    else this.fds.delete(guid); // re-inserted below: most recently used last
    this.keep(guid, fd);
    return fd;
  }

  private keep(guid: string, fd: number): void {
    this.fds.set(guid, fd);
    if (this.fds.size > OPEN_FDS) {
      const [oldGuid, oldFd] = this.fds.entries().next().value!;
      this.fds.delete(oldGuid);
      closeSync(oldFd);
    }
  }
}

function playedKey(name: string, gameId: string): string {
  return `${name}\n${gameId}`;
}

/** A replay's listing entry: its header's fields, and where the play stands after `steps`. */
function infoOf(guid: string, h: ReplayHeader, steps: readonly ReplayStep[] = [], truncated = false): ReplayInfo {
  const last = steps[steps.length - 1];
  return {
    guid,
    game_id: h.game_id,
    card_id: h.card_id ?? null,
    seed: h.seed,
    player: h.player,
    first_play: h.first_play ?? false,
    created_at: h.created_at,
    steps: steps.length,
    levels_completed: last?.levels_completed ?? 0,
    state: last?.state ?? 'NOT_FINISHED',
    truncated,
  };
}
