/**
 * Assembles the ledger: the plan and its baseline re-costed leg by leg with the same energy model,
 * factors and matrices; saved = baseline − plan per vehicle and in total; per-order ISO 14083
 * allocations; the measured compute footprint; net saving and payback.
 *
 * Rounding: route figures are rounded once (4 decimals: 0.1 m, 0.1 mL, 0.1 g); totals are sums of
 * the rounded rows and `saved` is the difference of rounded figures, so every line a reader adds
 * up matches. Per-order allocations split the rounded route total exactly (largest remainder).
 */
import type { PlanRequest } from '../model/schema.ts';
import { allocationShares, splitRounded } from './allocation.ts';
import type { EvaluatedBaseline, LedgerTravel, RouteShape } from './baseline.ts';
import {
  addFigures,
  type Figures,
  factorSetOf,
  type Leg,
  legsFigures,
  round,
  roundFigures,
  subtractFigures,
  type VehicleEnergy,
  ZERO_FIGURES,
} from './energy.ts';
import { type ComputeParams, footprint, type Usage } from './footprint.ts';
import type { AnytimeReport } from './frugal.ts';
import type { Ledger, LedgerCompute, LedgerOrder, LedgerRoute, LedgerVehicle, OrderShare } from './types.ts';

const DIGITS = 4;

export interface LedgerInput {
  readonly request: PlanRequest;
  readonly planRoutes: readonly RouteShape[];
  readonly baseline: EvaluatedBaseline;
  readonly travel: LedgerTravel;
  /** Energy model per request vehicle (request order). */
  readonly energies: readonly VehicleEnergy[];
  readonly compute: {
    readonly usage: Usage;
    readonly scope: 'thread' | 'process';
    readonly memory: { readonly peakHeapUsedMB: number; readonly peakRssMB: number };
    readonly params: ComputeParams;
    readonly basis: string;
    readonly covers: string;
  };
  readonly anytime: AnytimeReport;
  readonly notes?: readonly string[];
}

export function buildLedger(input: LedgerInput): Ledger {
  const { request, energies } = input;
  const vehicleIndex = new Map(request.vehicles.map((v, i) => [v.id, i]));
  const energyOf = (vehicleId: string) => energies[vehicleIndex.get(vehicleId)!];
  const planFig = new Map(input.planRoutes.map((r) => [r.vehicleId, routeFigures(r, energyOf(r.vehicleId))]));
  const baseFig = new Map(input.baseline.routes.map((r) => [r.vehicleId, routeFigures(r, energyOf(r.vehicleId))]));

  const routes: LedgerRoute[] = request.vehicles
    .filter((v) => planFig.has(v.id) || baseFig.has(v.id))
    .map((v) => {
      const e = energyOf(v.id);
      const plan = planFig.get(v.id) ?? null;
      const baseline = baseFig.get(v.id) ?? null;
      const saved = roundFigures(subtractFigures(baseline ?? ZERO_FIGURES, plan ?? ZERO_FIGURES), DIGITS);
      return { vehicleId: v.id, carrier: e.carrier, unit: e.unit, plan, baseline, saved };
    });
  const sum = (pick: (r: LedgerRoute) => Figures | null) =>
    roundFigures(
      routes.reduce((acc, r) => addFigures(acc, pick(r) ?? ZERO_FIGURES), ZERO_FIGURES),
      DIGITS,
    );
  const totals = { plan: sum((r) => r.plan), baseline: sum((r) => r.baseline) };
  const saved = roundFigures(subtractFigures(totals.baseline, totals.plan), DIGITS);

  const allocation = allocationQuantity(request);
  const orders = allocateOrders(input, allocation.dimension, planFig, baseFig);
  const compute = computeReport(input);
  const computeKg = compute.totalG / 1000;
  const planServed = new Set(input.planRoutes.flatMap((r) => r.stops.map((s) => s.orderId)));
  const baseServed = new Set(input.baseline.routes.flatMap((r) => r.stops.map((s) => s.orderId)));
  const sameOrders = planServed.size === baseServed.size && [...planServed].every((id) => baseServed.has(id));
  const set = factorSetOf(request.emissions);

  return {
    version: 1,
    factorSet: { id: set.id, name: set.name, year: set.year, source: set.source },
    model:
      'L1 load-linear per leg (Xiao et al. 2012): consumption = km × (ρ0 + (ρ* − ρ0) × load / capacity); ' +
      'L0 class average for vehicles without a load dimension',
    vehicles: energies.map(vehicleReport),
    baseline: {
      kind: input.baseline.kind,
      label: input.baseline.label,
      method: input.baseline.method,
      ordersServed: baseServed.size,
      unservedOrderIds: input.baseline.unservedOrderIds,
      issues: input.baseline.issues,
      feasible: input.baseline.issues.length === 0,
      times: input.baseline.routes.map((r, i) => ({ vehicleId: r.vehicleId, ...input.baseline.times[i] })),
      sameOrders,
    },
    routes,
    totals: { ...totals, saved },
    allocation: {
      method:
        'ISO 14083 / GLEC: share = quantity × SFD(start depot → stop) / Σ over the tour; ' +
        'order CO2e = share × tour CO2e (empty return included)',
      quantity: allocation.dimension,
      activityUnit: allocation.activityUnit,
    },
    orders,
    compute,
    net: {
      savedKg: saved.co2eWtwKg,
      computeKg: round(computeKg, 9),
      netKg: round(saved.co2eWtwKg - computeKg, 6),
      paybackRatio: computeKg > 0 ? round(saved.co2eWtwKg / computeKg, 1) : null,
    },
    anytime: input.anytime,
    notes: notes(input, baseServed.size, planServed.size, sameOrders),
  };
}

/** Legs of a route with the load on board on each: the start load, then what is left after each stop. */
export function routeLegs(route: RouteShape, loadDim: string | null): Leg[] {
  const at = (q: Record<string, number>) => (loadDim === null ? 0 : (q[loadDim] ?? 0));
  const legs: Leg[] = [];
  let load = at(route.loadStart);
  for (const s of route.stops) {
    legs.push({ km: s.legKm, load });
    load = at(s.loadAfter);
  }
  legs.push({ km: route.returnKm, load });
  return legs;
}

export function routeFigures(route: RouteShape, energy: VehicleEnergy): Figures {
  return roundFigures(legsFigures(energy, routeLegs(route, energy.loadDim)), DIGITS);
}

function allocationQuantity(request: PlanRequest): { dimension: string; activityUnit: string } {
  const dims = [...new Set(request.orders.flatMap((o) => Object.keys(o.demand)))].sort();
  const dimension =
    request.emissions?.allocation?.dimension ??
    (request.orders.some((o) => (o.demand.kg ?? 0) > 0) ? 'kg' : (dims[0] ?? 'kg'));
  return { dimension, activityUnit: dimension === 'kg' ? 't·km' : `${dimension}·km` };
}

function allocateOrders(
  input: LedgerInput,
  dimension: string,
  planFig: ReadonlyMap<string, Figures>,
  baseFig: ReadonlyMap<string, Figures>,
): LedgerOrder[] {
  const { request, travel } = input;
  const orderIndex = new Map(request.orders.map((o, i) => [o.id, i]));
  const depotIndex = new Map(request.depots.map((d, i) => [d.id, i]));
  const vehicleIndex = new Map(request.vehicles.map((v, i) => [v.id, i]));
  const scale = dimension === 'kg' ? 1 / 1000 : 1;
  const split = (routes: readonly RouteShape[], figures: ReadonlyMap<string, Figures>) => {
    const out = new Map<string, OrderShare>();
    for (const r of routes) {
      const vi = vehicleIndex.get(r.vehicleId)!;
      const depot = depotIndex.get(r.startDepotId)!;
      const items = r.stops.map((s) => {
        const oi = orderIndex.get(s.orderId)!;
        const quantity = (request.orders[oi].demand[dimension] ?? 0) * scale;
        const sfdKm = travel.metres(vi, depot, request.depots.length + oi) / 1000;
        return { orderId: s.orderId, quantity, sfdKm };
      });
      const shares = allocationShares(items);
      const f = figures.get(r.vehicleId)!;
      const wtw = splitRounded(f.co2eWtwKg, shares, DIGITS);
      const ttw = splitRounded(f.co2eTtwKg, shares, DIGITS);
      items.forEach((item, k) => {
        out.set(item.orderId, {
          vehicleId: r.vehicleId,
          quantity: round(item.quantity, 6),
          sfdKm: round(item.sfdKm, 3),
          activity: round(item.quantity * item.sfdKm, 4),
          share: round(shares[k], 6),
          co2eWtwKg: wtw[k],
          co2eTtwKg: ttw[k],
        });
      });
    }
    return out;
  };
  const plan = split(input.planRoutes, planFig);
  const base = split(input.baseline.routes, baseFig);
  return request.orders.map((o) => {
    const p = plan.get(o.id) ?? null;
    const b = base.get(o.id) ?? null;
    return {
      orderId: o.id,
      customerId: o.customerId,
      plan: p,
      baseline: b,
      savedKg: p && b ? round(b.co2eWtwKg - p.co2eWtwKg, DIGITS) : null,
    };
  });
}

function computeReport(input: LedgerInput): LedgerCompute {
  const { usage, params, memory } = input.compute;
  const f = footprint(usage, params);
  return {
    cpuSeconds: round(usage.cpuSeconds, 2),
    wallSeconds: round(usage.wallSeconds, 3),
    cpuScope: input.compute.scope,
    covers: input.compute.covers,
    peakHeapUsedMB: round(memory.peakHeapUsedMB, 1),
    peakRssMB: round(memory.peakRssMB, 1),
    method: params.method,
    coefficients: {
      wattsPerCore: params.wattsPerCore,
      wattsPerGB: params.wattsPerGB,
      memoryGB: round(params.memoryGB, 3),
      pue: params.pue,
      runs: params.runs,
      vcpus: params.vcpus,
      sources: params.sources,
    },
    grid: params.grid,
    energyWh: round(f.energyWh, 6),
    operationalG: round(f.operationalG, 6),
    embodiedG: round(f.embodiedG, 6),
    totalG: round(f.totalG, 6),
    basis: input.compute.basis,
  };
}

function vehicleReport(e: VehicleEnergy): LedgerVehicle {
  return {
    vehicleId: e.vehicleId,
    carrier: e.carrier,
    unit: e.unit,
    model: e.model,
    loadDimension: e.loadDim,
    capacity: e.loadDim === null ? null : e.capacity,
    consumptionPer100km: e.basis.consumptionPer100km,
    refrigerationUplift: e.basis.refrigerationUplift === null ? null : round(e.basis.refrigerationUplift, 4),
    factors: { ...e.basis.factors, wtw: round(e.basis.factors.wtw, 6), ttw: round(e.basis.factors.ttw, 6) },
    ...(e.basis.grid ? { grid: e.basis.grid } : {}),
  };
}

function notes(input: LedgerInput, baseServed: number, planServed: number, sameOrders: boolean): string[] {
  const out = [...(input.notes ?? [])];
  const b = input.baseline;
  if (!sameOrders) {
    out.push(
      `the baseline serves ${baseServed} orders and the plan ${planServed}, not the same set: ` +
        'the saving compares different work (see orders[].plan / orders[].baseline)',
    );
  }
  if (b.issues.length > 0) {
    out.push(
      `the baseline breaks ${b.issues.length} constraint(s) (baseline.issues): it could not be driven as given, ` +
        'and its figures are for the routes as given',
    );
  }
  const l0 = input.energies.filter((e) => e.model === 'L0').map((e) => e.vehicleId);
  if (l0.length > 0) out.push(`no load dimension for ${l0.join(', ')}: class-average consumption (L0)`);
  if (input.energies.some((e) => e.carrier === 'electric' && e.basis.grid?.chargingEfficiency === 1)) {
    out.push('electric kWh are counted at the battery = drawn from the grid (no charging-loss figure is documented)');
  }
  if (input.energies.some((e) => e.carrier === 'lpg' && !e.basis.factors.source.includes('request'))) {
    out.push('LPG well-to-wheel factor is an assumption (no WTW source): override emissions.fuels.lpg');
  }
  return out;
}
