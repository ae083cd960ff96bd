/**
 * The anytime curve of a solve and the frugal stop.
 *
 * Every new best solution is recorded with the compute time so far, its objective, the CO2e
 * (WTW) the plan would emit (evaluated with the vehicle energy model on the real road distances,
 * whatever the objective) and the CO2e the computation has emitted so far.
 *
 * Frugal stop rule (default on; `settings.frugalStop: false` turns it off). Time x is the solve
 * thread's CPU seconds since the search started. The search stops with `stoppedBy: "frugal"` when
 *   1. x ≥ minSeconds (10 s): construction and the first local-search passes always run;
 *   2. a rate exists: the plan has served the same number of orders since at least one window
 *      W = max(windowSeconds 5 s, windowFraction 0.5 × x) ago — until then the search is still
 *      placing orders and a CO2e rate would compare different work (no rate in the first seconds);
 *   3. the CO2e the plan saved over the last W compute-seconds, divided by W, is below
 *      safetyFactor (10) × what one compute-second emits (one busy core, its memory and its
 *      embodied share; same coefficients as the ledger's compute footprint).
 * "CO2e saved" is the plan's own CO2e drop under the co2 objective. Under another objective
 * (cost, distance, duration) the planner asked for that objective, so its improvement is what
 * the compute buys: it is converted to CO2e at the plan's current intensity (g CO2e per unit of
 * route objective, unserved penalties left out). A search that still improves cost keeps going
 * even when its CO2e does not fall; a stalled one stops, whatever the objective.
 * Improvements come in sparse bursts, so the window grows with the search: with the defaults the
 * stop never comes before twice the CPU time of the last improvement worth its compute.
 * The rule is checked at most every 250 ms; it can only end a search early, the time limit and the
 * compute cap stay in force.
 */
import type { SolveProgress } from '../../solvers/control.ts';
import type { Solution } from '../../solvers/problem.ts';
import { round } from './energy.ts';
import type { Usage } from './footprint.ts';

export interface FrugalParams {
  readonly enabled: boolean;
  readonly safetyFactor: number;
  readonly minSeconds: number;
  readonly windowSeconds: number;
  readonly windowFraction: number;
  /** What an improvement is worth: the plan's CO2e drop (co2 objective) or its objective drop at the plan's intensity. */
  readonly measure: 'co2e' | 'objective';
}

export interface AnytimePoint {
  /** Wall seconds since the solve started (matrices included). */
  readonly t: number;
  /** CPU seconds of the solve thread so far (matrices included). */
  readonly cpuSeconds: number;
  /** The search's objective (unserved penalties included). */
  readonly objective: number;
  /** kg CO2e WTW of the plan at that point. */
  readonly planCo2eKg: number;
  /** g CO2e of the computation so far. */
  readonly computeCo2eG: number;
  readonly ordersServed: number;
  readonly event: 'improvement' | 'end';
}

export interface FrugalReport extends FrugalParams {
  readonly rule: string;
  /** g CO2e one compute-second emits, and the saving rate below which the search stops. */
  readonly computeGPerSecond: number;
  readonly thresholdGPerSecond: number;
  /** Why the frugal stop fired, when it did. */
  readonly reason: string | null;
}

export interface AnytimeReport {
  readonly points: readonly AnytimePoint[];
  /** Improvements recorded before thinning the curve to at most MAX_POINTS. */
  readonly improvements: number;
  readonly frugal: FrugalReport;
}

export const FRUGAL_RULE =
  'stop when, after minSeconds of search and with the same orders served for a whole window ' +
  'W = max(windowSeconds, windowFraction × search CPU-s), the CO2e saved over W per compute-second ' +
  'is below safetyFactor × the g CO2e one compute-second emits; under a cost, distance or duration objective ' +
  "the objective's improvement is converted to CO2e at the plan's intensity (g CO2e per objective unit)";

const MAX_POINTS = 200;
const CHECK_EVERY_MS = 250;
/** procfs CPU times move in 10 ms ticks: reading more often than that buys nothing. */
const CPU_READ_EVERY_MS = 10;

interface Sample {
  readonly cpu: number;
  readonly co2eKg: number;
  readonly served: number;
  /** Objective of the routes alone (unserved penalties left out). */
  readonly routeObjective: number;
}

export interface RecorderDeps {
  /** Usage of the whole solve so far (CPU of this thread, wall). */
  readonly usage: () => Usage;
  /** g CO2e of a given usage. */
  readonly computeG: (usage: Usage) => number;
  /** g CO2e of one compute-second. */
  readonly gPerComputeSecond: number;
  /** kg CO2e WTW, served orders and route objective (no unserved penalties) of a solution. */
  readonly evaluate: (solution: Solution) => { co2eKg: number; served: number; routeObjective: number };
  /** Wall clock in ms (performance.now by default). */
  readonly now?: () => number;
  /** Called on every frugal check (the ledger samples memory here). */
  readonly onCheck?: () => void;
}

export class AnytimeRecorder {
  private readonly points: AnytimePoint[] = [];
  private readonly samples: Sample[] = [];
  private readonly now: () => number;
  private readonly searchCpu0: number;
  private lastServedChange = 0;
  private lastCheck = Number.NEGATIVE_INFINITY;
  private cached: { at: number; usage: Usage } | null = null;
  private reason: string | null = null;

  constructor(
    private readonly params: FrugalParams,
    private readonly deps: RecorderDeps,
  ) {
    this.now = deps.now ?? (() => performance.now());
    this.searchCpu0 = this.usage(true).cpuSeconds;
  }

  private usage(fresh = false): Usage {
    const at = this.now();
    if (fresh || !this.cached || at - this.cached.at >= CPU_READ_EVERY_MS) {
      this.cached = { at, usage: this.deps.usage() };
    }
    return this.cached.usage;
  }

  /** SolveOptions.onImprovement. */
  readonly onImprovement = (solution: Solution, progress: SolveProgress): void => {
    const usage = this.usage();
    const { co2eKg, served, routeObjective } = this.deps.evaluate(solution);
    const cpu = usage.cpuSeconds - this.searchCpu0;
    const prev = this.samples[this.samples.length - 1];
    if (!prev || prev.served !== served) this.lastServedChange = cpu;
    this.samples.push({ cpu, co2eKg, served, routeObjective });
    this.points.push({
      t: usage.wallSeconds,
      cpuSeconds: usage.cpuSeconds,
      objective: progress.bestObjective ?? solution.objective,
      planCo2eKg: co2eKg,
      computeCo2eG: this.deps.computeG(usage),
      ordersServed: served,
      event: 'improvement',
    });
  };

  /** SolveOptions.shouldStop: 'frugal' when the rule above says so. */
  readonly shouldStop = (): 'frugal' | null => {
    if (this.reason) return 'frugal';
    if (!this.params.enabled) return null;
    const at = this.now();
    if (at - this.lastCheck < CHECK_EVERY_MS) return null;
    this.lastCheck = at;
    this.deps.onCheck?.();
    const x = this.usage(true).cpuSeconds - this.searchCpu0;
    const verdict = this.verdict(x);
    if (verdict) this.reason = verdict;
    return verdict ? 'frugal' : null;
  };

  /** The rule itself, at `x` search CPU-seconds; a reason to stop, or null. */
  verdict(x: number): string | null {
    const p = this.params;
    if (x < p.minSeconds || this.samples.length === 0) return null;
    const w = Math.max(p.windowSeconds, p.windowFraction * x);
    const from = x - w;
    if (this.lastServedChange > from) return null;
    let before = this.samples[0];
    for (const s of this.samples) {
      if (s.cpu > from) break;
      before = s;
    }
    const current = this.samples[this.samples.length - 1];
    const savedG = savedGrams(p.measure, before, current);
    const rate = savedG / w;
    const threshold = this.threshold();
    if (rate >= threshold) return null;
    const bar =
      `${p.safetyFactor} × ${round(this.deps.gPerComputeSecond, 5)} g/s = ${round(threshold, 5)} g/s, ` +
      'what computing on would have to beat';
    const head = `frugal stop after ${round(x, 1)} CPU-s of search: `;
    if (p.measure === 'objective') {
      return (
        `${head}the objective improved by the equivalent of ${round(savedG, 3)} g CO2e in the last ` +
        `${round(w, 1)} CPU-s (${round(rate, 4)} g/s at the plan's intensity), below ${bar}`
      );
    }
    return `${head}the plan saved ${round(savedG, 3)} g CO2e in the last ${round(w, 1)} CPU-s (${round(rate, 4)} g/s), below ${bar}`;
  }

  private threshold(): number {
    return this.params.safetyFactor * this.deps.gPerComputeSecond;
  }

  /** The curve (thinned to at most MAX_POINTS, first and last kept) with a final point at the stop. */
  report(): AnytimeReport {
    const usage = this.usage(true);
    const last = this.points[this.points.length - 1];
    const end: AnytimePoint[] = last
      ? [
          {
            ...last,
            t: usage.wallSeconds,
            cpuSeconds: usage.cpuSeconds,
            computeCo2eG: this.deps.computeG(usage),
            event: 'end',
          },
        ]
      : [];
    return {
      points: [...thin(this.points, MAX_POINTS), ...end].map(roundPoint),
      improvements: this.points.length,
      frugal: {
        ...this.params,
        rule: FRUGAL_RULE,
        computeGPerSecond: round(this.deps.gPerComputeSecond, 8),
        thresholdGPerSecond: round(this.threshold(), 8),
        reason: this.reason,
      },
    };
  }
}

/** g CO2e an improvement from `before` to `current` is worth (see the rule above). */
function savedGrams(measure: FrugalParams['measure'], before: Sample, current: Sample): number {
  if (measure === 'co2e' || current.routeObjective <= 0) return (before.co2eKg - current.co2eKg) * 1000;
  const gramsPerUnit = (current.co2eKg * 1000) / current.routeObjective;
  return (before.routeObjective - current.routeObjective) * gramsPerUnit;
}

/** At most `max` points, evenly spread in CPU time; the first and the last always kept. */
export function thin(points: readonly AnytimePoint[], max: number): AnytimePoint[] {
  if (points.length <= max) return [...points];
  const first = points[0];
  const last = points[points.length - 1];
  const step = (last.cpuSeconds - first.cpuSeconds) / (max - 1);
  const out: AnytimePoint[] = [first];
  for (let i = 1; i < points.length - 1; i++) {
    const next = points[i + 1];
    // Keep the last point of each time bucket: the best value reached by then.
    if (
      Math.floor((next.cpuSeconds - first.cpuSeconds) / step) >
      Math.floor((points[i].cpuSeconds - first.cpuSeconds) / step)
    ) {
      if (out.length < max - 1) out.push(points[i]);
    }
  }
  out.push(last);
  return out;
}

function roundPoint(p: AnytimePoint): AnytimePoint {
  return {
    ...p,
    t: round(p.t, 3),
    cpuSeconds: round(p.cpuSeconds, 2),
    planCo2eKg: round(p.planCo2eKg, 4),
    computeCo2eG: round(p.computeCo2eG, 6),
  };
}
