/**
 * Where each final route drives: road geometry from OSRM's route service when the plan was
 * computed on OSRM, straight legs between the stops otherwise. Fetched once, after the search,
 * for the routes of the plan only. If OSRM fails here (after its retries), every route is drawn
 * with straight legs and the plan says why: a map is never half roads, half straight lines.
 */
import type { PlanRequest } from '../../model/schema.ts';
import type { PlannedRoute } from '../../plan/types.ts';
import type { MatrixProvider, Point } from '../provider.ts';
import type { RoadLine, RoadNetwork } from './provider.ts';

export interface PlanLines {
  /** One per plan route, same order. */
  readonly lines: readonly RoadLine[];
  readonly source: 'road' | 'straight';
  /** Why the lines are straight when road routing was expected. */
  readonly note?: string;
}

export interface PlanLinesOptions {
  readonly signal?: AbortSignal;
  /** Route requests in flight at once. */
  readonly concurrency?: number;
  /**
   * All lines must be fetched within this time (ms). It keeps a cancelled or capped solve from
   * waiting on a slow OSRM past its grace period: the plan then keeps straight legs.
   */
  readonly budgetMs?: number;
}

export const GEOMETRY_BUDGET_MS = 10_000;

export function isRoadNetwork(p: MatrixProvider): p is MatrixProvider & RoadNetwork {
  return typeof (p as Partial<RoadNetwork>).routeLine === 'function';
}

/** Start depot, the stops in order, and the end depot unless the route ends at its last stop. */
export function routeWaypoints(request: PlanRequest, route: PlannedRoute): Point[] {
  const depot = (id: string) => {
    const d = request.depots.find((x) => x.id === id);
    if (!d) throw new Error(`route of ${route.vehicleId} starts or ends at unknown depot ${id}`);
    return d.location;
  };
  const points: Point[] = [depot(route.startDepotId), ...route.stops.map((s) => s.location)];
  if (route.endDepotId !== null) points.push(depot(route.endDepotId));
  return points;
}

export function straightLine(points: readonly Point[]): RoadLine {
  const coordinates = points.map((p): [number, number] => [p.lon, p.lat]);
  if (coordinates.length === 1) coordinates.push(coordinates[0]);
  return { coordinates, waypointIndex: points.map((_, k) => k) };
}

export async function planLines(
  request: PlanRequest,
  routes: readonly PlannedRoute[],
  provider: MatrixProvider,
  options: PlanLinesOptions = {},
): Promise<PlanLines> {
  const waypoints = routes.map((r) => routeWaypoints(request, r));
  const straight = () => waypoints.map(straightLine);
  if (!isRoadNetwork(provider) || provider.name !== 'osrm') return { lines: straight(), source: 'straight' };
  const vehicles = new Map(request.vehicles.map((v) => [v.id, v]));
  const lines: RoadLine[] = new Array(routes.length);
  // The first failure stops the other requests: the lines will all be straight anyway.
  const stop = new AbortController();
  const budgetMs = options.budgetMs ?? GEOMETRY_BUDGET_MS;
  const budget = AbortSignal.timeout(budgetMs);
  const signal = AbortSignal.any([budget, stop.signal, ...(options.signal ? [options.signal] : [])]);
  let next = 0;
  let firstError: unknown = null;
  const worker = async () => {
    while (next < routes.length && !signal.aborted) {
      const k = next++;
      const vehicle = vehicles.get(routes[k].vehicleId);
      try {
        if (!vehicle) throw new Error(`route of unknown vehicle ${routes[k].vehicleId}`);
        lines[k] = await provider.routeLine(provider.profileKey(vehicle), waypoints[k], signal);
      } catch (e) {
        if (!stop.signal.aborted) {
          firstError = e;
          stop.abort();
        }
        throw e;
      }
    }
  };
  try {
    const n = Math.max(1, Math.min(options.concurrency ?? 4, routes.length));
    const results = await Promise.allSettled(Array.from({ length: n }, worker));
    if (firstError !== null) throw firstError;
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    if (signal.aborted) throw new Error('abandoned');
    return { lines, source: 'road' };
  } catch (e) {
    const reason = budget.aborted
      ? `not complete within ${budgetMs / 1000} s`
      : e instanceof Error
        ? e.message
        : String(e);
    return { lines: straight(), source: 'straight', note: `road geometry unavailable, straight legs drawn: ${reason}` };
  }
}
