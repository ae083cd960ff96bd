/**
 * The green ledger as it appears on every plan result (`result.ledger`), plain JSON.
 * Units: km, litres, kWh drawn from the grid, kg of gas, kg CO2e for the road, g CO2e for compute.
 * WTW (well-to-wheel) is the headline figure (ISO 14083); TTW (tank-to-wheel) is beside it.
 */
import type { BaselineIssue, BaselineRouteTimes } from './baseline.ts';
import type { Figures } from './energy.ts';
import type { AnytimeReport } from './frugal.ts';

export type { BaselineIssue, BaselineIssueCode } from './baseline.ts';
export type { Figures } from './energy.ts';
export type { AnytimePoint, AnytimeReport, FrugalReport } from './frugal.ts';

export interface Ledger {
  readonly version: 1;
  /** The one emission-factor set of this report, printed with its year (doc §2.2). */
  readonly factorSet: { readonly id: string; readonly name: string; readonly year: number; readonly source: string };
  /** How fuel is modelled: L1 load-linear per leg, or L0 for vehicles without a load dimension. */
  readonly model: string;
  readonly vehicles: readonly LedgerVehicle[];
  readonly baseline: LedgerBaseline;
  /** One row per vehicle used by the plan or the baseline. */
  readonly routes: readonly LedgerRoute[];
  readonly totals: {
    readonly plan: Figures;
    readonly baseline: Figures;
    /** baseline − plan, per figure. */
    readonly saved: Figures;
  };
  readonly allocation: {
    readonly method: string;
    /** The one quantity used for every order, and the unit of `activity`. */
    readonly quantity: string;
    readonly activityUnit: string;
  };
  readonly orders: readonly LedgerOrder[];
  readonly compute: LedgerCompute;
  readonly net: {
    /** Road CO2e saved against the baseline, kg WTW. */
    readonly savedKg: number;
    /** CO2e of the computation, kg. */
    readonly computeKg: number;
    /** savedKg − computeKg. */
    readonly netKg: number;
    /** savedKg ÷ computeKg (null when the computation measured 0). */
    readonly paybackRatio: number | null;
  };
  readonly anytime: AnytimeReport;
  readonly notes: readonly string[];
}

export interface LedgerVehicle {
  readonly vehicleId: string;
  readonly carrier: string;
  readonly unit: 'L' | 'kg' | 'kWh';
  readonly model: 'L1' | 'L0';
  readonly loadDimension: string | null;
  readonly capacity: number | null;
  /** Per 100 km, as configured (before refrigeration uplift and charging losses). */
  readonly consumptionPer100km: { readonly empty: number; readonly full: number; readonly source: string };
  readonly refrigerationUplift: number | null;
  /** kg CO2e per unit (L, kg, or kWh drawn from the grid). */
  readonly factors: { readonly ttw: number; readonly wtw: number; readonly source: string };
  readonly grid?: {
    readonly region: string | null;
    readonly gPerKWh: number;
    readonly basis: string;
    readonly chargingEfficiency: number;
  };
}

export interface LedgerBaseline {
  readonly kind: 'planner' | 'nearest-neighbour';
  readonly label: string;
  readonly method: string;
  readonly ordersServed: number;
  readonly unservedOrderIds: readonly string[];
  /** What the baseline routes break; empty for a feasible baseline. */
  readonly issues: readonly BaselineIssue[];
  readonly feasible: boolean;
  /** Departure, return and duration of each baseline route, by vehicle. */
  readonly times: readonly ({ readonly vehicleId: string } & BaselineRouteTimes)[];
  /** True when the baseline serves exactly the orders the plan serves: the saving compares the same work. */
  readonly sameOrders: boolean;
}

export interface LedgerRoute {
  readonly vehicleId: string;
  readonly carrier: string;
  readonly unit: 'L' | 'kg' | 'kWh';
  /** null when this vehicle does not drive in the plan / the baseline. */
  readonly plan: Figures | null;
  readonly baseline: Figures | null;
  readonly saved: Figures;
}

export interface OrderShare {
  readonly vehicleId: string;
  /** Quantity of the allocation dimension and its SFD from the start depot. */
  readonly quantity: number;
  readonly sfdKm: number;
  readonly activity: number;
  readonly share: number;
  readonly co2eWtwKg: number;
  readonly co2eTtwKg: number;
}

export interface LedgerOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly plan: OrderShare | null;
  readonly baseline: OrderShare | null;
  /** baseline − plan allocation (WTW), when both serve the order. */
  readonly savedKg: number | null;
}

export interface LedgerCompute {
  readonly cpuSeconds: number;
  readonly wallSeconds: number;
  /** 'thread': the solve thread's own CPU (procfs); 'process': whole-process fallback. */
  readonly cpuScope: 'thread' | 'process';
  /** What the CPU time covers. */
  readonly covers: string;
  readonly peakHeapUsedMB: number;
  /** Peak resident memory of the whole process (every thread). */
  readonly peakRssMB: number;
  readonly method: 'green-algorithms' | 'ccf';
  readonly coefficients: {
    readonly wattsPerCore: number;
    readonly wattsPerGB: number;
    readonly memoryGB: number;
    readonly pue: number;
    readonly runs: number;
    readonly vcpus: number;
    readonly sources: string;
  };
  readonly grid: { readonly region: string | null; readonly gPerKWh: number; readonly basis: string };
  readonly energyWh: number;
  readonly operationalG: number;
  readonly embodiedG: number;
  readonly totalG: number;
  /** "estimated (no RAPL)": energy comes from CPU time and coefficients, not a counter. */
  readonly basis: string;
}
