/**
 * SearchControl: the one place a search asks "should I stop?", reports progress, and records
 * its anytime trace. Reads time only through options.now, so callers choose wall or CPU time.
 */
import type { SolveOptions, SolveProgress, StopReason, TracePoint } from './control.ts';
import type { Solution } from './problem.ts';

export class SearchControl {
  readonly trace: TracePoint[] = [];
  iterations = 0;
  bestObjective: number | null = null;
  stoppedBy: StopReason | null = null;
  private readonly now: () => number;
  private readonly started: number;
  private lastProgress: number;
  private lastHook = Number.NEGATIVE_INFINITY;
  private readonly progressEvery: number;

  constructor(private readonly options: SolveOptions) {
    this.now = options.now ?? (() => performance.now());
    this.started = this.now();
    this.lastProgress = this.started;
    this.progressEvery = options.progressEveryMs ?? 250;
  }

  elapsed(): number {
    return this.now() - this.started;
  }

  /** Fraction of the time budget used, in [0, 1]. */
  fractionUsed(): number {
    const limit = this.options.timeLimitMs;
    return limit > 0 ? Math.min(1, this.elapsed() / limit) : 1;
  }

  progress(): SolveProgress {
    return { elapsedMs: this.elapsed(), iterations: this.iterations, bestObjective: this.bestObjective };
  }

  /** Cheap enough to call every few hundred microseconds; returns why to stop, or null. */
  shouldStop(): StopReason | null {
    if (this.stoppedBy) return this.stoppedBy;
    const t = this.now();
    const elapsed = t - this.started;
    if (elapsed >= this.options.timeLimitMs) return (this.stoppedBy = 'time');
    const hook = this.options.shouldStop;
    // The hook is the caller's (a cancel flag, a compute cap): every 5 ms is plenty.
    if (hook && t - this.lastHook >= 5) {
      this.lastHook = t;
      const reason = hook(this.progress());
      if (reason) return (this.stoppedBy = reason);
    }
    if (this.options.onProgress && t - this.lastProgress >= this.progressEvery) {
      this.lastProgress = t;
      this.options.onProgress(this.progress());
    }
    return null;
  }

  /** Records a new best feasible solution (caller guarantees it is better and feasible). */
  improved(solution: Solution): void {
    this.bestObjective = solution.objective;
    this.trace.push({ t: this.elapsed(), objective: solution.objective });
    this.options.onImprovement?.(solution, this.progress());
  }
}
