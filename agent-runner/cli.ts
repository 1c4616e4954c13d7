/**
 * The `tabula` command line: a thin edge that parses arguments, calls core and the registry, and
 * prints. Each command lives in commands/<name>.ts and returns an exit code.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { TabulaError } from '../core/index.ts';
import { baseline } from './commands/baseline.ts';
import { bench } from './commands/bench.ts';
import { list } from './commands/list.ts';
import { play } from './commands/play.ts';
import { render } from './commands/render.ts';
import { run } from './commands/run.ts';
import { score } from './commands/score.ts';
import { serve } from './commands/serve.ts';
import { solve } from './commands/solve.ts';
import { start } from './commands/start.ts';
import { validate } from './commands/validate.ts';

export interface Command {
  readonly summary: string;
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }): Promise<number> | number;
}

const COMMANDS: Record<string, Command> = { list, play, solve, bench, start, render, validate, serve, score, baseline, run };

function help(): string {
  const lines = ['usage: tabula <command> [options]', '', 'commands:'];
  for (const [name, command] of Object.entries(COMMANDS)) lines.push(`  ${command.usage.padEnd(58)} ${command.summary}`);
  lines.push('', 'Run `tabula <command> --help` for its options.');
  return lines.join('\n');
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    console.log(help());
    return 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    console.error(`tabula: unknown command '${name}'\n\n${help()}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...rest], options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    console.error(`tabula ${name}: ${(error as Error).message}\nusage: tabula ${command.usage}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(`usage: tabula ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  try {
    return await command.run(parsed as { values: Record<string, string | boolean | undefined>; positionals: string[] });
  } catch (error) {
    if (error instanceof TabulaError || error instanceof UsageError) {
      console.error(`tabula ${name}: ${error.message}`);
      return 2;
    }
    throw error;
  }
}

/** A mistake in how the command was called; printed without a stack trace. */
export class UsageError extends Error {}

/** Reads an optional non-negative integer option. */
export function intOption(value: string | boolean | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new UsageError(`--${name} needs a whole number, e.g. --${name} 2`);
  return Number(value);
}
