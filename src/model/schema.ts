/**
 * The plan request: one zod schema that the API, the CLI and /openapi.json all use.
 *
 * Shape checks live here; checks that need the whole request (duplicate ids, unknown depots,
 * demands no vehicle can carry) live in validate.ts and report JSON paths the same way.
 */
import { z } from 'zod';
import { ZoneGeometry } from '../zones/geojson.ts';
import { parseClock } from './time.ts';

/** Limits that keep one request within what a worker can hold and solve in ten minutes. */
export const LIMITS = {
  orders: 5000,
  vehicles: 500,
  depots: 50,
  dimensions: 8,
  windowsPerOrder: 8,
  skills: 32,
  idLength: 128,
  noteLength: 2000,
  /** Hard compute cap for any solve, seconds. */
  capSeconds: 600,
} as const;

const id = z.string().trim().min(1).max(LIMITS.idLength);
const finite = z.number().finite();
const nonNegative = finite.nonnegative();

export const ClockTime = z
  .union([
    z.string().refine((s) => parseClock(s) !== null, { message: 'expected a clock time "HH:MM" or "HH:MM:SS"' }),
    finite.min(0).max(48 * 3600),
  ])
  .describe('Local clock time on the plan date ("07:30") or seconds from local midnight');

export const Window = z
  .object({ start: ClockTime, end: ClockTime })
  .describe('A time window; service must start between start and end');

export const Location = z
  .object({
    lat: finite.min(-90).max(90),
    lon: finite.min(-180).max(180),
  })
  .describe('WGS84 coordinates in decimal degrees');

/** Quantities by named dimension, e.g. {"kg": 1200, "m3": 10}. */
export const Quantities = z
  .record(
    z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, 'dimension names are letters, digits and _'),
    nonNegative.max(1e9),
  )
  .refine((q) => Object.keys(q).length <= LIMITS.dimensions, { message: `at most ${LIMITS.dimensions} dimensions` });

export const Depot = z.strictObject({
  id,
  name: z.string().max(200).optional(),
  location: Location,
  openingHours: Window.optional().describe('When the depot is open; vehicles leave and return inside it'),
});

export const FUEL_CARRIERS = ['diesel', 'petrol', 'cng', 'bio_cng', 'hvo100', 'lpg', 'electric'] as const;
export const VEHICLE_CLASSES = ['van_n1', 'evan_n1', 'rigid_7_5t', 'rigid_12t', 'rigid_19t', 'artic_40t'] as const;
export const CRIT_AIR = ['E', '1', '2', '3', '4', '5', 'NC'] as const;

export const Energy = z
  .object({
    carrier: z.enum(FUEL_CARRIERS),
    vehicleClass: z.enum(VEHICLE_CLASSES),
    /** Consumption per 100 km when empty / when full (L, kWh or kg per 100 km by carrier). */
    consumptionEmpty: finite.positive().max(1000).optional(),
    consumptionFull: finite.positive().max(1000).optional(),
    /** Capacity dimension whose load drives consumption (default "kg" when the vehicle has it). */
    loadDimension: z.string().optional(),
    refrigerated: z.boolean().optional(),
  })
  .describe('Energy model of the vehicle; missing consumptions come from the class defaults');

/** A Euro emission norm: "Euro 6", "Euro VI", "Euro 6d-TEMP", "EEV" or "ZEV". */
export const EuroNorm = z
  .string()
  .regex(
    /^(Euro ?([0-6]|I{1,3}|IV|VI?)[A-Za-z-]*|EEV|ZEV)$/i,
    'expected a Euro norm such as "Euro 6", "Euro VI" or "ZEV"',
  );

export const EmissionClass = z
  .object({
    euro: EuroNorm.optional(),
    critAir: z.enum(CRIT_AIR).optional(),
  })
  .describe("Euro norm and/or French Crit'Air sticker (E = electric)");

// ---- Low-emission zones (issue 5): geometry checks in src/zones/geojson.ts, rules in src/zones/emission.ts ----

export const EmissionRule = z
  .strictObject({
    critAir: z
      .array(z.enum(CRIT_AIR))
      .min(1)
      .max(CRIT_AIR.length)
      .optional()
      .describe('Crit\'Air stickers allowed in, e.g. ["E", "1"]'),
    minEuro: EuroNorm.optional().describe('Oldest Euro norm allowed in, e.g. "Euro 6" or "Euro VI"'),
    vehicleClasses: z
      .array(z.enum(VEHICLE_CLASSES))
      .min(1)
      .max(VEHICLE_CLASSES.length)
      .optional()
      .describe('Only these vehicle classes may enter'),
  })
  .refine((r) => r.critAir !== undefined || r.minEuro !== undefined || r.vehicleClasses !== undefined, {
    message: 'give at least one of critAir, minEuro, vehicleClasses',
  })
  .describe('Who may drive in a zone: a vehicle must meet every condition given');

export const Zone = z
  .strictObject({
    id,
    name: z.string().max(200).optional(),
    geometry: ZoneGeometry,
    allowed: EmissionRule,
    allowedByClass: z
      .partialRecord(z.enum(VEHICLE_CLASSES), EmissionRule)
      .optional()
      .describe('Rules replacing `allowed` for some vehicle classes (e.g. stricter for trucks)'),
  })
  .describe(
    'A low-emission zone (ZFE): orders inside it go only to vehicles it allows; legs through it are checked on road geometry',
  );

const Zones = z
  .array(Zone)
  .max(100)
  .superRefine((zones, ctx) => {
    const first = new Map<string, number>();
    zones.forEach((zone, i) => {
      const seen = first.get(zone.id);
      if (seen === undefined) first.set(zone.id, i);
      else
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate id "${zone.id}" (also zones[${seen}])` });
    });
  });

export const Vehicle = z.strictObject({
  id,
  driverId: id.optional(),
  startDepot: id,
  /** End depot id; null for an open end (the route stops at its last delivery). Default: startDepot. */
  endDepot: id.nullable().optional(),
  capacity: Quantities.describe('Capacity per dimension; a dimension not listed is capacity 0'),
  shift: Window.optional(),
  costs: z
    .object({
      fixed: nonNegative.max(1e6).default(0),
      perKm: nonNegative.max(1e4).default(0),
      perHour: nonNegative.max(1e5).default(0),
    })
    .optional(),
  energy: Energy,
  emissionClass: EmissionClass.optional(),
  maxStops: z.int().min(1).max(LIMITS.orders).optional(),
  maxDistanceKm: finite.positive().max(5000).optional(),
  maxDurationMinutes: finite
    .positive()
    .max(48 * 60)
    .optional(),
  skills: z.array(id).max(LIMITS.skills).optional(),
  /** Average speed override in km/h for great-circle durations. */
  averageSpeedKmh: finite.min(5).max(130).optional(),
});

export const Order = z.strictObject({
  id,
  customerId: id.describe('Stable customer id across days; learned constraints attach to it'),
  name: z.string().max(200).optional(),
  address: z.string().max(500).optional(),
  location: Location,
  demand: Quantities,
  serviceMinutes: nonNegative.max(24 * 60).default(0),
  timeWindows: z.array(Window).min(1).max(LIMITS.windowsPerOrder).optional(),
  skills: z.array(id).max(LIMITS.skills).optional(),
  /** Higher is more important: decides which orders stay unassigned first when the fleet is short. */
  priority: z.int().min(0).max(10).default(0),
  /** Optional orders may be left out when serving them costs more than `penalty`. */
  optional: z.boolean().default(false),
  penalty: nonNegative.max(1e9).optional().describe('Cost of leaving an optional order out, in objective units'),
});

export const OBJECTIVES = ['cost', 'distance', 'duration', 'co2'] as const;

export const SolveSettings = z.strictObject({
  timeLimitSeconds: finite.positive().max(LIMITS.capSeconds).default(30),
  seed: z
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(1),
  /** Stop when compute would emit more CO2e than the search still saves (see README). */
  frugalStop: z.boolean().default(true),
  /** Use the set-partitioning LP over the route pool. */
  lp: z.boolean().default(true),
});

export const BaselineRoute = z.strictObject({
  vehicleId: id,
  orderIds: z.array(id).max(LIMITS.orders),
});

// ---- Emission settings (issue 3): overrides of the documented defaults in src/ledger/factors.ts ----

/** Emission-factor sets the ledger knows (src/ledger/factors.ts has their values and sources). */
export const FACTOR_SET_IDS = ['fr-arrete-2017', 'ademe-base-carbone-2025'] as const;
/** Electricity grid regions with a documented intensity (src/ledger/factors.ts). */
export const GRID_REGION_IDS = [
  'FR',
  'FR-arrete-2017',
  'DE',
  'DE-UBA-2023',
  'DE-UBA-2024',
  'EU27',
  'EU-arrete-2017',
  'US',
  'WORLD',
  'WORLD-IEA-2019',
] as const;
export const COMBUSTION_CARRIERS = ['diesel', 'petrol', 'cng', 'bio_cng', 'hvo100', 'lpg'] as const;
export const COMPUTE_METHODS = ['green-algorithms', 'ccf'] as const;
export const CLOUD_PROVIDERS = ['aws', 'gcp', 'azure'] as const;

const kgPerUnit = finite.min(0).max(100);
const gPerKWh = finite.min(0).max(2000);

const CarrierFactorOverride = z.strictObject({
  /** Tank-to-wheel kg CO2e per L (kg for CNG). */
  ttwKgPerUnit: kgPerUnit.optional(),
  /** Well-to-wheel kg CO2e per L (kg for CNG). */
  wtwKgPerUnit: kgPerUnit.optional(),
});

const VehicleEmissionOverride = z.strictObject({
  ttwKgPerUnit: kgPerUnit.optional(),
  wtwKgPerUnit: kgPerUnit.optional(),
  /** Where this (electric) vehicle charges, when not where the rest of the fleet does. */
  gridRegion: z.enum(GRID_REGION_IDS).optional(),
  gridIntensity: gPerKWh.optional(),
  chargingEfficiency: finite.gt(0).max(1).optional(),
});

export const EmissionSettings = z
  .strictObject({
    /** One factor set per report; its name and year are printed in the ledger. */
    factorSet: z.enum(FACTOR_SET_IDS).optional(),
    /** Per-carrier factor overrides (e.g. a supplier's HVO Proof of Sustainability). */
    fuels: z.partialRecord(z.enum(COMBUSTION_CARRIERS), CarrierFactorOverride).optional(),
    /** Grid the electric vehicles charge from (default: the factor set's). */
    gridRegion: z.enum(GRID_REGION_IDS).optional(),
    /** g CO2e per kWh drawn from the grid; overrides gridRegion. */
    gridIntensity: gPerKWh.optional(),
    /** kWh at the battery per kWh drawn from the grid (default 1: no documented loss figure). */
    chargingEfficiency: finite.gt(0).max(1).optional(),
    /** Consumption multiplier of refrigerated vehicles (default +19 %, UK reefer factors). */
    refrigerationUplift: finite.min(1).max(3).optional(),
    /** Overrides for single vehicles, by vehicle id. */
    vehicles: z
      .record(id, VehicleEmissionOverride)
      .refine((v) => Object.keys(v).length <= LIMITS.vehicles, { message: `at most ${LIMITS.vehicles} vehicles` })
      .optional(),
    /** ISO 14083 allocation to orders: the one quantity used (default "kg" when orders have it). */
    allocation: z.strictObject({ dimension: z.string().max(32).optional() }).optional(),
    /** Compute footprint of the solve. */
    compute: z
      .strictObject({
        method: z.enum(COMPUTE_METHODS).optional(),
        /** Grid where the solve runs (default: world 475 g/kWh). */
        region: z.enum(GRID_REGION_IDS).optional(),
        gridIntensity: gPerKWh.optional(),
        pue: finite.min(1).max(3).optional(),
        wattsPerCore: finite.gt(0).max(1000).optional(),
        wattsPerGB: finite.min(0).max(10).optional(),
        /** Memory allocated to the solve, GB (default: the solve thread's heap limit). */
        memoryGB: finite.gt(0).max(4096).optional(),
        /** Cloud provider, for the Cloud Carbon Footprint method. */
        provider: z.enum(CLOUD_PROVIDERS).optional(),
        /** Solves that produced this plan (Green Algorithms PSF), default 1. */
        runs: z.int().min(1).max(10000).optional(),
        /** vCPUs reserved by the solve (CCF vCPU-hours, embodied share), default 1: one solve thread. */
        vcpus: finite.gt(0).max(10000).optional(),
        /** Embodied emissions of the host (SCI), on by default with the doc's example server. */
        embodied: z
          .strictObject({
            enabled: z.boolean().optional(),
            hostKg: finite.min(0).max(100000).optional(),
            hostVcpus: z.int().min(1).max(10000).optional(),
            lifetimeYears: finite.gt(0).max(50).optional(),
          })
          .optional(),
      })
      .optional(),
    /** The frugal stop's rule (see src/ledger/frugal.ts). */
    frugal: z
      .strictObject({
        safetyFactor: finite.min(0).max(1e6).optional(),
        minSeconds: finite.min(0).max(LIMITS.capSeconds).optional(),
        windowSeconds: finite.gt(0).max(LIMITS.capSeconds).optional(),
        windowFraction: finite.min(0).max(1).optional(),
      })
      .optional(),
  })
  .describe('Overrides of the documented emission defaults; every value has a default (see src/ledger/factors.ts)');

export const PlanRequest = z.strictObject({
  /** Plan date (local), YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'),
  timezone: z.string().min(1).max(64).default('Europe/Paris'),
  name: z.string().max(200).optional(),
  objective: z.enum(OBJECTIVES).default('cost'),
  settings: SolveSettings.default({ timeLimitSeconds: 30, seed: 1, frugalStop: true, lp: true }),
  depots: z.array(Depot).min(1).max(LIMITS.depots),
  vehicles: z.array(Vehicle).min(1).max(LIMITS.vehicles),
  orders: z.array(Order).min(1).max(LIMITS.orders),
  /** The planner's own routes for the same day, used as the labelled baseline of the ledger. */
  baseline: z.strictObject({ routes: z.array(BaselineRoute).max(LIMITS.vehicles) }).optional(),
  /** Overrides of the documented emission defaults (src/ledger/factors.ts). */
  emissions: EmissionSettings.optional(),
  /** Low-emission zones (GeoJSON), see the zones section of the README. */
  zones: Zones.optional(),
});

export type PlanRequestInput = z.input<typeof PlanRequest>;
export type PlanRequest = z.output<typeof PlanRequest>;
export type DepotSpec = z.output<typeof Depot>;
export type VehicleSpec = z.output<typeof Vehicle>;
export type OrderSpec = z.output<typeof Order>;
export type Objective = (typeof OBJECTIVES)[number];
export type FuelCarrier = (typeof FUEL_CARRIERS)[number];
export type VehicleClass = (typeof VEHICLE_CLASSES)[number];
export type ZoneSpec = z.output<typeof Zone>;
export type EmissionRule = z.output<typeof EmissionRule>;
export type EmissionSettings = z.output<typeof EmissionSettings>;
export type FactorSetId = (typeof FACTOR_SET_IDS)[number];
export type GridRegion = (typeof GRID_REGION_IDS)[number];
export type CombustionCarrier = (typeof COMBUSTION_CARRIERS)[number];
export type ComputeMethod = (typeof COMPUTE_METHODS)[number];
export type CloudProvider = (typeof CLOUD_PROVIDERS)[number];
