/**
 * Independent feasibility checker for solver output. It shares no code with solvers/ (only
 * the ProblemData type): every quantity is recomputed from the problem and the visit lists.
 *
 * Time check: a route is time-feasible when SOME departure time t0 gives a schedule where each
 * stop's service starts inside one of its windows (waiting allowed), t0 lies in a start-depot
 * window and in [shiftStart, shiftEnd], the end depot is reached (service start) by shiftEnd,
 * and the duration (end service start - t0) is within maxDuration. The checker tries every
 * departure at which the schedule's shape can change (latest departures that make a stop
 * start exactly at one of its window closes) and keeps the shortest feasible schedule, so it
 * is exact for several windows per stop.
 */
import type { ProblemData, Solution } from '../../solvers/problem.ts';

const EPS = 1e-6;

export interface RouteCheck {
  readonly vehicleType: number;
  readonly distance: number;
  /** Shortest feasible duration, or NaN when no schedule exists. */
  readonly duration: number;
  readonly loadDistance: number;
  readonly load: number[];
  readonly cost: number;
}

export interface CheckResult {
  readonly ok: boolean;
  readonly errors: string[];
  readonly routes: RouteCheck[];
  readonly served: number;
  readonly unserved: number[];
  /** Recomputed objective: route costs (with the shortest durations) + unserved penalties. */
  readonly objective: number;
  readonly distance: number;
}

function windows(p: ProblemData, loc: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let w = p.twStart[loc]; w < p.twStart[loc + 1]; w++) out.push([p.twOpen[w], p.twClose[w]]);
  return out;
}

/** Earliest service start >= t in the windows, or Infinity. */
function firstOpen(ws: Array<[number, number]>, t: number): number {
  for (const [o, c] of ws) if (t <= c + EPS) return Math.max(o, t);
  return Number.POSITIVE_INFINITY;
}

/** Latest service start <= t in the windows, or -Infinity. */
function lastOpen(ws: Array<[number, number]>, t: number): number {
  let best = Number.NEGATIVE_INFINITY;
  for (const [o, c] of ws) if (o <= t + EPS) best = Math.max(best, Math.min(c, t));
  return best;
}

/** Shortest feasible duration of the route's time schedule, or NaN if none. */
function shortestDuration(p: ProblemData, type: number, visits: ArrayLike<number>): number {
  const vt = p.vehicleTypes[type];
  const n = p.numLocations;
  const T = p.duration[vt.profile];
  const stops = [vt.startDepot, ...Array.from(visits), vt.endDepot];
  const m = stops.length;
  const ws = stops.map((loc, i) => {
    let w = windows(p, loc);
    if (i === 0) w = w.map(([o, c]) => [Math.max(o, vt.shiftStart), Math.min(c, vt.shiftEnd)]);
    if (i === m - 1) w = w.map(([o, c]) => [o, Math.min(c, vt.shiftEnd)]);
    return w.filter(([o, c]) => o <= c + EPS) as Array<[number, number]>;
  });
  const travel = (i: number): number => p.serviceTime[stops[i]] + T[stops[i] * n + stops[i + 1]];
  // Latest departure such that stop j starts no later than bound: walk backwards from j.
  const latestDeparture = (j: number, bound: number): number => {
    let t = lastOpen(ws[j], bound);
    for (let i = j - 1; i >= 0 && t > Number.NEGATIVE_INFINITY; i--) t = lastOpen(ws[i], t - travel(i));
    return t;
  };
  const simulate = (t0: number): number => {
    let t = t0;
    if (firstOpen(ws[0], t0) !== t0) return Number.NaN;
    for (let i = 1; i < m; i++) {
      t = firstOpen(ws[i], t + travel(i - 1));
      if (!Number.isFinite(t)) return Number.NaN;
    }
    return t - t0;
  };
  const candidates: number[] = [];
  for (let j = 0; j < m; j++) {
    // Right ends of the pieces where the schedule's shape is fixed: a stop starting exactly at a
    // window close (beyond it the stop jumps to a later window) or exactly at an opening
    // (beyond it the waiting there is gone).
    for (const [o, c] of ws[j]) candidates.push(latestDeparture(j, c), latestDeparture(j, o));
  }
  let best = Number.NaN;
  for (const t0 of candidates) {
    if (!Number.isFinite(t0)) continue;
    const d = simulate(t0);
    if (!Number.isNaN(d) && !(d >= best)) best = d;
  }
  return best;
}

/** Checks one route on its own (no cross-route rules): errors and recomputed figures. */
export function checkRoute(
  p: ProblemData,
  k: number,
  visits: ArrayLike<number>,
  where = 'route',
): { errors: string[]; route: RouteCheck } {
  const errors: string[] = [];
  const n = p.numLocations;
  const D = p.numDims;
  const K = p.numVehicleTypes;
  const vt = p.vehicleTypes[k];
  const v = Array.from(visits);
  for (const c of v) {
    if (!(c >= p.numDepots && c < n)) errors.push(`${where}: ${c} is not a client`);
    if (p.allowed[c * K + k] !== 1) errors.push(`${where}: client ${c} not allowed on type ${k}`);
  }
  if (v.length > vt.maxStops) errors.push(`${where}: ${v.length} stops > maxStops ${vt.maxStops}`);
  const load = new Array<number>(D).fill(0);
  for (const c of v) for (let d = 0; d < D; d++) load[d] += p.demand[c * D + d];
  for (let d = 0; d < D; d++) {
    if (load[d] > vt.capacity[d] + EPS)
      errors.push(`${where}: load ${load[d]} > capacity ${vt.capacity[d]} (dim ${d})`);
  }
  const path = [vt.startDepot, ...v, vt.endDepot];
  const M = p.distance[vt.profile];
  let distance = 0;
  let loadDistance = 0;
  let onBoard = load[vt.loadDim] ?? 0;
  for (let i = 0; i + 1 < path.length; i++) {
    const arc = M[path[i] * n + path[i + 1]];
    if (arc >= 1e12) errors.push(`${where}: forbidden arc ${path[i]} -> ${path[i + 1]}`);
    distance += arc;
    loadDistance += arc * onBoard;
    if (i + 1 < path.length - 1) onBoard -= p.demand[path[i + 1] * D + vt.loadDim];
  }
  if (distance > vt.maxDistance + EPS) errors.push(`${where}: distance ${distance} > maxDistance ${vt.maxDistance}`);
  const duration = shortestDuration(p, k, v);
  if (Number.isNaN(duration)) errors.push(`${where}: no schedule meets windows and shift`);
  else if (duration > vt.maxDuration + EPS)
    errors.push(`${where}: duration ${duration} > maxDuration ${vt.maxDuration}`);
  const cost =
    vt.fixedCost +
    vt.unitDistanceCost * distance +
    vt.unitDurationCost * (Number.isNaN(duration) ? 0 : duration) +
    vt.unitLoadDistanceCost * loadDistance;
  return { errors, route: { vehicleType: k, distance, duration, loadDistance, load, cost } };
}

export function checkSolution(p: ProblemData, solution: Solution): CheckResult {
  const errors: string[] = [];
  const seen = new Map<number, number>();
  const used = new Array<number>(p.numVehicleTypes).fill(0);
  const n = p.numLocations;
  const K = p.numVehicleTypes;
  const routes: RouteCheck[] = [];
  let objective = 0;
  let totalDistance = 0;
  solution.routes.forEach((route, r) => {
    const where = `route ${r}`;
    const k = route.vehicleType;
    if (!(k >= 0 && k < K)) {
      errors.push(`${where}: unknown vehicle type ${k}`);
      return;
    }
    if (route.visits.length === 0) return;
    used[k]++;
    for (const c of Array.from(route.visits)) {
      if (seen.has(c)) errors.push(`${where}: client ${c} also served by route ${seen.get(c)}`);
      seen.set(c, r);
    }
    const checked = checkRoute(p, k, route.visits, where);
    errors.push(...checked.errors);
    objective += checked.route.cost;
    totalDistance += checked.route.distance;
    routes.push(checked.route);
  });
  for (let k = 0; k < K; k++) {
    if (used[k] > p.vehicleTypes[k].count)
      errors.push(`type ${k}: ${used[k]} routes > count ${p.vehicleTypes[k].count}`);
  }
  const unserved: number[] = [];
  for (let c = p.numDepots; c < n; c++) {
    if (!seen.has(c)) {
      unserved.push(c);
      objective += p.unservedPenalty[c];
    }
  }
  return { ok: errors.length === 0, errors, routes, served: seen.size, unserved, objective, distance: totalDistance };
}
