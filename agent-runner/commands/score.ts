/**
 * `tabula score <files|dir> [--json] [--md] [--html report.html]`: scores replays (Tabula replays,
 * verified by re-simulation, or ARC-AGI-3 recordings, on frame hashes) per replay, per game and per
 * player. Output is deterministic: the same files give the same bytes. A file that cannot be
 * scored is named on stderr with what is wrong, the others are still scored, and the exit code is 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { METRIC_VERSION, summariseScores, TabulaError } from '../../core/index.ts';
import { BaselineFileSchema, type BaselineFile } from '../../envs/baselines.ts';
import { intOption, UsageError, type Command } from '../cli.ts';
import { renderHtmlReport, type ReportEntry } from '../report/html.ts';
import { renderMarkdown, renderText } from '../report/markdown.ts';
import { replayFiles, scoreFile } from '../report/replay-files.ts';

export const score: Command = {
  summary: 'score replays: action efficiency (RHAE) and hypothesis abandonment, per replay, game and player',
  usage: 'score <files|dir> [--json] [--md] [--html report.html] [--labels] [--random] [--baselines file] [--cut 5]',
  options: {
    json: { type: 'boolean' },
    md: { type: 'boolean' },
    html: { type: 'string' },
    labels: { type: 'boolean' },
    random: { type: 'boolean' },
    baselines: { type: 'string' },
    cut: { type: 'string' },
  },
  run({ values, positionals }) {
    if (values.json && values.md) throw new UsageError('choose one of --json and --md (or neither, for a plain table)');
    if (values.html === '') throw new UsageError('--html needs a file name, e.g. --html report.html');
    const baselines = typeof values.baselines === 'string' ? readBaselines(values.baselines) : undefined;
    const cut = intOption(values.cut, 'cut');
    if (cut === 0) throw new UsageError('--cut needs a positive whole number; ARC\'s official runs use --cut 5');
    const files = replayFiles(positionals);
    const entries: ReportEntry[] = [];
    // A bad file is reported and skipped, so one broken replay never hides the others' scores.
    const failed: string[] = [];
    for (const file of files) {
      try {
        // The HTML report draws novelty curves from per-step labels.
        entries.push({ file, score: scoreFile(file, { labels: values.labels === true || values.html !== undefined, random: values.random === true, baselines, ...(cut === undefined ? {} : { cut }) }) });
      } catch (error) {
        if (!(error instanceof TabulaError)) throw error;
        failed.push(`tabula score: ${file}: ${error.message}`);
      }
    }
    for (const line of failed) console.error(line);
    if (entries.length === 0) return 2;
    const summary = summariseScores(entries.map((e) => e.score));
    if (typeof values.html === 'string') writeFileSync(values.html, renderHtmlReport(entries, summary));
    if (values.json) {
      console.log(JSON.stringify({ metricVersion: METRIC_VERSION, replays: entries.map((e) => ({ file: e.file, ...e.score })), ...summary }, null, 1));
    } else if (values.md) console.log(renderMarkdown(entries, summary));
    else console.log(renderText(entries, summary));
    return failed.length === 0 ? 0 : 2;
  },
};

/** A baseline file other than the shipped one (e.g. one just built), checked against its schema. */
function readBaselines(path: string): BaselineFile {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UsageError(`--baselines ${path}: cannot read it as JSON (${(error as Error).message}); send a file written by tabula baseline build`);
  }
  const parsed = BaselineFileSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(`--baselines ${path}: field ${issue.path.join('.') || 'file'}: ${issue.message}; send a file written by tabula baseline build`);
  }
  return parsed.data;
}
