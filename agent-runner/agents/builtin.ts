/**
 * The built-in agents by name, for `tabula run --agent <name[:arg]>`. Contestants (random,
 * random-cells, explorer) see only what any agent sees; the calibration agents (oracle and
 * SCORING.md's synthetic agents) use the registry entry and the solver, to show what the metrics
 * say about behaviour known in advance.
 */
import { TabulaError } from '../../core/index.ts';
import type { AgentSpec } from '../runner/agent.ts';
import { explorerAgent } from './explorer.ts';
import { oracleAgent } from './oracle.ts';
import { randomAgent } from './random.ts';
import { scriptedAgent } from './scripted.ts';
import { deathRepeater, oscillator, stubborn, type SyntheticAgent } from './synthetic.ts';

export interface BuiltinAgent {
  readonly summary: string;
  /** False for calibration agents, which read the game's rules (the registry entry, the solver). */
  readonly contestant: boolean;
  /** The agent for an argument (the part after `:`, undefined without one); throws a VALIDATION_ERROR for a bad one. */
  spec(arg: string | undefined): AgentSpec;
}

/** N of the synthetic agents when the name has no `:N`. */
export const DEFAULT_REPEATS = 10;
const MAX_REPEATS = 1_000;

function plain(base: string, make: (name: string) => AgentSpec): (arg: string | undefined) => AgentSpec {
  return (arg) => {
    if (arg !== undefined) throw new TabulaError('VALIDATION_ERROR', `agent ${base} takes no argument; got "${base}:${arg}"; send ${base}`);
    return make(base);
  };
}

function repeated(base: string, make: (n: number) => SyntheticAgent): (arg: string | undefined) => AgentSpec {
  return (arg) => {
    let n = DEFAULT_REPEATS;
    if (arg !== undefined) {
      n = /^\d{1,4}$/.test(arg) ? Number(arg) : NaN;
      if (!(n >= 1 && n <= MAX_REPEATS)) {
        throw new TabulaError('VALIDATION_ERROR', `agent ${base}:N needs N a whole number in 1..${MAX_REPEATS}; got "${arg}"; send e.g. ${base}:${DEFAULT_REPEATS} (or ${base} for N = ${DEFAULT_REPEATS})`);
      }
    }
    return scriptedAgent(arg === undefined ? base : `${base}:${n}`, make(n));
  };
}

export const BUILTIN_AGENTS: Readonly<Record<string, BuiltinAgent>> = Object.freeze({
  random: {
    summary: 'uniform over the offered actions (RESET only after a loss); a click picks a uniform object of the frame, then a cell in it',
    contestant: true,
    spec: plain('random', (name) => randomAgent(name, 'objects')),
  },
  'random-cells': {
    summary: 'random, but a click lands on a uniform cell of the 64x64 frame',
    contestant: true,
    spec: plain('random-cells', (name) => randomAgent(name, 'cells')),
  },
  explorer: {
    summary: 'systematic novelty search over the frames it has seen: untried moves first, else the shortest known path to one; RESET when stuck',
    contestant: true,
    spec: plain('explorer', explorerAgent),
  },
  oracle: {
    summary: "calibration: plays the solver's shortest solution of every level (reads the game)",
    contestant: false,
    spec: plain('oracle', oracleAgent),
  },
  stubborn: {
    summary: `calibration (SCORING.md): repeats a move that does nothing N more times (default ${DEFAULT_REPEATS}), then explores`,
    contestant: false,
    spec: repeated('stubborn', (n) => stubborn(n)),
  },
  oscillator: {
    summary: `calibration (SCORING.md): alternates two moves that do nothing for N cycles (default ${DEFAULT_REPEATS}), then explores`,
    contestant: false,
    spec: repeated('oscillator', (n) => oscillator(n)),
  },
  'death-repeater': {
    summary: `calibration (SCORING.md): walks into the same loss N more times (default ${DEFAULT_REPEATS}), then explores`,
    contestant: false,
    spec: repeated('death-repeater', (n) => deathRepeater(n)),
  },
});

/**
 * The built-in agent `name` (`base` or `base:arg`, e.g. `stubborn:20`), or undefined when no built-in
 * agent has that base name. A bad argument throws a VALIDATION_ERROR that says what to send.
 */
export function builtinAgent(name: string): AgentSpec | undefined {
  const colon = name.indexOf(':');
  const base = colon < 0 ? name : name.slice(0, colon);
  if (!Object.hasOwn(BUILTIN_AGENTS, base)) return undefined;
  return BUILTIN_AGENTS[base]!.spec(colon < 0 ? undefined : name.slice(colon + 1));
}
