/**
 * Instance: ProblemData preprocessed once for the search. Per-vehicle-type fields are flattened
 * into typed arrays (the search reads them in hot loops), depot time bounds already include the
 * shift, and `canServe` says which type can serve which client at all (allowed, and a route
 * with that client alone is exactly feasible), so the search never tries hopeless placements.
 */
import { evaluateRoute } from './exact.ts';
import type { ProblemData } from './problem.ts';

export interface Instance {
  readonly data: ProblemData;
  readonly numLocations: number;
  readonly numDepots: number;
  readonly numClients: number;
  readonly numDims: number;
  readonly numTypes: number;

  readonly demand: Float64Array;
  readonly serviceTime: Float64Array;
  readonly twEarly: Float64Array;
  readonly twLate: Float64Array;
  readonly multiWindow: Uint8Array;
  readonly penalty: Float64Array;
  readonly required: Uint8Array;

  /** Distance and duration matrices of each vehicle type (its profile's matrices). */
  readonly dist: readonly Float64Array[];
  readonly dur: readonly Float64Array[];
  readonly profile: Int32Array;
  readonly startDepot: Int32Array;
  readonly endDepot: Int32Array;
  /** Service start at the start depot: [startEarly, startLate] (depot hull intersected with shift). */
  readonly startEarly: Float64Array;
  readonly startLate: Float64Array;
  /** Service start at the end depot: [endEarly, endLate] (depot hull, closing at shift end). */
  readonly endEarly: Float64Array;
  readonly endLate: Float64Array;
  /** capacity[type * numDims + d]. */
  readonly capacity: Float64Array;
  readonly maxDuration: Float64Array;
  readonly maxDistance: Float64Array;
  readonly maxStops: Float64Array;
  readonly fixedCost: Float64Array;
  readonly unitDistanceCost: Float64Array;
  readonly unitDurationCost: Float64Array;
  readonly unitLoadDistanceCost: Float64Array;
  readonly loadDim: Int32Array;
  /** Vehicles of each type usable by the search (count, capped at the number of clients). */
  readonly count: Int32Array;
  /** canServe[loc * numTypes + type]: allowed, and the one-client route is exactly feasible. */
  readonly canServe: Uint8Array;
  /** 1 when at least one type can serve the client. */
  readonly servable: Uint8Array;
  /** True when every servable client can be served by every type (skips compatibility loops). */
  fullCompat: boolean;
  /** True when no time quantity can ever bind or cost (pure CVRP): the search skips time segments. */
  readonly timeFree: boolean;
  /** True when some route contains a multi-window location, so exact checks are needed. */
  readonly anyMultiWindow: boolean;
  /** Largest finite arc distance (used to scale penalties). */
  readonly maxArc: number;
}

export function buildInstance(data: ProblemData): Instance {
  const K = data.numVehicleTypes;
  const D = data.numDims;
  const types = data.vehicleTypes;
  const profile = new Int32Array(K);
  const startDepot = new Int32Array(K);
  const endDepot = new Int32Array(K);
  const startEarly = new Float64Array(K);
  const startLate = new Float64Array(K);
  const endEarly = new Float64Array(K);
  const endLate = new Float64Array(K);
  const capacity = new Float64Array(K * D);
  const maxDuration = new Float64Array(K);
  const maxDistance = new Float64Array(K);
  const maxStops = new Float64Array(K);
  const fixedCost = new Float64Array(K);
  const unitDistanceCost = new Float64Array(K);
  const unitDurationCost = new Float64Array(K);
  const unitLoadDistanceCost = new Float64Array(K);
  const loadDim = new Int32Array(K);
  const count = new Int32Array(K);
  const dist: Float64Array[] = [];
  const dur: Float64Array[] = [];
  for (let k = 0; k < K; k++) {
    const t = types[k];
    profile[k] = t.profile;
    startDepot[k] = t.startDepot;
    endDepot[k] = t.endDepot;
    startEarly[k] = Math.max(data.twEarly[t.startDepot], t.shiftStart);
    startLate[k] = Math.min(data.twLate[t.startDepot], t.shiftEnd);
    endEarly[k] = data.twEarly[t.endDepot];
    endLate[k] = Math.min(data.twLate[t.endDepot], t.shiftEnd);
    for (let d = 0; d < D; d++) capacity[k * D + d] = t.capacity[d];
    maxDuration[k] = t.maxDuration;
    maxDistance[k] = t.maxDistance;
    maxStops[k] = t.maxStops;
    fixedCost[k] = t.fixedCost;
    unitDistanceCost[k] = t.unitDistanceCost;
    unitDurationCost[k] = t.unitDurationCost;
    unitLoadDistanceCost[k] = t.unitLoadDistanceCost;
    loadDim[k] = t.loadDim;
    count[k] = Math.max(0, Math.min(t.count, data.numClients));
    dist.push(data.distance[t.profile]);
    dur.push(data.duration[t.profile]);
  }

  let maxArc = 0;
  for (const m of data.distance) {
    for (let i = 0; i < m.length; i++) if (m[i] < 1e12 && m[i] > maxArc) maxArc = m[i];
  }

  const timeFree = isTimeFree(data, startEarly);
  let anyMultiWindow = false;
  for (let i = 0; i < data.numLocations; i++) if (data.multiWindow[i]) anyMultiWindow = true;

  const inst: Instance = {
    data,
    numLocations: data.numLocations,
    numDepots: data.numDepots,
    numClients: data.numClients,
    numDims: D,
    numTypes: K,
    demand: data.demand,
    serviceTime: data.serviceTime,
    twEarly: data.twEarly,
    twLate: data.twLate,
    multiWindow: data.multiWindow,
    penalty: data.unservedPenalty,
    required: data.required,
    dist,
    dur,
    profile,
    startDepot,
    endDepot,
    startEarly,
    startLate,
    endEarly,
    endLate,
    capacity,
    maxDuration,
    maxDistance,
    maxStops,
    fixedCost,
    unitDistanceCost,
    unitDurationCost,
    unitLoadDistanceCost,
    loadDim,
    count,
    canServe: new Uint8Array(data.numLocations * K),
    servable: new Uint8Array(data.numLocations),
    timeFree,
    anyMultiWindow,
    maxArc,
    fullCompat: true,
  };
  // Types that differ only in costs or compatibility serve the same clients alone: check each
  // client once per distinct signature (an API fleet may have hundreds of identical vans).
  const signature = new Int32Array(K);
  const signatures = new Map<string, number>();
  const representative: number[] = [];
  for (let k = 0; k < K; k++) {
    const t = types[k];
    const key = [
      t.profile,
      t.startDepot,
      t.endDepot,
      ...t.capacity,
      t.shiftStart,
      t.shiftEnd,
      t.maxDuration,
      t.maxDistance,
      t.maxStops,
    ].join('|');
    let id = signatures.get(key);
    if (id === undefined) {
      id = representative.length;
      signatures.set(key, id);
      representative.push(k);
    }
    signature[k] = id;
  }
  const single = new Int32Array(1);
  const alone = new Int8Array(representative.length);
  for (let c = data.numDepots; c < data.numLocations; c++) {
    single[0] = c;
    alone.fill(-1);
    for (let k = 0; k < K; k++) {
      if (count[k] === 0 || data.allowed[c * K + k] !== 1) continue;
      const sig = signature[k];
      if (alone[sig] === -1) {
        // Feasibility alone does not depend on compatibility: check it as the representative.
        alone[sig] = routeIsFeasibleIgnoringCompatibility(inst, representative[sig], c) ? 1 : 0;
      }
      if (alone[sig] === 1) {
        inst.canServe[c * K + k] = 1;
        inst.servable[c] = 1;
      }
    }
  }
  for (let c = data.numDepots; c < data.numLocations; c++) {
    if (!inst.servable[c]) continue;
    for (let k = 0; k < K; k++) if (!inst.canServe[c * K + k]) inst.fullCompat = false;
  }
  return inst;
}

function routeIsFeasibleIgnoringCompatibility(inst: Instance, k: number, c: number): boolean {
  return evaluateRoute(inst.data, k, [c], 1, false).feasible;
}

/**
 * Time is free when every window starts no later than any vehicle can leave, nothing closes,
 * no route has a duration limit and no type pays for duration: then no time quantity can
 * bind, whatever the order of visits.
 */
function isTimeFree(data: ProblemData, startEarly: Float64Array): boolean {
  let minStart = Number.POSITIVE_INFINITY;
  for (let k = 0; k < data.numVehicleTypes; k++) {
    const t = data.vehicleTypes[k];
    if (t.unitDurationCost !== 0 || Number.isFinite(t.maxDuration) || Number.isFinite(t.shiftEnd)) return false;
    minStart = Math.min(minStart, startEarly[k]);
  }
  for (let i = 0; i < data.numLocations; i++) {
    if (data.multiWindow[i] || Number.isFinite(data.twLate[i])) return false;
    if (data.twEarly[i] > minStart && i >= data.numDepots) return false;
  }
  return true;
}
