/**
 * SCORING.md's synthetic agents (stubborn, oscillator, death repeater) as runner agents, so a user
 * can see what the metrics say about behaviour known in advance. They are calibration instruments:
 * at create() the synthetic agent (synthetic.ts) plays a private session of the same game and seed,
 * and the episode then replays its actions in order; once they run out the agent is done.
 */
import { AgentError, type Agent, type AgentContext, type AgentSpec } from '../runner/agent.ts';
import { createSession, type Action } from '../../core/index.ts';
import type { SyntheticAgent } from './synthetic.ts';

/** Answers a fixed list of actions in order; done once it is exhausted. */
export class ScriptedAgent implements Agent {
  private next = 0;

  constructor(private readonly actions: readonly Action[]) {}

  chooseAction(): Action {
    const action = this.actions[this.next];
    if (action === undefined) throw new AgentError('the script is exhausted', true);
    this.next++;
    return action;
  }

  isDone(): boolean {
    return this.next >= this.actions.length;
  }
}

/** A runner agent that plays what `synthetic` plays on a private session of the episode's game. */
export function scriptedAgent(name: string, synthetic: SyntheticAgent): AgentSpec {
  return {
    name,
    create(context: AgentContext) {
      const session = createSession(context.privileged.game, { seed: context.levelSeed });
      let actions: Action[];
      try {
        actions = synthetic(session);
      } catch (thrown) {
        // The synthetic agents say what a level lacks (no move that does nothing, no way to lose).
        const why = thrown instanceof Error ? thrown.message : String(thrown);
        throw new AgentError(`${name} cannot play ${context.gameId}: ${why}; pick a game where it can`, true);
      }
      return new ScriptedAgent(actions);
    },
  };
}
