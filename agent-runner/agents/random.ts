/**
 * The random agent (a contestant: it reads the observation and its seed, nothing else). Uniform over
 * the actions the observation offers; RESET only after a loss, and always then. A click (ACTION6)
 * lands either on a uniformly chosen object of the frame, then a uniform cell inside it (`random`:
 * small pieces get as many clicks as the background), or on a uniform cell of the 64x64 frame
 * (`random-cells`). Its randomness is createRng(`random:<seed>`), so a seed replays byte for byte.
 *
 * The runner bench measures steps/s with this agent, so a step allocates nothing: keyboard actions
 * and clicks are shared frozen objects, and a frame's object table is built once per frame object.
 */
import { ACTIONS, createRng, FRAME_CELLS, type Action, type ActionName, type Rng } from '../../core/index.ts';
import type { Agent, AgentContext, AgentObservation, AgentSpec } from '../runner/agent.ts';
import { clickAt, lastFrame, objectTable } from './objects.ts';

export type ClickMode = 'objects' | 'cells';

export class RandomAgent implements Agent {
  private readonly rng: Rng;
  /** The offered actions last seen (the session hands back the same array) and RESET left out of them. */
  private offered: readonly ActionName[] | undefined;
  private pool: readonly ActionName[] = [];

  constructor(
    seed: number,
    private readonly clicks: ClickMode,
  ) {
    this.rng = createRng(`random:${seed}`);
  }

  chooseAction(observation: AgentObservation): Action {
    if (observation.state === 'GAME_OVER') return ACTIONS.RESET;
    if (observation.availableActions !== this.offered) {
      this.offered = observation.availableActions;
      this.pool = observation.availableActions.filter((a) => a !== 'RESET');
    }
    if (this.pool.length === 0) return ACTIONS.RESET;
    const name = this.pool[this.rng.int(this.pool.length)]!;
    if (name !== 'ACTION6') return ACTIONS[name];
    if (this.clicks === 'cells') return clickAt(this.rng.int(FRAME_CELLS));
    const table = objectTable(lastFrame(observation.frames));
    const k = this.rng.int(table.count);
    return clickAt(table.cell(k, this.rng.int(table.sizes[k]!)));
  }
}

export function randomAgent(name: string, clicks: ClickMode): AgentSpec {
  return { name, create: (context: AgentContext) => new RandomAgent(context.seed, clicks) };
}
