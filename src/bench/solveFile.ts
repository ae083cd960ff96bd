/**
 * Solve one instance file (Solomon or VRPLIB) and report it the way issue 7 asks: routes as the
 * customer ids written in the file, distance recomputed from those routes, vehicles used,
 * thread CPU ms and wall ms, the anytime trace, and an independent feasibility verdict.
 */
import { basename } from 'node:path';
import type { TracePoint } from '../../solvers/control.ts';
import { solve } from '../../solvers/index.ts';
import { guessFormat, type InstanceFormat, type ParsedInstance, readInstanceFile } from '../formats/index.ts';
import { checkSolution } from './checkSolution.ts';
import { cpuClock, threadCpuMs } from './cpuClock.ts';

export type BenchClock = 'wall' | 'cpu';

export interface SolveFileOptions {
  readonly format?: InstanceFormat;
  readonly timeLimitS: number;
  readonly seed?: number;
  /** Set-partitioning LP component on (default) or off. */
  readonly lp?: boolean;
  /** Budget clock: wall time (default) or this thread's CPU time. */
  readonly clock?: BenchClock;
}

export interface SolveFileResult {
  readonly instance: string;
  readonly file: string;
  readonly format: InstanceFormat;
  /** Each route: customer ids exactly as written in the file, depot left out. */
  readonly routes: string[][];
  /** Total distance recomputed from the routes with the file's distance convention. */
  readonly distance: number;
  readonly vehicles: number;
  /** Customers left out (ids). */
  readonly unserved: string[];
  /** Independent check: every constraint holds and every customer is served. */
  readonly feasible: boolean;
  readonly violations: string[];
  readonly cpuMs: number;
  readonly wallMs: number;
  readonly stoppedBy: string;
  readonly iterations: number;
  readonly seed: number;
  readonly timeLimitS: number;
  readonly lp: boolean;
  readonly clock: BenchClock;
  /** Anytime curve: ms since start and best distance (objective) at each improvement. */
  readonly trace: readonly TracePoint[];
}

export async function solveInstanceFile(file: string, options: SolveFileOptions): Promise<SolveFileResult> {
  const format = options.format ?? guessFormat(file);
  if (!format) throw new Error(`cannot tell the format of ${file}: pass --format solomon|vrplib`);
  const parsed = readInstanceFile(file, format);
  return solveParsed(parsed, file, format, options);
}

export async function solveParsed(
  parsed: ParsedInstance,
  file: string,
  format: InstanceFormat,
  options: SolveFileOptions,
): Promise<SolveFileResult> {
  const seed = options.seed ?? 1;
  const lp = options.lp ?? true;
  const clock = options.clock ?? 'wall';
  const problem = parsed.problem;
  const cpu0 = threadCpuMs();
  const wall0 = performance.now();
  const outcome = await solve(problem, {
    timeLimitMs: options.timeLimitS * 1000,
    seed,
    useLp: lp,
    now: clock === 'cpu' ? cpuClock() : undefined,
  });
  const wallMs = performance.now() - wall0;
  const cpuMs = threadCpuMs() - cpu0;
  const check = checkSolution(problem, outcome.best);
  const routes = outcome.best.routes.filter((r) => r.visits.length > 0);
  const ids = parsed.locationIds;
  return {
    instance: parsed.name || basename(file),
    file,
    format,
    routes: routes.map((r) => Array.from(r.visits, (loc) => ids[loc])),
    distance: recomputeDistance(parsed, routes),
    vehicles: routes.length,
    unserved: check.unserved.map((loc) => ids[loc]),
    feasible: check.ok && check.unserved.length === 0,
    violations: check.errors,
    cpuMs,
    wallMs,
    stoppedBy: outcome.stoppedBy,
    iterations: outcome.iterations,
    seed,
    timeLimitS: options.timeLimitS,
    lp,
    clock,
    // Points where some customer is still unserved carry a penalty, not a distance: left out.
    trace: outcome.trace.filter((p) => p.objective < minPenalty(parsed)),
  };
}

/** Distance of the routes from the parsed matrix, summed arc by arc (depot to depot). */
function recomputeDistance(
  parsed: ParsedInstance,
  routes: readonly { vehicleType: number; visits: Int32Array }[],
): number {
  const p = parsed.problem;
  const n = p.numLocations;
  let total = 0;
  for (const r of routes) {
    const vt = p.vehicleTypes[r.vehicleType];
    const m = p.distance[vt.profile];
    let prev = vt.startDepot;
    for (const c of r.visits) {
      total += m[prev * n + c];
      prev = c;
    }
    total += m[prev * n + vt.endDepot];
  }
  return total;
}

function minPenalty(parsed: ParsedInstance): number {
  const p = parsed.problem;
  let m = Number.POSITIVE_INFINITY;
  for (let c = p.numDepots; c < p.numLocations; c++) m = Math.min(m, p.unservedPenalty[c]);
  return m;
}
