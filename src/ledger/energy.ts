/**
 * The vehicle energy model: what a vehicle burns on a leg, and what that emits.
 *
 * L1 load-linear model (Xiao et al. 2012, doc §1.1): on a leg of d km carrying q units of the
 * load dimension, consumption = d · (ρ0 + (ρ* − ρ0) · q / Q), with ρ0/ρ* the consumption empty
 * and full per km and Q the capacity in that dimension. So the order of drops matters: heavy
 * drops first carry less weight over the remaining km. When a vehicle has no usable load
 * dimension the model falls back to L0 (the class average, i.e. the L1 value at half load).
 *
 * Energy is counted in the carrier's own unit: litres (diesel, petrol, HVO, LPG), kg (CNG), kWh
 * drawn from the grid (electric: kWh at the battery ÷ charging efficiency). Emissions are
 * amount × factor, tank-to-wheel and well-to-wheel (WTW is the ISO 14083 headline).
 */
import type { EmissionSettings, FuelCarrier, GridRegion, VehicleSpec } from '../model/schema.ts';
import { round } from '../plan/quantities.ts';
import {
  CARRIER_UNIT,
  type CarrierUnit,
  CHARGING_EFFICIENCY,
  DEFAULT_FACTOR_SET,
  FACTOR_SETS,
  type FactorSet,
  GRID_INTENSITY,
  HVO_LITRES_PER_DIESEL_LITRE,
  REFRIGERATION_UPLIFT,
  VEHICLE_CLASS_DEFAULTS,
} from './factors.ts';

export { round };

export interface VehicleEnergy {
  readonly vehicleId: string;
  readonly carrier: FuelCarrier;
  readonly unit: CarrierUnit;
  /** 'L1' load-linear, or 'L0' class average when no load dimension is usable. */
  readonly model: 'L1' | 'L0';
  /** Consumption per km in `unit`, empty and full (refrigeration and charging losses included). */
  readonly emptyPerKm: number;
  readonly fullPerKm: number;
  /** Capacity dimension whose load drives consumption, and its capacity Q (null for L0). */
  readonly loadDim: string | null;
  readonly capacity: number;
  /** kg CO2e per unit of carrier. */
  readonly ttwPerUnit: number;
  readonly wtwPerUnit: number;
  /** Where the numbers come from, for the ledger's readers. */
  readonly basis: VehicleEnergyBasis;
}

export interface VehicleEnergyBasis {
  readonly consumptionPer100km: { readonly empty: number; readonly full: number; readonly source: string };
  readonly refrigerationUplift: number | null;
  readonly factors: { readonly ttw: number; readonly wtw: number; readonly source: string };
  readonly grid?: {
    readonly region: GridRegion | null;
    readonly gPerKWh: number;
    readonly basis: string;
    readonly chargingEfficiency: number;
  };
}

export class EnergyModelError extends Error {
  override name = 'EnergyModelError';
}

export function factorSetOf(settings: EmissionSettings | undefined): FactorSet {
  return FACTOR_SETS[settings?.factorSet ?? DEFAULT_FACTOR_SET];
}

/** The energy model of one vehicle, from its spec, the class defaults and the request's overrides. */
export function vehicleEnergy(vehicle: VehicleSpec, settings?: EmissionSettings): VehicleEnergy {
  const { carrier } = vehicle.energy;
  const set = factorSetOf(settings);
  const consumption = consumptionPer100km(vehicle);
  const uplift = vehicle.energy.refrigerated ? (settings?.refrigerationUplift ?? REFRIGERATION_UPLIFT.value) : null;
  const factors =
    carrier === 'electric' ? electricFactors(vehicle, settings, set) : fuelFactors(vehicle, settings, set);
  const perKm = (per100: number) => (per100 * (uplift ?? 1)) / 100 / factors.drawnPerUnit;
  const { loadDim, capacity } = loadDimension(vehicle);
  return {
    vehicleId: vehicle.id,
    carrier,
    unit: CARRIER_UNIT[carrier],
    model: loadDim === null ? 'L0' : 'L1',
    emptyPerKm: perKm(consumption.empty),
    fullPerKm: perKm(consumption.full),
    loadDim,
    capacity,
    ttwPerUnit: factors.ttw,
    wtwPerUnit: factors.wtw,
    basis: {
      consumptionPer100km: consumption,
      refrigerationUplift: uplift,
      factors: { ttw: factors.ttw, wtw: factors.wtw, source: factors.source },
      ...(factors.grid ? { grid: factors.grid } : {}),
    },
  };
}

function consumptionPer100km(vehicle: VehicleSpec): { empty: number; full: number; source: string } {
  const e = vehicle.energy;
  if (e.consumptionEmpty !== undefined && e.consumptionFull !== undefined) {
    return { empty: e.consumptionEmpty, full: e.consumptionFull, source: 'request (vehicle energy)' };
  }
  const cls = VEHICLE_CLASS_DEFAULTS[e.vehicleClass];
  if (cls.carrier === e.carrier) {
    return { empty: cls.empty.value, full: cls.full.value, source: `class ${e.vehicleClass} ${cls.empty.source}` };
  }
  if (e.carrier === 'hvo100' && cls.carrier === 'diesel') {
    const k = HVO_LITRES_PER_DIESEL_LITRE.value;
    return {
      empty: cls.empty.value * k,
      full: cls.full.value * k,
      source: `class ${e.vehicleClass} ${cls.empty.source} × 36/34 MJ/L ${HVO_LITRES_PER_DIESEL_LITRE.source}`,
    };
  }
  throw new EnergyModelError(
    `vehicle ${vehicle.id}: no documented ${e.carrier} consumption for class ${e.vehicleClass}; ` +
      'give energy.consumptionEmpty and energy.consumptionFull',
  );
}

/** Carriers whose consumption the class table can supply (request validation uses this). */
export function hasClassConsumption(carrier: FuelCarrier, vehicleClass: VehicleSpec['energy']['vehicleClass']) {
  const cls = VEHICLE_CLASS_DEFAULTS[vehicleClass].carrier;
  return cls === carrier || (carrier === 'hvo100' && cls === 'diesel');
}

interface ResolvedFactors {
  readonly ttw: number;
  readonly wtw: number;
  readonly source: string;
  /** Units drawn per unit consumed (1 / charging efficiency for electricity). */
  readonly drawnPerUnit: number;
  readonly grid?: VehicleEnergyBasis['grid'];
}

function fuelFactors(vehicle: VehicleSpec, settings: EmissionSettings | undefined, set: FactorSet): ResolvedFactors {
  const carrier = vehicle.energy.carrier as Exclude<FuelCarrier, 'electric'>;
  const base = set.fuels[carrier];
  const req = settings?.fuels?.[carrier];
  const own = settings?.vehicles?.[vehicle.id];
  const pick = (kind: 'ttw' | 'wtw') => {
    const key = kind === 'ttw' ? 'ttwKgPerUnit' : 'wtwKgPerUnit';
    if (own?.[key] !== undefined) return { value: own[key], source: `request (vehicle ${vehicle.id})` };
    if (req?.[key] !== undefined) return { value: req[key], source: `request (fuels.${carrier})` };
    return { value: base[kind].value, source: `${set.id} ${base[kind].source}` };
  };
  const ttw = pick('ttw');
  const wtw = pick('wtw');
  const source = ttw.source === wtw.source ? ttw.source : `TTW ${ttw.source}; WTW ${wtw.source}`;
  return { ttw: ttw.value, wtw: wtw.value, source, drawnPerUnit: 1 };
}

function electricFactors(
  vehicle: VehicleSpec,
  settings: EmissionSettings | undefined,
  set: FactorSet,
): ResolvedFactors {
  const own = settings?.vehicles?.[vehicle.id];
  const efficiency = own?.chargingEfficiency ?? settings?.chargingEfficiency ?? CHARGING_EFFICIENCY.value;
  const grid = gridIntensity(
    own?.gridIntensity ?? settings?.gridIntensity,
    own?.gridRegion ?? settings?.gridRegion ?? set.defaultGridRegion,
  );
  const wtw = own?.wtwKgPerUnit ?? grid.gPerKWh / 1000;
  return {
    ttw: own?.ttwKgPerUnit ?? 0,
    wtw,
    source: own?.wtwKgPerUnit !== undefined ? `request (vehicle ${vehicle.id})` : `grid ${grid.label}`,
    drawnPerUnit: efficiency,
    grid: { region: grid.region, gPerKWh: grid.gPerKWh, basis: grid.basis, chargingEfficiency: efficiency },
  };
}

/** A grid intensity: the explicit value when given, else the region's documented one. */
export function gridIntensity(explicit: number | undefined, region: GridRegion) {
  if (explicit !== undefined) {
    return { region: null, gPerKWh: explicit, basis: 'request value', label: `request ${explicit} g/kWh` };
  }
  const g = GRID_INTENSITY[region];
  return {
    region,
    gPerKWh: g.gPerKWh.value,
    basis: `${g.basis}, ${g.year}`,
    label: `${region} ${g.gPerKWh.value} g/kWh ${g.gPerKWh.source}`,
  };
}

/**
 * The load dimension: `energy.loadDimension`, else "kg" when the vehicle has it, else its only
 * capacity dimension (Solomon/CVRP units: q/Q is all L1 needs, doc §1.1), else none (L0).
 */
function loadDimension(vehicle: VehicleSpec): { loadDim: string | null; capacity: number } {
  const dims = Object.keys(vehicle.capacity);
  const dim = vehicle.energy.loadDimension ?? (dims.includes('kg') ? 'kg' : dims.length === 1 ? dims[0] : undefined);
  const capacity = dim === undefined ? 0 : (vehicle.capacity[dim] ?? 0);
  return capacity > 0 && dim !== undefined ? { loadDim: dim, capacity } : { loadDim: null, capacity: 0 };
}

/** Consumption per km (carrier unit) carrying `load` units of the load dimension. */
export function consumptionPerKm(v: VehicleEnergy, load: number): number {
  if (v.loadDim === null) return (v.emptyPerKm + v.fullPerKm) / 2;
  return v.emptyPerKm + ((v.fullPerKm - v.emptyPerKm) * load) / v.capacity;
}

/** One driven leg: km and the load on board in the vehicle's load dimension. */
export interface Leg {
  readonly km: number;
  readonly load: number;
}

/** What a route (or a fleet) drove, burned and emitted. */
export interface Figures {
  readonly km: number;
  /** Litres of liquid fuel (diesel, petrol, HVO, LPG). */
  readonly fuelL: number;
  /** kWh drawn from the grid. */
  readonly electricityKWh: number;
  /** kg of gas (CNG, bio-CNG). */
  readonly gasKg: number;
  readonly co2eWtwKg: number;
  readonly co2eTtwKg: number;
}

export const ZERO_FIGURES: Figures = { km: 0, fuelL: 0, electricityKWh: 0, gasKg: 0, co2eWtwKg: 0, co2eTtwKg: 0 };

/** Energy and emissions of a sequence of legs, leg by leg. */
export function legsFigures(v: VehicleEnergy, legs: readonly Leg[]): Figures {
  let km = 0;
  let amount = 0;
  for (const leg of legs) {
    km += leg.km;
    amount += leg.km * consumptionPerKm(v, leg.load);
  }
  return {
    km,
    fuelL: v.unit === 'L' ? amount : 0,
    electricityKWh: v.unit === 'kWh' ? amount : 0,
    gasKg: v.unit === 'kg' ? amount : 0,
    co2eWtwKg: amount * v.wtwPerUnit,
    co2eTtwKg: amount * v.ttwPerUnit,
  };
}

/** The energy amount of figures in the vehicle's own unit. */
export function amountOf(f: Figures, unit: CarrierUnit): number {
  return unit === 'L' ? f.fuelL : unit === 'kWh' ? f.electricityKWh : f.gasKg;
}

export function addFigures(a: Figures, b: Figures): Figures {
  return {
    km: a.km + b.km,
    fuelL: a.fuelL + b.fuelL,
    electricityKWh: a.electricityKWh + b.electricityKWh,
    gasKg: a.gasKg + b.gasKg,
    co2eWtwKg: a.co2eWtwKg + b.co2eWtwKg,
    co2eTtwKg: a.co2eTtwKg + b.co2eTtwKg,
  };
}

export function subtractFigures(a: Figures, b: Figures): Figures {
  return {
    km: a.km - b.km,
    fuelL: a.fuelL - b.fuelL,
    electricityKWh: a.electricityKWh - b.electricityKWh,
    gasKg: a.gasKg - b.gasKg,
    co2eWtwKg: a.co2eWtwKg - b.co2eWtwKg,
    co2eTtwKg: a.co2eTtwKg - b.co2eTtwKg,
  };
}

export function roundFigures(f: Figures, digits = 4): Figures {
  const r = (x: number) => round(x, digits);
  return {
    km: r(f.km),
    fuelL: r(f.fuelL),
    electricityKWh: r(f.electricityKWh),
    gasKg: r(f.gasKg),
    co2eWtwKg: r(f.co2eWtwKg),
    co2eTtwKg: r(f.co2eTtwKg),
  };
}
