/**
 * Why did the search leave an order out? Each such order could be served alone by some vehicle
 * (the compiler removed the others), so the answer is about the rest of the plan: the vehicles
 * that may serve it are all in use and none of their routes can take it in (full, or no room in
 * time), or — for an optional order — serving it costs more than its penalty.
 */
import { earliestStartIn } from '../../solvers/exact.ts';
import type { Solution } from '../../solvers/problem.ts';
import type { CompiledProblem } from '../compile/compile.ts';
import type { UnassignedCode, UnassignedOrder } from './types.ts';

export function explainUnserved(
  compiled: CompiledProblem,
  solution: Solution,
  locations: readonly number[],
): UnassignedOrder[] {
  const { data, request } = compiled;
  const used = new Map<number, Int32Array>();
  for (const r of solution.routes) if (r.visits.length > 0) used.set(r.vehicleType, r.visits);
  return locations.map((loc) => {
    const order = request.orders[compiled.orderOfLocation[loc]];
    const base = { orderId: order.id, customerId: order.customerId };
    if (!data.required[loc]) {
      return {
        ...base,
        code: 'not_worth_serving' as const,
        reason: `optional order: serving it would cost more than its penalty (${order.penalty})`,
      };
    }
    const blockers: string[] = [];
    let code: UnassignedCode = 'fleet_exhausted';
    for (let t = 0; t < data.numVehicleTypes; t++) {
      if (!data.allowed[loc * data.numVehicleTypes + t] || data.vehicleTypes[t].count === 0) continue;
      const visits = used.get(t);
      if (!visits) {
        blockers.push(`${data.vehicleTypes[t].name}: free but cannot take it with the rest of the plan`);
        continue;
      }
      const why = routeBlocker(compiled, t, visits, loc);
      if (why.code === 'capacity' && code === 'fleet_exhausted') code = 'capacity';
      blockers.push(`${data.vehicleTypes[t].name}: ${why.text}`);
    }
    return {
      ...base,
      code,
      reason: `no room left in the vehicles that may serve it — ${blockers.join('; ')}`,
    };
  });
}

/** The first constraint that stops `loc` from joining route `visits` of type t. */
function routeBlocker(compiled: CompiledProblem, t: number, visits: Int32Array, loc: number) {
  const { data } = compiled;
  const v = data.vehicleTypes[t];
  const D = data.numDims;
  for (let d = 0; d < D; d++) {
    let load = data.demand[loc * D + d];
    for (const x of visits) load += data.demand[x * D + d];
    if (load > v.capacity[d] + 1e-9) {
      return { code: 'capacity' as const, text: `full in ${data.dimNames[d]} (${v.capacity[d]})` };
    }
  }
  if (visits.length + 1 > v.maxStops) return { code: 'max_stops' as const, text: `at its max of ${v.maxStops} stops` };
  if (!fitsInTime(compiled, t, visits, loc)) {
    return { code: 'time_window' as const, text: 'no position fits its time window, the others and the shift' };
  }
  return { code: 'fleet_exhausted' as const, text: 'taking it would break the route distance or duration limits' };
}

/** Is there an insertion position that keeps every window and the shift (earliest departure)? */
function fitsInTime(compiled: CompiledProblem, t: number, visits: Int32Array, loc: number): boolean {
  const { data } = compiled;
  const v = data.vehicleTypes[t];
  const dur = compiled.roadDuration[t];
  const n = data.numLocations;
  const sequence = new Int32Array(visits.length + 1);
  for (let pos = 0; pos <= visits.length; pos++) {
    sequence.set(visits.subarray(0, pos), 0);
    sequence[pos] = loc;
    sequence.set(visits.subarray(pos), pos + 1);
    let time = v.shiftStart;
    let at = v.startDepot;
    let ok = true;
    for (const next of sequence) {
      time += dur[at * n + next];
      const start = earliestStartIn(data, next, time);
      if (!Number.isFinite(start)) {
        ok = false;
        break;
      }
      time = start + data.serviceTime[next];
      at = next;
    }
    if (ok && time + dur[at * n + v.endDepot] <= Math.min(v.shiftEnd, data.twLate[v.endDepot])) return true;
  }
  return false;
}
