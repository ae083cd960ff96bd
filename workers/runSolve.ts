/**
 * Runs one solve in a worker thread and keeps the caller's event loop free: the caller gets
 * progress, can ask the solve to stop (cancel), and is guaranteed an answer. The hard cap is
 * enforced here twice: at `capSeconds` the stop flag says "cap" and the search returns its best
 * plan; if the thread still has not answered `graceSeconds` later, it is terminated and the run
 * ends with a clear error instead of computing on.
 */
import { Worker } from 'node:worker_threads';
import type { SolveProgress } from '../solvers/control.ts';
import type { PlanRequest } from '../src/model/schema.ts';
import type { PlanResult } from '../src/plan/types.ts';
import type { JobRules } from '../src/queue/jobs.ts';
import { type ExternalStop, STOP_CODES, type ThreadInput, type ThreadMessage } from './threadProtocol.ts';

const THREAD_ENTRY = new URL('./solveThread.mjs', import.meta.url);

export interface SolveRunOptions {
  readonly capSeconds: number;
  readonly graceSeconds: number;
  /**
   * V8 old-generation limit of the solve thread, MB. It bounds a runaway solve and is the
   * "memory allocated" the ledger's Green Algorithms term charges (doc §3.3).
   */
  readonly heapMb?: number;
  /** How often the thread reports progress (ms). */
  readonly progressEveryMs?: number;
  readonly onProgress?: (progress: SolveProgress) => void;
  /** Learned constraints carried by the job. */
  readonly rules?: JobRules;
}

export type SolveRunOutcome =
  | { readonly kind: 'result'; readonly result: PlanResult }
  | { readonly kind: 'error'; readonly message: string; readonly stack?: string }
  /** The thread did not stop in time and was terminated: no plan. */
  | { readonly kind: 'terminated'; readonly message: string };

export interface SolveRun {
  readonly done: Promise<SolveRunOutcome>;
  /** Asks the search to stop and return its best plan; the first reason given wins. */
  stop(reason: ExternalStop): void;
  /** Why the run was asked to stop, if it was. */
  stopRequested(): ExternalStop | null;
  /** Milliseconds since the thread started. */
  elapsedMs(): number;
  /** Latest progress the search reported, or null before the first report. */
  latest(): SolveProgress | null;
}

export function startSolve(request: PlanRequest, options: SolveRunOptions): SolveRun {
  const stopBuffer = new SharedArrayBuffer(4);
  const flag = new Int32Array(stopBuffer);
  const started = performance.now();
  const input: ThreadInput = {
    request,
    capSeconds: options.capSeconds,
    progressEveryMs: options.progressEveryMs ?? 250,
    stop: stopBuffer,
    ...(options.rules ? { rules: options.rules } : {}),
  };
  const thread = new Worker(THREAD_ENTRY, {
    workerData: input,
    ...(options.heapMb ? { resourceLimits: { maxOldGenerationSizeMb: options.heapMb } } : {}),
  });
  let latest: SolveProgress | null = null;
  let requested: ExternalStop | null = null;
  let lastResort: NodeJS.Timeout | undefined;
  let settle: (o: SolveRunOutcome) => void = () => {};

  const done = new Promise<SolveRunOutcome>((resolve) => {
    let settled = false;
    settle = (o) => {
      if (settled) return;
      settled = true;
      clearTimeout(capTimer);
      clearTimeout(lastResort);
      // The thread is done (or must be): free its heap now rather than when it gets round to exiting.
      void thread.terminate();
      resolve(o);
    };
  });

  const stop = (reason: ExternalStop) => {
    if (requested) return;
    requested = reason;
    Atomics.store(flag, 0, STOP_CODES[reason]);
    lastResort = setTimeout(() => {
      const message =
        reason === 'cap'
          ? `the solve did not stop at the ${options.capSeconds} s compute cap; it was terminated ` +
            `${options.graceSeconds} s later without a plan`
          : `the solve did not stop within ${options.graceSeconds} s of the cancel; it was terminated`;
      settle({ kind: 'terminated', message });
    }, options.graceSeconds * 1000);
  };

  const capTimer = setTimeout(() => stop('cap'), options.capSeconds * 1000);

  thread.on('message', (m: ThreadMessage) => {
    if (m.type === 'progress') {
      latest = m.progress;
      options.onProgress?.(m.progress);
    } else if (m.type === 'result') {
      settle({ kind: 'result', result: m.result });
    } else {
      settle({ kind: 'error', message: m.message, stack: m.stack });
    }
  });
  thread.on('error', (e) => settle({ kind: 'error', message: e.message, stack: e.stack }));
  thread.on('exit', (code) =>
    settle({ kind: 'error', message: `the solve thread exited (code ${code}) before returning a plan` }),
  );

  return {
    done,
    stop,
    stopRequested: () => requested,
    elapsedMs: () => performance.now() - started,
    latest: () => latest,
  };
}
