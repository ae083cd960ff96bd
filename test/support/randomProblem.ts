/**
 * Random small ProblemData for property tests: several depots, an open end (a virtual depot
 * whose arcs cost nothing), several capacity dimensions, several windows per client, optional
 * clients, compatibility, two routing profiles, forbidden arcs, tight fleets and route limits.
 */
import type { ProblemData, VehicleType } from '../../solvers/problem.ts';

export interface RandomProblemOptions {
  seed: number;
  clients: number;
  depots: number;
  dims: number;
  types: number;
  /** Extra toggles; each is drawn from the seed when left undefined. */
  multiWindow?: boolean;
  openEnd?: boolean;
  optional?: boolean;
  forbidden?: boolean;
  limits?: boolean;
  loadCost?: boolean;
  timeWindows?: boolean;
}

function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomProblem(o: RandomProblemOptions): ProblemData {
  const rnd = mulberry(o.seed * 7919 + 17);
  const pick = (p: number): boolean => rnd() < p;
  const multiWindow = o.multiWindow ?? pick(0.5);
  const openEnd = o.openEnd ?? pick(0.3);
  const optional = o.optional ?? pick(0.5);
  const forbidden = o.forbidden ?? pick(0.3);
  const limits = o.limits ?? pick(0.5);
  const loadCost = o.loadCost ?? pick(0.3);
  const timeWindows = o.timeWindows ?? pick(0.8);
  const horizon = 1000;

  const realDepots = o.depots;
  const numDepots = realDepots + (openEnd ? 1 : 0);
  const virtualDepot = openEnd ? realDepots : -1;
  const numClients = o.clients;
  const n = numDepots + numClients;
  const D = o.dims;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    xs.push(Math.round(rnd() * 100));
    ys.push(Math.round(rnd() * 100));
  }
  const numProfiles = 2;
  const distance: Float64Array[] = [];
  const duration: Float64Array[] = [];
  for (let p = 0; p < numProfiles; p++) {
    const dist = new Float64Array(n * n);
    const dur = new Float64Array(n * n);
    const factor = p === 0 ? 1 : 1.3;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === virtualDepot || j === virtualDepot) continue;
        const e = Math.hypot(xs[i] - xs[j], ys[i] - ys[j]) * factor;
        dist[i * n + j] = e;
        dur[i * n + j] = e / (p === 0 ? 1 : 0.8);
      }
    }
    if (forbidden) {
      for (let t = 0; t < n; t++) {
        const i = numDepots + Math.floor(rnd() * numClients);
        const j = Math.floor(rnd() * n);
        if (i !== j && j !== virtualDepot) dist[i * n + j] = 1e12;
      }
    }
    distance.push(dist);
    duration.push(dur);
  }

  const demand = new Float64Array(n * D);
  const serviceTime = new Float64Array(n);
  const twStart = new Int32Array(n + 1);
  const open: number[] = [];
  const close: number[] = [];
  const twEarly = new Float64Array(n);
  const twLate = new Float64Array(n);
  const multi = new Uint8Array(n);
  const required = new Uint8Array(n);
  const unservedPenalty = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    twStart[i] = open.length;
    if (i < numDepots) {
      open.push(0);
      close.push(i === virtualDepot || !timeWindows ? Number.POSITIVE_INFINITY : horizon);
    } else {
      for (let d = 0; d < D; d++) demand[i * D + d] = Math.floor(rnd() * 10);
      serviceTime[i] = Math.floor(rnd() * 20);
      const count = !timeWindows ? 0 : multiWindow ? 1 + Math.floor(rnd() * 3) : 1;
      if (count === 0) {
        open.push(0);
        close.push(Number.POSITIVE_INFINITY);
      }
      let t = Math.floor(rnd() * 300);
      for (let w = 0; w < count; w++) {
        const len = 30 + Math.floor(rnd() * 250);
        open.push(t);
        close.push(Math.min(horizon, t + len));
        t = Math.min(horizon, t + len) + 20 + Math.floor(rnd() * 200);
        if (t >= horizon) break;
      }
      required[i] = !optional || pick(0.6) ? 1 : 0;
      unservedPenalty[i] = required[i] ? 1e6 : 20 + Math.floor(rnd() * 200);
    }
    twEarly[i] = open[twStart[i]];
    twLate[i] = close[open.length - 1];
    multi[i] = open.length - twStart[i] > 1 ? 1 : 0;
  }
  twStart[n] = open.length;

  const K = o.types;
  const vehicleTypes: VehicleType[] = [];
  for (let k = 0; k < K; k++) {
    const capacity = new Float64Array(D);
    for (let d = 0; d < D; d++) capacity[d] = pick(0.15) ? Number.POSITIVE_INFINITY : 10 + Math.floor(rnd() * 40);
    const startDepot = Math.floor(rnd() * realDepots);
    const endDepot = openEnd && pick(0.6) ? virtualDepot : Math.floor(rnd() * realDepots);
    const shiftStart = timeWindows ? Math.floor(rnd() * 100) : 0;
    vehicleTypes.push({
      count: 1 + Math.floor(rnd() * 3),
      profile: Math.floor(rnd() * numProfiles),
      startDepot,
      endDepot,
      capacity,
      shiftStart,
      shiftEnd: timeWindows ? shiftStart + 400 + Math.floor(rnd() * 700) : Number.POSITIVE_INFINITY,
      maxDuration: limits && timeWindows && pick(0.5) ? 200 + Math.floor(rnd() * 400) : Number.POSITIVE_INFINITY,
      maxDistance: limits && pick(0.5) ? 150 + Math.floor(rnd() * 300) : Number.POSITIVE_INFINITY,
      maxStops: limits && pick(0.5) ? 2 + Math.floor(rnd() * 6) : Number.POSITIVE_INFINITY,
      fixedCost: Math.floor(rnd() * 50),
      unitDistanceCost: 1 + Math.floor(rnd() * 3),
      unitDurationCost: timeWindows && pick(0.3) ? rnd() : 0,
      unitLoadDistanceCost: loadCost ? rnd() * 0.05 : 0,
      loadDim: Math.floor(rnd() * D),
      name: `type${k}`,
    });
  }
  const allowed = new Uint8Array(n * K).fill(1);
  for (let c = numDepots; c < n; c++) for (let k = 0; k < K; k++) if (pick(0.15)) allowed[c * K + k] = 0;

  return {
    numDepots,
    numClients,
    numLocations: n,
    numDims: D,
    dimNames: Array.from({ length: D }, (_, d) => `dim${d}`),
    demand,
    serviceTime,
    twStart,
    twOpen: Float64Array.from(open),
    twClose: Float64Array.from(close),
    twEarly,
    twLate,
    multiWindow: multi,
    required,
    unservedPenalty,
    numProfiles,
    distance,
    duration,
    numVehicleTypes: K,
    vehicleTypes,
    allowed,
  };
}
