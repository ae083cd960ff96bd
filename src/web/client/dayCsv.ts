/**
 * A day's orders and a fleet's vehicles as CSV, and back. One row per order (or vehicle); the
 * column names are the request's field names, so what a planner types in a spreadsheet is what
 * the API receives (POST /v1/plans, see /openapi.json). Columns may come in any order, names are
 * case-insensitive, empty cells mean "not given" (the API's default applies).
 *
 * Orders: one row → orders[i]
 *   id                      → id (required)
 *   customerId              → customerId (the same customer across days: learned constraints
 *                             attach to it); empty → the order id
 *   name, address           → name, address
 *   lat, lon                → location.lat, location.lon (required, WGS84 decimal degrees)
 *   kg, m3, pallets         → demand.kg, demand.m3, demand.pallets; any column demand.<name>
 *                             → demand.<name>
 *   serviceMinutes          → serviceMinutes (default 0)
 *   window1Start/End        → timeWindows[0] ("HH:MM", local time of the plan date)
 *   window2Start/End        → timeWindows[1]; no window at all = any time in the shift
 *   skills                  → skills, several separated by "|" (e.g. tail_lift|cold)
 *   priority                → priority (0–10)
 *   optional                → optional (yes/no, true/false, 1/0)
 *   penalty                 → penalty (cost of leaving an optional order out)
 *
 * Vehicles (the fleet): one row → vehicles[i]; depots come from the fleet editor or a fleet JSON
 *   id, driverId, startDepot → id, driverId, startDepot (id and startDepot required)
 *   endDepot                → endDepot: empty = back to startDepot, "none" = open end
 *   kg, m3, pallets         → capacity.kg, capacity.m3, capacity.pallets (capacity.<name> too)
 *   shiftStart, shiftEnd    → shift.start, shift.end
 *   fixedCost, costPerKm, costPerHour → costs.fixed, costs.perKm, costs.perHour
 *   carrier, vehicleClass   → energy.carrier, energy.vehicleClass (required; e.g. diesel, van_n1)
 *   consumptionEmpty/Full   → energy.consumptionEmpty, energy.consumptionFull (per 100 km)
 *   refrigerated            → energy.refrigerated
 *   euro, critAir           → emissionClass.euro, emissionClass.critAir
 *   maxStops, maxDistanceKm, maxDurationMinutes, averageSpeedKmh → same names
 *   skills                  → skills ("|"-separated)
 */
import type { OrderSpec, PlanRequestInput, VehicleSpec } from '../../model/schema.ts';
import { parseCsv, toCsv } from './csv.ts';

type OrderInput = PlanRequestInput['orders'][number];
type VehicleInput = PlanRequestInput['vehicles'][number];

export interface CsvProblem {
  /** Line of the file (1 = header), null for the whole file. */
  readonly line: number | null;
  readonly column: string | null;
  readonly message: string;
}

export interface CsvRead<T> {
  readonly items: T[];
  /** Lines that could not be read: nothing is submitted while there are any. */
  readonly errors: CsvProblem[];
  /** Columns that are not part of the mapping (ignored). */
  readonly ignored: string[];
  /** Line of the file each item came from. */
  readonly lines: number[];
}

/** What each orders column becomes in the request, for people (the page shows it). */
export const ORDER_MAPPING: readonly (readonly [string, string])[] = [
  ['id (required)', 'orders[i].id'],
  ['customerId', 'customerId (empty: the order id)'],
  ['name, address', 'name, address'],
  ['lat, lon (required)', 'location.lat, location.lon'],
  ['kg, m3, pallets, demand.<name>', 'demand.kg, demand.m3, demand.pallets, demand.<name>'],
  ['serviceMinutes', 'serviceMinutes (default 0)'],
  ['window1Start, window1End', 'timeWindows[0] (HH:MM)'],
  ['window2Start, window2End', 'timeWindows[1]'],
  ['skills', 'skills, separated by |'],
  ['priority', 'priority (0–10)'],
  ['optional', 'optional (yes/no)'],
  ['penalty', 'penalty'],
];

export const ORDER_COLUMNS = [
  'id',
  'customerId',
  'name',
  'address',
  'lat',
  'lon',
  'kg',
  'm3',
  'pallets',
  'serviceMinutes',
  'window1Start',
  'window1End',
  'window2Start',
  'window2End',
  'skills',
  'priority',
  'optional',
  'penalty',
] as const;

export const VEHICLE_COLUMNS = [
  'id',
  'driverId',
  'startDepot',
  'endDepot',
  'kg',
  'm3',
  'pallets',
  'shiftStart',
  'shiftEnd',
  'fixedCost',
  'costPerKm',
  'costPerHour',
  'carrier',
  'vehicleClass',
  'consumptionEmpty',
  'consumptionFull',
  'refrigerated',
  'euro',
  'critAir',
  'maxStops',
  'maxDistanceKm',
  'maxDurationMinutes',
  'averageSpeedKmh',
  'skills',
] as const;

const DIMENSIONS = ['kg', 'm3', 'pallets'] as const;

/** A CSV row with typed accessors that collect problems instead of throwing. */
class Row {
  constructor(
    private readonly cells: ReadonlyMap<string, string>,
    readonly line: number,
    private readonly decimalComma: boolean,
    private readonly errors: CsvProblem[],
  ) {}

  text(col: string): string | undefined {
    const v = this.cells.get(col.toLowerCase())?.trim();
    return v === undefined || v === '' ? undefined : v;
  }

  required(col: string): string {
    const v = this.text(col);
    if (v === undefined) this.fail(col, `${col} is empty`);
    return v ?? '';
  }

  number(col: string): number | undefined {
    const raw = this.text(col);
    if (raw === undefined) return undefined;
    const n = Number(this.decimalComma ? raw.replace(',', '.') : raw);
    if (!Number.isFinite(n)) {
      this.fail(col, `${col} "${raw}" is not a number`);
      return undefined;
    }
    return n;
  }

  requiredNumber(col: string): number {
    if (this.text(col) === undefined) {
      this.fail(col, `${col} is empty`);
      return 0;
    }
    return this.number(col) ?? 0;
  }

  bool(col: string): boolean | undefined {
    const raw = this.text(col)?.toLowerCase();
    if (raw === undefined) return undefined;
    if (['yes', 'true', '1', 'y', 'oui'].includes(raw)) return true;
    if (['no', 'false', '0', 'n', 'non'].includes(raw)) return false;
    this.fail(col, `${col} "${raw}" is not yes/no`);
    return undefined;
  }

  list(col: string): string[] | undefined {
    const raw = this.text(col);
    if (raw === undefined) return undefined;
    return raw
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  clock(col: string): string | undefined {
    const raw = this.text(col);
    if (raw === undefined) return undefined;
    const m = /^(\d{1,2})[:h](\d{2})(?::(\d{2}))?$/.exec(raw);
    if (!m) {
      this.fail(col, `${col} "${raw}" is not a time HH:MM`);
      return undefined;
    }
    return `${m[1]!.padStart(2, '0')}:${m[2]}${m[3] ? `:${m[3]}` : ''}`;
  }

  /** kg, m3, pallets and prefix.<name> columns → quantities. */
  quantities(prefix: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const d of DIMENSIONS) {
      const v = this.number(d);
      if (v !== undefined) out[d] = v;
    }
    for (const key of this.cells.keys()) {
      if (key.startsWith(`${prefix}.`)) {
        const v = this.number(key);
        if (v !== undefined) out[key.slice(prefix.length + 1)] = v;
      }
    }
    return out;
  }

  fail(column: string, message: string): void {
    this.errors.push({ line: this.line, column, message });
  }
}

function readRows<T>(
  text: string,
  known: readonly string[],
  prefix: string,
  required: readonly string[],
  build: (row: Row) => T,
): CsvRead<T> {
  const table = parseCsv(text);
  const errors: CsvProblem[] = [];
  const lower = table.header.map((h) => h.toLowerCase());
  const knownLower = new Set(known.map((k) => k.toLowerCase()));
  const ignored = table.header.filter((_h, i) => !knownLower.has(lower[i]!) && !lower[i]!.startsWith(`${prefix}.`));
  const missing = required.filter((c) => !lower.includes(c.toLowerCase()));
  if (missing.length > 0) {
    errors.push({
      line: 1,
      column: null,
      message: `missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`,
    });
    return { items: [], errors, ignored, lines: [] };
  }
  if (table.rows.length === 0) errors.push({ line: null, column: null, message: 'the file has no data rows' });
  const items: T[] = [];
  const lines: number[] = [];
  for (const r of table.rows) {
    if (r.cells.length > table.header.length && r.cells.slice(table.header.length).some((c) => c.trim() !== '')) {
      errors.push({
        line: r.line,
        column: null,
        message: `${r.cells.length} cells but ${table.header.length} columns`,
      });
      continue;
    }
    const cells = new Map(lower.map((h, i) => [h, r.cells[i] ?? '']));
    items.push(build(new Row(cells, r.line, table.separator === ';', errors)));
    lines.push(r.line);
  }
  return { items, errors, ignored, lines };
}

export function ordersFromCsv(text: string): CsvRead<OrderInput> {
  return readRows(text, ORDER_COLUMNS, 'demand', ['id', 'lat', 'lon'], (row) => {
    const id = row.required('id');
    const order: Record<string, unknown> = {
      id,
      customerId: row.text('customerId') ?? id,
      location: { lat: row.requiredNumber('lat'), lon: row.requiredNumber('lon') },
      demand: row.quantities('demand'),
    };
    setIf(order, 'name', row.text('name'));
    setIf(order, 'address', row.text('address'));
    setIf(order, 'serviceMinutes', row.number('serviceMinutes'));
    const windows = [1, 2].flatMap((k) => {
      const start = row.clock(`window${k}Start`);
      const end = row.clock(`window${k}End`);
      if (start === undefined && end === undefined) return [];
      if (start === undefined || end === undefined) {
        row.fail(`window${k}${start === undefined ? 'Start' : 'End'}`, `window ${k} needs both a start and an end`);
        return [];
      }
      return [{ start, end }];
    });
    if (windows.length > 0) order.timeWindows = windows;
    setIf(order, 'skills', row.list('skills'));
    setIf(order, 'priority', row.number('priority'));
    setIf(order, 'optional', row.bool('optional'));
    setIf(order, 'penalty', row.number('penalty'));
    return order as unknown as OrderInput;
  });
}

export function vehiclesFromCsv(text: string): CsvRead<VehicleInput> {
  return readRows(text, VEHICLE_COLUMNS, 'capacity', ['id', 'startDepot', 'carrier', 'vehicleClass'], (row) => {
    const v: Record<string, unknown> = { id: row.required('id'), startDepot: row.required('startDepot') };
    setIf(v, 'driverId', row.text('driverId'));
    const end = row.text('endDepot');
    if (end !== undefined) v.endDepot = end.toLowerCase() === 'none' ? null : end;
    v.capacity = row.quantities('capacity');
    const shiftStart = row.clock('shiftStart');
    const shiftEnd = row.clock('shiftEnd');
    if (shiftStart !== undefined || shiftEnd !== undefined) {
      if (shiftStart === undefined || shiftEnd === undefined)
        row.fail('shiftStart', 'a shift needs a start and an end');
      else v.shift = { start: shiftStart, end: shiftEnd };
    }
    const costs: Record<string, number> = {};
    setIf(costs, 'fixed', row.number('fixedCost'));
    setIf(costs, 'perKm', row.number('costPerKm'));
    setIf(costs, 'perHour', row.number('costPerHour'));
    if (Object.keys(costs).length > 0) v.costs = costs;
    const energy: Record<string, unknown> = {
      carrier: row.required('carrier'),
      vehicleClass: row.required('vehicleClass'),
    };
    setIf(energy, 'consumptionEmpty', row.number('consumptionEmpty'));
    setIf(energy, 'consumptionFull', row.number('consumptionFull'));
    setIf(energy, 'refrigerated', row.bool('refrigerated'));
    v.energy = energy;
    const emission: Record<string, string> = {};
    setIf(emission, 'euro', row.text('euro'));
    setIf(emission, 'critAir', row.text('critAir'));
    if (Object.keys(emission).length > 0) v.emissionClass = emission;
    for (const k of ['maxStops', 'maxDistanceKm', 'maxDurationMinutes', 'averageSpeedKmh'] as const) {
      setIf(v, k, row.number(k));
    }
    setIf(v, 'skills', row.list('skills'));
    return v as unknown as VehicleInput;
  });
}

function setIf(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}

const clockText = (t: string | number | undefined): string => {
  if (t === undefined) return '';
  if (typeof t === 'string') return t;
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
};

/** Orders → CSV in the mapping above (extra demand dimensions as demand.<name>). */
export function ordersToCsv(orders: readonly (OrderInput | OrderSpec)[]): string {
  const extra = [...new Set(orders.flatMap((o) => Object.keys(o.demand)))].filter(
    (d) => !(DIMENSIONS as readonly string[]).includes(d),
  );
  const header = [...ORDER_COLUMNS, ...extra.map((d) => `demand.${d}`)];
  const rows = orders.map((o) => {
    const w = o.timeWindows ?? [];
    return [
      o.id,
      o.customerId,
      o.name,
      o.address,
      o.location.lat,
      o.location.lon,
      o.demand.kg,
      o.demand.m3,
      o.demand.pallets,
      o.serviceMinutes,
      clockText(w[0]?.start),
      clockText(w[0]?.end),
      clockText(w[1]?.start),
      clockText(w[1]?.end),
      o.skills?.join('|'),
      o.priority,
      o.optional === undefined ? undefined : o.optional ? 'yes' : 'no',
      o.penalty,
      ...extra.map((d) => o.demand[d]),
    ];
  });
  return toCsv(header, rows);
}

/** Vehicles → CSV in the mapping above. */
export function vehiclesToCsv(vehicles: readonly (VehicleInput | VehicleSpec)[]): string {
  const extra = [...new Set(vehicles.flatMap((v) => Object.keys(v.capacity)))].filter(
    (d) => !(DIMENSIONS as readonly string[]).includes(d),
  );
  const header = [...VEHICLE_COLUMNS, ...extra.map((d) => `capacity.${d}`)];
  const rows = vehicles.map((v) => [
    v.id,
    v.driverId,
    v.startDepot,
    v.endDepot === null ? 'none' : v.endDepot,
    v.capacity.kg,
    v.capacity.m3,
    v.capacity.pallets,
    clockText(v.shift?.start),
    clockText(v.shift?.end),
    v.costs?.fixed,
    v.costs?.perKm,
    v.costs?.perHour,
    v.energy.carrier,
    v.energy.vehicleClass,
    v.energy.consumptionEmpty,
    v.energy.consumptionFull,
    v.energy.refrigerated === undefined ? undefined : v.energy.refrigerated ? 'yes' : 'no',
    v.emissionClass?.euro,
    v.emissionClass?.critAir,
    v.maxStops,
    v.maxDistanceKm,
    v.maxDurationMinutes,
    v.averageSpeedKmh,
    v.skills?.join('|'),
    ...extra.map((d) => v.capacity[d]),
  ]);
  return toCsv(header, rows);
}

/** The downloadable templates: the header and two example rows each. */
export function ordersTemplate(): string {
  return ordersToCsv([
    {
      id: 'O-1',
      customerId: 'C-17',
      name: 'Boulangerie Martin',
      address: '5 rue Marietton, Lyon',
      location: { lat: 45.72959, lon: 4.83111 },
      demand: { kg: 19.1, m3: 0.16 },
      serviceMinutes: 4,
      timeWindows: [
        { start: '07:00', end: '10:00' },
        { start: '14:00', end: '17:00' },
      ],
    },
    {
      id: 'O-2',
      customerId: 'C-42',
      name: 'Chantier Gerland',
      location: { lat: 45.7301, lon: 4.8338 },
      demand: { kg: 640, m3: 2.1, pallets: 2 },
      serviceMinutes: 15,
      timeWindows: [{ start: '08:00', end: '12:00' }],
      skills: ['tail_lift'],
      optional: true,
      penalty: 80,
    },
  ]);
}

export function vehiclesTemplate(): string {
  return vehiclesToCsv([
    {
      id: 'EV-1',
      driverId: 'driver-ev1',
      startDepot: 'corbas',
      capacity: { kg: 750, m3: 8 },
      shift: { start: '07:00', end: '16:30' },
      costs: { fixed: 45, perKm: 0.08, perHour: 26 },
      energy: { carrier: 'electric', vehicleClass: 'evan_n1' },
      emissionClass: { euro: 'ZEV', critAir: 'E' },
      maxStops: 30,
    },
    {
      id: 'TR-12',
      driverId: 'driver-tr12',
      startDepot: 'corbas',
      capacity: { kg: 5500, m3: 40, pallets: 12 },
      shift: { start: '06:00', end: '14:30' },
      costs: { fixed: 95, perKm: 0.48, perHour: 30 },
      energy: { carrier: 'diesel', vehicleClass: 'rigid_12t' },
      emissionClass: { euro: 'Euro VI', critAir: '2' },
      skills: ['tail_lift'],
    },
  ]);
}
