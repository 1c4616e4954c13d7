/**
 * What a `tabula run` has to do: the episodes (games x seeds), where each one's replay goes, which
 * are already recorded (a resume skips them), and the run's options kept beside the replays so a
 * resume cannot silently mix budgets.
 *
 * Layout under --out:
 *   <agent-slug>/<code>/seed-<n>.jsonl   one finished episode's replay
 *   <agent-slug>/<code>/seed-<n>.jsonl.partial   an episode being played (or cut short by a stop)
 *   episodes.jsonl                       one line per finished episode: its EpisodeResult, file, wall ms
 *   run.json                             per agent slug: the options its episodes were played with
 *   report.html                          the scorer's report over every replay in the directory
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GAMES, type RegisteredGame } from '../../envs/index.ts';
import { UsageError } from '../cli.ts';

export type LevelsMode = 'designed' | 'generated';

/** The options that change what an episode's replay means: a resume must use the same ones. */
export interface RunSettings {
  readonly agent: string;
  readonly budget: number;
  readonly levels: LevelsMode;
  readonly retries: number;
}

/** One episode to play. `file` is the final replay path; it is written as `<file>.partial` first. */
export interface EpisodeTask {
  readonly id: number;
  readonly code: string;
  readonly seed: number;
  /** null: the designed levels; a number: the game's generated levels for that seed. */
  readonly levelSeed: number | null;
  readonly file: string;
  /** Per-level budgets; absent for generated levels, which the worker playing them computes. */
  readonly budgets?: readonly number[];
}

/** Far more episodes than anyone runs from one command; a typo like 1..1000000000 is caught here. */
const MAX_SEEDS = 1_000_000;

/** `--seeds 3` is 0,1,2; `--seeds 10..19` is 10 to 19 inclusive. */
export function parseSeeds(text: string | undefined): number[] {
  const send = 'send a count (--seeds 3 plays seeds 0,1,2) or an inclusive range (--seeds 10..19)';
  if (text === undefined || text === '') throw new UsageError(`--seeds is required; ${send}`);
  let first: number;
  let last: number;
  const range = /^(\d+)\.\.(\d+)$/.exec(text);
  if (range !== null) {
    first = Number(range[1]);
    last = Number(range[2]);
    if (last < first) throw new UsageError(`--seeds ${text}: the range runs backwards; write the smaller seed first, e.g. --seeds ${last}..${first}`);
  } else if (/^\d+$/.test(text)) {
    first = 0;
    last = Number(text) - 1;
    if (last < 0) throw new UsageError(`--seeds 0 plays nothing; ${send}`);
  } else throw new UsageError(`--seeds ${JSON.stringify(text)} is not a count or a range; ${send}`);
  if (!Number.isSafeInteger(last) || last - first + 1 > MAX_SEEDS) throw new UsageError(`--seeds ${text} is more than ${MAX_SEEDS.toLocaleString('en')} seeds; ${send}`);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

/** `--games all` or codes separated by commas (`tg38,mq74`; full ids are accepted too). */
export function parseGames(text: string | undefined): RegisteredGame[] {
  const codes = GAMES.map((g) => g.code).join(',');
  if (text === undefined || text === '') throw new UsageError(`--games is required; send all, or codes from tabula list separated by commas (${codes})`);
  if (text === 'all') return [...GAMES];
  const games: RegisteredGame[] = [];
  for (const name of text.split(',').map((s) => s.trim()).filter((s) => s !== '')) {
    const code = name.split('-')[0]!;
    const entry = GAMES.find((g) => g.code === code);
    if (entry === undefined) throw new UsageError(`--games: no game ${JSON.stringify(name)}; send all, or codes from tabula list separated by commas (${codes})`);
    if (name !== code && name !== entry.gameId) throw new UsageError(`--games: ${name} is not the current version of ${code} (now ${entry.gameId}); send ${code}`);
    if (!games.includes(entry)) games.push(entry);
  }
  if (games.length === 0) throw new UsageError(`--games ${JSON.stringify(text)} names no game; send all, or codes separated by commas (${codes})`);
  return games;
}

/**
 * A directory name for an agent: letters, digits, `.`, `_` and `-` kept, every other run of
 * characters one `-` (`stubborn:20` -> `stubborn-20`, `cmd:python my agent.py` -> `cmd-python-my-agent.py`).
 * A long name keeps its start and gains a hash of the whole, so two long commands never share a directory.
 */
export function agentSlug(name: string): string {
  let slug = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|-+$/g, '');
  if (slug === '') slug = 'agent';
  // Names that squeeze to the same slug (`a b` and `a/b`, `llm:m:8b` and `llm:m-8b`) or are cut short
  // get a hash of the whole name: any name that is not already its own slug does.
  if (slug.length > 64 || slug !== name) slug = `${slug.slice(0, 56)}-${fnv(name)}`;
  return slug;
}

function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0').slice(0, 6);
}

export function episodeFile(out: string, slug: string, code: string, seed: number): string {
  return join(out, slug, code, `seed-${seed}.jsonl`);
}

export interface RunPlan {
  /** Episodes still to play, seed by seed, every game in turn. */
  readonly tasks: EpisodeTask[];
  /** Episodes whose replay already exists (skipped). */
  readonly skipped: number;
  /** Stale `.partial` files removed (their episodes are in `tasks` again). */
  readonly removedPartials: number;
  /** With --levels generated: the games that have no generated levels (they play the designed ones). */
  readonly designedOnly: readonly string[];
}

/** Lists the episodes to play, skipping recorded ones and clearing what an interrupted run left. */
export function planRun(options: { out: string; slug: string; games: readonly RegisteredGame[]; seeds: readonly number[]; levels: LevelsMode }): RunPlan {
  const { out, slug, games, seeds, levels } = options;
  const tasks: EpisodeTask[] = [];
  let skipped = 0;
  let removedPartials = 0;
  for (const entry of games) mkdirSync(join(out, slug, entry.code), { recursive: true });
  // Seed by seed, every game in turn: the first results cover every game, and two workers playing
  // neighbouring tasks write into different game folders (creating files in one folder from two
  // threads queues them on the folder's lock).
  for (const seed of seeds) {
    for (const entry of games) {
      const generated = levels === 'generated' && entry.game.generates;
      const file = episodeFile(out, slug, entry.code, seed);
      if (existsSync(file)) {
        skipped++;
        continue;
      }
      if (existsSync(`${file}.partial`)) {
        rmSync(`${file}.partial`);
        removedPartials++;
      }
      tasks.push({ id: tasks.length, code: entry.code, seed, levelSeed: generated ? seed : null, file });
    }
  }
  const designedOnly = levels === 'generated' ? games.filter((g) => !g.game.generates).map((g) => g.code) : [];
  return { tasks, skipped, removedPartials, designedOnly };
}

/**
 * Records the run's settings in `<out>/run.json` under the agent's slug; refuses (UsageError) when
 * that agent's replays there were played with another budget or level set, since a resume would
 * mix two experiments under one name. Other agents in the directory keep their own entries.
 */
export function recordSettings(out: string, slug: string, settings: RunSettings): void {
  const path = join(out, 'run.json');
  let file: { agents: Record<string, RunSettings> } = { agents: {} };
  if (existsSync(path)) {
    try {
      file = JSON.parse(readFileSync(path, 'utf8')) as typeof file;
      if (typeof file.agents !== 'object' || file.agents === null) throw new Error('no "agents" object');
    } catch (error) {
      throw new UsageError(`${path} is not a run file written by tabula run (${(error as Error).message}); use another --out directory or delete it`);
    }
  }
  const before = file.agents[slug];
  if (before !== undefined && before.agent !== settings.agent) {
    throw new UsageError(`${join(out, slug)} holds another agent's episodes (${before.agent}); use another --out directory for ${settings.agent}`);
  }
  if (before !== undefined) {
    const differs: string[] = [];
    if (before.budget !== settings.budget) differs.push(`--budget ${before.budget} then, ${settings.budget} now`);
    if (before.levels !== settings.levels) differs.push(`--levels ${before.levels} then, ${settings.levels} now`);
    if (differs.length > 0) {
      throw new UsageError(
        `${out} already holds ${settings.agent}'s episodes played with other options (${differs.join('; ')}); ` +
          `resume with --budget ${before.budget} --levels ${before.levels}, or use another --out directory`,
      );
    }
  }
  mkdirSync(out, { recursive: true });
  file.agents[slug] = settings;
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
}
