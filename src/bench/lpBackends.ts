/**
 * Alternative MIP backends for the route-pool measurement (src/bench/lpCompare.ts): GLPK
 * (glpk.js, WASM) and javascript-lp-solver (pure JS, the design card's choice). The solver
 * itself only uses HiGHS (solvers/lp/mipBackend.ts); these exist to measure that choice on our
 * own models. Node only.
 */
import type { MipBackend, MipResult } from '../../solvers/lp/mipBackend.ts';
import type { SpModel } from '../../solvers/lp/setPartitioning.ts';

/** Rows of a CSC model as (column, value) lists. */
function rowsOf(model: SpModel): { col: number; val: number }[][] {
  const rows: { col: number; val: number }[][] = Array.from({ length: model.numRows }, () => []);
  for (let j = 0; j < model.numCols; j++) {
    for (let p = model.starts[j]; p < model.starts[j + 1]; p++)
      rows[model.indices[p]].push({ col: j, val: model.values[p] });
  }
  return rows;
}

function objectiveOf(model: SpModel, x: Float64Array): number {
  let z = 0;
  for (let j = 0; j < model.numCols; j++) z += model.colCost[j] * x[j];
  return z;
}

export async function glpkBackend(): Promise<MipBackend> {
  const { default: GLPK } = await import('glpk.js/node');
  const glpk = await GLPK();
  return {
    name: 'glpk.js',
    solve(model, options): MipResult {
      const t0 = performance.now();
      const rows = rowsOf(model);
      const name = (j: number): string => `x${j}`;
      const lp = {
        name: 'sp',
        objective: {
          direction: glpk.GLP_MIN,
          name: 'cost',
          vars: Array.from({ length: model.numCols }, (_, j) => ({ name: name(j), coef: model.colCost[j] })),
        },
        subjectTo: rows.map((r, i) => ({
          name: `r${i}`,
          vars: r.map((e) => ({ name: name(e.col), coef: e.val })),
          bnds:
            model.rowLower[i] === model.rowUpper[i]
              ? { type: glpk.GLP_FX, lb: model.rowLower[i], ub: model.rowUpper[i] }
              : { type: glpk.GLP_DB, lb: model.rowLower[i], ub: model.rowUpper[i] },
        })),
        bounds: Array.from({ length: model.numCols }, (_, j) => ({ name: name(j), type: glpk.GLP_DB, lb: 0, ub: 1 })),
        binaries: Array.from({ length: model.numRouteCols }, (_, j) => name(j)),
      };
      // glpk.js takes no MIP start; its time limit is in seconds.
      const res = glpk.solve(lp, { msglev: glpk.GLP_MSG_OFF, tmlim: options.timeLimitS, presol: true });
      const status = res.result.status;
      const x = new Float64Array(model.numCols);
      for (let j = 0; j < model.numCols; j++) x[j] = res.result.vars[name(j)] ?? 0;
      const has = status === glpk.GLP_OPT || status === glpk.GLP_FEAS;
      const statusName =
        status === glpk.GLP_OPT ? 'optimal' : status === glpk.GLP_FEAS ? 'feasible' : `status ${status}`;
      return {
        x: has ? x : null,
        objective: has ? objectiveOf(model, x) : Number.POSITIVE_INFINITY,
        status: statusName,
        optimal: status === glpk.GLP_OPT,
        wallMs: performance.now() - t0,
      };
    },
  };
}

interface LpSolver {
  Solve(model: unknown): unknown;
}

export async function jsLpSolverBackend(): Promise<MipBackend> {
  const mod = (await import('javascript-lp-solver')) as unknown as { default: LpSolver | { default: LpSolver } };
  const solver: LpSolver = 'Solve' in mod.default ? mod.default : mod.default.default;
  return {
    name: 'javascript-lp-solver',
    solve(model, options): MipResult {
      const t0 = performance.now();
      const constraints: Record<string, { equal?: number; max?: number; min?: number }> = {};
      for (let i = 0; i < model.numRows; i++) {
        constraints[`r${i}`] =
          model.rowLower[i] === model.rowUpper[i]
            ? { equal: model.rowLower[i] }
            : { min: model.rowLower[i], max: model.rowUpper[i] };
      }
      const variables: Record<string, Record<string, number>> = {};
      const ints: Record<string, 1> = {};
      for (let j = 0; j < model.numCols; j++) {
        const v: Record<string, number> = { cost: model.colCost[j], [`u${j}`]: 1 };
        for (let p = model.starts[j]; p < model.starts[j + 1]; p++) v[`r${model.indices[p]}`] = model.values[p];
        variables[`x${j}`] = v;
        constraints[`u${j}`] = { max: 1 };
        if (j < model.numRouteCols) ints[`x${j}`] = 1;
      }
      const res = solver.Solve({
        optimize: 'cost',
        opType: 'min',
        constraints,
        variables,
        ints,
        options: { timeout: options.timeLimitS * 1000 },
      }) as Record<string, number | boolean>;
      const x = new Float64Array(model.numCols);
      for (let j = 0; j < model.numCols; j++) x[j] = Number(res[`x${j}`] ?? 0);
      // Reported "feasible" is not trusted: integrality and rows are checked here.
      const integral = x.every((v, j) => j >= model.numRouteCols || Math.abs(v - Math.round(v)) < 1e-6);
      const rowsOk = rowsOf(model).every((r, i) => {
        const a = r.reduce((s, e) => s + e.val * x[e.col], 0);
        return a >= model.rowLower[i] - 1e-6 && a <= model.rowUpper[i] + 1e-6;
      });
      const ok = Boolean(res.feasible) && integral && rowsOk;
      return {
        x: ok ? x : null,
        objective: ok ? objectiveOf(model, x) : Number.POSITIVE_INFINITY,
        status: `${res.feasible ? 'feasible' : 'infeasible'}${integral ? '' : ', fractional'}${res.isIntegral === false ? ' (not integral)' : ''}`,
        optimal: false,
        wallMs: performance.now() - t0,
      };
    },
  };
}
