/**
 * The LP/MIP component of the search: every feasible solution the genetic search produces
 * feeds its routes to a pool; periodically a set-partitioning MIP over the pool is solved with
 * HiGHS, warm-started from the incumbent and limited in time (and interruptible by the stop
 * hook). When the MIP recombines pooled routes into a better plan, that plan is educated by the
 * local search and enters the population, so it seeds the search.
 */
import { evaluateRoute } from '../exact.ts';
import type { Individual } from '../genetic/individual.ts';
import type { HgsState } from '../hgs.ts';
import type { RouteSpec } from '../search/localSearch.ts';
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
}

export const DEFAULT_LP: LpParams = {
  periodShare: 0.15,
  timeShare: 0.04,
  minTimeS: 0.2,
  maxTimeS: 20,
  maxColumns: 20_000,
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
    state.onFeasible = (ind) => this.offer(ind);
  }

  private periodMs(): number {
    return Math.max(300, this.params.periodShare * this.state.options.timeLimitMs);
  }

  /** Adds the routes of a feasible individual to the pool (exact route costs). */
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
    this.nextAtMs = elapsed + this.periodMs();
    if (this.pool.takeNewCount() === 0 || this.state.bestInd === null) return;
    this.run();
  }

  run(): void {
    const state = this.state;
    const incumbent: RouteSpec[] = state.best.routes.map((r) => ({ type: r.vehicleType, visits: r.visits }));
    for (const r of incumbent) {
      const ev = evaluateRoute(state.data, r.type, r.visits);
      this.pool.add(r.type, r.visits, ev.cost, state.control.iterations);
    }
    const model = buildSpModel(state.inst, this.pool, incumbent);
    this.recordModels?.push(model);
    const budgetS = state.options.timeLimitMs / 1000;
    const remainingS = Math.max(0, budgetS - state.control.elapsed() / 1000);
    const p = this.params;
    const timeLimitS = Math.min(remainingS, Math.max(p.minTimeS, Math.min(p.maxTimeS, p.timeShare * budgetS)));
    if (timeLimitS <= 0.01) return;
    const atMs = state.control.elapsed();
    const res = this.backend.solve(model, { timeLimitS, warmStart: true, interrupt: () => state.stopped() });
    // Against the incumbent itself: the pool may hold cheaper orders of its routes.
    const improved =
      res.x !== null && res.objective < state.best.objective - 1e-6 * Math.max(1, Math.abs(state.best.objective));
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
    if (improved && res.x) state.educate(routesOf(model, res.x));
  }
}
