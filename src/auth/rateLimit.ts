/**
 * Token buckets, one per key and budget: a key may spend `limit` requests at once and regains
 * them steadily over `periodSeconds`. In memory, per API process: with several API processes
 * behind a balancer each one counts on its own (a key gets N × the limit at most).
 */
export interface Rate {
  readonly limit: number;
  readonly periodSeconds: number;
}

export type Take =
  | { readonly ok: true; readonly remaining: number }
  | { readonly ok: false; readonly retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    readonly rate: Rate,
    private readonly now: () => number = () => Date.now(),
    /** Buckets kept before full ones are dropped (a full bucket is the same as no bucket). */
    private readonly maxBuckets = 10_000,
  ) {}

  /** Spends one request of `key`'s budget, or says how long until one is available. */
  take(key: string): Take {
    const t = this.now();
    const perMs = this.rate.limit / (this.rate.periodSeconds * 1000);
    const b = this.buckets.get(key) ?? { tokens: this.rate.limit, at: t };
    b.tokens = Math.min(this.rate.limit, b.tokens + (t - b.at) * perMs);
    b.at = t;
    if (b.tokens < 1) {
      this.buckets.set(key, b);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / perMs / 1000)) };
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > this.maxBuckets) this.prune(t, perMs);
    return { ok: true, remaining: Math.floor(b.tokens) };
  }

  /** Checks without spending (for budgets spent only on failure). */
  blocked(key: string): Take | null {
    const b = this.buckets.get(key);
    if (!b) return null;
    const perMs = this.rate.limit / (this.rate.periodSeconds * 1000);
    const tokens = Math.min(this.rate.limit, b.tokens + (this.now() - b.at) * perMs);
    if (tokens >= 1) return null;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)) };
  }

  private prune(t: number, perMs: number): void {
    for (const [k, b] of this.buckets) if (b.tokens + (t - b.at) * perMs >= this.rate.limit) this.buckets.delete(k);
    // Still too many (a flood from many sources): forget the oldest; memory stays bounded.
    for (const k of this.buckets.keys()) {
      if (this.buckets.size <= this.maxBuckets) break;
      this.buckets.delete(k);
    }
  }
}
