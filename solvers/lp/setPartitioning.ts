/**
 * Set-partitioning model over the route pool (the "SP" of ILS-SP / HGS+SP hybrids):
 *
 *   min  sum_r cost_r x_r + sum_c penalty_c y_c
 *   s.t. sum_{r covers c} x_r + y_c = 1        for every client c
 *        sum_{r of type k} x_r      <= count_k  for every vehicle type k
 *        x_r binary, y_c in [0, 1]
 *
 * y_c (leaving c unserved) exists only where the incumbent leaves c out or c is optional, so
 * the incumbent is always a feasible start. The model is solver-neutral (CSC arrays);
 * backends (HiGHS, GLPK, javascript-lp-solver) live in mipBackend.ts and src/bench.
 *
 * With a `region` (a set of clients), the model only re-plans the incumbent's routes that lie
 * inside it, from the pool's columns that lie inside it; the rest of the plan stays as is and
 * its vehicles are taken out of the fleet rows. That keeps the MIP small on large instances,
 * where the whole pool's LP relaxation alone takes seconds.
 */
import type { Instance } from '../instance.ts';
import type { RouteSpec } from '../search/localSearch.ts';
import type { Column, RoutePool } from './routePool.ts';

export interface SpModel {
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  /** CSC matrix. */
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
  /** 1 for route columns (binary), 0 for unserved columns (continuous). */
  readonly integrality: Int32Array;
  /** Warm start: the incumbent's columns at 1. */
  readonly start: Float64Array;
  readonly startObjective: number;
  /** The incumbent routes the model re-plans (all of them without a region). */
  readonly incumbent: readonly RouteSpec[];
  /** columns[j] for route columns j < numRouteCols. */
  readonly routeColumns: readonly Column[];
  readonly numRouteCols: number;
}

export function buildSpModel(
  inst: Instance,
  pool: RoutePool,
  incumbentAll: readonly RouteSpec[],
  region: Uint8Array | null = null,
): SpModel {
  const K = inst.numTypes;
  // The incumbent's routes inside the region are re-planned; the others are kept, with their
  // vehicles and their clients (a route crossing the region's border is kept whole).
  const fleet = Int32Array.from(inst.count);
  const incumbent: RouteSpec[] = [];
  const kept = new Uint8Array(inst.numLocations);
  for (const r of incumbentAll) {
    if (region === null || r.visits.every((c) => region[c] === 1)) incumbent.push(r);
    else {
      fleet[r.type]--;
      for (const c of r.visits) kept[c] = 1;
    }
  }
  const inRegion = (c: number): boolean => (region === null || region[c] === 1) && kept[c] === 0;
  const columns = region === null ? pool.columns : pool.columns.filter((col) => col.visits.every(inRegion));
  // Rows: servable clients of the region, then fleet rows where the columns could exceed it.
  const rowOf = new Int32Array(inst.numLocations).fill(-1);
  let numRows = 0;
  for (let c = inst.numDepots; c < inst.numLocations; c++) if (inst.servable[c] && inRegion(c)) rowOf[c] = numRows++;
  const clientRows = numRows;
  const fleetRow = new Int32Array(K).fill(-1);
  const perType = new Int32Array(K);
  for (const col of columns) perType[col.type]++;
  for (let k = 0; k < K; k++) if (perType[k] > fleet[k]) fleetRow[k] = numRows++;

  const inIncumbent = new Uint8Array(inst.numLocations);
  const startCols = new Set<Column>();
  for (const r of incumbent) {
    for (const c of r.visits) inIncumbent[c] = 1;
    const col = pool.find(r.type, r.visits);
    if (col) startCols.add(col);
  }
  const unservedClients: number[] = [];
  for (let c = inst.numDepots; c < inst.numLocations; c++) {
    if (rowOf[c] >= 0 && (!inst.required[c] || !inIncumbent[c])) unservedClients.push(c);
  }
  const routeColumns = columns;
  const numRouteCols = routeColumns.length;
  const numCols = numRouteCols + unservedClients.length;
  let nnz = 0;
  for (const col of routeColumns) nnz += col.visits.length + (fleetRow[col.type] >= 0 ? 1 : 0);
  nnz += unservedClients.length;
  const starts = new Int32Array(numCols + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz).fill(1);
  const colCost = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(1);
  const integrality = new Int32Array(numCols);
  const start = new Float64Array(numCols);
  let startObjective = 0;
  let p = 0;
  for (let j = 0; j < numRouteCols; j++) {
    const col = routeColumns[j];
    starts[j] = p;
    const rows = Array.from(col.visits, (c) => rowOf[c]).sort((a, b) => a - b);
    for (const r of rows) indices[p++] = r;
    if (fleetRow[col.type] >= 0) indices[p++] = fleetRow[col.type];
    colCost[j] = col.cost;
    integrality[j] = 1;
    if (startCols.has(col)) {
      start[j] = 1;
      startObjective += col.cost;
    }
  }
  for (let u = 0; u < unservedClients.length; u++) {
    const j = numRouteCols + u;
    const c = unservedClients[u];
    starts[j] = p;
    indices[p++] = rowOf[c];
    colCost[j] = inst.penalty[c];
    if (!inIncumbent[c]) {
      start[j] = 1;
      startObjective += inst.penalty[c];
    }
  }
  starts[numCols] = p;
  const rowLower = new Float64Array(numRows);
  const rowUpper = new Float64Array(numRows);
  for (let r = 0; r < clientRows; r++) {
    rowLower[r] = 1;
    rowUpper[r] = 1;
  }
  for (let k = 0; k < K; k++) {
    if (fleetRow[k] < 0) continue;
    rowLower[fleetRow[k]] = 0;
    rowUpper[fleetRow[k]] = Math.max(0, fleet[k]);
  }
  return {
    numCols,
    numRows,
    colCost,
    colUpper,
    rowLower,
    rowUpper,
    starts,
    indices,
    values,
    integrality,
    start,
    startObjective,
    incumbent,
    routeColumns,
    numRouteCols,
  };
}

/** Routes selected by a (near-)integral solution vector. */
export function routesOf(model: SpModel, x: ArrayLike<number>): RouteSpec[] {
  const out: RouteSpec[] = [];
  for (let j = 0; j < model.numRouteCols; j++) {
    if (x[j] > 0.5) out.push({ type: model.routeColumns[j].type, visits: model.routeColumns[j].visits.slice() });
  }
  return out;
}
