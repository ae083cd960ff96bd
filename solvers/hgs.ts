/**
 * Hybrid genetic search (Vidal 2022 "HGS-CVRP"; PyVRP): a population of locally optimal
 * solutions (feasible and infeasible), SREX crossover, education by granular local search under
 * adaptive penalties, repair of infeasible offspring with boosted penalties, diversity-aware
 * survivor selection, restarts when the search stalls. The best exactly-feasible solution is
 * kept at every moment (anytime) and every new best is re-validated by exact.ts.
 */
import type { SolveOptions, SolveOutcome } from './control.ts';
import { SearchControl } from './driver.ts';
import { Individual } from './genetic/individual.ts';
import { DEFAULT_PENALTY, PenaltyManager, type PenaltyParams } from './genetic/penaltyManager.ts';
import { DEFAULT_POPULATION, Population, type PopulationParams } from './genetic/population.ts';
import { Srex } from './genetic/srex.ts';
import { buildInstance, type Instance } from './instance.ts';
import { LpComponent } from './lp/lpComponent.ts';
import { highsBackend } from './lp/mipBackend.ts';
import { computeNeighbours } from './neighbours.ts';
import { insertUnservedExact } from './polish.ts';
import type { ProblemData, Solution } from './problem.ts';
import { Rng } from './rng.ts';
import { LocalSearch, type RouteSpec } from './search/localSearch.ts';
import { makeSolution } from './solution.ts';

export interface HgsParams {
  readonly nbGranular: number;
  readonly weightWait: number;
  readonly weightTimeWarp: number;
  readonly population: PopulationParams;
  readonly penalty: PenaltyParams;
  readonly repairProbability: number;
  readonly nbIterNoImprovement: number;
}

export const DEFAULT_HGS: HgsParams = {
  nbGranular: 20,
  weightWait: 0.2,
  weightTimeWarp: 1,
  population: DEFAULT_POPULATION,
  penalty: DEFAULT_PENALTY,
  repairProbability: 0.8,
  nbIterNoImprovement: 20_000,
};

/** Everything one search run holds; the LP component plugs into it through `offer`. */
export class HgsState {
  readonly inst: Instance;
  readonly rng: Rng;
  readonly control: SearchControl;
  readonly ls: LocalSearch;
  readonly pm: PenaltyManager;
  readonly pop: Population;
  readonly srex: Srex;
  best: Solution;
  bestInd: Individual | null = null;
  /** Called with every individual the search produces (route pool for the LP). */
  onIndividual: ((ind: Individual) => void) | null = null;
  private readonly nearest: Float64Array;

  constructor(
    readonly data: ProblemData,
    readonly options: SolveOptions,
    readonly params: HgsParams = DEFAULT_HGS,
  ) {
    this.control = new SearchControl(options);
    this.rng = new Rng(options.seed);
    this.inst = buildInstance(data);
    const nb = Math.min(params.nbGranular, Math.max(1, this.inst.numClients - 1));
    const neighbours = computeNeighbours(
      this.inst,
      { nb, weightWait: params.weightWait, weightTimeWarp: params.weightTimeWarp },
      () => this.control.shouldStop() !== null,
    );
    this.ls = new LocalSearch(this.inst, neighbours, nb, this.rng);
    this.ls.stop = () => this.control.shouldStop() !== null;
    this.pm = new PenaltyManager(this.inst, params.penalty);
    this.pop = new Population(this.inst, params.population);
    this.srex = new Srex(this.inst, neighbours, nb);
    this.best = makeSolution(data, []);
    this.control.improved(this.best);
    // Cheap estimate of what reinserting a client costs: twice its nearest neighbour's distance.
    this.nearest = new Float64Array(this.inst.numLocations);
    const n = this.inst.numLocations;
    for (let c = this.inst.numDepots; c < n; c++) {
      const v = neighbours[c * nb];
      this.nearest[c] = v >= 0 ? 2 * this.inst.dist[0][c * n + v] * this.inst.unitDistanceCost[0] : 0;
    }
  }

  stopped(): boolean {
    return this.control.shouldStop() !== null;
  }

  /** Educates routes by local search under the current penalties; returns the individual. */
  educate(routes: readonly RouteSpec[]): Individual {
    this.ls.load(routes, this.pm.ce);
    this.ls.run();
    const ind = Individual.fromSearch(this.ls);
    this.control.iterations++;
    if (this.ls.aborted) {
      this.consider(ind);
      return ind;
    }
    this.pm.register(ind);
    this.pop.add(ind, this.pm.ce);
    this.consider(ind);
    if (!ind.feasible && this.rng.float() < this.params.repairProbability && !this.stopped()) {
      this.ls.setEvaluator(this.pm.booster());
      this.ls.run();
      this.ls.setEvaluator(this.pm.ce);
      const repaired = Individual.fromSearch(this.ls);
      if (repaired.feasible && !this.ls.aborted) {
        this.pop.add(repaired, this.pm.ce);
        this.consider(repaired);
        return repaired;
      }
      if (!this.ls.aborted && this.hasUnservedInBest()) {
        // Still infeasible although the best plan leaves clients out: the fleet may be too
        // small for everyone. Drop clients until feasible so such plans exist and compete.
        this.ls.setEvaluator(this.pm.booster());
        this.ls.ejectToFeasibility();
        this.ls.setEvaluator(this.pm.ce);
        const ejected = Individual.fromSearch(this.ls);
        if (ejected.feasible) {
          this.pop.add(ejected, this.pm.ce);
          this.consider(ejected);
        }
      }
    }
    return ind;
  }

  private hasUnservedInBest(): boolean {
    const inst = this.inst;
    const served = new Uint8Array(inst.numLocations);
    for (const r of this.best.routes) for (const c of r.visits) served[c] = 1;
    for (let c = inst.numDepots; c < inst.numLocations; c++) if (inst.servable[c] && !served[c]) return true;
    return false;
  }

  /** Keeps `ind` as the best solution when it is feasible, exactly checked, and better. */
  consider(ind: Individual): boolean {
    this.onIndividual?.(ind);
    if (!ind.feasible) return false;
    if (ind.objective >= this.best.objective - 1e-9 * Math.abs(this.best.objective)) return false;
    const sol = makeSolution(
      this.data,
      ind.routes.map((r) => ({ vehicleType: r.type, visits: r.visits })),
    );
    if (!sol.feasible || !(sol.objective < this.best.objective)) return false;
    this.best = sol;
    this.bestInd = ind;
    this.control.improved(sol);
    return true;
  }

  /** Takes a plan as the best if it is exactly feasible and better (warm starts, MIP plans). */
  offerSolution(routes: readonly RouteSpec[]): void {
    const sol = makeSolution(
      this.data,
      routes.map((r) => ({ vehicleType: r.type, visits: r.visits })),
    );
    if (sol.feasible && sol.objective < this.best.objective) {
      this.best = sol;
      this.control.improved(sol);
    }
  }

  /** Offspring of two parents: the SREX child with the lower estimated cost. */
  offspring(): RouteSpec[] {
    const [a, b] = this.pop.select(this.rng, this.pm.ce);
    const [c1, c2] = this.srex.cross(a, b, this.rng);
    return this.estimate(c1) <= this.estimate(c2) ? c1 : c2;
  }

  private estimate(routes: RouteSpec[]): number {
    this.ls.load(routes, this.pm.ce);
    let cost = this.ls.routesCost();
    const inst = this.inst;
    for (let c = inst.numDepots; c < inst.numLocations; c++) {
      if (this.ls.routeOf[c] < 0 && inst.servable[c]) cost += this.nearest[c];
    }
    return cost;
  }

  outcome(): SolveOutcome {
    // A small allowance past the budget (the contract tolerates 5 % + 0.2 s).
    const allowance = 100 + 0.02 * this.options.timeLimitMs;
    const polished = insertUnservedExact(this.data, this.best, 5e7, allowance);
    if (polished.objective < this.best.objective) {
      this.best = polished;
      this.control.improved(polished);
    }
    return {
      best: this.best,
      stoppedBy: this.control.stoppedBy ?? 'converged',
      iterations: this.control.iterations,
      elapsedMs: this.control.elapsed(),
      trace: this.control.trace,
    };
  }
}

export function initialRoutes(data: ProblemData, initial: Solution | undefined): RouteSpec[] {
  if (!initial) return [];
  return initial.routes
    .filter((r) => r.vehicleType >= 0 && r.vehicleType < data.numVehicleTypes)
    .map((r) => ({ type: r.vehicleType, visits: Int32Array.from(r.visits) }));
}

/** The genetic search proper; `hooks.everyIteration` lets the LP component run between generations. */
export async function runHgs(
  state: HgsState,
  hooks: { everyIteration?: (state: HgsState) => Promise<void> | void } = {},
): Promise<SolveOutcome> {
  const { params, options } = state;
  if (options.initial) {
    // The warm start itself is the first candidate (re-checked exactly), then it is educated.
    const routes = initialRoutes(state.data, options.initial);
    state.offerSolution(routes);
    state.educate(routes);
  }
  let lastBest = state.best.objective;
  let noImprovement = 0;
  const fill = (): void => {
    while (state.pop.size < params.population.minPopSize && !state.stopped()) state.educate([]);
  };
  fill();
  while (!state.stopped()) {
    if (state.pop.size === 0) {
      fill();
      continue;
    }
    state.educate(state.offspring());
    if (state.best.objective < lastBest) {
      lastBest = state.best.objective;
      noImprovement = 0;
    } else if (++noImprovement >= params.nbIterNoImprovement) {
      state.pop.clear();
      noImprovement = 0;
      fill();
    }
    if (hooks.everyIteration) await hooks.everyIteration(state);
  }
  return state.outcome();
}

export async function solveHgs(data: ProblemData, options: SolveOptions): Promise<SolveOutcome> {
  const state = new HgsState(data, options);
  if (options.useLp === false || state.inst.numClients < 2) return runHgs(state);
  const backend = await highsBackend();
  const lp = new LpComponent(state, backend);
  return runHgs(state, { everyIteration: () => lp.maybeRun() });
}
