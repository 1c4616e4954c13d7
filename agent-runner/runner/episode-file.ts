/**
 * One episode's replay on disk: written to `<file>.partial` while it plays and renamed to `<file>`
 * when it ends, so a `.jsonl` is always a finished episode and a resume can trust it.
 *
 * A step costs microseconds, so one write syscall per replay line would cost more than the game:
 * lines are buffered and written with writeSync in chunks of about 64 KiB, and at the end (or when
 * the run is stopped). A stopped or crashed episode leaves its `.partial`, a valid, shorter replay.
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import type { EpisodeResult } from './episode.ts';

const CHUNK_CHARS = 64 * 1024;

export class BufferedFile {
  private readonly fd: number;
  private pending: string[] = [];
  private size = 0;
  /** Lines written so far (the progress heartbeat reads it). */
  lines = 0;

  /** `flags` 'a' appends to what the file holds (the run's episodes.jsonl ledger). */
  constructor(path: string, flags: 'w' | 'a' = 'w') {
    this.fd = openSync(path, flags);
  }

  readonly write = (line: string): void => {
    this.pending.push(line);
    this.lines++;
    this.size += line.length;
    if (this.size >= CHUNK_CHARS) this.flush();
  };

  flush(): void {
    if (this.size === 0) return;
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.size = 0;
  }

  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }
}

/**
 * Plays an episode into `<file>.partial` and renames it to `file` unless it was stopped. The file is
 * flushed and closed whatever happens; a throw leaves the `.partial` and propagates.
 */
export async function recordEpisode(
  file: string,
  play: (write: (line: string) => void, out: BufferedFile) => Promise<EpisodeResult>,
): Promise<EpisodeResult> {
  const partial = `${file}.partial`;
  const out = new BufferedFile(partial);
  let result: EpisodeResult;
  try {
    result = await play(out.write, out);
  } finally {
    out.close();
  }
  if (result.end !== 'stopped') renameSync(partial, file);
  return result;
}
