/**
 * Turns an untrusted body into a PlanRequest, or into the list of every bad field.
 * zod checks shapes; the checks below need the whole request (ids that must match, demands
 * that must fit some vehicle). Nothing here throws on bad input.
 */
import { z } from 'zod';
import { err, issue, ok, type PathSegment, type Result, type ValidationIssue } from './issues.ts';
import { BaselineRoute, Depot, Order, PlanRequest, Vehicle, type VehicleSpec } from './schema.ts';
import { isPlanDate, isTimeZone, toSeconds } from './time.ts';

export function parsePlanRequest(body: unknown): Result<PlanRequest, ValidationIssue[]> {
  const parsed = PlanRequest.safeParse(body, { reportInput: true });
  if (parsed.success) {
    const problems = checkConsistency(parsed.data);
    return problems.length > 0 ? err(problems) : ok(parsed.data);
  }
  // Report cross-field problems too, on the parts that are well formed, so one round trip shows
  // every bad field; checks that would need a malformed part are skipped, never guessed.
  const partial = wellFormedParts(body);
  const problems = partial ? checkConsistency(partial.request, partial.complete) : [];
  return err(dedupe([...zodIssues(parsed.error), ...problems]));
}

/**
 * The request with every malformed depot, vehicle and order left out (indices kept in `at`),
 * or null when even the top level is unusable.
 */
function wellFormedParts(body: unknown): { request: PlanRequest; complete: Completeness } | null {
  if (typeof body !== 'object' || body === null) return null;
  const raw = body as Record<string, unknown>;
  const list = <T>(value: unknown, schema: z.ZodType<T>): { items: T[]; at: number[]; all: boolean } => {
    const items: T[] = [];
    const at: number[] = [];
    const arr = Array.isArray(value) ? value : [];
    arr.forEach((x, i) => {
      const r = schema.safeParse(x);
      if (r.success) {
        items.push(r.data);
        at.push(i);
      }
    });
    return { items, at, all: Array.isArray(value) && items.length === arr.length };
  };
  const depots = list(raw.depots, Depot);
  const vehicles = list(raw.vehicles, Vehicle);
  const orders = list(raw.orders, Order);
  const base = z
    .strictObject({ routes: z.array(BaselineRoute) })
    .optional()
    .safeParse(raw.baseline);
  const request = {
    date: typeof raw.date === 'string' ? raw.date : '2000-01-01',
    timezone: typeof raw.timezone === 'string' ? raw.timezone : 'UTC',
    depots: depots.items,
    vehicles: vehicles.items,
    orders: orders.items,
    baseline: base.success ? base.data : undefined,
  } as unknown as PlanRequest;
  return {
    request,
    complete: {
      depots: depots.all,
      vehicles: vehicles.all,
      orders: orders.all,
      at: { depots: depots.at, vehicles: vehicles.at, orders: orders.at },
      rawDepotIds: idsOf(raw.depots),
      rawVehicleIds: idsOf(raw.vehicles),
      rawOrderIds: idsOf(raw.orders),
    },
  };
}

function idsOf(value: unknown): Set<string> {
  const out = new Set<string>();
  if (Array.isArray(value)) for (const x of value) if (typeof x?.id === 'string') out.add(x.id.trim());
  return out;
}

function dedupe(list: ValidationIssue[]): ValidationIssue[] {
  const seen = new Set<string>();
  return list.filter((i) => {
    const key = `${i.pointer}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Which parts of the body were complete; indices of the kept items in the original arrays. */
interface Completeness {
  readonly depots: boolean;
  readonly vehicles: boolean;
  readonly orders: boolean;
  readonly at: { depots: number[]; vehicles: number[]; orders: number[] };
  readonly rawDepotIds: Set<string>;
  readonly rawVehicleIds: Set<string>;
  readonly rawOrderIds: Set<string>;
}

export function zodIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((i) => issue(i.path as PathSegment[], describeZodIssue(i)));
}

function describeZodIssue(i: z.core.$ZodIssue): string {
  if (i.code === 'invalid_type' && i.input === undefined) return `required (${i.expected})`;
  if (i.code === 'unrecognized_keys') return `unknown field(s): ${i.keys.join(', ')}`;
  return i.message;
}

/**
 * Cross-field checks. With `complete` (a body whose shape failed), only the well-formed items are
 * checked, paths use their original indices, and checks that need a malformed part are skipped.
 */
export function checkConsistency(req: PlanRequest, complete?: Completeness): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const at = {
    depots: (i: number) => complete?.at.depots[i] ?? i,
    vehicles: (i: number) => complete?.at.vehicles[i] ?? i,
    orders: (i: number) => complete?.at.orders[i] ?? i,
  };
  if (!complete) {
    if (!isPlanDate(req.date)) out.push(issue(['date'], `${req.date} is not a calendar date`));
    if (!isTimeZone(req.timezone)) out.push(issue(['timezone'], `unknown IANA timezone "${req.timezone}"`));
  }
  duplicates(req.depots, 'depots', at.depots, out);
  duplicates(req.vehicles, 'vehicles', at.vehicles, out);
  duplicates(req.orders, 'orders', at.orders, out);
  duplicateDrivers(req.vehicles, at.vehicles, out);

  const depotIds = complete ? complete.rawDepotIds : new Set(req.depots.map((d) => d.id));
  req.depots.forEach((d, i) => checkWindow(d.openingHours, ['depots', at.depots(i), 'openingHours'], out));
  req.vehicles.forEach((v, i) => checkVehicle(v, at.vehicles(i), depotIds, out));
  req.orders.forEach((o, i) => {
    o.timeWindows?.forEach((w, k) => checkWindow(w, ['orders', at.orders(i), 'timeWindows', k], out));
    if (o.optional && o.penalty === undefined) {
      out.push(
        issue(['orders', at.orders(i), 'penalty'], 'an optional order needs a penalty: the cost of leaving it out'),
      );
    }
  });
  // Capacity checks need the whole fleet: a malformed vehicle might be the one that fits.
  if (!complete || complete.vehicles) checkDemands(req, at.orders, out);
  if (!complete || (complete.vehicles && complete.orders)) checkBaseline(req, out);
  req.vehicles.forEach((v, i) => checkConsumption(v, at.vehicles(i), out));
  if (!complete) checkEmissions(req, out);
  return out;
}

function duplicates(
  items: readonly { id: string }[],
  field: string,
  index: (i: number) => number,
  out: ValidationIssue[],
): void {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const seen = first.get(item.id);
    if (seen === undefined) first.set(item.id, index(i));
    else out.push(issue([field, index(i), 'id'], `duplicate id "${item.id}" (also ${field}[${seen}])`));
  });
}

function duplicateDrivers(vehicles: readonly VehicleSpec[], index: (i: number) => number, out: ValidationIssue[]) {
  const first = new Map<string, number>();
  vehicles.forEach((v, i) => {
    if (v.driverId === undefined) return;
    const seen = first.get(v.driverId);
    if (seen === undefined) first.set(v.driverId, index(i));
    else out.push(issue(['vehicles', index(i), 'driverId'], `driver "${v.driverId}" already drives vehicles[${seen}]`));
  });
}

function checkWindow(
  w: { start: string | number; end: string | number } | undefined,
  path: PathSegment[],
  out: ValidationIssue[],
): void {
  if (!w) return;
  const start = toSeconds(w.start);
  const end = toSeconds(w.end);
  if (end < start) out.push(issue([...path, 'end'], `window ends (${w.end}) before it starts (${w.start})`));
}

function checkVehicle(v: VehicleSpec, i: number, depotIds: Set<string>, out: ValidationIssue[]): void {
  const at = (...p: PathSegment[]) => ['vehicles', i, ...p];
  if (!depotIds.has(v.startDepot)) out.push(issue(at('startDepot'), `unknown depot "${v.startDepot}"`));
  if (v.endDepot && !depotIds.has(v.endDepot)) out.push(issue(at('endDepot'), `unknown depot "${v.endDepot}"`));
  checkWindow(v.shift, at('shift'), out);
  const e = v.energy;
  const given = e.consumptionEmpty !== undefined && e.consumptionFull !== undefined;
  if (given && e.consumptionFull! < e.consumptionEmpty!) {
    out.push(issue(at('energy', 'consumptionFull'), 'consumption when full is below consumption when empty'));
  }
  if ((e.consumptionEmpty === undefined) !== (e.consumptionFull === undefined)) {
    const missing = e.consumptionEmpty === undefined ? 'consumptionEmpty' : 'consumptionFull';
    out.push(issue(at('energy', missing), 'give both consumptionEmpty and consumptionFull, or neither'));
  }
  const electricClass = e.vehicleClass === 'evan_n1';
  if (!given && (e.carrier === 'electric') !== electricClass) {
    out.push(
      issue(
        at('energy', 'carrier'),
        `carrier "${e.carrier}" does not match class "${e.vehicleClass}": class defaults exist only for ` +
          'electric evan_n1 and combustion classes; give consumptionEmpty/consumptionFull for this vehicle',
      ),
    );
  }
  const loadDim = e.loadDimension;
  if (loadDim !== undefined && !(loadDim in v.capacity)) {
    out.push(issue(at('energy', 'loadDimension'), `"${loadDim}" is not one of this vehicle's capacity dimensions`));
  }
}

/** Every demand must fit, dimension by dimension and all together, in at least one vehicle. */
function checkDemands(req: PlanRequest, index: (i: number) => number, out: ValidationIssue[]): void {
  const largest = new Map<string, { value: number; vehicle: string }>();
  for (const v of req.vehicles) {
    for (const [dim, value] of Object.entries(v.capacity)) {
      const best = largest.get(dim);
      if (!best || value > best.value) largest.set(dim, { value, vehicle: v.id });
    }
  }
  req.orders.forEach((o, i) => {
    const at = (...p: PathSegment[]) => ['orders', index(i), ...p];
    let dimProblem = false;
    for (const [dim, amount] of Object.entries(o.demand)) {
      if (amount === 0) continue;
      const best = largest.get(dim);
      if (!best) {
        out.push(issue(at('demand', dim), `no vehicle has a "${dim}" capacity`));
        dimProblem = true;
      } else if (amount > best.value) {
        out.push(
          issue(
            at('demand', dim),
            `${amount} ${dim} is more than any vehicle carries (largest: ${best.value} ${dim}, ${best.vehicle})`,
          ),
        );
        dimProblem = true;
      }
    }
    if (!dimProblem && !req.vehicles.some((v) => fits(o.demand, v.capacity))) {
      out.push(issue(at('demand'), 'no single vehicle can carry all dimensions of this demand together'));
    }
  });
}

function fits(demand: Record<string, number>, capacity: Record<string, number>): boolean {
  return Object.entries(demand).every(([dim, amount]) => amount <= (capacity[dim] ?? 0));
}

function checkBaseline(req: PlanRequest, out: ValidationIssue[]): void {
  if (!req.baseline) return;
  const vehicles = new Set(req.vehicles.map((v) => v.id));
  const orders = new Set(req.orders.map((o) => o.id));
  const usedVehicles = new Set<string>();
  const placed = new Set<string>();
  req.baseline.routes.forEach((r, i) => {
    const at = (...p: PathSegment[]) => ['baseline', 'routes', i, ...p];
    if (!vehicles.has(r.vehicleId)) out.push(issue(at('vehicleId'), `unknown vehicle "${r.vehicleId}"`));
    else if (usedVehicles.has(r.vehicleId)) out.push(issue(at('vehicleId'), `vehicle "${r.vehicleId}" has two routes`));
    usedVehicles.add(r.vehicleId);
    r.orderIds.forEach((oid, k) => {
      if (!orders.has(oid)) out.push(issue(at('orderIds', k), `unknown order "${oid}"`));
      else if (placed.has(oid)) out.push(issue(at('orderIds', k), `order "${oid}" appears twice in the baseline`));
      placed.add(oid);
    });
  });
}

/**
 * The ledger's class defaults (src/ledger/factors.ts, doc §1.4) are diesel litres and e-van kWh
 * (HVO from diesel by energy content); other carriers need the vehicle's own consumption.
 */
function checkConsumption(v: VehicleSpec, i: number, out: ValidationIssue[]): void {
  const e = v.energy;
  if (e.consumptionEmpty !== undefined || e.consumptionFull !== undefined) return;
  if (e.carrier === 'diesel' || e.carrier === 'hvo100' || e.carrier === 'electric') return;
  const unit = e.carrier === 'cng' || e.carrier === 'bio_cng' ? 'kg' : 'L';
  out.push(
    issue(
      ['vehicles', i, 'energy', 'consumptionEmpty'],
      `no documented ${e.carrier} consumption for class "${e.vehicleClass}": give consumptionEmpty and ` +
        `consumptionFull in ${unit}/100 km`,
    ),
  );
}

/** Emission overrides that name vehicles or dimensions must name ones the request has. */
function checkEmissions(req: PlanRequest, out: ValidationIssue[]): void {
  const e = req.emissions;
  if (!e) return;
  const vehicles = new Set(req.vehicles.map((v) => v.id));
  for (const id of Object.keys(e.vehicles ?? {})) {
    if (!vehicles.has(id)) out.push(issue(['emissions', 'vehicles', id], `unknown vehicle "${id}"`));
  }
  const dim = e.allocation?.dimension;
  if (dim !== undefined && !req.orders.some((o) => dim in o.demand)) {
    out.push(issue(['emissions', 'allocation', 'dimension'], `no order has a "${dim}" demand`));
  }
}
