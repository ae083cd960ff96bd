/**
 * Validated request + travel matrices → ProblemData (typed arrays) for the search.
 *
 * Orders that no vehicle could serve even alone (skills, access, capacity, windows out of reach)
 * are taken out here with their reason, so the search never spends time on them and the plan
 * can say why. The rest keep a stable mapping back to the request.
 */
import { FORBIDDEN, type ProblemData, type VehicleType } from '../../solvers/problem.ts';
import type { TravelMatrix } from '../distances/provider.ts';
import type { Objective, PlanRequest } from '../model/schema.ts';
import { HORIZON_SECONDS } from '../model/time.ts';
import type { UnassignedOrder } from '../plan/types.ts';
import { type Co2Coefficients, hasAnyCost, type RouteCostCoefficients, routeCostCoefficients } from './objective.ts';
import { type OrderAccess, orderAccess } from './reachability.ts';
import type { ArcRule, CompileRules, NodeRef } from './rules.ts';
import { FULL_DAY, normalizeWindows, type Span, toSpan } from './windows.ts';

export interface CompileInput {
  readonly request: PlanRequest;
  /** One matrix per profile key, over the points depots-then-orders (request order). */
  readonly matrices: ReadonlyMap<string, TravelMatrix>;
  /** Profile key of each request vehicle. */
  readonly vehicleProfileKeys: readonly string[];
  readonly rules?: CompileRules;
  readonly co2?: Co2Coefficients;
}

export interface CompiledProblem {
  readonly request: PlanRequest;
  readonly data: ProblemData;
  /** The objective actually optimised (a cost objective without any cost falls back to distance). */
  readonly objective: Objective;
  readonly dims: readonly string[];
  /** Location → request order index (-1 for depots). */
  readonly orderOfLocation: Int32Array;
  /** Request order index → location (-1 when excluded before the search). */
  readonly locationOfOrder: Int32Array;
  /** Location → request depot index (-1 for clients and for the virtual open-end depot). */
  readonly depotOfLocation: Int32Array;
  /** Vehicle type → request vehicle index (one type per request vehicle). */
  readonly vehicleOfType: Int32Array;
  /** Real travel per type, indexed by location (no feedback penalties): what plans report. */
  readonly roadDistance: readonly Float64Array[];
  readonly roadDuration: readonly Float64Array[];
  /** Coefficients used per type (cost objective uses them to price routes too). */
  readonly coefficients: readonly RouteCostCoefficients[];
  readonly excluded: readonly UnassignedOrder[];
  readonly notes: readonly string[];
}

export function compileProblem(input: CompileInput): CompiledProblem {
  const { request } = input;
  const notes: string[] = [];
  const objective = request.objective === 'cost' && !hasAnyCost(request.vehicles) ? 'distance' : request.objective;
  if (objective !== request.objective) notes.push('objective "cost" but no vehicle has costs: distance was minimised');

  const dims = [...new Set(request.vehicles.flatMap((v) => Object.keys(v.capacity)))].sort();
  const shifts = request.vehicles.map((v) => vehicleShift(request, v));
  const access = orderAccess(input, dims, shifts);
  const excluded = access.flatMap((a) => (a.unassigned ? [a.unassigned] : []));
  const kept = access.flatMap((a, i) => (a.unassigned ? [] : [i]));

  const layout = locationLayout(request, kept);
  const types = request.vehicles.map((v) =>
    routeCostCoefficients(v, objective, objective === 'co2' ? input.co2 : undefined),
  );
  const profiles = buildProfiles(input, layout);
  const data = buildProblemData(input, dims, kept, layout, shifts, types, access, profiles.planning);
  return {
    request,
    data,
    objective,
    dims,
    orderOfLocation: layout.orderOfLocation,
    locationOfOrder: layout.locationOfOrder,
    depotOfLocation: layout.depotOfLocation,
    vehicleOfType: Int32Array.from(request.vehicles.keys()),
    roadDistance: profiles.roadDistanceByType,
    roadDuration: profiles.roadDurationByType,
    coefficients: types,
    excluded,
    notes: [...notes, ...profiles.notes],
  };
}

/** When a vehicle may leave and must be back: its shift inside its depots' opening hours. */
export function vehicleShift(request: PlanRequest, v: PlanRequest['vehicles'][number]): Span | null {
  const depot = (id: string) => request.depots.find((d) => d.id === id);
  const start = toSpan(depot(v.startDepot)?.openingHours);
  const endId = v.endDepot === undefined ? v.startDepot : v.endDepot;
  const end = endId === null ? FULL_DAY : toSpan(depot(endId)?.openingHours);
  const shift = toSpan(v.shift);
  const open = Math.max(shift.open, start.open);
  const close = Math.min(shift.close, end.close);
  return open <= close ? { open, close } : null;
}

interface Layout {
  /** Depot locations: request depots, then one virtual depot if any vehicle has an open end. */
  readonly numDepots: number;
  readonly virtualDepot: number;
  /** For every location, the index of its point in the provider matrices (-1 = virtual). */
  readonly pointOfLocation: Int32Array;
  readonly orderOfLocation: Int32Array;
  readonly locationOfOrder: Int32Array;
  readonly depotOfLocation: Int32Array;
}

function locationLayout(request: PlanRequest, kept: readonly number[]): Layout {
  const openEnd = request.vehicles.some((v) => v.endDepot === null);
  const numDepots = request.depots.length + (openEnd ? 1 : 0);
  const n = numDepots + kept.length;
  const pointOfLocation = new Int32Array(n).fill(-1);
  const orderOfLocation = new Int32Array(n).fill(-1);
  const depotOfLocation = new Int32Array(n).fill(-1);
  const locationOfOrder = new Int32Array(request.orders.length).fill(-1);
  request.depots.forEach((_, d) => {
    pointOfLocation[d] = d;
    depotOfLocation[d] = d;
  });
  kept.forEach((orderIndex, k) => {
    const loc = numDepots + k;
    pointOfLocation[loc] = request.depots.length + orderIndex;
    orderOfLocation[loc] = orderIndex;
    locationOfOrder[orderIndex] = loc;
  });
  return {
    numDepots,
    virtualDepot: openEnd ? request.depots.length : -1,
    pointOfLocation,
    orderOfLocation,
    locationOfOrder,
    depotOfLocation,
  };
}

interface Profiles {
  /** Planning matrices per ProblemData profile (feedback penalties and forbidden arcs applied). */
  readonly planning: { distance: Float64Array[]; duration: Float64Array[]; profileOfType: Int32Array };
  readonly roadDistanceByType: Float64Array[];
  readonly roadDurationByType: Float64Array[];
  readonly notes: string[];
}

/**
 * One ProblemData profile per distinct (matrix, set of arc rules) among vehicles: vehicles that
 * share a road profile and the same learned rules share matrices.
 */
function buildProfiles(input: CompileInput, layout: Layout): Profiles {
  const { request } = input;
  const arcs = input.rules?.arcs ?? [];
  const keyOfType = request.vehicles.map((v, k) => {
    const ruleIds = arcs.flatMap((r, i) => (!r.vehicleIds || r.vehicleIds.includes(v.id) ? [i] : []));
    return `${input.vehicleProfileKeys[k]}|${ruleIds.join(',')}`;
  });
  const distinct = [...new Set(keyOfType)];
  const profileOfType = Int32Array.from(keyOfType, (key) => distinct.indexOf(key));
  const roadCache = new Map<string, { distance: Float64Array; duration: Float64Array }>();
  const road = (base: string) => {
    let m = roadCache.get(base);
    if (!m) {
      const matrix = input.matrices.get(base);
      if (!matrix) throw new Error(`no travel matrix for profile ${base}`);
      m = { distance: subMatrix(matrix.distance, layout), duration: subMatrix(matrix.duration, layout) };
      roadCache.set(base, m);
    }
    return m;
  };
  const distance: Float64Array[] = [];
  const duration: Float64Array[] = [];
  const notes: string[] = [];
  for (const key of distinct) {
    const [base, ruleList] = key.split('|');
    const m = road(base);
    const rules = ruleList ? ruleList.split(',').map((i) => arcs[Number(i)]) : [];
    distance.push(rules.length > 0 ? applyArcRules(m.distance, rules, request, layout, notes) : m.distance);
    duration.push(m.duration);
  }
  const baseOfType = input.vehicleProfileKeys.map((k) => road(k));
  return {
    planning: { distance, duration, profileOfType },
    roadDistanceByType: baseOfType.map((m) => m.distance),
    roadDurationByType: baseOfType.map((m) => m.duration),
    notes,
  };
}

/** Matrix over ProblemData locations, from the provider's matrix over request points. */
function subMatrix(full: Float64Array, layout: Layout): Float64Array {
  const points = Math.round(Math.sqrt(full.length));
  const n = layout.pointOfLocation.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const pi = layout.pointOfLocation[i];
    if (pi < 0) continue; // the virtual open-end depot: every arc to or from it is free
    for (let j = 0; j < n; j++) {
      const pj = layout.pointOfLocation[j];
      if (pj >= 0) out[i * n + j] = full[pi * points + pj];
    }
  }
  return out;
}

function applyArcRules(
  base: Float64Array,
  rules: readonly ArcRule[],
  request: PlanRequest,
  layout: Layout,
  notes: string[],
): Float64Array {
  const out = Float64Array.from(base);
  const n = layout.pointOfLocation.length;
  for (const rule of rules) {
    const from = locationsOf(rule.from, request, layout);
    const to = locationsOf(rule.to, request, layout);
    if (from.length === 0 || to.length === 0) continue; // customer not in today's plan
    for (const i of from) {
      for (const j of to) {
        if (i === j) continue;
        if (rule.kind === 'forbidden') out[i * n + j] = FORBIDDEN;
        else out[i * n + j] = Math.min(FORBIDDEN, out[i * n + j] + (rule.penaltyMetres ?? 0));
      }
    }
    notes.push(`rule ${rule.source} applied`);
  }
  return out;
}

function locationsOf(ref: NodeRef, request: PlanRequest, layout: Layout): number[] {
  if ('depotId' in ref) {
    const d = request.depots.findIndex((x) => x.id === ref.depotId);
    return d >= 0 ? [d] : [];
  }
  const out: number[] = [];
  request.orders.forEach((o, i) => {
    if (o.customerId === ref.customerId && layout.locationOfOrder[i] >= 0) out.push(layout.locationOfOrder[i]);
  });
  return out;
}

function buildProblemData(
  input: CompileInput,
  dims: readonly string[],
  kept: readonly number[],
  layout: Layout,
  shifts: readonly (Span | null)[],
  coefficients: readonly RouteCostCoefficients[],
  access: readonly OrderAccess[],
  planning: Profiles['planning'],
): ProblemData {
  const { request } = input;
  const numDims = dims.length;
  const n = layout.pointOfLocation.length;
  const numTypes = request.vehicles.length;
  const demand = new Float64Array(n * numDims);
  const serviceTime = new Float64Array(n);
  const required = new Uint8Array(n);
  const unservedPenalty = new Float64Array(n);
  const allowed = new Uint8Array(n * numTypes).fill(1);
  const windows: Span[][] = [];

  for (let d = 0; d < layout.numDepots; d++) {
    const depot = request.depots[d];
    windows.push([depot ? toSpan(depot.openingHours) : FULL_DAY]);
  }
  kept.forEach((orderIndex, k) => {
    const loc = layout.numDepots + k;
    const order = request.orders[orderIndex];
    dims.forEach((dim, d) => (demand[loc * numDims + d] = order.demand[dim] ?? 0));
    serviceTime[loc] = order.serviceMinutes * 60;
    windows.push(normalizeWindows((order.timeWindows ?? []).map((w) => toSpan(w))));
    if (windows[loc].length === 0) windows[loc] = [FULL_DAY];
    for (let t = 0; t < numTypes; t++) allowed[loc * numTypes + t] = access[orderIndex].allowed[t] ? 1 : 0;
    required[loc] = order.optional ? 0 : 1;
  });

  const types = request.vehicles.map((v, t): VehicleType => {
    const shift = shifts[t];
    const c = coefficients[t];
    const endId = v.endDepot === undefined ? v.startDepot : v.endDepot;
    return {
      count: shift ? 1 : 0,
      profile: planning.profileOfType[t],
      startDepot: request.depots.findIndex((d) => d.id === v.startDepot),
      endDepot: endId === null ? layout.virtualDepot : request.depots.findIndex((d) => d.id === endId),
      capacity: Float64Array.from(dims, (dim) => v.capacity[dim] ?? 0),
      shiftStart: shift?.open ?? 0,
      shiftEnd: shift?.close ?? 0,
      maxDuration: v.maxDurationMinutes !== undefined ? v.maxDurationMinutes * 60 : Number.POSITIVE_INFINITY,
      maxDistance: v.maxDistanceKm !== undefined ? v.maxDistanceKm * 1000 : Number.POSITIVE_INFINITY,
      maxStops: v.maxStops ?? Number.POSITIVE_INFINITY,
      fixedCost: c.fixed,
      unitDistanceCost: c.perMetre,
      unitDurationCost: c.perSecond,
      unitLoadDistanceCost: c.loadDim === null ? 0 : c.perMetreLoad,
      loadDim: c.loadDim === null ? 0 : Math.max(0, dims.indexOf(c.loadDim)),
      name: v.id,
    };
  });

  const tw = windowArrays(windows);
  const data: ProblemData = {
    numDepots: layout.numDepots,
    numClients: kept.length,
    numLocations: n,
    numDims,
    dimNames: dims,
    demand,
    serviceTime,
    ...tw,
    required,
    unservedPenalty,
    numProfiles: planning.distance.length,
    distance: planning.distance,
    duration: planning.duration,
    numVehicleTypes: numTypes,
    vehicleTypes: types,
    allowed,
  };
  fillUnservedPenalties(data, request, layout);
  return data;
}

function windowArrays(windows: readonly Span[][]) {
  const n = windows.length;
  const twStart = new Int32Array(n + 1);
  const all = windows.flat();
  const twOpen = Float64Array.from(all, (w) => w.open);
  const twClose = Float64Array.from(all, (w) => Math.min(w.close, HORIZON_SECONDS));
  const twEarly = new Float64Array(n);
  const twLate = new Float64Array(n);
  const multiWindow = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    twStart[i + 1] = twStart[i] + windows[i].length;
    twEarly[i] = windows[i][0].open;
    twLate[i] = windows[i][windows[i].length - 1].close;
    multiWindow[i] = windows[i].length > 1 ? 1 : 0;
  }
  return { twStart, twOpen, twClose, twEarly, twLate, multiWindow };
}

/**
 * Required orders carry a penalty far above what serving any one of them can cost, so the search
 * leaves one out only when no feasible plan serves it; higher priority orders are dropped last.
 * Optional orders carry the request's penalty.
 */
function fillUnservedPenalties(data: ProblemData, request: PlanRequest, layout: Layout): void {
  let worst = 1;
  for (let c = data.numDepots; c < data.numLocations; c++) {
    for (let t = 0; t < data.numVehicleTypes; t++) {
      if (!data.allowed[c * data.numVehicleTypes + t]) continue;
      worst = Math.max(worst, serveAloneBound(data, t, c));
    }
  }
  const big = 1000 * worst;
  for (let c = data.numDepots; c < data.numLocations; c++) {
    const order = request.orders[layout.orderOfLocation[c]];
    data.unservedPenalty[c] = order.optional ? (order.penalty ?? 0) : big * (1 + order.priority);
  }
}

/** Upper bound on the objective of a route serving client c alone with type t. */
function serveAloneBound(data: ProblemData, t: number, c: number): number {
  const v = data.vehicleTypes[t];
  const n = data.numLocations;
  const dist = data.distance[v.profile];
  const metres = dist[v.startDepot * n + c] + dist[c * n + v.endDepot];
  if (metres >= FORBIDDEN) return 0; // this type cannot use the round trip; other types bound it
  const load = v.unitLoadDistanceCost > 0 ? data.demand[c * data.numDims + v.loadDim] : 0;
  const seconds = Math.max(v.shiftEnd - v.shiftStart, 0);
  return (
    v.fixedCost + v.unitDistanceCost * metres + v.unitDurationCost * seconds + v.unitLoadDistanceCost * metres * load
  );
}
