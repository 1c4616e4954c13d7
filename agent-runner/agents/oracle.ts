/**
 * The oracle (calibration, not a contestant: it reads `context.privileged` and runs the solver).
 * It plays the solver's shortest solution of each level from the level's start, so a run costs
 * exactly the sum of the levels' optimal counts. It keeps a private session in step with the
 * episode (every accepted action is in the history), so it always knows the exact state: on the
 * plan it sends the plan's next action; anywhere else (a loss, a refused answer that left it
 * elsewhere) it RESETs, which puts it back on the level's start and so on the plan.
 */
import { ACTIONS, createSession, Session, solveLevel, type Action, type Game, type Solution } from '../../core/index.ts';
import type { RegisteredGame } from '../../envs/index.ts';
import type { Agent, AgentContext, AgentObservation, AgentSpec, HistoryEntry } from '../runner/agent.ts';

/** Solutions by game id, level seed and level: a run of many episodes solves each level once. */
const solutions = new Map<string, Solution>();

/** The solver's shortest solution of one level (memoised for the process). */
export function levelSolution(entry: RegisteredGame, levelSeed: number | null, level: number): Solution {
  const key = `${entry.gameId}/${levelSeed}/${level}`;
  let solution = solutions.get(key);
  if (solution === undefined) {
    solution = solveLevel(entry.game, level, { seed: levelSeed });
    if (solution === undefined) throw new Error(`${entry.gameId} level ${level + 1}${levelSeed === null ? '' : ` (seed ${levelSeed})`} has no solution`);
    solutions.set(key, solution);
  }
  return solution;
}

/** A level's plan: its solution and, per state hash along it, the index of the action to play there. */
interface Plan {
  readonly actions: readonly Action[];
  readonly at: ReadonlyMap<string, number>;
}

export class OracleAgent implements Agent {
  /** Mirrors the episode's session: every accepted action is played here too. */
  private readonly shadow: Session<unknown>;
  private played = 0;
  private readonly plans = new Map<number, Plan>();

  constructor(
    private readonly entry: RegisteredGame,
    private readonly levelSeed: number | null,
  ) {
    this.shadow = createSession(entry.game, { seed: levelSeed });
  }

  chooseAction(_observation: AgentObservation, history: readonly HistoryEntry[]): Action {
    for (; this.played < history.length; this.played++) this.shadow.act(history[this.played]!.action);
    if (this.shadow.status !== 'NOT_FINISHED') return ACTIONS.RESET;
    const plan = this.planFor(this.shadow.level);
    const next = plan.at.get(this.shadow.hash);
    return next === undefined ? ACTIONS.RESET : plan.actions[next]!;
  }

  /** Solves the level and walks the solution on a session of its own, noting the state before each action. */
  private planFor(level: number): Plan {
    let plan = this.plans.get(level);
    if (plan !== undefined) return plan;
    const walker = sessionAtLevel(this.entry, this.levelSeed, level);
    const actions = levelSolution(this.entry, this.levelSeed, level).actions;
    const at = new Map<string, number>();
    actions.forEach((action, i) => {
      at.set(walker.hash, i);
      walker.act(action);
    });
    plan = { actions, at };
    this.plans.set(level, plan);
    return plan;
  }
}

/** A fresh session advanced to the start of `level` by the earlier levels' solutions. */
function sessionAtLevel(entry: RegisteredGame, levelSeed: number | null, level: number): Session<unknown> {
  const session = createSession(entry.game as Game<unknown>, { seed: levelSeed });
  for (let l = 0; l < level; l++) for (const action of levelSolution(entry, levelSeed, l).actions) session.act(action);
  return session;
}

export function oracleAgent(name = 'oracle'): AgentSpec {
  return { name, create: (context: AgentContext) => new OracleAgent(context.privileged, context.levelSeed) };
}
