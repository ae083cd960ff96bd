/**
 * The energy model as the search sees it: linear route-cost coefficients for the `co2` objective
 * (kg CO2e WTW per metre empty, plus per metre per unit of load on board), and a cheap evaluation
 * of a solver Solution's CO2e for the anytime curve and the frugal stop of any objective.
 */
import type { Solution } from '../../solvers/problem.ts';
import type { CompiledProblem } from '../compile/compile.ts';
import type { Co2Coefficients } from '../compile/objective.ts';
import type { EmissionSettings } from '../model/schema.ts';
import { type VehicleEnergy, vehicleEnergy } from './energy.ts';

/** L1 in the search's units: fuel·WTW per metre = ρ0·f + (ρ*−ρ0)/Q·f·load. */
export function energyCoefficients(v: VehicleEnergy) {
  if (v.loadDim === null) {
    return { perMetre: ((v.emptyPerKm + v.fullPerKm) / 2 / 1000) * v.wtwPerUnit, perMetreLoad: 0, loadDim: null };
  }
  return {
    perMetre: (v.emptyPerKm / 1000) * v.wtwPerUnit,
    perMetreLoad: ((v.fullPerKm - v.emptyPerKm) / v.capacity / 1000) * v.wtwPerUnit,
    loadDim: v.loadDim,
  };
}

/** What compile needs for `objective: "co2"`, from the request's emission settings. */
export function co2Coefficients(settings?: EmissionSettings): Co2Coefficients {
  return (vehicle) => energyCoefficients(vehicleEnergy(vehicle, settings));
}

/** Per vehicle type of a compiled problem: the coefficients on road metres and the load index. */
export interface TypeEnergy {
  readonly perMetre: Float64Array;
  readonly perMetreLoad: Float64Array;
  readonly loadIndex: Int32Array;
}

export function typeEnergy(compiled: CompiledProblem, energies: readonly VehicleEnergy[]): TypeEnergy {
  const k = compiled.data.numVehicleTypes;
  const out = { perMetre: new Float64Array(k), perMetreLoad: new Float64Array(k), loadIndex: new Int32Array(k) };
  for (let t = 0; t < k; t++) {
    const c = energyCoefficients(energies[compiled.vehicleOfType[t]]);
    out.perMetre[t] = c.perMetre;
    out.perMetreLoad[t] = c.loadDim === null ? 0 : c.perMetreLoad;
    out.loadIndex[t] = c.loadDim === null ? 0 : Math.max(0, compiled.dims.indexOf(c.loadDim));
  }
  return out;
}

/**
 * kg CO2e (WTW) of a solution on the real road distances, walking each route backwards so the
 * load on an arc is what is still to deliver. O(total stops), no allocation.
 */
export function solutionCo2e(compiled: CompiledProblem, energy: TypeEnergy, solution: Solution): number {
  const { data } = compiled;
  const n = data.numLocations;
  const D = data.numDims;
  let kg = 0;
  for (const route of solution.routes) {
    const t = route.vehicleType;
    const vt = data.vehicleTypes[t];
    const dist = compiled.roadDistance[t];
    const li = energy.loadIndex[t];
    let next = vt.endDepot;
    let remaining = 0;
    let metres = 0;
    let loadMetres = 0;
    for (let i = route.visits.length - 1; i >= -1; i--) {
      const c = i >= 0 ? route.visits[i] : vt.startDepot;
      const arc = dist[c * n + next];
      metres += arc;
      loadMetres += arc * remaining;
      if (i >= 0) remaining += data.demand[c * D + li];
      next = c;
    }
    if (route.visits.length > 0) kg += energy.perMetre[t] * metres + energy.perMetreLoad[t] * loadMetres;
  }
  return kg;
}

/** Number of clients a solution serves. */
export function servedCount(solution: Solution): number {
  let n = 0;
  for (const r of solution.routes) n += r.visits.length;
  return n;
}
