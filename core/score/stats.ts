/**
 * Small statistics the hypothesis-abandonment metrics share (SCORING.md): Shannon entropy of an
 * action histogram, the streaming motif (smallest period) of an episode, Kaplan-Meier survival of
 * HAL with censoring, and the rounding that keeps score JSON byte-identical everywhere.
 */

/** Six decimals: enough for any score, and the same digits on every machine. */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Rounded, or null where the value does not exist (NaN or infinite never reach the JSON). */
export function maybe(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : round6(x);
}

/** Shannon entropy in bits of a histogram of counts. */
export function entropyBits(counts: Iterable<number>): number {
  let total = 0;
  const list: number[] = [];
  for (const c of counts) {
    if (c > 0) {
      list.push(c);
      total += c;
    }
  }
  let h = 0;
  for (const c of list) {
    const p = c / total;
    h -= p * Math.log2(p);
  }
  return h === 0 ? 0 : h; // never -0
}

/** Longest period a motif looks for (SCORING.md: p in 1..8). */
export const MAX_PERIOD = 8;

/**
 * Streams an episode's action keys and finds its motif: the smallest p in 1..8 with a_t = a_(t-p)
 * for at least 90% of the positions that have a predecessor p back. Keeps the last 8 keys and one
 * counter per period, so an episode of any length costs constant memory.
 */
export class MotifTracker {
  private readonly recent: number[] = [];
  private readonly matches = new Array<number>(MAX_PERIOD + 1).fill(0);
  private length = 0;
  /** Histogram of keys in the episode, for its entropy. */
  readonly histogram = new Map<number, number>();

  add(key: number): void {
    for (let p = 1; p <= MAX_PERIOD && p <= this.recent.length; p++) {
      if (this.recent[this.recent.length - p] === key) this.matches[p]!++;
    }
    this.recent.push(key);
    if (this.recent.length > MAX_PERIOD) this.recent.shift();
    this.length++;
    this.histogram.set(key, (this.histogram.get(key) ?? 0) + 1);
  }

  /** The period, or null when aperiodic or too short to show one (length <= p). */
  period(): number | null {
    for (let p = 1; p <= MAX_PERIOD; p++) {
      const positions = this.length - p;
      if (positions > 0 && this.matches[p]! >= 0.9 * positions) return p;
    }
    return null;
  }

  entropy(): number {
    return entropyBits(this.histogram.values());
  }
}

export interface Survival {
  /** [h, S(h)] at each HAL where an episode ended (uncensored), S falling from 1. */
  readonly curve: readonly (readonly [number, number])[];
  /** Smallest h with S(h) <= 0.5; null when the curve never gets there (too much censoring). */
  readonly median: number | null;
}

/** HAL histogram: per length, how many episodes ended there and how many were censored there. */
export type HalHistogram = Map<number, { ended: number; censored: number }>;

export function addHal(histogram: HalHistogram, hal: number, censored: boolean): void {
  let bin = histogram.get(hal);
  if (bin === undefined) histogram.set(hal, (bin = { ended: 0, censored: 0 }));
  if (censored) bin.censored++;
  else bin.ended++;
}

/**
 * Kaplan-Meier estimate of S(h) = P(HAL > h), censored episodes counting as at risk up to their
 * length and never as an end. Works on a histogram, so a long replay's memory stays bounded.
 */
export function kaplanMeier(histogram: HalHistogram): Survival {
  const times = [...histogram.keys()].sort((a, b) => a - b);
  let atRisk = 0;
  for (const bin of histogram.values()) atRisk += bin.ended + bin.censored;
  const curve: [number, number][] = [];
  let s = 1;
  let median: number | null = null;
  for (const h of times) {
    const bin = histogram.get(h)!;
    if (bin.ended > 0) {
      s *= 1 - bin.ended / atRisk;
      curve.push([h, round6(s)]);
      if (median === null && s <= 0.5 + 1e-12) median = h;
    }
    atRisk -= bin.ended + bin.censored;
  }
  return { curve, median };
}

/** Kendall's tau-a between two equally long sequences (the ranking ladders of SCORING.md). */
export function kendallTau(a: readonly number[], b: readonly number[]): number {
  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      const s = Math.sign(a[j]! - a[i]!) * Math.sign(b[j]! - b[i]!);
      if (s > 0) concordant++;
      else if (s < 0) discordant++;
    }
  }
  const pairs = (a.length * (a.length - 1)) / 2;
  return pairs === 0 ? 0 : (concordant - discordant) / pairs;
}
