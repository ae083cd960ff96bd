/**
 * Reproducible demonstration: optimising co2 gives less fuel than optimising distance for the
 * same orders (Xiao et al. 2012 report about 5 % on CVRP).
 *
 *   npx tsx src/ledger/co2VsDistance.mts [--seconds 10] [--seed 1] [--instances X-n101-k25,X-n106-k14]
 *
 * 1. The Lyon sample day through the whole pipeline (solvePlan, default solver, frugal stop off),
 *    once with objective "distance" and once with "co2"; both plans costed by the ledger.
 * 2. CVRPLIB X instances (../shared/datasets/cvrp-x) with the van_n1 L1 model (9.8 / 11.8 L per
 *    100 distance units, Q = the instance capacity): distance vs fuel objective, cold (same budget
 *    and seed from scratch) and warm (the fuel search starts from the distance plan).
 * Budgets are CPU-seconds of the solving thread. Prints Markdown tables; nothing is written to disk.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Solver } from '../../solvers/control.ts';
import { solve } from '../../solvers/index.ts';
import { readInstanceFile } from '../formats/index.ts';
import { parsePlanRequest } from '../model/validate.ts';
import { solvePlan } from '../pipeline/solvePlan.ts';
import { VEHICLE_CLASS_DEFAULTS } from './factors.ts';
import { cpuSeconds } from './footprint.ts';
import { compareObjectives } from './fuelBenchmark.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    seed: { type: 'string', default: '1' },
    instances: { type: 'string', default: 'X-n101-k25,X-n106-k14,X-n125-k30,X-n162-k11,X-n200-k36' },
    'no-sample-day': { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const seed = Number(values.seed);
const root = new URL('../../', import.meta.url);
/** Budgets are CPU-seconds of this thread, so other work on the machine does not shorten a search. */
const onCpuClock: Solver = (data, options) => solve(data, { ...options, now: () => cpuSeconds().seconds * 1000 });
const pct = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(2)} %`;

if (!values['no-sample-day']) {
  const body = JSON.parse(readFileSync(new URL('datasets/sample-day.json', root), 'utf8'));
  console.log(`## Lyon sample day, ${seconds} s per objective, seed ${seed}\n`);
  console.log('| objective | served | km | diesel L | kWh | kg CO2e WTW | kg CO2e TTW | stopped by |');
  console.log('|---|---|---|---|---|---|---|---|');
  const rows: Record<string, { fuelL: number; co2eWtwKg: number }> = {};
  for (const objective of ['distance', 'co2'] as const) {
    const parsed = parsePlanRequest({
      ...body,
      objective,
      settings: { ...body.settings, timeLimitSeconds: seconds, seed, frugalStop: false },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const plan = await solvePlan(parsed.value, { solver: onCpuClock });
    const t = plan.ledger!.totals.plan;
    rows[objective] = t;
    console.log(
      `| ${objective} | ${plan.totals.ordersServed} | ${t.km.toFixed(1)} | ${t.fuelL.toFixed(2)} | ` +
        `${t.electricityKWh.toFixed(2)} | ${t.co2eWtwKg.toFixed(2)} | ${t.co2eTtwKg.toFixed(2)} | ${plan.solve.stoppedBy} |`,
    );
  }
  const d = rows.distance;
  const c = rows.co2;
  console.log(
    `\nco2 vs distance: diesel ${pct((100 * (c.fuelL - d.fuelL)) / d.fuelL)}, ` +
      `CO2e WTW ${pct((100 * (c.co2eWtwKg - d.co2eWtwKg)) / d.co2eWtwKg)}\n`,
  );
}

const van = VEHICLE_CLASS_DEFAULTS.van_n1;
const model = { empty: van.empty.value / 100, full: van.full.value / 100 };
console.log(`## CVRPLIB X, van_n1 L1 model, ${seconds} s per solve, seed ${seed}\n`);
console.log('| instance | mode | distance plan: dist / fuel | fuel plan: dist / fuel | fuel | distance |');
console.log('|---|---|---|---|---|---|');
const saved: Record<'cold' | 'warm', number[]> = { cold: [], warm: [] };
for (const name of values.instances.split(',').filter(Boolean)) {
  const file = new URL(`../shared/datasets/cvrp-x/${name}.vrp`, root).pathname;
  const { problem } = readInstanceFile(file, 'vrplib');
  for (const mode of ['cold', 'warm'] as const) {
    const r = await compareObjectives(problem, model, onCpuClock, {
      timeLimitMs: seconds * 1000,
      seed,
      warm: mode === 'warm',
    });
    const complete = r.distancePlan.served === problem.numClients && r.fuelPlan.served === problem.numClients;
    if (complete) saved[mode].push(r.fuelSavedPct);
    console.log(
      `| ${name} | ${mode} | ${r.distancePlan.distance} / ${r.distancePlan.fuel.toFixed(1)} | ` +
        `${r.fuelPlan.distance} / ${r.fuelPlan.fuel.toFixed(1)} | ${pct(-r.fuelSavedPct)} | ${pct(r.distanceAddedPct)} |` +
        (complete
          ? ''
          : ` (incomplete: ${r.distancePlan.served}/${r.fuelPlan.served} of ${problem.numClients} served)`),
    );
  }
}
for (const mode of ['cold', 'warm'] as const) {
  const xs = saved[mode];
  if (xs.length > 0) {
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    console.log(`\nmean fuel saved by the fuel objective (${mode}, ${xs.length} instances): ${mean.toFixed(2)} %`);
  }
}
