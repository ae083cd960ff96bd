/**
 * Solver solution → the plan people read: timed stops, loads, km and minutes from the real road
 * matrices (learned penalties are a search device, not distance), money cost, and every order
 * that is not in a route with the reason.
 */
import type { SolveOutcome } from '../../solvers/control.ts';
import { scheduleRoute } from '../../solvers/exact.ts';
import type { CompiledProblem } from '../compile/compile.ts';
import { formatClock } from '../model/time.ts';
import { explainUnserved } from './diagnose.ts';
import { quantities, round } from './quantities.ts';
import type { PlannedRoute, PlannedStop, PlanResult, PlanTotals, RoutingReport } from './types.ts';

export interface BuildInput {
  readonly compiled: CompiledProblem;
  readonly outcome: SolveOutcome;
  readonly solverName: string;
  readonly routing: RoutingReport;
}

export function buildPlan(input: BuildInput): PlanResult {
  const { compiled, outcome } = input;
  const { request } = compiled;
  const routes = outcome.best.routes
    .filter((r) => r.visits.length > 0)
    .map((r) => buildRoute(compiled, r.vehicleType, r.visits));
  const served = new Set(routes.flatMap((r) => r.stops.map((s) => s.orderId)));
  const unserved = request.orders.flatMap((o, i) =>
    served.has(o.id) || compiled.locationOfOrder[i] < 0 ? [] : [compiled.locationOfOrder[i]],
  );
  const unassigned = [...compiled.excluded, ...explainUnserved(compiled, outcome.best, unserved)];
  return {
    date: request.date,
    timezone: request.timezone,
    routes,
    unassigned,
    totals: totals(routes, request.orders.length),
    solve: {
      solver: input.solverName,
      seed: request.settings.seed,
      objective: compiled.objective,
      objectiveValue: outcome.best.objective,
      stoppedBy: outcome.stoppedBy,
      iterations: outcome.iterations,
      elapsedMs: outcome.elapsedMs,
      timeLimitSeconds: request.settings.timeLimitSeconds,
      trace: outcome.trace,
    },
    routing: input.routing,
  };
}

function buildRoute(compiled: CompiledProblem, type: number, visits: Int32Array): PlannedRoute {
  const { data, request, dims } = compiled;
  const vehicle = request.vehicles[compiled.vehicleOfType[type]];
  const vt = data.vehicleTypes[type];
  const dist = compiled.roadDistance[type];
  const dur = compiled.roadDuration[type];
  const n = data.numLocations;
  // The solver's own exact schedule: the plan's times follow the same rules its feasibility did.
  const timeline = scheduleRoute(data, type, visits);
  if (!timeline.feasible) {
    // The search guarantees feasibility; a violation here is a solver bug, never a silent plan.
    throw new Error(`solver returned an infeasible route for ${vehicle.id}: ${timeline.reason}`);
  }
  const load = new Float64Array(dims.length);
  for (const loc of visits) for (let d = 0; d < dims.length; d++) load[d] += data.demand[loc * dims.length + d];
  const loadStart = quantities(dims, load);
  let prev = vt.startDepot;
  let metres = 0;
  let drivingSeconds = 0;
  let serviceSeconds = 0;
  let waitSeconds = 0;
  const stops: PlannedStop[] = [];
  visits.forEach((loc, i) => {
    const order = request.orders[compiled.orderOfLocation[loc]];
    const at = timeline.stops[i];
    const legM = dist[prev * n + loc];
    const legS = dur[prev * n + loc];
    const wait = at.serviceStart - at.arrival;
    metres += legM;
    drivingSeconds += legS;
    serviceSeconds += data.serviceTime[loc];
    waitSeconds += wait;
    stops.push({
      orderId: order.id,
      customerId: order.customerId,
      location: order.location,
      arrival: formatClock(at.arrival),
      arrivalSeconds: round(at.arrival),
      serviceStart: formatClock(at.serviceStart),
      serviceStartSeconds: round(at.serviceStart),
      departure: formatClock(at.departure),
      departureSeconds: round(at.departure),
      waitMinutes: round(wait / 60, 1),
      windowIndex: windowOf(compiled, loc, at.serviceStart),
      loadAfter: quantities(dims, Float64Array.from(at.loadAfter)),
      legKm: round(legM / 1000, 3),
      legMinutes: round(legS / 60, 1),
    });
    prev = loc;
  });
  const openEnd = compiled.depotOfLocation[vt.endDepot] < 0;
  const returnM = openEnd ? 0 : dist[prev * n + vt.endDepot];
  const returnS = openEnd ? 0 : dur[prev * n + vt.endDepot];
  metres += returnM;
  drivingSeconds += returnS;
  const seconds = timeline.endServiceStart - timeline.departure;
  const c = vehicle.costs ?? { fixed: 0, perKm: 0, perHour: 0 };
  return {
    vehicleId: vehicle.id,
    driverId: vehicle.driverId ?? null,
    startDepotId: vehicle.startDepot,
    endDepotId: openEnd ? null : request.depots[compiled.depotOfLocation[vt.endDepot]].id,
    departure: formatClock(timeline.departure),
    departureSeconds: round(timeline.departure),
    arrival: formatClock(timeline.endServiceStart),
    arrivalSeconds: round(timeline.endServiceStart),
    loadStart,
    stops,
    returnKm: round(returnM / 1000, 3),
    returnMinutes: round(returnS / 60, 1),
    distanceKm: round(metres / 1000, 3),
    durationMinutes: round(seconds / 60, 1),
    drivingMinutes: round(drivingSeconds / 60, 1),
    serviceMinutes: round(serviceSeconds / 60, 1),
    waitMinutes: round(waitSeconds / 60, 1),
    cost: round(c.fixed + (c.perKm * metres) / 1000 + (c.perHour * seconds) / 3600, 2),
  };
}

/** Index, among the order's windows, of the window its service starts in. */
function windowOf(compiled: CompiledProblem, loc: number, serviceStart: number): number {
  const { twStart, twClose } = compiled.data;
  for (let w = twStart[loc]; w < twStart[loc + 1]; w++) if (twClose[w] >= serviceStart - 1e-6) return w - twStart[loc];
  return twStart[loc + 1] - twStart[loc] - 1;
}

function totals(routes: readonly PlannedRoute[], orderCount: number): PlanTotals {
  const sum = (f: (r: PlannedRoute) => number) => routes.reduce((s, r) => s + f(r), 0);
  const served = sum((r) => r.stops.length);
  return {
    vehiclesUsed: routes.length,
    ordersServed: served,
    ordersUnassigned: orderCount - served,
    distanceKm: round(
      sum((r) => r.distanceKm),
      3,
    ),
    durationMinutes: round(
      sum((r) => r.durationMinutes),
      1,
    ),
    drivingMinutes: round(
      sum((r) => r.drivingMinutes),
      1,
    ),
    cost: round(
      sum((r) => r.cost),
      2,
    ),
  };
}
