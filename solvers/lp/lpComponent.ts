/**
 * The LP/MIP component of the search: every feasible solution the genetic search produces
 * feeds its routes to a pool; periodically a set-partitioning MIP over the pool is solved with
 * HiGHS, warm-started from the incumbent and limited in time (and interruptible by the stop
 * hook). When the MIP recombines pooled routes into a better plan, that plan is educated by the
 * local search and enters the population, so it seeds the search. A MIP that brings nothing
 * makes the next one wait longer, so the component costs little where it does not pay.
 */
import { evaluateRoute } from '../exact.ts';
import type { Individual } from '../genetic/individual.ts';
import type { HgsState } from '../hgs.ts';
import type { RouteSpec } from '../search/localSearch.ts';
import { makeSolution } from '../solution.ts';
import type { MipBackend } from './mipBackend.ts';
import { RoutePool } from './routePool.ts';
import { buildSpModel, routesOf, type SpModel } from './setPartitioning.ts';

export interface LpParams {
  /** Share of the time budget between two MIP solves. */
  readonly periodShare: number;
  /** MIP time limit as a share of the budget, clamped to [minTimeS, maxTimeS]. */
  readonly timeShare: number;
  readonly minTimeS: number;
  readonly maxTimeS: number;
  readonly maxColumns: number;
  /** Above this many clients the MIP re-plans a region of about this many clients. */
  readonly regionClients: number;
}

export const DEFAULT_LP: LpParams = {
  periodShare: 0.15,
  timeShare: 0.04,
  minTimeS: 0.2,
  maxTimeS: 20,
  maxColumns: 20_000,
  regionClients: 150,
};

export interface LpRun {
  readonly atMs: number;
  readonly columns: number;
  readonly rows: number;
  readonly status: string;
  readonly wallMs: number;
  readonly startObjective: number;
  readonly objective: number;
  readonly improved: boolean;
}

export class LpComponent {
  readonly pool: RoutePool;
  readonly runs: LpRun[] = [];
  /** When set, every model solved is kept here (for measurements). */
  recordModels: SpModel[] | null = null;
  private nextAtMs: number;

  constructor(
    private readonly state: HgsState,
    private readonly backend: MipBackend,
    private readonly params: LpParams = DEFAULT_LP,
  ) {
    this.pool = new RoutePool(params.maxColumns);
    this.nextAtMs = this.periodMs();
    state.onIndividual = (ind) => this.offer(ind);
  }

  /** Grows by half after each MIP that brings nothing, back to 1 after one that improves. */
  private backoff = 1;

  private periodMs(): number {
    const base = Math.max(300, this.params.periodShare * this.state.options.timeLimitMs);
    return Math.min(base * this.backoff, Math.max(base, 0.5 * this.state.options.timeLimitMs));
  }

  /**
   * Adds the exactly feasible routes of an individual to the pool, with exact costs. Infeasible
   * individuals (penalised search) hold many feasible routes too, and they widen the pool.
   */
  offer(ind: Individual): void {
    const data = this.state.data;
    const it = this.state.control.iterations;
    for (const r of ind.routes) {
      const ev = evaluateRoute(data, r.type, r.visits);
      if (ev.feasible) this.pool.add(r.type, r.visits, ev.cost, it);
    }
  }

  /** Runs the MIP when its period has come and the pool has grown. */
  maybeRun(): void {
    const elapsed = this.state.control.elapsed();
    if (elapsed < this.nextAtMs) return;
    if (this.pool.takeNewCount() > 0 && this.state.bestInd !== null) this.run();
    this.nextAtMs = this.state.control.elapsed() + this.periodMs();
  }

  run(): void {
    const state = this.state;
    const incumbent: RouteSpec[] = state.best.routes.map((r) => ({ type: r.vehicleType, visits: r.visits }));
    for (const r of incumbent) {
      const ev = evaluateRoute(state.data, r.type, r.visits);
      this.pool.add(r.type, r.visits, ev.cost, state.control.iterations);
    }
    const region = this.pickRegion(incumbent);
    const model = buildSpModel(state.inst, this.pool, incumbent, region);
    this.recordModels?.push(model);
    const budgetS = state.options.timeLimitMs / 1000;
    const remainingS = Math.max(0, budgetS - state.control.elapsed() / 1000);
    const p = this.params;
    const timeLimitS = Math.min(remainingS, Math.max(p.minTimeS, Math.min(p.maxTimeS, p.timeShare * budgetS)));
    if (timeLimitS <= 0.01) return;
    const atMs = state.control.elapsed();
    const res = this.backend.solve(model, { timeLimitS, warmStart: true, interrupt: () => state.stopped() });
    let improved = false;
    if (res.x !== null && res.objective < model.startObjective + 1e-9) {
      // The new plan: routes kept outside the region plus the routes the MIP chose.
      const replanned = new Set(model.incumbent);
      const plan = incumbent.filter((r) => !replanned.has(r)).concat(routesOf(model, res.x));
      const objective = makeSolution(
        state.data,
        plan.map((r) => ({ vehicleType: r.type, visits: r.visits })),
      ).objective;
      improved = objective < state.best.objective - 1e-6 * Math.max(1, Math.abs(state.best.objective));
      if (improved) {
        state.offerSolution(plan);
        state.educate(plan);
      }
    }
    this.backoff = improved ? 1 : this.backoff * 1.5;
    this.runs.push({
      atMs,
      columns: model.numCols,
      rows: model.numRows,
      status: res.status,
      wallMs: res.wallMs,
      startObjective: model.startObjective,
      objective: res.objective,
      improved,
    });
  }

  /**
   * Null (the whole plan) for small problems; otherwise a group of neighbouring incumbent
   * routes grown from a random one along granular-neighbour links, about regionClients large.
   */
  private pickRegion(incumbent: readonly RouteSpec[]): Uint8Array | null {
    const inst = this.state.inst;
    let servable = 0;
    for (let c = inst.numDepots; c < inst.numLocations; c++) servable += inst.servable[c];
    const target = this.params.regionClients;
    if (servable <= target * 1.3 || incumbent.length < 2) return null;
    const { neighbours, nb } = this.state.ls;
    const routeOf = new Int32Array(inst.numLocations).fill(-1);
    incumbent.forEach((r, i) => {
      for (const c of r.visits) routeOf[c] = i;
    });
    const region = new Uint8Array(inst.numLocations);
    const chosen = new Uint8Array(incumbent.length);
    const score = new Float64Array(incumbent.length);
    let size = 0;
    let next = this.state.rng.int(incumbent.length);
    const look = Math.min(nb, 5);
    while (next >= 0 && size < target) {
      chosen[next] = 1;
      for (const c of incumbent[next].visits) {
        region[c] = 1;
        size++;
        for (let j = 0; j < look; j++) {
          const v = neighbours[c * nb + j];
          if (v < 0) break;
          const r = routeOf[v];
          if (r >= 0 && !chosen[r]) score[r]++;
          // Unserved neighbours join the region: the MIP may find them a place.
          if (r < 0 && inst.servable[v] && !region[v]) {
            region[v] = 1;
            size++;
          }
        }
      }
      next = -1;
      let best = 0;
      for (let r = 0; r < incumbent.length; r++) {
        if (!chosen[r] && score[r] > best) {
          best = score[r];
          next = r;
        }
      }
    }
    return region;
  }
}
