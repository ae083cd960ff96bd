/**
 * The plan a solve produces, as the API returns it and the store keeps it (plain JSON).
 * Times are seconds from local midnight of the plan date plus a readable clock string.
 * Distances in km, durations in minutes, money in the request's currency.
 */
import type { StopReason, TracePoint } from '../../solvers/control.ts';
import type { AppliedConstraint } from '../feedback/types.ts';
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
  /** Where the route drives (issue 5): road geometry from OSRM, or straight legs between its stops. */
  readonly geometry?: RouteGeometry;
  /** Legs through, and depots inside, low-emission zones this vehicle may not enter (issue 5). */
  readonly zoneWarnings?: readonly ZoneWarning[];
}

/** GeoJSON LineString, [longitude, latitude] positions: start depot, stops, end depot (if any). */
export interface RouteGeometry {
  readonly type: 'LineString';
  readonly coordinates: readonly (readonly [number, number])[];
}

export interface ZoneWarning {
  readonly zoneId: string;
  readonly zoneName: string;
  /** leg: the road between two waypoints crosses the zone; depot: the vehicle's depot is inside it. */
  readonly kind: 'leg' | 'depot';
  /** 0 = start depot → first stop, k = stop k → stop k+1; null for a depot. */
  readonly leg: number | null;
  /** Order id or "depot <id>". */
  readonly from: string;
  readonly to: string | null;
  /** Road km inside the zone (about, sampled every 50 m); null for a depot. */
  readonly kmInside: number | null;
  readonly message: string;
}

/** What was checked against the request's low-emission zones (present when the request has zones). */
export interface ZoneReport {
  readonly zones: readonly { readonly id: string; readonly name: string }[];
  /** True when every leg was checked on road geometry; false without it (orders are always checked). */
  readonly legsChecked: boolean;
  /** Number of zone warnings over all routes. */
  readonly warnings: number;
  readonly note: string;
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
  /** How the routes' `geometry` was drawn: road lines from OSRM or straight legs (issue 5). */
  readonly geometry?: 'road' | 'straight';
  /** Why the lines are straight although the plan was routed on OSRM. */
  readonly geometryNote?: string;
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
  /** Low-emission zones: what was checked (issue 5). */
  readonly zones?: ZoneReport;
  /** Learned constraints that shaped this plan, what each did and from which driver feedback (issue 4). */
  readonly constraintsApplied?: readonly AppliedConstraint[];
}
