/**
 * `--agent <spec>` to an agent the runner can start:
 *   a built-in name        random, random-cells, explorer, oracle, stubborn:20, ... (builtin.ts)
 *   llm                    an OpenAI-compatible chat endpoint, options from --llm-* and the environment
 *   http:<command>         a program speaking the ARC-AGI-3 HTTP dialect (http.ts), run against a server
 *   cmd:<command>          a program over stdio JSON lines (subprocess.ts); so is any other spec that
 *                          holds a space or a path (`python3 my_agent.py`, `./agent`)
 * Each worker thread resolves the spec itself (an AgentSpec holds functions, which do not cross threads).
 * A bad spec is a VALIDATION_ERROR (the CLI's exit 2); this module stays free of the CLI so workers load little.
 */
import { TabulaError } from '../../core/index.ts';
import type { AgentSpec } from '../runner/agent.ts';
import { BUILTIN_AGENTS, builtinAgent } from './builtin.ts';
import { llmAgent, llmOptionsFrom } from './llm.ts';
import { commandAgentName } from './shell-process.ts';
import { subprocessAgent } from './subprocess.ts';

export type ResolvedAgent =
  /** Played by runEpisode, in worker threads. */
  | { readonly kind: 'inline'; readonly name: string; readonly spec: AgentSpec }
  /** An ARC-AGI-3 HTTP program: played by runHttpEpisode, in the main thread. */
  | { readonly kind: 'http'; readonly name: string; readonly command: string };

export interface ResolveOptions {
  /** The parsed command-line flags (the --llm-* ones are read for `llm`). */
  readonly values?: Record<string, string | boolean | undefined>;
  readonly env?: NodeJS.ProcessEnv;
  /** A subprocess agent's time per answer. */
  readonly timeoutMs?: number;
}

function forms(): string {
  const names = Object.keys(BUILTIN_AGENTS).join(', ');
  return (
    `send a built-in agent (${names}; stubborn, oscillator and death-repeater take :N, e.g. stubborn:20), ` +
    'llm (an OpenAI-compatible endpoint, see --llm-base-url), http:<command> (an ARC-AGI-3 HTTP program), ' +
    'or cmd:<command> (a program over stdio JSON lines; any command with a space or a path also works)'
  );
}

function usage(message: string): TabulaError {
  return new TabulaError('VALIDATION_ERROR', message);
}

export function resolveAgent(text: string | undefined, options: ResolveOptions = {}): ResolvedAgent {
  if (text === undefined || text.trim() === '') throw usage(`--agent is required; ${forms()}`);
  const spec = text.trim();
  if (spec === 'llm') {
    const agent = llmAgent(llmOptionsFrom(options.values ?? {}, options.env ?? process.env));
    return { kind: 'inline', name: agent.name, spec: agent };
  }
  if (spec.startsWith('http:')) {
    const command = spec.slice('http:'.length).trim();
    if (command === '') throw usage(`--agent http: needs a command after the colon, e.g. --agent "http:python3 my_arc_agent.py --game={game}"`);
    return { kind: 'http', name: commandAgentName('http', command), command };
  }
  const subprocess = (command: string): ResolvedAgent => {
    const agent = subprocessAgent(command, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs });
    return { kind: 'inline', name: agent.name, spec: agent };
  };
  if (spec.startsWith('cmd:')) {
    const command = spec.slice('cmd:'.length).trim();
    if (command === '') throw usage(`--agent cmd: needs a command after the colon, e.g. --agent "cmd:python3 my_agent.py"`);
    return subprocess(command);
  }
  const builtin = builtinAgent(spec);
  if (builtin !== undefined) return { kind: 'inline', name: builtin.name, spec: builtin };
  if (/[\s/]/.test(spec)) return subprocess(spec);
  throw usage(`--agent ${JSON.stringify(spec)} is not an agent; ${forms()}`);
}
