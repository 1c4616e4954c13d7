/**
 * Reading replays from disk for `tabula score` and `tabula baseline build`: which files an argument
 * names (a file, or every .jsonl in a directory, sorted), their lines streamed in fixed-size reads
 * (a 1,000,000-step replay is never held whole), and each file scored by the engine's scorer with
 * the registry's game and baseline. Tabula replays and ARC-AGI-3 recordings are told apart by
 * their first line.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  exploreLevel,
  randomAgentMedian,
  ReplayError,
  ReplayReader,
  scoreArcRecording,
  scoreReplay,
  type ReplayScore,
  type RejectedLine,
  type ReplayStep,
  type StateSpace,
} from '../../core/index.ts';
import { baselineFor, humanBaselines, optimalActions, type BaselineFile } from '../../envs/baselines.ts';
import { findGame, type RegisteredGame } from '../../envs/index.ts';
import { UsageError } from '../cli.ts';

/** `tabula run`'s ledger of episodes beside the replays (runner/plan.ts): not a replay. */
const RUN_LEDGER = 'episodes.jsonl';

/** Every .jsonl under `dir`, in subdirectories too (a `tabula run` dir nests <agent>/<code>/), sorted. */
function jsonlUnder(dir: string): string[] {
  const found: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, e.name);
    if (e.isDirectory()) found.push(...jsonlUnder(path));
    else if (e.name.endsWith('.jsonl') && e.name !== RUN_LEDGER) found.push(path);
  }
  return found;
}

/** The replay files the arguments name: files as given, directories as the .jsonl files under them, sorted. */
export function replayFiles(args: readonly string[]): string[] {
  if (args.length === 0) throw new UsageError('name replay files or a directory of them, e.g. tabula score data/replays');
  const files: string[] = [];
  for (const arg of args) {
    let stat;
    try {
      stat = statSync(arg);
    } catch {
      throw new UsageError(`${arg}: no such file or directory; name .jsonl replay files or a directory holding them`);
    }
    if (stat.isDirectory()) {
      const inside = jsonlUnder(arg);
      if (inside.length === 0) throw new UsageError(`${arg} holds no .jsonl replays (the server writes them to <data>/replays/<guid>.jsonl, tabula run to <out>/<agent>/<code>/seed-<n>.jsonl)`);
      files.push(...inside);
    } else files.push(arg);
  }
  return files;
}

export interface Line {
  readonly text: string;
  /** False for a last line with no newline after it (a crash may have cut it). */
  readonly ended: boolean;
}

/** A file's lines, read 1 MiB at a time. */
export function* fileLines(path: string): Generator<Line> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 20);
    let rest = '';
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      const chunk = rest + buffer.toString('utf8', 0, n);
      const lines = chunk.split('\n');
      rest = lines.pop()!;
      for (const text of lines) yield { text, ended: true };
    }
    if (rest !== '') yield { text: rest, ended: false };
  } finally {
    closeSync(fd);
  }
}

/**
 * The random agent's budget for HN's n_rand, in multiples of the optimum. Levels are built so that
 * a random agent rarely clears them within the validity check's 5x (on tg38 not one level has a
 * median within 20x), so n_rand needs room; where the median still runs out, HN is null.
 */
const RANDOM_BUDGET = 200;

/** Per game and seed, what scoring needs beyond the replay: distance tables and random medians. */
const extras = new Map<string, { distance: (StateSpace | undefined)[]; random: (number | null)[] }>();

function extrasFor(entry: RegisteredGame, seed: number | null, withRandom: boolean): { distance: (StateSpace | undefined)[]; random: (number | null)[] } {
  const key = `${entry.gameId}/${seed}/${withRandom}`;
  let found = extras.get(key);
  if (found === undefined) {
    const levels = entry.game.levelsFor(seed);
    const optimal = optimalActions(entry, seed);
    found = {
      // Explored on first use: a replay that never leaves level 1 (most of a weak agent's) costs one level, not the game.
      distance: lazyList(levels.length, (i) => exploreLevel(entry.game, i, { seed, maxStates: 200_000 })),
      random: levels.map((_, i) => {
        if (!withRandom) return null;
        const median = randomAgentMedian(entry.game, i, RANDOM_BUDGET * optimal[i]!, 100, seed);
        return Number.isFinite(median) ? median : null;
      }),
    };
    extras.set(key, found);
  }
  return found;
}

/** A list whose items are made when first read (each index a getter that remembers its value). */
function lazyList<T>(length: number, make: (i: number) => T): T[] {
  const list = new Array<T>(length);
  for (let i = 0; i < length; i++) {
    let made: { value: T } | undefined;
    Object.defineProperty(list, i, { enumerable: true, get: () => (made ??= { value: make(i) }).value });
  }
  return list;
}

export interface ScoreFileOptions {
  /** One label per step in each score (the viewer's scrubber); off by default on the command line. */
  readonly labels?: boolean;
  /** Random-agent medians for HN (100 seeds per level: slow on big games). */
  readonly random?: boolean;
  /** The human baseline file (default: envs/baselines.json). */
  readonly baselines?: BaselineFile;
  /** ARC's official cut: a level taking more than cut x b scores 0. */
  readonly cut?: number;
}

/** Scores one file, streaming its lines; a ReplayError says what is wrong and where. */
export function scoreFile(path: string, options: ScoreFileOptions = {}): ReplayScore {
  const lines = fileLines(path);
  const first = lines.next();
  if (first.done) throw new ReplayError({ line: 1 }, `${path} is empty; a replay starts with a tabula-replay header line`);
  let probe: unknown;
  try {
    probe = JSON.parse(first.value.text);
  } catch {
    probe = undefined;
  }
  if (typeof probe === 'object' && probe !== null && 'data' in probe && !('format' in probe)) {
    function* texts(): Generator<string> {
      yield first.value!.text;
      for (const line of lines) yield line.text;
    }
    return scoreArcRecording(texts(), { name: path.split('/').pop()!.replace(/\.jsonl$/, ''), labels: options.labels ?? false });
  }
  const reader = new ReplayReader();
  reader.read(first.value.text);
  const header = reader.header!;
  const entry = findGame(header.game_id.split('-')[0]!);
  const baseline = baselineFor(entry, header.seed, options.baselines ?? humanBaselines());
  const { distance, random } = extrasFor(entry, header.seed, options.random === true);
  let rejected = 0;
  let truncated: { line: number } | undefined;
  function* steps(): Generator<ReplayStep | RejectedLine> {
    for (const line of lines) {
      let read;
      try {
        read = reader.read(line.text);
      } catch (error) {
        if (!line.ended && error instanceof ReplayError && /not valid JSON/.test(error.message)) {
          truncated = { line: reader.lineNumber };
          return;
        }
        throw error;
      }
      if (read === undefined) continue;
      if ('rejected' in read) {
        rejected++;
        if (read.usage !== undefined) yield read; // what the refused answer cost counts in the score
      } else yield read;
    }
  }
  const input = {
    header,
    steps: steps(),
    get rejected() {
      return rejected;
    },
    get truncated() {
      return truncated;
    },
  };
  return scoreReplay(input, entry, {
    baseline: { actions: baseline.actions, kind: baseline.kind, version: baseline.version, hal: baseline.hal },
    optimal: optimalActions(entry, header.seed),
    distance,
    random,
    labels: options.labels ?? false,
    ...(options.cut === undefined ? {} : { cut: options.cut }),
  });
}
