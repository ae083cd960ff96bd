/**
 * What the search minimises, per vehicle, as the linear route cost of ProblemData:
 *   fixed + perMetre·distance + perSecond·duration + perMetreLoad·Σ(arc metres × load carried).
 * Units of the objective value: cost → currency, distance → km, duration → hours, co2 → kg CO2e (WTW).
 */
import type { Objective, VehicleSpec } from '../model/schema.ts';

export interface RouteCostCoefficients {
  readonly fixed: number;
  readonly perMetre: number;
  readonly perSecond: number;
  /** Per metre and per unit of `loadDim` on board (the load-dependent part of fuel). */
  readonly perMetreLoad: number;
  /** Capacity dimension the load term counts, or null. */
  readonly loadDim: string | null;
}

/**
 * Energy-aware coefficients for the `co2` objective, supplied by the ledger's vehicle energy
 * model: kg CO2e (WTW) per metre empty, and the extra kg per metre per unit of load.
 */
export type Co2Coefficients = (vehicle: VehicleSpec) => {
  readonly perMetre: number;
  readonly perMetreLoad: number;
  readonly loadDim: string | null;
};

export function routeCostCoefficients(
  vehicle: VehicleSpec,
  objective: Objective,
  co2?: Co2Coefficients,
): RouteCostCoefficients {
  const none = { fixed: 0, perMetre: 0, perSecond: 0, perMetreLoad: 0, loadDim: null };
  switch (objective) {
    case 'distance':
      return { ...none, perMetre: 1 / 1000 };
    case 'duration':
      return { ...none, perSecond: 1 / 3600 };
    case 'cost': {
      const c = vehicle.costs ?? { fixed: 0, perKm: 0, perHour: 0 };
      return { ...none, fixed: c.fixed, perMetre: c.perKm / 1000, perSecond: c.perHour / 3600 };
    }
    case 'co2': {
      if (!co2) throw new Error('the co2 objective needs the vehicle energy model (ledger)');
      return { ...none, ...co2(vehicle) };
    }
  }
}

/** A cost objective whose request gives no costs at all would make every plan cost 0. */
export function hasAnyCost(vehicles: readonly VehicleSpec[]): boolean {
  return vehicles.some((v) => v.costs && (v.costs.fixed > 0 || v.costs.perKm > 0 || v.costs.perHour > 0));
}
