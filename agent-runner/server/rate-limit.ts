/**
 * Per-client request rate limit: a token bucket per API key (or per remote address for clients
 * without a key). Over the limit a request gets 429 RATE_LIMIT_EXCEEDED, as ARC's server answers.
 */
export interface RateLimit {
  /** Sustained requests per second per client. */
  readonly perSecond: number;
  /** Requests a client may send at once before the sustained rate applies. */
  readonly burst: number;
}

/** Generous: it stops a runaway loop, not a fast agent (16 sessions at full speed stay under it). */
export const DEFAULT_RATE_LIMIT: RateLimit = { perSecond: 20_000, burst: 20_000 };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(private readonly limit: RateLimit) {}

  /** Takes one token for `client` at time `now` (ms); false when the client is over the limit. */
  take(client: string, now: number): boolean {
    let bucket = this.buckets.get(client);
    if (bucket === undefined) {
      if (this.buckets.size > 10_000) this.prune(now);
      bucket = { tokens: this.limit.burst, at: now };
      this.buckets.set(client, bucket);
    } else {
      bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.at) * this.limit.perSecond) / 1000);
      bucket.at = now;
    }
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  /** Forgets clients whose buckets have refilled: they are indistinguishable from new ones. */
  private prune(now: number): void {
    for (const [client, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) * this.limit.perSecond) / 1000 >= this.limit.burst) this.buckets.delete(client);
    }
  }
}
