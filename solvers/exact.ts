/**
 * Exact evaluation of one route, from ProblemData alone: every hard constraint (capacity in
 * every dimension, every time window of every stop, shift, max stops / distance / duration,
 * compatibility, forbidden arcs) and the exact route cost.
 *
 * Time semantics (shared with the plan output):
 * - the vehicle starts service at its start depot at time t0 (its departure), inside a window
 *   of that depot and inside [shiftStart, shiftEnd]; it leaves after the depot's service time;
 * - at each client, service starts at the earliest instant >= arrival that lies in one of the
 *   client's windows (waiting allowed); no window left => infeasible;
 * - at the end depot, service starts at the earliest window instant >= arrival, and must be
 *   no later than shiftEnd;
 * - duration = service start at the end depot - t0, for the departure t0 that makes it shortest
 *   (the latest feasible departure with one window per stop; with several windows, the best of
 *   the departures where the schedule changes shape, see routeTimes).
 *
 * The search uses segments (hull windows) for speed; this module is the ground truth it
 * checks against before it trusts a route that contains a multi-window stop, and for every
 * returned solution.
 */
import { FORBIDDEN, type ProblemData } from './problem.ts';

let latestScratch = new Float64Array(64);

/**
 * Tolerance on window closes and shift ends. The latest-departure schedule makes some window
 * exactly tight by construction, and summing travel times in another order can land 1e-13
 * past it; 1e-7 absorbs that rounding (the independent checker allows 1e-6).
 */
const TIME_EPS = 1e-7;

/** Largest t <= bound inside one of loc's windows, or -Infinity. */
function latestStartIn(data: ProblemData, loc: number, bound: number): number {
  for (let w = data.twStart[loc + 1] - 1; w >= data.twStart[loc]; w--) {
    if (data.twOpen[w] <= bound) return Math.min(data.twClose[w], bound);
  }
  return Number.NEGATIVE_INFINITY;
}

/** Smallest t >= arrival inside one of loc's windows, or +Infinity. */
export function earliestStartIn(data: ProblemData, loc: number, arrival: number): number {
  for (let w = data.twStart[loc]; w < data.twStart[loc + 1]; w++) {
    if (data.twClose[w] >= arrival - TIME_EPS) return Math.max(data.twOpen[w], arrival);
  }
  return Number.POSITIVE_INFINITY;
}

export interface RouteTimes {
  /** Service start at the start depot (departure), or NaN when no schedule exists. */
  departure: number;
  /** Service start at the end depot. */
  end: number;
}

/**
 * Shortest feasible schedule of the route (see module comment). With one window per stop the
 * latest departure is optimal; with several, the duration as a function of the departure is
 * piecewise (a stop jumps to a later window past a close), so the departures at which some stop
 * starts exactly at one of its window opens or closes are tried too and the shortest kept.
 * Writes service starts of the clients into `starts` when given. Returns departure NaN when
 * the route has no feasible schedule.
 */
export function routeTimes(
  data: ProblemData,
  type: number,
  visits: ArrayLike<number>,
  len: number,
  starts?: Float64Array,
): RouteTimes {
  const vt = data.vehicleTypes[type];
  const dur = data.duration[vt.profile];
  const n = data.numLocations;
  const s = vt.startDepot;
  const e = vt.endDepot;
  if (latestScratch.length < len + 2) latestScratch = new Float64Array(2 * len + 2);
  const latest = latestScratch;
  // Backward: latest feasible service start at every stop.
  const endLatest = latestStartIn(data, e, vt.shiftEnd);
  let next = e;
  let nextLatest = endLatest;
  for (let i = len - 1; i >= 0; i--) {
    const c = visits[i];
    const l = latestStartIn(data, c, nextLatest - data.serviceTime[c] - dur[c * n + next]);
    if (l === Number.NEGATIVE_INFINITY) return { departure: Number.NaN, end: Number.NaN };
    latest[i] = l;
    next = c;
    nextLatest = l;
  }
  const t0 = latestStartIn(data, s, Math.min(vt.shiftEnd, nextLatest - data.serviceTime[s] - dur[s * n + next]));
  if (!(t0 >= vt.shiftStart)) return { departure: Number.NaN, end: Number.NaN };
  let bestDeparture = t0;
  let bestEnd = forward(data, vt, visits, len, t0, latest, null);
  if (Number.isNaN(bestEnd)) return { departure: Number.NaN, end: Number.NaN };
  let multi = data.multiWindow[s] === 1 || data.multiWindow[e] === 1;
  for (let i = 0; i < len && !multi; i++) if (data.multiWindow[visits[i]]) multi = true;
  if (multi && (Number.isFinite(vt.maxDuration) || vt.unitDurationCost > 0)) {
    // Stop j at index j-1 in visits (j = 0: start depot, j = len + 1: end depot).
    for (let j = 0; j <= len + 1; j++) {
      const loc = j === 0 ? s : j === len + 1 ? e : visits[j - 1];
      for (let w = data.twStart[loc]; w < data.twStart[loc + 1]; w++) {
        for (const bound of [data.twOpen[w], data.twClose[w]]) {
          const dep = latestDepartureReaching(data, vt, visits, len, j, bound);
          if (!(dep >= vt.shiftStart && dep <= t0)) continue;
          const end = forward(data, vt, visits, len, dep, latest, null);
          if (!Number.isNaN(end) && end - dep < bestEnd - bestDeparture) {
            bestDeparture = dep;
            bestEnd = end;
          }
        }
      }
    }
  }
  if (starts) forward(data, vt, visits, len, bestDeparture, latest, starts);
  return { departure: bestDeparture, end: bestEnd };
}

/** Earliest-service schedule from departure t0; returns the end depot's service start or NaN. */
function forward(
  data: ProblemData,
  vt: ProblemData['vehicleTypes'][number],
  visits: ArrayLike<number>,
  len: number,
  t0: number,
  latest: Float64Array,
  starts: Float64Array | null,
): number {
  const dur = data.duration[vt.profile];
  const n = data.numLocations;
  let t = earliestStartIn(data, vt.startDepot, t0);
  if (!(t <= t0 + TIME_EPS)) return Number.NaN;
  let prev = vt.startDepot;
  for (let i = 0; i < len; i++) {
    const c = visits[i];
    t = earliestStartIn(data, c, t + data.serviceTime[prev] + dur[prev * n + c]);
    if (!(t <= latest[i] + TIME_EPS)) return Number.NaN;
    if (starts) starts[i] = t;
    prev = c;
  }
  const end = earliestStartIn(data, vt.endDepot, t + data.serviceTime[prev] + dur[prev * n + vt.endDepot]);
  return end <= vt.shiftEnd + TIME_EPS ? end : Number.NaN;
}

/** Latest departure such that stop j (0 = start depot, len + 1 = end depot) starts by `bound`. */
function latestDepartureReaching(
  data: ProblemData,
  vt: ProblemData['vehicleTypes'][number],
  visits: ArrayLike<number>,
  len: number,
  j: number,
  bound: number,
): number {
  const dur = data.duration[vt.profile];
  const n = data.numLocations;
  const at = (i: number): number => (i === 0 ? vt.startDepot : i === len + 1 ? vt.endDepot : visits[i - 1]);
  let t = latestStartIn(data, at(j), j === len + 1 ? Math.min(bound, vt.shiftEnd) : bound);
  for (let i = j - 1; i >= 0 && t > Number.NEGATIVE_INFINITY; i--) {
    const loc = at(i);
    const b = t - data.serviceTime[loc] - dur[loc * n + at(i + 1)];
    t = latestStartIn(data, loc, i === 0 ? Math.min(b, vt.shiftEnd) : b);
  }
  return t;
}

/**
 * Time warp of the route with several windows per stop, for the penalised search: from the
 * earliest departure, each stop starts at the earliest window instant at or after arrival
 * (waiting through gaps); arriving after a stop's last close counts the lateness as time warp
 * and continues from that close. Zero exactly when a feasible schedule exists.
 */
export function forwardTimeWarp(data: ProblemData, type: number, visits: ArrayLike<number>, len: number): number {
  const vt = data.vehicleTypes[type];
  const dur = data.duration[vt.profile];
  const n = data.numLocations;
  const s = vt.startDepot;
  let t = earliestStartIn(data, s, vt.shiftStart);
  let tw = 0;
  if (!Number.isFinite(t)) {
    t = data.twClose[data.twStart[s + 1] - 1];
    tw += Math.max(0, vt.shiftStart - t);
  }
  let prev = s;
  for (let i = 0; i <= len; i++) {
    const c = i < len ? visits[i] : vt.endDepot;
    const arrival = t + data.serviceTime[prev] + dur[prev * n + c];
    t = earliestStartIn(data, c, arrival);
    if (!Number.isFinite(t)) {
      t = data.twClose[data.twStart[c + 1] - 1];
      tw += arrival - t;
    }
    prev = c;
  }
  if (t > vt.shiftEnd) tw += t - vt.shiftEnd;
  return tw;
}

export interface RouteEvaluation {
  readonly feasible: boolean;
  /** Why the route is infeasible (null when feasible). */
  readonly reason: string | null;
  readonly distance: number;
  readonly duration: number;
  readonly loadDistance: number;
  /** fixed + distance + duration + load-distance costs (NaN duration terms count 0). */
  readonly cost: number;
  readonly departure: number;
}

/**
 * Exact check and cost of the route of vehicle type `type` visiting `visits[0..len)`.
 * `checkAllowed` false skips compatibility (used to test a type's reach independently of it).
 */
export function evaluateRoute(
  data: ProblemData,
  type: number,
  visits: ArrayLike<number>,
  len: number = visits.length,
  checkAllowed = true,
): RouteEvaluation {
  const vt = data.vehicleTypes[type];
  if (len === 0)
    return { feasible: true, reason: null, distance: 0, duration: 0, loadDistance: 0, cost: 0, departure: 0 };
  const K = data.numVehicleTypes;
  const D = data.numDims;
  const n = data.numLocations;
  const dist = data.distance[vt.profile];
  let reason: string | null = null;
  if (len > vt.maxStops) reason = `${len} stops exceed the maximum of ${vt.maxStops}`;
  // Distance, load-distance (computed backwards: the load on an arc is what is still to deliver).
  let distance = 0;
  let loadDistance = 0;
  let remaining = 0;
  let next = vt.endDepot;
  for (let i = len - 1; i >= -1; i--) {
    const c = i >= 0 ? visits[i] : vt.startDepot;
    const arc = dist[c * n + next];
    if (arc >= FORBIDDEN && reason === null) reason = `arc ${c} -> ${next} is forbidden`;
    distance += arc;
    loadDistance += arc * remaining;
    if (i >= 0) {
      if (c < data.numDepots || c >= n) reason ??= `location ${c} is not a client`;
      else {
        remaining += data.demand[c * D + vt.loadDim] || 0;
        if (checkAllowed && data.allowed[c * K + type] !== 1) reason ??= `client ${c} is not allowed on type ${type}`;
      }
    }
    next = c;
  }
  for (let d = 0; d < D && reason === null; d++) {
    let load = 0;
    for (let i = 0; i < len; i++) load += data.demand[visits[i] * D + d];
    if (load > vt.capacity[d] + 1e-9) reason = `load ${load} exceeds capacity ${vt.capacity[d]} in ${data.dimNames[d]}`;
  }
  if (distance > vt.maxDistance + 1e-9) reason ??= `distance ${distance} exceeds ${vt.maxDistance}`;
  const times = reason === null ? routeTimes(data, type, visits, len) : { departure: Number.NaN, end: Number.NaN };
  if (reason === null && Number.isNaN(times.departure)) reason = 'no schedule meets the time windows and shift';
  const duration = times.end - times.departure;
  if (reason === null && duration > vt.maxDuration + 1e-9) reason = `duration ${duration} exceeds ${vt.maxDuration}`;
  const cost =
    vt.fixedCost +
    vt.unitDistanceCost * distance +
    (Number.isNaN(duration) ? 0 : vt.unitDurationCost * duration) +
    vt.unitLoadDistanceCost * loadDistance;
  return { feasible: reason === null, reason, distance, duration, loadDistance, cost, departure: times.departure };
}

/** Exact feasibility of a route (see evaluateRoute). */
export function routeIsFeasible(
  inst: { readonly data: ProblemData },
  type: number,
  visits: ArrayLike<number>,
  len: number,
): boolean {
  return evaluateRoute(inst.data, type, visits, len).feasible;
}

export interface StopTimes {
  readonly location: number;
  readonly arrival: number;
  readonly serviceStart: number;
  readonly departure: number;
  /** Load on board after the stop, per dimension. */
  readonly loadAfter: readonly number[];
}

export interface RouteSchedule {
  readonly feasible: boolean;
  readonly reason: string | null;
  readonly departure: number;
  readonly endArrival: number;
  readonly endServiceStart: number;
  readonly distance: number;
  readonly duration: number;
  readonly stops: readonly StopTimes[];
}

/**
 * Timed schedule of a route for plans and views: arrival, service start, departure and load
 * after each stop, with the latest-departure convention of this module.
 */
export function scheduleRoute(data: ProblemData, type: number, visits: ArrayLike<number>): RouteSchedule {
  const ev = evaluateRoute(data, type, visits);
  const vt = data.vehicleTypes[type];
  const dur = data.duration[vt.profile];
  const n = data.numLocations;
  const D = data.numDims;
  const load: number[] = [];
  for (let d = 0; d < D; d++) {
    let l = 0;
    for (let i = 0; i < visits.length; i++) l += data.demand[visits[i] * D + d];
    load.push(l);
  }
  const stops: StopTimes[] = [];
  let t = Number.isNaN(ev.departure) ? vt.shiftStart : ev.departure;
  const departure = t;
  let prev = vt.startDepot;
  let leave = t + data.serviceTime[prev];
  for (let i = 0; i < visits.length; i++) {
    const c = visits[i];
    const arrival = leave + dur[prev * n + c];
    const start = earliestStartIn(data, c, arrival);
    t = Number.isFinite(start) ? start : arrival;
    leave = t + data.serviceTime[c];
    for (let d = 0; d < D; d++) load[d] -= data.demand[c * D + d];
    stops.push({ location: c, arrival, serviceStart: t, departure: leave, loadAfter: load.slice() });
    prev = c;
  }
  const endArrival = leave + dur[prev * n + vt.endDepot];
  const endStart = earliestStartIn(data, vt.endDepot, endArrival);
  return {
    feasible: ev.feasible,
    reason: ev.reason,
    departure,
    endArrival,
    endServiceStart: Number.isFinite(endStart) ? endStart : endArrival,
    distance: ev.distance,
    duration: ev.duration,
    stops,
  };
}
