/**
 * MIP backends for the set-partitioning model. HiGHS (WASM, `highs` on npm) is the one the
 * solver uses: measured on our route-pool models it is much faster than the alternatives (see
 * solvers/README.md), accepts a warm start (the incumbent) and can be interrupted from the
 * search's stop hook. Loading its WebAssembly is asynchronous and done once per thread.
 */
import type { Highs } from 'highs';
import type { SpModel } from './setPartitioning.ts';

export interface MipRunOptions {
  readonly timeLimitS: number;
  /** Start from the incumbent (model.start). */
  readonly warmStart: boolean;
  /** Polled by the backend when it can; true stops it with its best solution so far. */
  readonly interrupt?: () => boolean;
}

export interface MipResult {
  /** Column values of the best integer solution found, or null. */
  readonly x: Float64Array | null;
  readonly objective: number;
  /** Backend's status word (optimal, time limit, interrupted, ...). */
  readonly status: string;
  readonly optimal: boolean;
  readonly wallMs: number;
}

export interface MipBackend {
  readonly name: string;
  solve(model: SpModel, options: MipRunOptions): MipResult;
}

let highsPromise: Promise<Highs> | null = null;

async function loadHighs(): Promise<Highs> {
  if (!highsPromise) {
    // The package's types describe a CommonJS default export; at runtime the ESM build's
    // default export is the loader itself.
    highsPromise = import('highs').then((m) => {
      const loader = m.default as unknown as (() => Promise<Highs>) | { default: () => Promise<Highs> };
      return typeof loader === 'function' ? loader() : loader.default();
    });
  }
  return highsPromise;
}

export async function highsBackend(): Promise<MipBackend> {
  const highs = await loadHighs();
  const statusName = new Map<number, string>(
    Object.entries(highs.constants.modelStatus).map(([name, code]) => [code as number, name]),
  );
  return {
    name: 'highs',
    solve(model, options) {
      const t0 = performance.now();
      const m = highs.createModel({
        numCols: model.numCols,
        numRows: model.numRows,
        colCost: model.colCost,
        colLower: new Float64Array(model.numCols),
        colUpper: model.colUpper,
        rowLower: model.rowLower,
        rowUpper: model.rowUpper,
        matrix: {
          format: 'csc',
          numRows: model.numRows,
          numCols: model.numCols,
          starts: model.starts,
          indices: model.indices,
          values: model.values,
        },
        integrality: model.integrality,
      });
      try {
        m.options.set({
          output_flag: false,
          time_limit: Math.max(0.01, options.timeLimitS),
          mip_rel_gap: 1e-6,
          // Pool models are solved at the root; presolve costs more than it saves here.
          presolve: 'off',
          random_seed: 1,
        });
        if (options.warmStart) m.setSolution({ colValue: model.start });
        const interrupt = options.interrupt;
        if (interrupt) {
          m.run({
            [highs.constants.callbackType.mipInterrupt](event: { interrupt(): void }) {
              if (interrupt()) event.interrupt();
            },
          });
        } else {
          m.run();
        }
        const code = m.getModelStatus() as number;
        const status = statusName.get(code) ?? String(code);
        const primal = m.info.get('primal_solution_status') as number;
        const has = primal === highs.constants.solutionStatus.feasible;
        return {
          x: has ? m.getSolution().colValue : null,
          objective: has ? m.getObjectiveValue() : Number.POSITIVE_INFINITY,
          status,
          optimal: code === highs.constants.modelStatus.optimal,
          wallMs: performance.now() - t0,
        };
      } finally {
        m.dispose();
      }
    },
  };
}
