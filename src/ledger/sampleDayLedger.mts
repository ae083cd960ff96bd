/**
 * The green ledger of the Lyon sample day, with a long budget and the frugal stop on:
 *
 *   npx tsx src/ledger/sampleDayLedger.mts [--seconds 600] [--objective cost|distance|duration|co2] [--json]
 *
 * Prints what the plan saves against its labelled baseline, what the solve cost to compute, the
 * payback ratio, and when and why the frugal stop ended the search (or what else did).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parsePlanRequest } from '../model/validate.ts';
import { solvePlan } from '../pipeline/solvePlan.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '600' },
    objective: { type: 'string', default: 'co2' },
    seed: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
  },
});
const body = JSON.parse(readFileSync(new URL('../../datasets/sample-day.json', import.meta.url), 'utf8'));
const parsed = parsePlanRequest({
  ...body,
  objective: values.objective,
  settings: { ...body.settings, timeLimitSeconds: Number(values.seconds), seed: Number(values.seed), frugalStop: true },
});
if (!parsed.ok) throw new Error(JSON.stringify(parsed.error, null, 2));
const plan = await solvePlan(parsed.value);
const l = plan.ledger!;
if (values.json) {
  console.log(JSON.stringify(l, null, 2));
} else {
  const f = (x: number, d = 2) => x.toFixed(d);
  const { plan: p, baseline: b, saved: s } = l.totals;
  console.log(`objective ${plan.solve.objective}, budget ${values.seconds} s, stopped by ${plan.solve.stoppedBy}`);
  console.log(`factor set: ${l.factorSet.name} (${l.factorSet.year})`);
  console.log(`baseline: ${l.baseline.kind}: ${l.baseline.label}`);
  console.log(`orders served: plan ${plan.totals.ordersServed}, baseline ${l.baseline.ordersServed}`);
  console.log('            km       diesel L  kWh      kg CO2e WTW  kg CO2e TTW');
  for (const [name, x] of [
    ['plan', p],
    ['baseline', b],
    ['saved', s],
  ] as const) {
    console.log(
      `${name.padEnd(10)}  ${f(x.km, 1).padStart(7)}  ${f(x.fuelL).padStart(8)}  ${f(x.electricityKWh).padStart(7)}  ` +
        `${f(x.co2eWtwKg).padStart(11)}  ${f(x.co2eTtwKg).padStart(11)}`,
    );
  }
  const c = l.compute;
  console.log(
    `compute: ${c.cpuSeconds} CPU-s (${c.cpuScope}) over ${c.wallSeconds} s wall, ${f(c.energyWh, 4)} Wh, ` +
      `${f(c.totalG, 4)} g CO2e (${f(c.embodiedG, 4)} g embodied), ${c.basis}, grid ${c.grid.gPerKWh} g/kWh`,
  );
  console.log(`net saved: ${f(l.net.netKg, 3)} kg CO2e; payback ratio ${l.net.paybackRatio} (saved ÷ compute)`);
  console.log(`anytime curve: ${l.anytime.points.length} points (${l.anytime.improvements} improvements)`);
  console.log(`frugal stop: ${l.anytime.frugal.reason ?? 'did not fire'}`);
  for (const n of l.notes) console.log(`note: ${n}`);
}
