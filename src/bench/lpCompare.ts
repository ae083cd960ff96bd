/**
 * Measures MIP backends on our own set-partitioning models: runs the search with its LP
 * component on a few instances, keeps the route-pool models it solved, then solves each kept
 * model with HiGHS (warm and cold), GLPK and javascript-lp-solver under the same time limit.
 * Prints a markdown table (the numbers in solvers/README.md come from here).
 *
 *   npx tsx src/bench/lpCompare.ts [--time-limit S] [--search S] FILE...
 */
import { parseArgs } from 'node:util';
import { HgsState, runHgs } from '../../solvers/hgs.ts';
import { LpComponent } from '../../solvers/lp/lpComponent.ts';
import { highsBackend, type MipBackend } from '../../solvers/lp/mipBackend.ts';
import type { SpModel } from '../../solvers/lp/setPartitioning.ts';
import { guessFormat, readInstanceFile } from '../formats/index.ts';
import { cpuClock } from './cpuClock.ts';
import { glpkBackend, jsLpSolverBackend } from './lpBackends.ts';

interface Row {
  instance: string;
  model: string;
  backend: string;
  ms: number;
  status: string;
  objective: number;
  /** Objective relative to the first backend's (HiGHS, warm start) on this model, in %. */
  gapPct: number;
  overran: boolean;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'time-limit': { type: 'string' }, search: { type: 'string' } },
  });
  const timeLimitS = Number(values['time-limit'] ?? 10);
  const searchS = Number(values.search ?? 10);
  const highs = await highsBackend();
  const backends: { name: string; backend: MipBackend; warm: boolean }[] = [
    { name: 'HiGHS (warm start)', backend: highs, warm: true },
    { name: 'HiGHS (cold)', backend: highs, warm: false },
    { name: 'glpk.js', backend: await glpkBackend(), warm: false },
    { name: 'javascript-lp-solver', backend: await jsLpSolverBackend(), warm: false },
  ];
  const rows: Row[] = [];
  console.log(
    `| instance | model (rows x cols) | backend | wall ms | status | objective | vs HiGHS warm % | overran ${timeLimitS} s |`,
  );
  console.log('| --- | --- | --- | ---: | --- | ---: | ---: | :---: |');
  for (const file of positionals) {
    const parsed = readInstanceFile(file, guessFormat(file) ?? 'vrplib');
    const state = new HgsState(parsed.problem, { timeLimitMs: searchS * 1000, seed: 1, now: cpuClock() });
    const lp = new LpComponent(state, highs);
    lp.recordModels = [];
    await runHgs(state, { everyIteration: () => lp.maybeRun() });
    const models: SpModel[] = lp.recordModels;
    const picked = [models[Math.floor(models.length / 2)], models[models.length - 1]].filter(Boolean);
    for (const [mi, model] of picked.entries()) {
      const label = `${mi === 0 ? 'mid' : 'final'}: ${model.numRows}x${model.numCols}`;
      // Each backend's row is printed as soon as it returns: one that overruns its limit (as
      // javascript-lp-solver does) must not hide the others. Reference: the first backend.
      let reference = Number.NaN;
      for (const b of backends) {
        const r = b.backend.solve(model, { timeLimitS, warmStart: b.warm });
        if (Number.isNaN(reference)) reference = r.objective;
        rows.push({
          instance: parsed.name,
          model: label,
          backend: b.name,
          ms: r.wallMs,
          status: r.status,
          objective: r.objective,
          gapPct: Number.isFinite(r.objective) ? (100 * (r.objective - reference)) / reference : Number.NaN,
          overran: r.wallMs > timeLimitS * 1000 * 1.05 + 200,
        });
        const row = rows[rows.length - 1];
        // Rows stream as they come: a backend that overruns its limit must not hide the others.
        console.log(
          `| ${row.instance} | ${row.model} | ${row.backend} | ${row.ms.toFixed(0)} | ${row.status} | ${Number.isFinite(row.objective) ? row.objective.toFixed(2) : '-'} | ${Number.isNaN(row.gapPct) ? '-' : row.gapPct.toFixed(2)} | ${row.overran ? 'yes' : ''} |`,
        );
      }
    }
  }
}

await main();
