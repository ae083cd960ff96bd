import type { ProblemData, Solution } from './problem.ts';

/**
 * How a search is driven from outside: time budget, seed, a stop hook the search polls, and
 * callbacks for progress and improvements. The solver itself never reads clocks other than
 * through `now` so that callers can choose wall time or thread CPU time.
 */
export type StopReason = 'time' | 'cap' | 'cancel' | 'frugal' | 'converged';

export interface TracePoint {
  /** Milliseconds since the search started (by `now`). */
  readonly t: number;
  /** Best objective found so far (feasible solutions only). */
  readonly objective: number;
}

export interface SolveProgress {
  readonly elapsedMs: number;
  readonly iterations: number;
  /** Best feasible objective so far, or null before the first feasible solution. */
  readonly bestObjective: number | null;
}

export interface SolveOptions {
  /** Budget in ms, measured with `now`. */
  readonly timeLimitMs: number;
  readonly seed: number;
  /** Clock in ms; defaults to performance.now(). */
  readonly now?: () => number;
  /**
   * Polled often (at least every ~50 ms of search); returning a reason stops the search, which
   * then returns its best solution with that reason.
   */
  readonly shouldStop?: (progress: SolveProgress) => StopReason | null;
  /** Called at most every `progressEveryMs` (default 250 ms). */
  readonly onProgress?: (progress: SolveProgress) => void;
  readonly progressEveryMs?: number;
  /** Called with each new best feasible solution. */
  readonly onImprovement?: (solution: Solution, progress: SolveProgress) => void;
  /** Set-partitioning over the route pool (LP/MIP component); default true. */
  readonly useLp?: boolean;
  /** Warm start: routes of a known solution (e.g. a previous plan). */
  readonly initial?: Solution;
}

export interface SolveOutcome {
  /** Best solution found; always respects every hard constraint (clients may be left unserved). */
  readonly best: Solution;
  readonly stoppedBy: StopReason;
  readonly iterations: number;
  readonly elapsedMs: number;
  /** Anytime curve: one point per improvement of the best feasible objective. */
  readonly trace: readonly TracePoint[];
}

/** Every solver has this shape. */
export type Solver = (problem: ProblemData, options: SolveOptions) => Promise<SolveOutcome> | SolveOutcome;
