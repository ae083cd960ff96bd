/**
 * The plan a solve produces, as the API returns it and the store keeps it (plain JSON).
 * Times are seconds from local midnight of the plan date plus a readable clock string.
 * Distances in km, durations in minutes, money in the request's currency.
 */
import type { StopReason, TracePoint } from '../../solvers/control.ts';
import type { Ledger } from '../ledger/types.ts';
import type { Objective } from '../model/schema.ts';

export type Quantities = Record<string, number>;

export interface PlannedStop {
  readonly orderId: string;
  readonly customerId: string;
  readonly location: { lat: number; lon: number };
  readonly arrival: string;
  readonly arrivalSeconds: number;
  readonly serviceStart: string;
  readonly serviceStartSeconds: number;
  readonly departure: string;
  readonly departureSeconds: number;
  readonly waitMinutes: number;
  /** Index of the order's time window that service starts in. */
  readonly windowIndex: number;
  /** Load on board after the delivery. */
  readonly loadAfter: Quantities;
  /** Leg from the previous stop (or the depot). */
  readonly legKm: number;
  readonly legMinutes: number;
}

export interface PlannedRoute {
  readonly vehicleId: string;
  readonly driverId: string | null;
  readonly startDepotId: string;
  /** null for an open end: the route stops at its last delivery. */
  readonly endDepotId: string | null;
  readonly departure: string;
  readonly departureSeconds: number;
  readonly arrival: string;
  readonly arrivalSeconds: number;
  /** Load when leaving the depot. */
  readonly loadStart: Quantities;
  readonly stops: readonly PlannedStop[];
  /** Leg from the last stop back to the end depot (0 for open ends). */
  readonly returnKm: number;
  readonly returnMinutes: number;
  readonly distanceKm: number;
  readonly durationMinutes: number;
  readonly drivingMinutes: number;
  readonly serviceMinutes: number;
  readonly waitMinutes: number;
  readonly cost: number;
}

/** Why an order is not in any route: a stable code for programs and a sentence for people. */
export type UnassignedCode =
  | 'no_compatible_vehicle'
  | 'unreachable_in_time'
  | 'capacity'
  | 'time_window'
  | 'shift'
  | 'max_stops'
  | 'max_distance'
  | 'max_duration'
  | 'forbidden_arc'
  | 'not_worth_serving'
  | 'fleet_exhausted';

export interface UnassignedOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly code: UnassignedCode;
  readonly reason: string;
}

export interface PlanTotals {
  readonly vehiclesUsed: number;
  readonly ordersServed: number;
  readonly ordersUnassigned: number;
  readonly distanceKm: number;
  readonly durationMinutes: number;
  readonly drivingMinutes: number;
  readonly cost: number;
}

export interface SolveReport {
  readonly solver: string;
  readonly seed: number;
  readonly objective: Objective;
  /** Objective value of the plan in the solver's units (see README: objectives). */
  readonly objectiveValue: number;
  readonly stoppedBy: StopReason;
  readonly iterations: number;
  readonly elapsedMs: number;
  readonly timeLimitSeconds: number;
  readonly trace: readonly TracePoint[];
}

export interface RoutingReport {
  /** Which matrix provider produced distances and durations. */
  readonly provider: 'haversine' | 'osrm' | 'haversine-fallback';
  readonly note?: string;
  readonly detourFactor?: number;
}

export interface PlanResult {
  readonly date: string;
  readonly timezone: string;
  readonly routes: readonly PlannedRoute[];
  readonly unassigned: readonly UnassignedOrder[];
  readonly totals: PlanTotals;
  readonly solve: SolveReport;
  readonly routing: RoutingReport;
  /** Green ledger (issue 3): fuel and CO2e of the plan vs its labelled baseline, compute footprint, anytime curve. */
  readonly ledger?: Ledger;
  /** Learned constraints that shaped this plan (issue 4). */
  readonly constraintsApplied?: readonly unknown[];
}
