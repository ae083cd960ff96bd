/**
 * Body of the worker thread that runs one solve. It shares a stop flag with its parent (an
 * Int32 in a SharedArrayBuffer): the search polls `shouldStop`, which reads the flag, so the
 * parent can stop a busy solve without waiting for this thread's event loop.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { SolveProgress } from '../solvers/control.ts';
import { compileRulesOf } from '../src/feedback/jobRules.ts';
import type { solvePlan as SolvePlan } from '../src/pipeline/solvePlan.ts';
import { reasonOf, type ThreadInput, type ThreadMessage } from './threadProtocol.ts';

/**
 * TOURNEE_SOLVE_MODULE names another module exporting `solvePlan` with the same contract (for
 * experiments, and for the queue tests, which need solves whose length they control).
 */
async function loadSolvePlan(): Promise<typeof SolvePlan> {
  const alternative = process.env.TOURNEE_SOLVE_MODULE;
  if (!alternative) return (await import('../src/pipeline/solvePlan.ts')).solvePlan;
  const mod = (await import(pathToFileURL(path.resolve(alternative)).href)) as { solvePlan?: typeof SolvePlan };
  if (typeof mod.solvePlan !== 'function') throw new Error(`${alternative} does not export solvePlan`);
  return mod.solvePlan;
}

const input = workerData as ThreadInput;
const flag = new Int32Array(input.stop);
const post = (m: ThreadMessage) => parentPort!.postMessage(m);

try {
  const solvePlan = await loadSolvePlan();
  const result = await solvePlan(input.request, {
    capSeconds: input.capSeconds,
    progressEveryMs: input.progressEveryMs,
    rules: compileRulesOf(input.rules),
    shouldStop: () => reasonOf(Atomics.load(flag, 0)),
    onProgress: (progress: SolveProgress) => post({ type: 'progress', progress }),
  });
  // Which learned constraints shaped this plan, and from which feedback (issue 4).
  post({ type: 'result', result: { ...result, constraintsApplied: input.rules?.applied ?? [] } });
} catch (e) {
  const error = e instanceof Error ? e : new Error(String(e));
  post({ type: 'error', message: error.message, stack: error.stack ?? '' });
}
