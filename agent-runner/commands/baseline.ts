/**
 * `tabula baseline build <replay dir> [--out file] [--json]`: builds the versioned human baseline
 * file (envs/baselines.json) from stored human replays (SCORING.md "Human baseline"): per level,
 * the upper median of first-play completers' action counts, and the human HAL reference (the upper
 * median of people's finished perseveration episodes there, HAS's tau). Only a person's first
 * session on a game version counts; replays of another version, agents and repeat plays are
 * skipped and counted. The file's version is a hash of its numbers, so it changes exactly when
 * they do.
 */
import { writeFileSync } from 'node:fs';
import { hashHex, hashString, ReplayError, ReplayReader, upperMedian } from '../../core/index.ts';
import { BaselineFileSchema, type BaselineFile } from '../../envs/baselines.ts';
import { UsageError, type Command } from '../cli.ts';
import { fileLines, replayFiles, scoreFile } from '../report/replay-files.ts';

interface LevelSamples {
  actions: number[];
  hal: number[];
}

export interface BuildResult {
  readonly file: BaselineFile;
  readonly used: number;
  readonly skipped: Record<string, number>;
}

/** Reads the human replays among `files` and returns the baseline file they give. */
export function buildBaselines(files: readonly string[]): BuildResult {
  const skipped: Record<string, number> = { 'not human': 0, 'not a first play of the designed levels': 0, 'not a Tabula replay': 0, 'another game version or unreadable': 0 };
  const games = new Map<string, LevelSamples[]>();
  let used = 0;
  for (const path of files) {
    const first = fileLines(path).next();
    const reader = new ReplayReader();
    try {
      if (first.done) throw new ReplayError({ line: 1 }, 'empty');
      reader.read(first.value.text);
    } catch {
      skipped['not a Tabula replay']!++;
      continue;
    }
    const header = reader.header!;
    if (header.player.kind !== 'human') {
      skipped['not human']!++;
      continue;
    }
    if (header.first_play !== true || header.seed !== null) {
      skipped['not a first play of the designed levels']!++;
      continue;
    }
    let score;
    try {
      score = scoreFile(path);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      skipped['another game version or unreadable']!++;
      continue;
    }
    used++;
    const levels = games.get(score.game_id) ?? score.levels.map(() => ({ actions: [], hal: [] }));
    games.set(score.game_id, levels);
    for (const [i, level] of score.levels.entries()) {
      if (level.completed) levels[i]!.actions.push(level.actions);
      for (const e of level.episode_list) if (!e.censored) levels[i]!.hal.push(e.hal);
    }
  }
  const out: BaselineFile['games'] = {};
  for (const id of [...games.keys()].sort()) {
    out[id] = {
      levels: games.get(id)!.map((l) =>
        l.actions.length === 0 ? null : { actions: upperMedian(l.actions), players: l.actions.length, ...(l.hal.length === 0 ? {} : { hal: upperMedian(l.hal) }) },
      ),
    };
  }
  const version = used === 0 ? 'none' : `h-${hashHex(hashString(JSON.stringify(out))).slice(-8)}`;
  const file = BaselineFileSchema.parse({ format: 'tabula-baselines', version: 1, baseline_version: version, games: out });
  return { file, used, skipped };
}

export const baseline: Command = {
  summary: 'build the human baseline file from stored human replays (first plays only)',
  usage: 'baseline build <replay dir|files> [--out envs/baselines.json] [--json]',
  options: { out: { type: 'string' }, json: { type: 'boolean' } },
  run({ values, positionals }) {
    const [verb, ...rest] = positionals;
    if (verb !== 'build') throw new UsageError('the one subcommand is build: tabula baseline build <replay dir> [--out envs/baselines.json]');
    const out = typeof values.out === 'string' && values.out !== '' ? values.out : 'envs/baselines.json';
    const result = buildBaselines(replayFiles(rest));
    writeFileSync(out, `${JSON.stringify(result.file, null, 2)}\n`);
    if (values.json) console.log(JSON.stringify({ out, used: result.used, skipped: result.skipped, baseline_version: result.file.baseline_version }, null, 1));
    else {
      console.log(`wrote ${out}: baseline_version ${result.file.baseline_version}, from ${result.used} first-play human replay${result.used === 1 ? '' : 's'}`);
      for (const [why, n] of Object.entries(result.skipped)) if (n > 0) console.log(`  skipped ${n}: ${why}`);
      for (const [id, game] of Object.entries(result.file.games)) {
        console.log(`  ${id}: ${game.levels.map((l, i) => `L${i + 1} ${l === null ? '-' : `${l.actions} (${l.players} people${l.hal === undefined ? '' : `, HAL ${l.hal}`})`}`).join(', ')}`);
      }
    }
    return 0;
  },
};
