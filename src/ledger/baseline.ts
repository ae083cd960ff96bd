/**
 * The baseline the plan is measured against, always labelled (doc §4.1):
 * - `planner`: the planner's own routes (`baseline.routes`), re-timed and re-costed with the same
 *   matrices, energy model and factors as the plan. What they break is reported, never hidden:
 *   late arrivals, over-capacity, forbidden legs, shift and route limits, vehicles not allowed to
 *   serve an order; orders they leave out are listed.
 * - `nearest-neighbour` when no routes are given: a naive sequential nearest-neighbour plan under
 *   the same hard constraints (vehicles in request order; each route repeatedly appends the
 *   nearest unserved order whose addition keeps the route feasible, checked exactly; a new
 *   vehicle starts when none fits). Reproducible, and it flatters the optimiser: say so.
 */
import { evaluateRoute } from '../../solvers/exact.ts';
import { type CompiledProblem, vehicleShift } from '../compile/compile.ts';
import type { CompileRules, NodeRef } from '../compile/rules.ts';
import { FULL_DAY, normalizeWindows, toSpan } from '../compile/windows.ts';
import type { TravelMatrix } from '../distances/provider.ts';
import type { PlanRequest, VehicleSpec } from '../model/schema.ts';
import { formatClock } from '../model/time.ts';
import { quantities, round } from '../plan/quantities.ts';
import type { Quantities } from '../plan/types.ts';

/** Travel between request points (depots first, then orders, in request order), per vehicle. */
export interface LedgerTravel {
  metres(vehicle: number, from: number, to: number): number;
  seconds(vehicle: number, from: number, to: number): number;
}

export function travelFromMatrices(
  request: PlanRequest,
  matrices: ReadonlyMap<string, TravelMatrix>,
  vehicleProfileKeys: readonly string[],
): LedgerTravel {
  const points = request.depots.length + request.orders.length;
  const byVehicle = vehicleProfileKeys.map((key) => {
    const m = matrices.get(key);
    if (!m) throw new Error(`ledger: no travel matrix for profile ${key}`);
    return m;
  });
  return {
    metres: (v, a, b) => byVehicle[v].distance[a * points + b],
    seconds: (v, a, b) => byVehicle[v].duration[a * points + b],
  };
}

/** The part of a planned route the ledger reads: legs, loads and who drove it. */
export interface RouteShape {
  readonly vehicleId: string;
  readonly startDepotId: string;
  readonly loadStart: Quantities;
  readonly stops: readonly { readonly orderId: string; readonly legKm: number; readonly loadAfter: Quantities }[];
  readonly returnKm: number;
}

export type BaselineIssueCode =
  | 'late'
  | 'over_capacity'
  | 'forbidden_leg'
  | 'not_allowed'
  | 'shift'
  | 'max_stops'
  | 'max_distance'
  | 'max_duration';

export interface BaselineIssue {
  readonly vehicleId: string;
  readonly orderId?: string;
  readonly code: BaselineIssueCode;
  readonly detail: string;
}

export interface BaselineRouteTimes {
  readonly departure: string;
  readonly back: string;
  readonly durationMinutes: number;
}

export interface EvaluatedBaseline {
  readonly kind: 'planner' | 'nearest-neighbour';
  readonly label: string;
  readonly method: string;
  readonly routes: readonly RouteShape[];
  readonly times: readonly BaselineRouteTimes[];
  readonly issues: readonly BaselineIssue[];
  /** Orders of the request in no baseline route. */
  readonly unservedOrderIds: readonly string[];
}

const LABELS = {
  planner: "the planner's own routes (baseline.routes), re-timed and re-costed with the plan's model",
  'nearest-neighbour':
    'naive nearest-neighbour plan (no baseline.routes given): it flatters the optimiser; ' +
    "give the planner's routes for a fair figure",
} as const;

const METHODS = {
  planner:
    'each route driven in the given order from the start of the shift, waiting for windows; ' +
    "same matrices, energy model and factors as the plan; what it breaks is listed in 'issues'",
  'nearest-neighbour':
    'vehicles in request order; each route appends the nearest unserved order (planning distance from ' +
    'the last stop) that keeps it feasible (capacity, windows, shift, route limits, skills, zones, forbidden ' +
    'legs), else the next vehicle starts',
} as const;

/** The labelled baseline: the planner's routes when given, else the nearest-neighbour plan. */
export function buildBaseline(
  compiled: CompiledProblem,
  travel: LedgerTravel,
  rules: CompileRules | undefined,
): EvaluatedBaseline {
  const { request } = compiled;
  const kind = request.baseline ? 'planner' : 'nearest-neighbour';
  const given = request.baseline?.routes ?? nearestNeighbourRoutes(compiled);
  return evaluateRoutes(request, travel, rules, given, kind);
}

export function evaluateRoutes(
  request: PlanRequest,
  travel: LedgerTravel,
  rules: CompileRules | undefined,
  given: readonly { vehicleId: string; orderIds: readonly string[] }[],
  kind: EvaluatedBaseline['kind'],
): EvaluatedBaseline {
  const dims = [...new Set(request.vehicles.flatMap((v) => Object.keys(v.capacity)))].sort();
  const routes: RouteShape[] = [];
  const times: BaselineRouteTimes[] = [];
  const issues: BaselineIssue[] = [];
  const placed = new Set<string>();
  for (const r of given) {
    if (r.orderIds.length === 0) continue;
    const evaluated = evaluateRoute1(request, travel, rules, dims, r.vehicleId, r.orderIds);
    routes.push(evaluated.shape);
    times.push(evaluated.times);
    issues.push(...evaluated.issues);
    for (const id of r.orderIds) placed.add(id);
  }
  return {
    kind,
    label: LABELS[kind],
    method: METHODS[kind],
    routes,
    times,
    issues,
    unservedOrderIds: request.orders.filter((o) => !placed.has(o.id)).map((o) => o.id),
  };
}

/**
 * Legs and loads exactly as the plan builder writes them (km rounded to the metre, loads summed
 * then unloaded in visit order and rounded to 1e-6), so a baseline equal to the plan costs the same.
 */
function evaluateRoute1(
  request: PlanRequest,
  travel: LedgerTravel,
  rules: CompileRules | undefined,
  dims: readonly string[],
  vehicleId: string,
  orderIds: readonly string[],
) {
  const vi = request.vehicles.findIndex((v) => v.id === vehicleId);
  const vehicle = request.vehicles[vi];
  const orderIndex = new Map(request.orders.map((o, i) => [o.id, i]));
  const D = request.depots.length;
  const start = request.depots.findIndex((d) => d.id === vehicle.startDepot);
  const endId = vehicle.endDepot === undefined ? vehicle.startDepot : vehicle.endDepot;
  const end = endId === null ? -1 : request.depots.findIndex((d) => d.id === endId);
  const orders = orderIds.map((id) => request.orders[orderIndex.get(id)!]);
  const points = orderIds.map((id) => D + orderIndex.get(id)!);
  const issues: BaselineIssue[] = [];
  const flag = (code: BaselineIssueCode, detail: string, orderId?: string) =>
    issues.push({ vehicleId, ...(orderId ? { orderId } : {}), code, detail });

  const load = new Float64Array(dims.length);
  for (const o of orders) for (let d = 0; d < dims.length; d++) load[d] += o.demand[dims[d]] ?? 0;
  dims.forEach((dim, d) => {
    const cap = vehicle.capacity[dim] ?? 0;
    if (load[d] > cap + 1e-9) flag('over_capacity', `carries ${round(load[d], 6)} ${dim}, capacity ${cap} ${dim}`);
  });
  const loadStart = quantities(dims, load);

  const stops: RouteShape['stops'][number][] = [];
  let prev = start;
  let metres = 0;
  orders.forEach((o, i) => {
    for (let d = 0; d < dims.length; d++) load[d] -= o.demand[dims[d]] ?? 0;
    const legM = travel.metres(vi, prev, points[i]);
    metres += legM;
    stops.push({ orderId: o.id, legKm: round(legM / 1000, 3), loadAfter: quantities(dims, load) });
    prev = points[i];
  });
  const returnM = end < 0 ? 0 : travel.metres(vi, prev, end);
  metres += returnM;

  checkAccess(rules, vehicle, orders, issues);
  checkLegs(rules, vehicle, orders, issues);
  if (vehicle.maxStops !== undefined && orders.length > vehicle.maxStops) {
    flag('max_stops', `${orders.length} stops, at most ${vehicle.maxStops}`);
  }
  if (vehicle.maxDistanceKm !== undefined && metres / 1000 > vehicle.maxDistanceKm + 1e-9) {
    flag('max_distance', `${round(metres / 1000, 1)} km, at most ${vehicle.maxDistanceKm} km`);
  }
  const times = retime(request, travel, vi, start, end, points, flag);
  return {
    shape: { vehicleId, startDepotId: vehicle.startDepot, loadStart, stops, returnKm: round(returnM / 1000, 3) },
    times,
    issues,
  };
}

/** Drives the route from the start of the shift, waiting for windows, and reports what is late. */
function retime(
  request: PlanRequest,
  travel: LedgerTravel,
  vi: number,
  start: number,
  end: number,
  points: readonly number[],
  flag: (code: BaselineIssueCode, detail: string, orderId?: string) => void,
): BaselineRouteTimes {
  const vehicle = request.vehicles[vi];
  const D = request.depots.length;
  let shift = vehicleShift(request, vehicle);
  if (!shift) {
    flag('shift', 'its shift lies outside its depot opening hours');
    shift = toSpan(vehicle.shift);
  }
  let t = shift.open;
  let late = false;
  let prev = start;
  const windowsOf = (p: number) => {
    const windows = normalizeWindows((request.orders[p - D].timeWindows ?? []).map((w) => toSpan(w)));
    return windows.length > 0 ? windows : [FULL_DAY];
  };
  points.forEach((p) => {
    const order = request.orders[p - D];
    const arrival = t + travel.seconds(vi, prev, p);
    const list = windowsOf(p);
    const w = list.find((x) => x.close >= arrival - 1e-9);
    let serviceStart = arrival;
    if (w) serviceStart = Math.max(arrival, w.open);
    else {
      late = true;
      const close = list[list.length - 1].close;
      flag(
        'late',
        `arrives ${formatClock(arrival)}, ${round((arrival - close) / 60, 1)} min after its last window closes (${formatClock(close)})`,
        order.id,
      );
    }
    t = serviceStart + order.serviceMinutes * 60;
    prev = p;
  });
  const back = end < 0 ? t : t + travel.seconds(vi, prev, end);
  if (back > shift.close + 1e-6) {
    flag(
      'shift',
      `back at ${formatClock(back)}, ${round((back - shift.close) / 60, 1)} min after ${formatClock(shift.close)}`,
    );
  }
  // Leave as late as still gets back at `back` (the plan builder's convention): waiting that a later
  // departure avoids is not part of the route's duration.
  let departure = shift.open;
  if (!late && points.length > 0) {
    let bound = back;
    let next = end;
    for (let i = points.length - 1; i >= 0; i--) {
      const p = points[i];
      const leg = next < 0 ? 0 : travel.seconds(vi, p, next);
      const limit = bound - leg - request.orders[p - D].serviceMinutes * 60;
      const w = [...windowsOf(p)].reverse().find((x) => x.open <= limit + 1e-9);
      bound = w ? Math.min(limit, w.close) : limit;
      next = p;
    }
    departure = Math.max(shift.open, bound - travel.seconds(vi, start, points[0]));
  }
  const minutes = (back - departure) / 60;
  if (vehicle.maxDurationMinutes !== undefined && minutes > vehicle.maxDurationMinutes + 1e-9) {
    flag('max_duration', `${round(minutes, 1)} min, at most ${vehicle.maxDurationMinutes} min`);
  }
  return { departure: formatClock(departure), back: formatClock(back), durationMinutes: round(minutes, 1) };
}

/** Skills and access restrictions (zones): may this vehicle serve these orders at all? */
function checkAccess(
  rules: CompileRules | undefined,
  vehicle: VehicleSpec,
  orders: readonly PlanRequest['orders'][number][],
  issues: BaselineIssue[],
): void {
  for (const o of orders) {
    const missing = (o.skills ?? []).filter((sk) => !(vehicle.skills ?? []).includes(sk));
    if (missing.length > 0) {
      issues.push({
        vehicleId: vehicle.id,
        orderId: o.id,
        code: 'not_allowed',
        detail: `lacks skill ${missing.join(', ')}`,
      });
    }
    for (const r of rules?.restrictions ?? []) {
      const why = r.check(o, vehicle);
      if (why) issues.push({ vehicleId: vehicle.id, orderId: o.id, code: 'not_allowed', detail: why });
    }
  }
}

/** Legs that a learned rule forbids for this vehicle. */
function checkLegs(
  rules: CompileRules | undefined,
  vehicle: VehicleSpec,
  orders: readonly PlanRequest['orders'][number][],
  issues: BaselineIssue[],
): void {
  const forbidden = (rules?.arcs ?? []).filter(
    (r) => r.kind === 'forbidden' && (!r.vehicleIds || r.vehicleIds.includes(vehicle.id)),
  );
  if (forbidden.length === 0) return;
  type End = { depotId: string } | { customerId: string; orderId: string };
  const endId = vehicle.endDepot === undefined ? vehicle.startDepot : vehicle.endDepot;
  const ends: End[] = [
    { depotId: vehicle.startDepot },
    ...orders.map((o) => ({ customerId: o.customerId, orderId: o.id })),
    ...(endId === null ? [] : [{ depotId: endId }]),
  ];
  const matches = (ref: NodeRef, e: End) =>
    'depotId' in ref
      ? 'depotId' in e && e.depotId === ref.depotId
      : 'customerId' in e && e.customerId === ref.customerId;
  const name = (e: End) => ('depotId' in e ? `depot ${e.depotId}` : `order ${e.orderId}`);
  for (let i = 0; i + 1 < ends.length; i++) {
    const [a, b] = [ends[i], ends[i + 1]];
    const rule = forbidden.find((r) => matches(r.from, a) && matches(r.to, b));
    if (rule) {
      const orderId = 'orderId' in b ? b.orderId : 'orderId' in a ? a.orderId : undefined;
      issues.push({
        vehicleId: vehicle.id,
        ...(orderId ? { orderId } : {}),
        code: 'forbidden_leg',
        detail: `drives ${name(a)} → ${name(b)}, forbidden by ${rule.source}`,
      });
    }
  }
}

/** The naive plan: sequential nearest neighbour, every append checked exactly. */
export function nearestNeighbourRoutes(compiled: CompiledProblem): { vehicleId: string; orderIds: string[] }[] {
  const { data, request } = compiled;
  const n = data.numLocations;
  const K = data.numVehicleTypes;
  const served = new Uint8Array(n);
  const out: { vehicleId: string; orderIds: string[] }[] = [];
  for (let t = 0; t < K; t++) {
    const vt = data.vehicleTypes[t];
    if (vt.count === 0) continue;
    const dist = data.distance[vt.profile];
    const D = data.numDims;
    const load = new Float64Array(D);
    const fits = (c: number) => {
      for (let d = 0; d < D; d++) if (load[d] + data.demand[c * D + d] > vt.capacity[d] + 1e-9) return false;
      return true;
    };
    const route: number[] = [];
    let last = vt.startDepot;
    while (route.length < vt.maxStops) {
      const candidates: number[] = [];
      for (let c = data.numDepots; c < n; c++) {
        if (!served[c] && data.allowed[c * K + t] === 1 && fits(c)) candidates.push(c);
      }
      candidates.sort((a, b) => dist[last * n + a] - dist[last * n + b] || a - b);
      const next = candidates.find((c) => {
        route.push(c);
        const ok = evaluateRoute(data, t, route).feasible;
        route.pop();
        return ok;
      });
      if (next === undefined) break;
      route.push(next);
      for (let d = 0; d < D; d++) load[d] += data.demand[next * D + d];
      served[next] = 1;
      last = next;
    }
    if (route.length > 0) {
      const vehicle = request.vehicles[compiled.vehicleOfType[t]];
      out.push({
        vehicleId: vehicle.id,
        orderIds: route.map((loc) => request.orders[compiled.orderOfLocation[loc]].id),
      });
    }
  }
  return out;
}
