/**
 * Exact timing of one route: when the vehicle leaves, arrives, starts serving and leaves each
 * stop. Service starts inside one of the stop's windows (the earliest that is still open);
 * the vehicle leaves the depot as late as it can without arriving back later, so drivers do not
 * wait at customers for nothing.
 */
import type { ProblemData } from '../../solvers/problem.ts';

export interface RouteTimeline {
  readonly departure: number;
  readonly arrival: Float64Array;
  readonly serviceStart: Float64Array;
  readonly leave: Float64Array;
  readonly windowIndex: Int32Array;
  /** Arrival at the end depot (or time of the last departure for an open end). */
  readonly end: number;
  /** Human-readable broken constraints; empty for a feasible route. */
  readonly violations: readonly string[];
}

export function scheduleRoute(
  data: ProblemData,
  type: number,
  visits: Int32Array,
  duration: Float64Array,
): RouteTimeline {
  const v = data.vehicleTypes[type];
  const first = forward(data, type, visits, duration, v.shiftStart);
  if (first.violations.length > 0 || visits.length === 0) return first;
  if (visits.some((loc) => data.multiWindow[loc] === 1))
    return shortestMultiWindow(data, type, visits, duration, first);
  const latest = latestStarts(data, type, visits, duration, first.end);
  const n = data.numLocations;
  const departure = Math.max(v.shiftStart, latest[0] - duration[v.startDepot * n + visits[0]]);
  const timed = forward(data, type, visits, duration, departure);
  // Leaving later never arrives later than `first.end` by construction; fall back if it would.
  return timed.violations.length === 0 && timed.end <= first.end + 1e-6 ? timed : first;
}

/**
 * With several windows per stop, leaving later can move a stop into a later window and shorten
 * the day, so the earliest end is not always the shortest route. The route's duration only
 * changes slope where a stop reached without waiting hits a window bound, so trying the
 * departures that put each stop exactly on each of its window bounds finds the shortest one.
 */
function shortestMultiWindow(
  data: ProblemData,
  type: number,
  visits: Int32Array,
  duration: Float64Array,
  first: RouteTimeline,
): RouteTimeline {
  const v = data.vehicleTypes[type];
  const n = data.numLocations;
  let best = first;
  let prefix = 0;
  let at = v.startDepot;
  for (const loc of visits) {
    prefix += duration[at * n + loc];
    for (let w = data.twStart[loc]; w < data.twStart[loc + 1]; w++) {
      for (const bound of [data.twOpen[w], data.twClose[w]]) {
        const departure = bound - prefix;
        if (departure < v.shiftStart) continue;
        const timed = forward(data, type, visits, duration, departure);
        if (timed.violations.length > 0) continue;
        const shorter = timed.end - timed.departure < best.end - best.departure - 1e-9;
        if (shorter) best = timed;
      }
    }
    prefix += data.serviceTime[loc];
    at = loc;
  }
  return best;
}

function forward(data: ProblemData, type: number, visits: Int32Array, duration: Float64Array, departure: number) {
  const v = data.vehicleTypes[type];
  const n = data.numLocations;
  const k = visits.length;
  const arrival = new Float64Array(k);
  const serviceStart = new Float64Array(k);
  const leave = new Float64Array(k);
  const windowIndex = new Int32Array(k);
  const violations: string[] = [];
  let at = v.startDepot;
  let t = departure;
  for (let i = 0; i < k; i++) {
    const loc = visits[i];
    arrival[i] = t + duration[at * n + loc];
    const w = firstOpenWindow(data, loc, arrival[i]);
    if (w < 0) {
      violations.push(`stop ${i + 1} reached after its last window closes`);
      windowIndex[i] = data.twStart[loc + 1] - data.twStart[loc] - 1;
      serviceStart[i] = arrival[i];
    } else {
      windowIndex[i] = w - data.twStart[loc];
      serviceStart[i] = Math.max(arrival[i], data.twOpen[w]);
    }
    leave[i] = serviceStart[i] + data.serviceTime[loc];
    t = leave[i];
    at = loc;
  }
  const end = t + duration[at * n + v.endDepot];
  if (end > v.shiftEnd + 1e-6) violations.push('back after the end of the shift');
  if (end > data.twLate[v.endDepot] + 1e-6) violations.push('back after the depot closes');
  return { departure, arrival, serviceStart, leave, windowIndex, end, violations };
}

/** Index (into twOpen/twClose) of the first window of loc still open at time t, or -1. */
export function firstOpenWindow(data: ProblemData, loc: number, t: number): number {
  for (let w = data.twStart[loc]; w < data.twStart[loc + 1]; w++) {
    if (data.twClose[w] >= t - 1e-9) return w;
  }
  return -1;
}

/** Latest service start at each stop that still reaches the end depot by `end`. */
function latestStarts(data: ProblemData, type: number, visits: Int32Array, duration: Float64Array, end: number) {
  const v = data.vehicleTypes[type];
  const n = data.numLocations;
  const k = visits.length;
  const latest = new Float64Array(k);
  let bound = end;
  let next = v.endDepot;
  for (let i = k - 1; i >= 0; i--) {
    const loc = visits[i];
    const limit = bound - duration[loc * n + next] - data.serviceTime[loc];
    latest[i] = lastWindowStartBefore(data, loc, limit);
    bound = latest[i];
    next = loc;
  }
  return latest;
}

function lastWindowStartBefore(data: ProblemData, loc: number, limit: number): number {
  for (let w = data.twStart[loc + 1] - 1; w >= data.twStart[loc]; w--) {
    if (data.twOpen[w] <= limit + 1e-9) return Math.min(limit, data.twClose[w]);
  }
  return limit;
}
