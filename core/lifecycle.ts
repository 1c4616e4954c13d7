/**
 * The session lifecycle as an xstate machine: playing -> levelCleared -> playing | won, playing -> lost,
 * and RESET with ARC-AGI-3's semantics. It owns the level index, progress and run count. It hears only
 * about outcomes and resets (the per-step hot path is the game's plain reducer), and it is driven with
 * xstate's pure transition(), so core/ stays free of actors and timers.
 */
import { assign, initialTransition, setup, transition, type SnapshotFrom } from 'xstate';

export interface LifecycleContext {
  readonly levelIndex: number;
  readonly levelsCompleted: number;
  readonly winLevels: number;
  /** What the last RESET did, so the session knows which state to build. */
  readonly lastReset: 'none' | 'level' | 'full';
}

export type LifecycleEvent =
  | { type: 'CLEARED' }
  | { type: 'LOST' }
  /** `dirty`: at least one action was taken since the current level began. */
  | { type: 'RESET'; dirty: boolean };

export const lifecycleMachine = setup({
  types: {} as { context: LifecycleContext; events: LifecycleEvent; input: { winLevels: number } },
  guards: {
    lastLevel: ({ context }) => context.levelIndex + 1 >= context.winLevels,
    levelReset: ({ event }) => event.type === 'RESET' && event.dirty,
  },
  actions: {
    restartLevel: assign({ lastReset: 'level' as const }),
    newRun: assign({ levelIndex: 0, levelsCompleted: 0, lastReset: 'full' as const }),
    completeLevel: assign(({ context }) => ({ levelsCompleted: context.levelsCompleted + 1, lastReset: 'none' as const })),
    nextLevel: assign(({ context }) => ({ levelIndex: context.levelIndex + 1 })),
  },
}).createMachine({
  id: 'session',
  initial: 'playing',
  context: ({ input }) => ({ levelIndex: 0, levelsCompleted: 0, winLevels: input.winLevels, lastReset: 'none' }),
  states: {
    playing: {
      on: {
        CLEARED: { target: 'levelCleared', actions: 'completeLevel' },
        LOST: { target: 'lost' },
        RESET: [
          { guard: 'levelReset', target: 'playing', reenter: true, actions: 'restartLevel' },
          { target: 'playing', reenter: true, actions: 'newRun' },
        ],
      },
    },
    levelCleared: {
      always: [{ guard: 'lastLevel', target: 'won' }, { target: 'playing', actions: 'nextLevel' }],
    },
    // After GAME_OVER some action was taken on the level (the fatal one), so RESET restarts the level.
    lost: {
      on: {
        RESET: [
          { guard: 'levelReset', target: 'playing', actions: 'restartLevel' },
          { target: 'playing', actions: 'newRun' },
        ],
      },
    },
    // After WIN, RESET always starts a fresh game.
    won: {
      on: { RESET: { target: 'playing', actions: 'newRun' } },
    },
  },
});

export type LifecycleSnapshot = SnapshotFrom<typeof lifecycleMachine>;
export type Phase = 'playing' | 'won' | 'lost';

/**
 * xstate resolves a transition in tens of microseconds, as long as a hundred game steps. The context
 * is finite (no counters: the session counts runs), so each (snapshot, event) pair is resolved by
 * xstate once and its snapshot shared from then on. Snapshots are never mutated, so sharing is safe.
 */
const resolved = new Map<string, LifecycleSnapshot>();

function keyOf(value: string, c: LifecycleContext, event: string): string {
  return `${c.winLevels}/${value}/${c.levelIndex}/${c.levelsCompleted}/${c.lastReset}/${event}`;
}

export function startLifecycle(winLevels: number): LifecycleSnapshot {
  const key = `${winLevels}/start`;
  let snapshot = resolved.get(key);
  if (snapshot === undefined) {
    snapshot = initialTransition(lifecycleMachine, { winLevels })[0];
    Object.freeze(snapshot.context);
    resolved.set(key, snapshot);
  }
  return snapshot;
}

export function advanceLifecycle(snapshot: LifecycleSnapshot, event: LifecycleEvent): LifecycleSnapshot {
  const key = keyOf(snapshot.value, snapshot.context, event.type === 'RESET' ? `RESET:${event.dirty}` : event.type);
  let next = resolved.get(key);
  if (next === undefined) {
    next = transition(lifecycleMachine, snapshot, event)[0];
    Object.freeze(next.context); // shared by every session from now on
    resolved.set(key, next);
  }
  return next;
}

export function phaseOf(snapshot: LifecycleSnapshot): Phase {
  return snapshot.value as Phase;
}

/** Rebuilds a snapshot from its persisted value and context (a restored session). */
export function restoreLifecycle(value: Phase, context: LifecycleContext): LifecycleSnapshot {
  return lifecycleMachine.resolveState({ value, context });
}
