/**
 * The basic solver: cheapest feasible insertion, then best-improvement relocation, every move
 * checked exactly (exact.ts). Simple and slow (O(n^2 * route length) per pass) but obviously
 * correct; it is the reference the metaheuristic is tested against, and its construction
 * seeds nothing else.
 */
import type { SolveOptions, SolveOutcome } from './control.ts';
import { SearchControl } from './driver.ts';
import { evaluateRoute } from './exact.ts';
import type { ProblemData, Solution } from './problem.ts';
import { Rng } from './rng.ts';
import { makeSolution } from './solution.ts';

interface WorkRoute {
  type: number;
  visits: number[];
  cost: number;
}

interface Insertion {
  delta: number;
  route: number;
  /** Type for a new route (route === -1). */
  type: number;
  pos: number;
}

export function solveBasic(data: ProblemData, options: SolveOptions): SolveOutcome {
  const control = new SearchControl(options);
  const rng = new Rng(options.seed);
  const routes: WorkRoute[] = [];
  const used = new Int32Array(data.numVehicleTypes);
  const routeOf = new Int32Array(data.numLocations).fill(-1);
  let best: Solution = makeSolution(data, []);
  control.improved(best);

  const costWith = (type: number, visits: number[]): number => {
    const ev = evaluateRoute(data, type, visits);
    return ev.feasible ? ev.cost : Number.POSITIVE_INFINITY;
  };

  const bestInsertion = (c: number, skipRoute: number): Insertion => {
    const K = data.numVehicleTypes;
    const res: Insertion = { delta: Number.POSITIVE_INFINITY, route: -1, type: -1, pos: 0 };
    for (let r = 0; r < routes.length; r++) {
      const route = routes[r];
      if (r === skipRoute || data.allowed[c * K + route.type] !== 1) continue;
      for (let p = 0; p <= route.visits.length; p++) {
        route.visits.splice(p, 0, c);
        const delta = costWith(route.type, route.visits) - route.cost;
        route.visits.splice(p, 1);
        if (delta < res.delta) Object.assign(res, { delta, route: r, pos: p, type: route.type });
      }
    }
    for (let k = 0; k < K; k++) {
      if (used[k] >= data.vehicleTypes[k].count || data.allowed[c * K + k] !== 1) continue;
      const delta = costWith(k, [c]);
      if (delta < res.delta) Object.assign(res, { delta, route: -1, pos: 0, type: k });
    }
    return res;
  };

  const apply = (c: number, ins: Insertion): void => {
    let r = ins.route;
    if (r === -1) {
      routes.push({ type: ins.type, visits: [], cost: 0 });
      used[ins.type]++;
      r = routes.length - 1;
    }
    const route = routes[r];
    route.visits.splice(ins.pos, 0, c);
    route.cost = costWith(route.type, route.visits);
    routeOf[c] = r;
  };

  const snapshot = (): void => {
    const sol = makeSolution(
      data,
      routes.map((r) => ({ vehicleType: r.type, visits: r.visits })),
    );
    if (sol.feasible && sol.objective < best.objective - 1e-9) {
      best = sol;
      control.improved(best);
    }
  };

  // Construction: clients with the most to lose first (required, tight windows), ties random.
  const order: number[] = [];
  for (let c = data.numDepots; c < data.numLocations; c++) order.push(c);
  rng.shuffle(order);
  order.sort(
    (a, b) =>
      data.unservedPenalty[b] - data.unservedPenalty[a] ||
      data.twLate[a] - data.twEarly[a] - (data.twLate[b] - data.twEarly[b]),
  );
  for (const c of order) {
    if (control.shouldStop()) break;
    const ins = bestInsertion(c, -2);
    if (ins.delta < data.unservedPenalty[c]) apply(c, ins);
    control.iterations++;
  }
  snapshot();

  // Local search: move one client to its best place (or out, or in) while it pays.
  let improved = true;
  while (improved && !control.shouldStop()) {
    improved = false;
    for (const c of order) {
      if (control.shouldStop()) break;
      control.iterations++;
      const r = routeOf[c];
      if (r === -1) {
        const ins = bestInsertion(c, -2);
        if (ins.delta < data.unservedPenalty[c] - 1e-9) {
          apply(c, ins);
          improved = true;
        }
        continue;
      }
      const route = routes[r];
      const idx = route.visits.indexOf(c);
      route.visits.splice(idx, 1);
      const without = costWith(route.type, route.visits);
      const gain = route.cost - without;
      const withCost = route.cost;
      route.cost = without;
      const ins = bestInsertion(c, -2);
      route.cost = withCost;
      route.visits.splice(idx, 0, c);
      const moveDelta = ins.delta - gain;
      const dropDelta = data.unservedPenalty[c] - gain;
      if (moveDelta < -1e-9 && moveDelta <= dropDelta) {
        route.visits.splice(idx, 1);
        route.cost = without;
        routeOf[c] = -1;
        apply(c, ins);
        improved = true;
      } else if (dropDelta < -1e-9) {
        route.visits.splice(idx, 1);
        route.cost = without;
        routeOf[c] = -1;
        improved = true;
      }
    }
    compact();
    snapshot();
  }
  snapshot();

  function compact(): void {
    for (let r = routes.length - 1; r >= 0; r--) {
      if (routes[r].visits.length > 0) continue;
      used[routes[r].type]--;
      routes.splice(r, 1);
    }
    routeOf.fill(-1);
    routes.forEach((route, r) => {
      for (const c of route.visits) routeOf[c] = r;
    });
  }

  return {
    best,
    stoppedBy: control.stoppedBy ?? 'converged',
    iterations: control.iterations,
    elapsedMs: control.elapsed(),
    trace: control.trace,
  };
}
