/**
 * The synthetic agents of SCORING.md's validation suite: players whose behaviour is known exactly,
 * so each metric can be checked against what it must say about them (Optimal: no waste; Stubborn(N):
 * wasted = HAL = N; DeathRepeater(N): N futile attempts; ...). Each plays a live Session and returns
 * the actions it sent, ready to be written as a replay. They see what any player sees (the state
 * hash a replay records, the frame's size) plus, for Optimal and the failure-seeking ones, the
 * solver: they are test instruments, not contestants. The runner issue wraps them as built-in agents.
 */
import {
  ACTIONS,
  clickedObject,
  createRng,
  hashValue,
  initContext,
  layoutFor,
  solveLevel,
  viewCellToFrame,
  type Action,
  type Game,
  type GameAction,
  type Session,
  type StepResult,
} from '../../core/index.ts';

export type SyntheticAgent = (session: Session<unknown>) => Action[];

/** The moves a player can make on the current level: the keyboard actions, then a click per view cell. */
export function movesOf(session: Session<unknown>): Action[] {
  const game = session.game;
  const moves: Action[] = [];
  for (const name of game.availableActions) if (name !== 'ACTION6' && name !== 'ACTION7') moves.push(ACTIONS[name]);
  if (game.availableActions.includes('ACTION6')) {
    const view = game.view(session.state);
    const layout = layoutFor(view.width, view.height);
    for (let y = 0; y < view.height; y++) for (let x = 0; x < view.width; x++) moves.push({ type: 'ACTION6', ...viewCellToFrame(layout, x, y) });
  }
  return moves;
}

/** Optimal: the solver's shortest solution of every level left, from where the session is. */
export function optimal(session: Session<unknown>): Action[] {
  const played: Action[] = [];
  while (session.status === 'NOT_FINISHED') {
    const solution = solveLevel(session.game, session.level, { seed: session.seed });
    if (solution === undefined) throw new Error(`level ${session.level + 1} has no solution`);
    for (const a of solution.actions) {
      session.act(a);
      played.push(a);
    }
  }
  return played;
}

/**
 * Explorer: tries an untried action from where it stands, else walks the shortest known path to
 * the nearest state with one, RESETs after a loss (or when nothing reachable is left untried). It
 * remembers transitions per level entry, as the scorer does, and counts a click by the object it
 * lands on (one click per object, SCORING.md "State key"), so it never repeats an experiment.
 */
export class Explorer {
  readonly played: Action[] = [];
  /** Per state hash: its moves by key, and where each tried one led. */
  private states = new Map<string, { readonly moves: Map<string, Action>; readonly edges: Map<string, string> }>();
  private readonly dead = new Set<string>();
  private level: number;

  constructor(readonly session: Session<unknown>) {
    this.level = session.level;
    this.here();
  }

  /** Plays one action and remembers where it led. */
  act(action: Action): StepResult {
    const from = this.here();
    const key = moveKey(this.session, action);
    const result = this.session.act(action);
    this.played.push(action);
    if (result.levelIndex !== this.level || result.fullReset) {
      this.level = result.levelIndex;
      this.states = new Map();
      this.dead.clear();
      return result;
    }
    if (action.type !== 'RESET') from.edges.set(key, result.hash);
    if (result.state === 'GAME_OVER') this.dead.add(result.hash);
    return result;
  }

  /** One decision. */
  step(): StepResult {
    if (this.session.status !== 'NOT_FINISHED') return this.act(ACTIONS.RESET);
    this.here();
    const untried = this.untried(this.session.hash);
    if (untried !== undefined) return this.act(untried);
    return this.act(this.pathToUntried(this.session.hash) ?? ACTIONS.RESET);
  }

  /** Plays until the game is won or `budget` actions have been sent in all. */
  run(budget: number): Action[] {
    while (this.session.status !== 'WIN' && this.played.length < budget) this.step();
    return this.played;
  }

  /** The current state's record, its moves listed on first visit. */
  private here(): { readonly moves: Map<string, Action>; readonly edges: Map<string, string> } {
    let record = this.states.get(this.session.hash);
    if (record === undefined) {
      const moves = new Map<string, Action>();
      for (const a of movesOf(this.session)) {
        const key = moveKey(this.session, a);
        if (!moves.has(key)) moves.set(key, a);
      }
      this.states.set(this.session.hash, (record = { moves, edges: new Map() }));
    }
    return record;
  }

  private untried(state: string): Action | undefined {
    const record = this.states.get(state);
    if (record === undefined) return undefined;
    for (const [key, a] of record.moves) if (!record.edges.has(key)) return a;
    return undefined;
  }

  /** The first move of a shortest known path to a state with an untried move, avoiding losses. */
  private pathToUntried(start: string): Action | undefined {
    const first = new Map<string, Action | undefined>([[start, undefined]]);
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      const s = queue[i]!;
      if (s !== start && this.untried(s) !== undefined) return first.get(s);
      const record = this.states.get(s);
      for (const [key, to] of record?.edges ?? []) {
        if (first.has(to) || this.dead.has(to)) continue;
        first.set(to, s === start ? record!.moves.get(key) : first.get(s));
        queue.push(to);
      }
    }
    return undefined;
  }
}

/** A move's identity from the current state: the action name, or the clicked object in the frame. */
function moveKey(session: Session<unknown>, action: Action): string {
  return action.type === 'ACTION6' ? `object ${clickedObject(session.frame(), action.x, action.y)}` : action.type;
}

export function explorer(budget = 10_000): SyntheticAgent {
  return (session) => new Explorer(session).run(budget);
}

/** A move that changes nothing from the current state (into a wall), or the next such after `skip`. */
function noOpMoves(session: Session<unknown>): Action[] {
  const game = session.game as Game<unknown>;
  return movesOf(session).filter((a) => a.type !== 'ACTION6' && game.step(session.state, a as GameAction) === session.state);
}

/** Stubborn(N): makes a move that does nothing, repeats it N more times, then explores. */
export function stubborn(n: number, budget = 10_000): SyntheticAgent {
  return (session) => {
    const agent = new Explorer(session);
    const failing = noOpMoves(session)[0];
    if (failing === undefined) throw new Error('Stubborn needs a move that does nothing at the start');
    for (let i = 0; i <= n; i++) agent.act(failing);
    return agent.run(budget);
  };
}

/** Oscillator(N): alternates two moves that do nothing for N cycles, then explores. */
export function oscillator(n: number, budget = 10_000): SyntheticAgent {
  return (session) => {
    const agent = new Explorer(session);
    const [a, b] = noOpMoves(session);
    if (a === undefined || b === undefined) throw new Error('Oscillator needs two moves that do nothing at the start');
    for (let i = 0; i < n; i++) {
      agent.act(a);
      agent.act(b);
    }
    return agent.run(budget);
  };
}

/** States pathToLoss searches before giving up (a level without losses would be searched whole). */
const LOSS_SEARCH_STATES = 200_000;

/** A shortest path (keyboard moves) from the level's start into a losing state, by the pure step. */
function pathToLoss(session: Session<unknown>): Action[] {
  const game = session.game as Game<unknown>;
  const start = game.init(session.levels[session.level]!, initContext(session.seed, session.level));
  const moves = movesOf(session).filter((a) => a.type !== 'ACTION6') as GameAction[];
  // Keyed by the state's whole content (volatile counters too: a loss may be one running out); step()
  // builds a new object for a state seen before, so identity never repeats.
  const key = (s: unknown): number => hashValue(s);
  const back = new Map<number, { from: unknown; move: GameAction } | null>([[key(start), null]]);
  const queue: unknown[] = [start];
  for (let i = 0; i < queue.length && queue.length < LOSS_SEARCH_STATES; i++) {
    const s = queue[i];
    for (const move of moves) {
      const next = game.step(s, move);
      if (next === s || back.has(key(next))) continue;
      back.set(key(next), { from: s, move });
      if (game.outcome(next) === 'lost') {
        const path: Action[] = [];
        for (let at: unknown = next; back.get(key(at)) !== null; at = back.get(key(at))!.from) path.push(back.get(key(at))!.move as Action);
        return path.reverse();
      }
      if (game.outcome(next) === 'playing') queue.push(next);
    }
  }
  throw new Error(`DeathRepeater needs a level where a move can lose; none found within ${LOSS_SEARCH_STATES} states`);
}

/** DeathRepeater(N): walks into the same pit, then N more times (RESET, same walk), then explores. */
export function deathRepeater(n: number, budget = 10_000): SyntheticAgent {
  return (session) => {
    const agent = new Explorer(session);
    const path = pathToLoss(session);
    for (let i = 0; i <= n; i++) {
      if (i > 0) agent.act(ACTIONS.RESET);
      for (const a of path) agent.act(a);
    }
    return agent.run(budget);
  };
}

/** Random: uniform over the level's moves (RESET only when the game has ended), for `budget` actions or a WIN. */
export function random(seed: number, budget = 2_000): SyntheticAgent {
  return (session) => {
    const rng = createRng(`synthetic-random:${seed}`);
    const played: Action[] = [];
    let moves = movesOf(session);
    let level = session.level;
    while (played.length < budget && session.status !== 'WIN') {
      const a = session.status === 'GAME_OVER' ? ACTIONS.RESET : rng.pick(moves);
      const result = session.act(a);
      played.push(a);
      if (result.levelIndex !== level) {
        level = result.levelIndex;
        moves = movesOf(session);
      }
    }
    return played;
  };
}
