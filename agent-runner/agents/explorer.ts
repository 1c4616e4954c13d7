/**
 * The explorer (a contestant: observation and seed only). Systematic novelty search over the states
 * it has seen, a state being what the frame shows (a hash of the last frame's bytes). Per state its
 * moves are the keyboard actions offered, then one click per object of the frame (clicks on one
 * object are one experiment, as the scorer counts them), each group in an order shuffled by the
 * seed. It takes an untried move where it stands; else walks the shortest known path (over
 * transitions it has seen, avoiding losses) to the nearest state with one; RESETs after a loss, and when nothing reachable is
 * left untried (forgetting what it saw: two situations that look alike may not be, so a fresh look
 * can find more). It forgets everything when the level changes.
 *
 * This is synthetic.ts's Explorer without the privileged state hash. Undo (ACTION7) is left out: where
 * it leads depends on the past, not on the frame, so it would make the map's transitions lie.
 */
import { ACTIONS, actionId, createRng, hashValue, type Action, type Frame, type Rng } from '../../core/index.ts';
import type { Agent, AgentContext, AgentObservation, AgentSpec } from '../runner/agent.ts';
import { clickAt, lastFrame, objectTable } from './objects.ts';

/** A state's moves and what the explorer has seen them do. */
interface StateRecord {
  readonly moves: readonly Action[];
  /** Per move, its key: -actionId for a keyboard action, the clicked object's id for a click. */
  readonly keys: readonly number[];
  /** Move key -> the state it led to. */
  readonly edges: Map<number, number>;
  /** Moves before this index have all been tried (they are tried in list order). */
  cursor: number;
}

/** Frames are immutable: a frame shown again (nothing changed) is hashed once. */
const frameKeys = new WeakMap<Frame, number>();

function frameKey(frame: Frame): number {
  let key = frameKeys.get(frame);
  if (key === undefined) {
    key = hashValue(frame);
    frameKeys.set(frame, key);
  }
  return key;
}

/** The state key: the frame's hash, negated (minus one) for a lost game so a loss never aliases play. */
function stateKey(observation: AgentObservation): number {
  const key = frameKey(lastFrame(observation.frames));
  return observation.state === 'GAME_OVER' ? -1 - key : key;
}

export class ExplorerAgent implements Agent {
  private readonly rng: Rng;
  private states = new Map<number, StateRecord>();
  private readonly dead = new Set<number>();
  private level = -1;
  /** The move last sent and where from, recorded as a transition once its result is seen. */
  private pending: { readonly from: number; readonly key: number } | undefined;

  constructor(seed: number) {
    this.rng = createRng(`explorer:${seed}`);
  }

  chooseAction(observation: AgentObservation): Action {
    const here = stateKey(observation);
    if (observation.levelIndex !== this.level) {
      this.level = observation.levelIndex;
      this.forget();
    } else if (this.pending !== undefined && observation.error === undefined) {
      this.states.get(this.pending.from)?.edges.set(this.pending.key, here);
    }
    this.pending = undefined;

    if (observation.state !== 'NOT_FINISHED') {
      if (observation.state === 'GAME_OVER') this.dead.add(here);
      return ACTIONS.RESET;
    }
    const record = this.record(here, observation);
    const untried = nextUntried(record);
    if (untried >= 0) return this.send(here, record, untried);
    const step = this.pathToUntried(here);
    if (step >= 0) return this.send(here, record, step);
    // Nothing reachable is left to try: start the level again with a fresh map.
    this.forget();
    return ACTIONS.RESET;
  }

  private send(from: number, record: StateRecord, move: number): Action {
    this.pending = { from, key: record.keys[move]! };
    return record.moves[move]!;
  }

  private forget(): void {
    this.states = new Map();
    this.dead.clear();
  }

  /** The state's record, its moves listed (and shuffled) on the first visit. */
  private record(key: number, observation: AgentObservation): StateRecord {
    let record = this.states.get(key);
    if (record !== undefined) return record;
    const moves: Action[] = [];
    const keys: number[] = [];
    for (const name of observation.availableActions) {
      if (name === 'RESET' || name === 'ACTION6' || name === 'ACTION7') continue;
      moves.push(ACTIONS[name]);
      keys.push(-actionId(name));
    }
    if (observation.availableActions.includes('ACTION6')) {
      const table = objectTable(lastFrame(observation.frames));
      for (let k = 0; k < table.count; k++) {
        moves.push(clickAt(table.first(k)));
        keys.push(table.ids[k]!);
      }
    }
    // Keyboard moves first: on games with both, a click on most objects does nothing, and trying
    // every object from every new state left no budget for walking (measured: 0 of 10 seeds cleared
    // level 1 of any such game with the moves all shuffled together).
    const keyboard = keys.filter((k) => k < 0).length;
    const order = [...this.rng.shuffled(indices(0, keyboard)), ...this.rng.shuffled(indices(keyboard, moves.length))];
    record = { moves: order.map((i) => moves[i]!), keys: order.map((i) => keys[i]!), edges: new Map(), cursor: 0 };
    this.states.set(key, record);
    return record;
  }

  /** The index (in the start state's moves) of the first move of a shortest known path to a state with an untried move; -1 if none. */
  private pathToUntried(start: number): number {
    const first = new Map<number, number>([[start, -1]]);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      const s = queue[i]!;
      const record = this.states.get(s);
      if (record === undefined) continue;
      if (s !== start && nextUntried(record) >= 0) return first.get(s)!;
      for (let m = 0; m < record.moves.length; m++) {
        const to = record.edges.get(record.keys[m]!);
        if (to === undefined || first.has(to) || this.dead.has(to)) continue;
        first.set(to, s === start ? m : first.get(s)!);
        queue.push(to);
      }
    }
    return -1;
  }
}

function indices(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

/** The first untried move of a state, or -1. */
function nextUntried(record: StateRecord): number {
  while (record.cursor < record.moves.length && record.edges.has(record.keys[record.cursor]!)) record.cursor++;
  return record.cursor < record.moves.length ? record.cursor : -1;
}

export function explorerAgent(name = 'explorer'): AgentSpec {
  return { name, create: (context: AgentContext) => new ExplorerAgent(context.seed) };
}
