/**
 * Shared construction of ProblemData from point-based instance files (Solomon, VRPLIB).
 * Readers parse text; this module turns nodes into the same compiled problem the API uses.
 */
import type { ProblemData } from '../../solvers/problem.ts';

export class FormatError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    message: string,
  ) {
    super(`${file}${line !== null ? `:${line}` : ''}: ${message}`);
    this.name = 'FormatError';
  }
}

/** What a reader hands back: the problem plus the way back to the file's own ids. */
export interface ParsedInstance {
  readonly name: string;
  readonly format: 'solomon' | 'vrplib';
  readonly problem: ProblemData;
  /** locationIds[loc]: the id of location `loc` exactly as written in the file. */
  readonly locationIds: readonly string[];
}

export interface PointNode {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  readonly demand: number;
  readonly ready: number;
  readonly due: number;
  readonly service: number;
}

export interface PointProblemSpec {
  /** Depots first, then clients. */
  readonly nodes: readonly PointNode[];
  readonly numDepots: number;
  /** Explicit matrix (row-major over `nodes`), else Euclidean from coordinates. */
  readonly matrix?: Float64Array;
  readonly round: (euclid: number) => number;
  readonly capacity: number;
  readonly vehicles: number;
  readonly maxDistance?: number;
  /** Shift of the vehicles; defaults to the depot's window. */
  readonly shiftStart: number;
  readonly shiftEnd: number;
}

/**
 * One vehicle type, one capacity dimension, one profile whose duration equals its distance,
 * all clients required, objective = total distance.
 */
export function buildPointProblem(spec: PointProblemSpec): ProblemData {
  const nodes = spec.nodes;
  const n = nodes.length;
  const dist = spec.matrix ?? new Float64Array(n * n);
  if (!spec.matrix) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        dist[i * n + j] = i === j ? 0 : spec.round(Math.hypot(nodes[i].x - nodes[j].x, nodes[i].y - nodes[j].y));
      }
    }
  }
  let maxArc = 0;
  for (let i = 0; i < dist.length; i++) maxArc = Math.max(maxArc, dist[i]);
  // Leaving a client out must cost more than any plan could save: an upper bound on any
  // plan's total distance (every arc at most maxArc, at most 2 arcs per client).
  const requiredPenalty = 2 * (n + 1) * Math.max(1, maxArc) + 1;
  const demand = new Float64Array(n);
  const serviceTime = new Float64Array(n);
  const twStart = new Int32Array(n + 1);
  const twOpen = new Float64Array(n);
  const twClose = new Float64Array(n);
  const required = new Uint8Array(n);
  const unservedPenalty = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    demand[i] = i < spec.numDepots ? 0 : nodes[i].demand;
    serviceTime[i] = nodes[i].service;
    twStart[i] = i;
    twOpen[i] = nodes[i].ready;
    twClose[i] = nodes[i].due;
    if (i >= spec.numDepots) {
      required[i] = 1;
      unservedPenalty[i] = requiredPenalty;
    }
  }
  twStart[n] = n;
  const capacity = Float64Array.of(spec.capacity);
  return {
    numDepots: spec.numDepots,
    numClients: n - spec.numDepots,
    numLocations: n,
    numDims: 1,
    dimNames: ['demand'],
    demand,
    serviceTime,
    twStart,
    twOpen,
    twClose,
    twEarly: twOpen.slice(),
    twLate: twClose.slice(),
    multiWindow: new Uint8Array(n),
    required,
    unservedPenalty,
    numProfiles: 1,
    distance: [dist],
    duration: [dist],
    numVehicleTypes: spec.numDepots,
    vehicleTypes: Array.from({ length: spec.numDepots }, (_, depot) => ({
      count: spec.vehicles,
      profile: 0,
      startDepot: depot,
      endDepot: depot,
      capacity,
      shiftStart: spec.shiftStart,
      shiftEnd: spec.shiftEnd,
      maxDuration: Number.POSITIVE_INFINITY,
      maxDistance: spec.maxDistance ?? Number.POSITIVE_INFINITY,
      maxStops: Number.POSITIVE_INFINITY,
      fixedCost: 0,
      unitDistanceCost: 1,
      unitDurationCost: 0,
      unitLoadDistanceCost: 0,
      loadDim: 0,
      name: spec.numDepots === 1 ? 'vehicle' : `vehicle@${nodes[depot].id}`,
    })),
    allowed: new Uint8Array(n * spec.numDepots).fill(1),
  };
}
