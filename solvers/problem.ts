/**
 * ProblemData: the compiled problem every solver works on.
 *
 * This is the one contract between the outside world (API requests, Solomon and VRPLIB files) and
 * the search. Everything is flat typed arrays indexed by location, so hot loops never allocate
 * and never look at strings. Units are whatever the producer chose, as long as they are
 * consistent: the API compiles metres and seconds; Solomon uses its own distance unit for both
 * distance and time.
 *
 * Locations: indices 0 .. numDepots-1 are depots, numDepots .. numLocations-1 are clients.
 * A vehicle that may end anywhere ("open end") is given a virtual end depot whose arcs cost
 * nothing: the compiler adds it, the solver needs no special case.
 */
export interface ProblemData {
  readonly numDepots: number;
  readonly numClients: number;
  /** numDepots + numClients. */
  readonly numLocations: number;
  /** Number of capacity dimensions (kg, m3, pallets, ...). */
  readonly numDims: number;
  /** Names of the capacity dimensions, for messages only. */
  readonly dimNames: readonly string[];

  // ---- per location (depots carry zeros / their opening hours) ----
  /** demand[loc * numDims + d]: quantity delivered at loc in dimension d. */
  readonly demand: Float64Array;
  /** Service duration at the location. */
  readonly serviceTime: Float64Array;
  /**
   * Time windows in CSR form: the windows of loc are twOpen/twClose[twStart[loc] .. twStart[loc+1]).
   * Sorted, disjoint, each open <= close. Every location has at least one window (depots: opening
   * hours, or [0, horizon]). Service must START inside a window; waiting is allowed.
   */
  readonly twStart: Int32Array;
  readonly twOpen: Float64Array;
  readonly twClose: Float64Array;
  /** Hull of the windows of loc: [first open, last close]. Equal to the window when there is one. */
  readonly twEarly: Float64Array;
  readonly twLate: Float64Array;
  /** 1 when loc has more than one window (the search must check those routes exactly). */
  readonly multiWindow: Uint8Array;
  /** 1 if the client must be served when at all possible; 0 if it may be left out for its prize. */
  readonly required: Uint8Array;
  /**
   * Cost of leaving the client unserved, in objective units. For optional clients it is the
   * request's penalty; for required clients it is a large value so the search only drops a
   * client when no feasible plan serves it (fleet too small, windows too tight).
   */
  readonly unservedPenalty: Float64Array;

  // ---- travel: one distance and one duration matrix per routing profile ----
  readonly numProfiles: number;
  /** distance[profile][from * numLocations + to]; arcs forbidden by feedback are >= FORBIDDEN. */
  readonly distance: readonly Float64Array[];
  /** duration[profile][from * numLocations + to]: driving time only (service is separate). */
  readonly duration: readonly Float64Array[];

  // ---- vehicle types: a type is `count` identical vehicles ----
  readonly numVehicleTypes: number;
  readonly vehicleTypes: readonly VehicleType[];
  /**
   * allowed[client * numVehicleTypes + type] === 1 when that type may serve the client (skills,
   * access restrictions, low-emission zones). Depot rows are all 1.
   */
  readonly allowed: Uint8Array;
}

export interface VehicleType {
  /** How many vehicles of this type are available. */
  readonly count: number;
  readonly profile: number;
  readonly startDepot: number;
  /** Always a depot index; an open end is a virtual depot with zero-cost arcs. */
  readonly endDepot: number;
  /** capacity[d] per dimension; Infinity when the dimension does not limit this type. */
  readonly capacity: Float64Array;
  /** Shift: leave the start depot no earlier than shiftStart, reach the end depot by shiftEnd. */
  readonly shiftStart: number;
  readonly shiftEnd: number;
  /** Route limits; Infinity when absent. maxDuration counts from departure to arrival at end. */
  readonly maxDuration: number;
  readonly maxDistance: number;
  readonly maxStops: number;

  // ---- objective: route cost = fixedCost + unitDistanceCost * distance
  //      + unitDurationCost * duration + unitLoadDistanceCost * sum over arcs(distance * load[loadDim]) ----
  readonly fixedCost: number;
  readonly unitDistanceCost: number;
  readonly unitDurationCost: number;
  /**
   * Load-dependent term (fuel/CO2 objective, Xiao et al. 2012): cost per (distance unit x load
   * unit) of dimension loadDim carried on an arc. 0 for pure distance objectives.
   */
  readonly unitLoadDistanceCost: number;
  readonly loadDim: number;
  /** Label for messages and plans (vehicle id or type name). */
  readonly name: string;
}

/** Distances at or above this mark an arc the plan must never use. */
export const FORBIDDEN = 1e12;

/** A route of the solution: the vehicle type it uses and the client locations in visiting order. */
export interface SolutionRoute {
  readonly vehicleType: number;
  readonly visits: Int32Array;
}

export interface Solution {
  readonly routes: readonly SolutionRoute[];
  /** Objective value under the problem's cost (unserved penalties included). */
  readonly objective: number;
  /** True when every hard constraint holds (the search's own check). */
  readonly feasible: boolean;
}
