/**
 * The scorer's one pass over a play (SCORING.md "Per-step labels" to "Timeline"): each step is
 * labelled, judged wasted or not, and folded into per-level tallies of episodes, attempts,
 * lose-shift and drought. It sees only what a replay line says (plus the clicked object), so the
 * same fold scores re-simulated Tabula replays and imported ARC-AGI-3 recordings.
 *
 * Memory: per level entry, one id per distinct state and one entry per distinct (state, action)
 * pair; everything else is a counter or a histogram. A replay's length never makes it grow, except
 * the optional per-step label list the viewer asks for.
 */
import { actionId, type ActionName } from '../actions.ts';
import { FRAME_SIZE } from '../frame.ts';
import { RunTallies } from './rhae.ts';
import { addHal, entropyBits, MotifTracker, type HalHistogram } from './stats.ts';

export const LABELS = ['PROGRESS', 'RESET', 'DEAD_ACT', 'DISCOVERY', 'PROBE', 'PERSEVERATION', 'RETRACE'] as const;
export type Label = (typeof LABELS)[number];
const PROGRESS = 0;
const RESET = 1;
const DEAD_ACT = 2;
const DISCOVERY = 3;
const PROBE = 4;
const PERSEVERATION = 5;
const RETRACE = 6;

export const WINDOW_KINDS = ['EXPLORE', 'TRAVEL', 'PERSEVERATE', 'FLAIL'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];
/** Timeline windows are this many actions. */
export const WINDOW = 16;
/**
 * A wasteful window is PERSEVERATE when the entropy of its actions is at most this many bits (one
 * action hammered, or a loop of up to three), FLAIL above it.
 */
export const LOW_ENTROPY_BITS = 1.6;
/** Episodes listed one by one per level; the rest are only counted (a long replay stays small). */
export const LISTED_EPISODES = 200;

/** What the fold needs of one accepted action: a replay step line has these fields. */
export interface FoldStep {
  readonly t: number;
  readonly action: ActionName;
  readonly x?: number;
  readonly y?: number;
  readonly level: number;
  readonly state: 'NOT_FINISHED' | 'WIN' | 'GAME_OVER';
  readonly levels_completed: number;
  readonly hash: string;
  readonly changed: boolean;
  readonly full_reset?: boolean;
}

export interface Episode {
  /** The step (t) of its first wasted action: the first evidence of failure. */
  readonly t: number;
  /** HAL: the number of consecutive wasted steps. */
  readonly hal: number;
  /** Still open when the level ended unsolved or the replay ended: HAL is a lower bound. */
  readonly censored: boolean;
  /** Smallest period 1..8 (1 = one action hammered, >= 2 a loop), null when aperiodic. */
  readonly motif: number | null;
  /** Entropy of the episode's actions, in bits. */
  readonly entropy: number;
}

/** Everything counted on one level (0-based index), over every time the level was played. */
export interface LevelTally {
  actions: number;
  readonly labels: number[];
  informative: number;
  wasted: number;
  episodes: number;
  censored: number;
  readonly hal: HalHistogram;
  halMax: number;
  readonly listed: Episode[];
  /** Action histogram pooled over every episode on the level. */
  readonly episodeActions: Map<number, number>;
  /** Per motif period (0 = aperiodic), the number of episodes. */
  readonly motifs: Map<number, number>;
  attempts: number;
  futile: number;
  futileActions: number;
  /** Steps in futile attempts that are not wasted (so PI counts the union once). */
  futileUnwasted: number;
  noOps: number;
  shifts: number;
  /** Actions on the level up to and including its first PROGRESS; null until then. */
  firstProgress: number | null;
  /** Longest stretch without a new minimum distance to a win; null without a distance table. */
  drought: number | null;
}

export interface TimelineWindow {
  /** 1-based t of the window's first step. */
  readonly t: number;
  readonly steps: number;
  readonly kind: WindowKind;
}

/** Distance to a win by state hash on one level (the solver's exploreLevel gives one). */
export interface DistanceTable {
  distance(hash: number): number | undefined;
}

// Action keys are numbers: 0..7 the action ids, then clicked objects, then raw clicks.
const OBJECT_BASE = 8;
const RAW_BASE = OBJECT_BASE + 16 * FRAME_SIZE * FRAME_SIZE;
const KEY_SPACE = 2 ** 17; // > RAW_BASE + 4096

/**
 * One number per (state, action key). Keyboard pairs stay small integers (V8 keeps them unboxed in a
 * Map, the common case); click pairs take the negative side.
 */
function pairKey(state: number, key: number): number {
  return key < OBJECT_BASE ? state * OBJECT_BASE + key : -(state * KEY_SPACE + key) - 1;
}
const LEFT = -1; // the post-state of a step that left the level

/** What the scorer remembers of the level being played since it was entered. */
class LevelHistory {
  readonly ids = new Map<string, number>();
  /** Per state id, the epoch in which it was last occupied; an informative step starts an epoch. */
  readonly occupied: number[] = [];
  epoch = 1;
  /** (state, action key) -> the post-state it led to. */
  readonly pairs = new Map<number, number>();
  /** (state, object) pairs whose clicks led to different places: keyed by raw (x, y) from then on. */
  readonly split = new Set<number>();
  best = Infinity;
  sinceBest = 0;

  constructor(readonly level: number, start: string, readonly distance: DistanceTable | undefined) {
    this.occupied[this.id(start)] = this.epoch;
    if (distance !== undefined) this.best = distance.distance(parseInt(start, 16)) ?? Infinity;
  }

  id(hash: string): number {
    let id = this.ids.get(hash);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(hash, id);
      this.occupied.push(0);
    }
    return id;
  }
}

function newTally(): LevelTally {
  return {
    actions: 0, labels: LABELS.map(() => 0), informative: 0, wasted: 0, episodes: 0, censored: 0, hal: new Map(), halMax: 0,
    listed: [], episodeActions: new Map(), motifs: new Map(), attempts: 0, futile: 0, futileActions: 0, futileUnwasted: 0,
    noOps: 0, shifts: 0, firstProgress: null, drought: null,
  };
}

interface OpenEpisode {
  readonly level: number;
  readonly t: number;
  length: number;
  readonly motif: MotifTracker;
}

interface Attempt {
  readonly level: number;
  steps: number;
  wasted: number;
  informative: number;
}

export interface FoldOptions {
  /** Keep one label per step (the viewer's scrubber); off for long replays scored in bulk. */
  readonly labels?: boolean;
  /** Per 0-based level, its distance table (progress drought), where the space was explored. */
  readonly distance?: readonly (DistanceTable | undefined)[];
  /** Keep the 16-action timeline (default true); off, a replay of any length scores in bounded memory. */
  readonly timeline?: boolean;
}

export class ScoreFold {
  readonly levels: LevelTally[] = [];
  readonly tallies = new RunTallies();
  readonly timeline: TimelineWindow[] = [];
  readonly labels: Label[] | undefined;
  steps = 0;
  private history: LevelHistory;
  /** The id of the state the next step starts from, in the current level's history. */
  private preState = 0;
  private status: 'NOT_FINISHED' | 'WIN' | 'GAME_OVER' = 'NOT_FINISHED';
  private completed = 0;
  private episode: OpenEpisode | undefined;
  private attempt: Attempt | undefined;
  /** The last step changed nothing (and was not a RESET or a dead act): its key and level, for lose-shift. */
  private noOp = false;
  private noOpKey = 0;
  private noOpLevel = 0;
  /**
   * The timeline window being filled. Its action histogram is two short arrays in first-seen order
   * (a window holds 16 actions; a scan beats a Map, and entropy sums the counts in the same order).
   */
  private pending = { t: 1, steps: 0, informative: 0, wasted: 0, keys: [] as number[], counts: [] as number[] };
  private readonly distance: readonly (DistanceTable | undefined)[];
  private readonly keepTimeline: boolean;

  /** `start`: the hash of the state the play begins in (level 0, before the first step). */
  constructor(start: string, options: FoldOptions = {}) {
    this.distance = options.distance ?? [];
    this.labels = options.labels === false ? undefined : [];
    this.keepTimeline = options.timeline !== false;
    this.history = new LevelHistory(0, start, this.distance[0]);
    this.attempt = this.open(0);
  }

  /** Folds one accepted step; `object` is the clicked object (clickedObject) for ACTION6. */
  add(step: FoldStep, object?: number): Label {
    this.steps++;
    if (step.level !== this.history.level) this.enter(step.level, step.hash); // a foreign recording may jump
    const h = this.history;
    const level = step.level;
    const tally = this.tally(level);
    const full = step.full_reset === true;
    const progress = !full && (step.levels_completed > this.completed || (step.state === 'WIN' && this.status !== 'WIN'));
    const next = full ? 0 : progress && step.state !== 'WIN' ? step.levels_completed : level;
    const leaving = next !== level;
    const pre = this.preState;
    const post = leaving ? LEFT : h.id(step.hash);

    // The action key: the clicked object unless that object's clicks have disagreed here.
    let key: number;
    let raw = -1;
    if (step.action === 'ACTION6') {
      raw = RAW_BASE + step.y! * FRAME_SIZE + step.x!;
      key = raw;
      if (object !== undefined) {
        const objectPair = pairKey(pre, OBJECT_BASE + object);
        if (!h.split.has(objectPair)) {
          const before = h.pairs.get(objectPair);
          if (before !== undefined && before !== post) h.split.add(objectPair);
          else key = OBJECT_BASE + object;
        }
      }
    } else key = actionId(step.action);
    const pair = pairKey(pre, key);

    let label: number;
    if (progress) label = PROGRESS;
    else if (step.action === 'RESET') label = RESET;
    else if (this.status === 'GAME_OVER') label = DEAD_ACT;
    else if (post !== LEFT && h.occupied[post] === 0) label = DISCOVERY;
    else if (!h.pairs.has(pair)) label = PROBE;
    else if (!step.changed || step.state === 'GAME_OVER') label = PERSEVERATION;
    else label = RETRACE;
    const informative = label === PROGRESS || label === DISCOVERY || label === PROBE;
    const wasted = !informative && post !== LEFT && h.occupied[post] === h.epoch;

    // Attempts: a voluntary RESET abandons the attempt before it and opens the next.
    if (step.action === 'RESET') {
      if (this.attempt !== undefined && this.status === 'NOT_FINISHED' && this.attempt.steps > 0) this.closeAttempt(false);
      this.attempt = this.open(next);
    }
    const attempt = this.attempt;
    if (attempt !== undefined) {
      attempt.steps++;
      if (wasted) attempt.wasted++;
      if (informative) attempt.informative++;
    }

    tally.actions++;
    tally.labels[label]!++;
    if (informative) tally.informative++;
    if (wasted) tally.wasted++;
    if (label === PROGRESS && tally.firstProgress === null) tally.firstProgress = tally.actions;

    // Episodes: maximal runs of wasted steps.
    if (wasted) {
      if (this.episode === undefined) this.episode = { level, t: step.t, length: 0, motif: new MotifTracker() };
      this.episode.length++;
      this.episode.motif.add(key);
    } else if (this.episode !== undefined) this.closeEpisode(full && leaving);

    // Lose-shift: after an action that changed nothing, does the next one differ?
    if (this.noOp) {
      const before = this.tally(this.noOpLevel);
      before.noOps++;
      if (this.noOpKey !== key) before.shifts++;
    }
    this.noOp = step.action !== 'RESET' && this.status !== 'GAME_OVER' && !step.changed;
    this.noOpKey = key;
    this.noOpLevel = level;

    // Progress drought: steps since the distance to a win last reached a new minimum.
    if (h.distance !== undefined && !leaving) {
      const d = h.distance.distance(parseInt(step.hash, 16));
      if (d !== undefined && d < h.best) {
        h.best = d;
        h.sinceBest = 0;
      } else h.sinceBest++;
      tally.drought = Math.max(tally.drought ?? 0, h.sinceBest);
    }

    this.addToWindow(step.t, informative, wasted, key);
    this.labels?.push(LABELS[label]!);
    this.tallies.add(step);

    // Remember what this step taught.
    if (step.action !== 'RESET') {
      h.pairs.set(pair, post);
      if (raw >= 0 && key !== raw) h.pairs.set(pairKey(pre, raw), post);
    }
    if (post !== LEFT) {
      if (informative) h.epoch++;
      h.occupied[post] = h.epoch;
      this.preState = post;
    }
    this.status = step.state;
    this.completed = step.levels_completed;

    if (attempt !== undefined) {
      if (progress) {
        this.closeAttempt(true);
        this.attempt = step.state === 'WIN' ? undefined : this.open(next);
      } else if (step.state === 'GAME_OVER' && label !== DEAD_ACT) this.closeAttempt(false);
    }
    if (leaving) this.enter(next, step.hash);
    return LABELS[label]!;
  }

  /** Ends the play: an open episode is censored, the last partial window is classified. */
  finish(): void {
    if (this.episode !== undefined) this.closeEpisode(true);
    if (this.pending.steps > 0) this.flushWindow();
  }

  tally(level: number): LevelTally {
    while (this.levels.length <= level) this.levels.push(newTally());
    return this.levels[level]!;
  }

  private enter(level: number, start: string): void {
    this.history = new LevelHistory(level, start, this.distance[level]);
    this.preState = 0;
  }

  private open(level: number): Attempt {
    this.tally(level).attempts++;
    return { level, steps: 0, wasted: 0, informative: 0 };
  }

  private closeAttempt(success: boolean): void {
    const a = this.attempt!;
    this.attempt = undefined;
    if (success || a.informative > 0 || a.steps === 0) return;
    const tally = this.tally(a.level);
    tally.futile++;
    tally.futileActions += a.steps;
    tally.futileUnwasted += a.steps - a.wasted;
  }

  private closeEpisode(censored: boolean): void {
    const e = this.episode!;
    this.episode = undefined;
    const tally = this.tally(e.level);
    tally.episodes++;
    if (censored) tally.censored++;
    addHal(tally.hal, e.length, censored);
    tally.halMax = Math.max(tally.halMax, e.length);
    const motif = e.motif.period();
    tally.motifs.set(motif ?? 0, (tally.motifs.get(motif ?? 0) ?? 0) + 1);
    for (const [k, n] of e.motif.histogram) tally.episodeActions.set(k, (tally.episodeActions.get(k) ?? 0) + n);
    if (tally.listed.length < LISTED_EPISODES) tally.listed.push({ t: e.t, hal: e.length, censored, motif, entropy: e.motif.entropy() });
  }

  private addToWindow(t: number, informative: boolean, wasted: boolean, key: number): void {
    const w = this.pending;
    if (w.steps === 0) w.t = t;
    w.steps++;
    if (informative) w.informative++;
    if (wasted) w.wasted++;
    const at = w.keys.indexOf(key);
    if (at < 0) {
      w.keys.push(key);
      w.counts.push(1);
    } else w.counts[at]!++;
    if (w.steps === WINDOW) this.flushWindow();
  }

  private flushWindow(): void {
    const w = this.pending;
    let kind: WindowKind;
    if (w.informative >= 0.25 * w.steps) kind = 'EXPLORE';
    else if (w.wasted >= 0.5 * w.steps) kind = entropyBits(w.counts) <= LOW_ENTROPY_BITS ? 'PERSEVERATE' : 'FLAIL';
    else kind = 'TRAVEL';
    if (this.keepTimeline) this.timeline.push({ t: w.t, steps: w.steps, kind });
    w.steps = 0;
    w.informative = 0;
    w.wasted = 0;
    w.keys.length = 0;
    w.counts.length = 0;
  }
}
