/**
 * Fuel-aware vs distance-optimal routing on the same instance (Xiao et al. 2012's FCVRP vs CVRP
 * comparison, doc §4.1 baseline 3): the same problem is solved once minimising distance and once
 * minimising L1 fuel (ρ0 per unit of distance plus (ρ* − ρ0)/Q per unit of distance and of load),
 * and both plans are costed with the same L1 model. With one carrier, fuel and CO2e differ by a
 * constant factor, so the fuel objective is the co2 objective.
 *
 * `warm: true` starts the fuel search from the distance plan (SolveOptions.initial): it then
 * isolates what the objective changes (drop order, loads) and can only lower fuel. The cold
 * comparison gives both searches the same budget and seed from scratch (Xiao's setting).
 */
import type { SolveOptions, Solver } from '../../solvers/control.ts';
import type { ProblemData, Solution } from '../../solvers/problem.ts';

/** Consumption per unit of instance distance, empty and full (e.g. litres per km). */
export interface FuelModel {
  readonly empty: number;
  readonly full: number;
}

/** The same problem with the L1 fuel of each vehicle type as its route cost. */
export function withFuelObjective(data: ProblemData, model: FuelModel, loadDim = 0): ProblemData {
  return {
    ...data,
    vehicleTypes: data.vehicleTypes.map((vt) => ({
      ...vt,
      fixedCost: 0,
      unitDistanceCost: model.empty,
      unitDurationCost: 0,
      unitLoadDistanceCost: (model.full - model.empty) / vt.capacity[loadDim],
      loadDim,
    })),
  };
}

/** Distance and L1 fuel of a solution, walking each route backwards (load on an arc = still to deliver). */
export function solutionFuel(data: ProblemData, solution: Solution, model: FuelModel, loadDim = 0) {
  const n = data.numLocations;
  const D = data.numDims;
  let distance = 0;
  let fuel = 0;
  let served = 0;
  for (const r of solution.routes) {
    const vt = data.vehicleTypes[r.vehicleType];
    const dist = data.distance[vt.profile];
    const q = vt.capacity[loadDim];
    let next = vt.endDepot;
    let load = 0;
    for (let i = r.visits.length - 1; i >= -1; i--) {
      const c = i >= 0 ? r.visits[i] : vt.startDepot;
      const arc = dist[c * n + next];
      distance += arc;
      fuel += arc * (model.empty + ((model.full - model.empty) * load) / q);
      if (i >= 0) load += data.demand[c * D + loadDim];
      next = c;
    }
    served += r.visits.length;
  }
  return { distance, fuel, served };
}

export interface ObjectiveComparison {
  readonly distancePlan: { distance: number; fuel: number; served: number };
  readonly fuelPlan: { distance: number; fuel: number; served: number };
  /** (fuel of the distance plan − fuel of the fuel plan) / fuel of the distance plan, %. */
  readonly fuelSavedPct: number;
  readonly distanceAddedPct: number;
}

export async function compareObjectives(
  data: ProblemData,
  model: FuelModel,
  solver: Solver,
  options: Pick<SolveOptions, 'timeLimitMs' | 'seed' | 'now'> & { readonly warm?: boolean },
): Promise<ObjectiveComparison> {
  const base = { timeLimitMs: options.timeLimitMs, seed: options.seed, now: options.now, useLp: true };
  const byDistance = await solver(data, base);
  const fuelData = withFuelObjective(data, model);
  const byFuel = await solver(fuelData, { ...base, initial: options.warm ? byDistance.best : undefined });
  const distancePlan = solutionFuel(data, byDistance.best, model);
  const fuelPlan = solutionFuel(data, byFuel.best, model);
  return {
    distancePlan,
    fuelPlan,
    fuelSavedPct: (100 * (distancePlan.fuel - fuelPlan.fuel)) / distancePlan.fuel,
    distanceAddedPct: (100 * (fuelPlan.distance - distancePlan.distance)) / distancePlan.distance,
  };
}
