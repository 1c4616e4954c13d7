import { runBench } from '../bench.ts';
import type { Command } from '../cli.ts';

/** Floors from the engine issue, shown beside each figure. */
const FLOORS: Record<string, number> = {
  session_steps_per_s: 200_000,
  reducer_steps_per_s: 2_000_000,
  solver_states_per_s: 1_000_000,
};

export const bench: Command = {
  summary: 'measure engine speed and memory (steps/s, solver states/s, frames encoded/s, bytes per session)',
  usage: 'bench [--json] [--quick]',
  options: { json: { type: 'boolean' }, quick: { type: 'boolean' } },
  async run({ values }) {
    const result = await runBench({ quick: values.quick === true });
    if (values.json) {
      console.log(JSON.stringify(result, null, 2));
      return 0;
    }
    for (const [key, value] of Object.entries(result)) {
      const floor = FLOORS[key];
      const note = floor === undefined ? '' : `  (floor ${floor.toLocaleString('en')}: ${value >= floor ? 'met' : 'NOT MET'})`;
      console.log(`${key.padEnd(34)} ${value.toLocaleString('en').padStart(14)}${note}`);
    }
    console.log(
      '\nsession_bytes: heap per live session beyond shared level data (limit 65,536). Ratios *_vs_reference compare with a naive engine step measured in this run.' +
        '\nsolver_states_per_s counts states expanded; a click game expands fewer, as each state has a successor per view cell (see solver_generated_per_s).',
    );
    return 0;
  },
};
