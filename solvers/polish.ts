/**
 * Final exact polish of a returned solution: every unserved client that some exactly feasible
 * insertion (into a route, or alone on an unused vehicle) would serve for less than its
 * penalty is inserted, greedily, until none is left. The search normally leaves nothing to do
 * here; it matters when a search was stopped early or the hull windows hid a feasible place.
 * Bounded by a work budget (stops visited) so results stay deterministic, and by a wall-clock
 * allowance so a huge plan with many unserved orders cannot overrun the solve's time limit.
 */
import { evaluateRoute } from './exact.ts';
import type { ProblemData, Solution } from './problem.ts';
import { makeSolution } from './solution.ts';

export function insertUnservedExact(
  data: ProblemData,
  solution: Solution,
  workBudget = 5e7,
  wallBudgetMs = Number.POSITIVE_INFINITY,
): Solution {
  const deadline = performance.now() + wallBudgetMs;
  const K = data.numVehicleTypes;
  const routes = solution.routes.map((r) => ({ type: r.vehicleType, visits: Array.from(r.visits) }));
  const cost = routes.map((r) => evaluateRoute(data, r.type, r.visits).cost);
  const served = new Uint8Array(data.numLocations);
  const used = new Int32Array(K);
  for (const r of routes) {
    used[r.type]++;
    for (const c of r.visits) served[c] = 1;
  }
  const clients: number[] = [];
  for (let c = data.numDepots; c < data.numLocations; c++) if (!served[c]) clients.push(c);
  clients.sort((a, b) => data.unservedPenalty[b] - data.unservedPenalty[a] || a - b);
  let work = 0;
  let changed = clients.length > 0;
  while (changed && work < workBudget) {
    changed = false;
    for (const c of clients) {
      if (served[c] || work >= workBudget) continue;
      // Small plans always finish (deterministic); the clock only cuts huge ones short.
      if (work > 1e6 && performance.now() > deadline) {
        work = workBudget;
        continue;
      }
      let best = data.unservedPenalty[c];
      let bestRoute = -2;
      let bestPos = 0;
      let bestType = -1;
      for (let r = 0; r < routes.length; r++) {
        const route = routes[r];
        if (data.allowed[c * K + route.type] !== 1) continue;
        for (let p = 0; p <= route.visits.length; p++) {
          route.visits.splice(p, 0, c);
          const ev = evaluateRoute(data, route.type, route.visits);
          route.visits.splice(p, 1);
          work += route.visits.length + 1;
          if (ev.feasible && ev.cost - cost[r] < best) {
            best = ev.cost - cost[r];
            bestRoute = r;
            bestPos = p;
          }
        }
      }
      for (let k = 0; k < K; k++) {
        if (used[k] >= data.vehicleTypes[k].count || data.allowed[c * K + k] !== 1) continue;
        const ev = evaluateRoute(data, k, [c]);
        if (ev.feasible && ev.cost < best) {
          best = ev.cost;
          bestRoute = -1;
          bestType = k;
        }
      }
      if (bestRoute === -2) continue;
      if (bestRoute === -1) {
        routes.push({ type: bestType, visits: [c] });
        cost.push(best);
        used[bestType]++;
      } else {
        routes[bestRoute].visits.splice(bestPos, 0, c);
        cost[bestRoute] += best;
      }
      served[c] = 1;
      changed = true;
    }
  }
  if (!clients.some((c) => served[c])) return solution;
  const out = makeSolution(
    data,
    routes.map((r) => ({ vehicleType: r.type, visits: r.visits })),
  );
  return out.feasible && out.objective <= solution.objective ? out : solution;
}
