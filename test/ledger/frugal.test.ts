/**
 * The frugal stop and the anytime curve. The rule is driven with scripted clocks (no timing in the
 * assertions); one end-to-end solve with a search that never converges shows it ends the solve
 * with stoppedBy "frugal" and says why, and that `settings.frugalStop: false` turns it off.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { solveBasic } from '../../solvers/basic.ts';
import type { SolveOutcome, Solver } from '../../solvers/control.ts';
import { SearchControl } from '../../solvers/driver.ts';
import type { Solution } from '../../solvers/problem.ts';
import { AnytimeRecorder, type FrugalParams, thin } from '../../src/ledger/frugal.ts';
import { parsePlanRequest } from '../../src/model/validate.ts';
import { solvePlan } from '../../src/pipeline/solvePlan.ts';

const PARAMS: FrugalParams = {
  enabled: true,
  safetyFactor: 10,
  minSeconds: 10,
  windowSeconds: 5,
  windowFraction: 0.5,
  measure: 'co2e',
};
/** One compute-second emits 0.003 g: the search must save more than 0.03 g per CPU-second. */
const G_PER_S = 0.003;

/** A recorder on a scripted clock: `at(x)` sets the search CPU-seconds (wall = CPU here). */
function scripted(params: FrugalParams = PARAMS) {
  let cpu = 0;
  const recorder = new AnytimeRecorder(params, {
    usage: () => ({ cpuSeconds: cpu, wallSeconds: cpu }),
    computeG: (u) => u.cpuSeconds * G_PER_S,
    gPerComputeSecond: G_PER_S,
    evaluate: (s) => s as unknown as { co2eKg: number; served: number; routeObjective: number },
    now: () => cpu * 1000,
  });
  const at = (x: number) => {
    cpu = x;
    return recorder;
  };
  const improve = (x: number, co2eKg: number, served: number, routeObjective = co2eKg) => {
    at(x).onImprovement({ co2eKg, served, routeObjective, objective: routeObjective } as unknown as Solution, {
      elapsedMs: x * 1000,
      iterations: 0,
      bestObjective: routeObjective,
    });
  };
  return { recorder, at, improve };
}

describe('frugal rule', () => {
  it('never stops before minSeconds, even with nothing improving', () => {
    const { at, improve } = scripted();
    improve(0.5, 50, 10);
    expect(at(9.9).verdict(9.9)).toBeNull();
    expect(at(10).verdict(10)).toMatch(/^frugal stop after 10 CPU-s of search: the plan saved 0 g CO2e/);
  });

  it('has no rate while the plan still changes how many orders it serves', () => {
    const { at, improve } = scripted();
    improve(1, 10, 5);
    improve(8, 40, 10); // more orders served: more CO2e, but not a worse plan
    expect(at(15).verdict(15)).toBeNull(); // window [7.5, 15] still sees the change at 8
    expect(at(16.5).verdict(16.5)).toMatch(/frugal stop/); // window [8.25, 16.5]: same orders, nothing saved
  });

  it('keeps going while the search saves more than safetyFactor × a compute-second', () => {
    const { at, improve } = scripted();
    for (let x = 1; x <= 30; x++) improve(x, 50 - x * 0.001, 10); // 1 g per CPU-s ≫ 0.03 g/s
    expect(at(30).verdict(30)).toBeNull();
  });

  it('stops when the saving rate falls below the threshold, over a window that grows with the search', () => {
    const { at, improve } = scripted();
    for (let x = 1; x <= 40; x++) improve(x, 50 - x * 0.00002, 10); // 0.02 g per CPU-s < 0.03 g/s
    const reason = at(40).verdict(40);
    expect(reason).toMatch(/in the last 20 CPU-s \(0\.02 g\/s\), below 10 × 0\.003 g\/s = 0\.03 g\/s/);
  });

  it('under another objective, values its improvement at the plan intensity, even when CO2e rises', () => {
    // A cost objective: 1000 € of routes emitting 40 kg, i.e. 40 g CO2e per €.
    const { at, improve } = scripted({ ...PARAMS, measure: 'objective' });
    improve(1, 40, 10, 1000);
    improve(11, 41, 10, 990); // 10 € cheaper, 1 kg more CO2e: worth 10 € × 41 g/€ = 410 g
    expect(at(12).verdict(12)).toBeNull();
    // Stalled afterwards: nothing improves over a whole window, the stop comes whatever CO2e did.
    expect(at(30).verdict(30)).toMatch(/objective improved by the equivalent of 0 g CO2e in the last 15 CPU-s/);
  });

  it('under the co2 objective, counts the CO2e the plan actually saved', () => {
    const { at, improve } = scripted();
    improve(1, 40, 10, 999); // the route objective does not matter here
    improve(11, 39.9, 10, 1);
    expect(at(12).verdict(12)).toBeNull(); // 100 g in 6 s ≫ 0.03 g/s
    expect(at(30).verdict(30)).toMatch(/the plan saved 0 g CO2e in the last 15 CPU-s/);
  });

  it('shouldStop answers "frugal" once the rule fires, and never when the stop is turned off', () => {
    const on = scripted();
    on.improve(1, 50, 10);
    expect(on.at(5).shouldStop()).toBeNull();
    expect(on.at(11).shouldStop()).toBe('frugal');
    expect(on.at(11.1).shouldStop()).toBe('frugal');
    const off = scripted({ ...PARAMS, enabled: false });
    off.improve(1, 50, 10);
    expect(off.at(500).shouldStop()).toBeNull();
    expect(off.recorder.report().frugal.reason).toBeNull();
  });

  it('records the anytime curve: time, objective, plan CO2e and compute CO2e so far, with an end point', () => {
    const { at, improve, recorder } = scripted();
    improve(1, 50, 10);
    improve(2, 49, 10);
    at(11).shouldStop();
    const report = recorder.report();
    expect(report.points.map((p) => [p.cpuSeconds, p.objective, p.planCo2eKg, p.computeCo2eG, p.event])).toEqual([
      [1, 50, 50, 0.003, 'improvement'],
      [2, 49, 49, 0.006, 'improvement'],
      [11, 49, 49, 0.033, 'end'],
    ]);
    expect(report.frugal.reason).toMatch(/frugal stop/);
    expect(report.frugal.thresholdGPerSecond).toBeCloseTo(0.03, 9);
  });

  it('thins a long curve to at most 200 points, keeping the first and the last', () => {
    const points = Array.from({ length: 5000 }, (_, i) => ({
      t: i / 100,
      cpuSeconds: i / 100,
      objective: 5000 - i,
      planCo2eKg: 1,
      computeCo2eG: 0,
      ordersServed: 1,
      event: 'improvement' as const,
    }));
    const thinned = thin(points, 200);
    expect(thinned.length).toBeLessThanOrEqual(200);
    expect(thinned.length).toBeGreaterThan(150);
    expect(thinned[0]).toBe(points[0]);
    expect(thinned[thinned.length - 1]).toBe(points[points.length - 1]);
  });
});

/** A search that keeps computing without ever improving after its first solution. */
const neverConverges: Solver = (data, options) => {
  const first = solveBasic(data, { seed: options.seed, timeLimitMs: 60_000 }) as SolveOutcome;
  const control = new SearchControl(options);
  control.improved(first.best);
  let x = 0;
  while (!control.shouldStop()) {
    for (let i = 0; i < 20_000; i++) x += Math.sqrt(i);
    control.iterations++;
  }
  if (x < 0) throw new Error('unreachable');
  return {
    best: first.best,
    stoppedBy: control.stoppedBy ?? 'converged',
    iterations: control.iterations,
    elapsedMs: control.elapsed(),
    trace: control.trace,
  };
};

describe('frugal stop in a solve of the sample day', () => {
  const body = JSON.parse(readFileSync(new URL('../../datasets/sample-day.json', import.meta.url), 'utf8'));
  const solveDay = async (settings: object, frugal: object) => {
    const parsed = parsePlanRequest({
      ...body,
      settings: { ...body.settings, ...settings },
      emissions: { frugal },
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    return solvePlan(parsed.value, { solver: neverConverges });
  };

  it('ends a long-budget search that stopped paying for itself, and says why', async () => {
    const plan = await solveDay({ timeLimitSeconds: 600, frugalStop: true }, { minSeconds: 0.3, windowSeconds: 0.2 });
    expect(plan.solve.stoppedBy).toBe('frugal');
    const anytime = plan.ledger!.anytime;
    expect(anytime.frugal.reason).toMatch(/^frugal stop after .* CPU-s of search: the plan saved 0 g CO2e/);
    expect(anytime.points.at(-1)!.event).toBe('end');
    expect(anytime.points.at(-1)!.computeCo2eG).toBeGreaterThan(0);
    expect(plan.ledger!.compute.cpuSeconds).toBeLessThan(600);
  });

  it('is off with settings.frugalStop: false (the time limit ends the search)', async () => {
    const plan = await solveDay({ timeLimitSeconds: 1, frugalStop: false }, { minSeconds: 0.3, windowSeconds: 0.2 });
    expect(plan.solve.stoppedBy).toBe('time');
    expect(plan.ledger!.anytime.frugal.enabled).toBe(false);
    expect(plan.ledger!.anytime.frugal.reason).toBeNull();
  });
});
