/**
 * The documented defaults of the green ledger, in one place, each value with its source beside it.
 * Reference: ../shared/docs/emissions-model.md (section numbers below are that document's); the
 * bracketed tags [n] are its source list, reproduced in SOURCES with their addresses.
 *
 * Kinds: `sourced` = a published number; `derived` = arithmetic on sourced numbers (the formula is
 * in the note); `assumption` = no retrieved source pins it down: configurable, calibrate it with
 * telematics. Every value here can be overridden per request (`emissions` in the plan request) and
 * the fuel factors and consumptions per vehicle.
 */
import type {
  CloudProvider,
  CombustionCarrier,
  FactorSetId,
  FuelCarrier,
  GridRegion,
  VehicleClass,
} from '../model/schema.ts';

export type { CloudProvider, FactorSetId, GridRegion };

export type ValueKind = 'sourced' | 'derived' | 'assumption';

export interface Sourced {
  readonly value: number;
  /** Source tags of emissions-model.md, e.g. "[6]"; "request" for a value the request gave. */
  readonly source: string;
  readonly kind: ValueKind;
  readonly note?: string;
}

const s = (value: number, source: string, note?: string): Sourced => ({ value, source, kind: 'sourced', note });
const d = (value: number, source: string, note: string): Sourced => ({ value, source, kind: 'derived', note });
const a = (value: number, source: string, note: string): Sourced => ({ value, source, kind: 'assumption', note });

/** The source list of emissions-model.md. */
export const SOURCES: Readonly<Record<string, string>> = {
  '[1]':
    'Xiao, Zhao, Kaku, Xu (2012), Computers & Operations Research 39(7):1419-1431, https://research.aston.ac.uk/en/publications/development-of-a-fuel-consumption-optimization-model-for-the-capa',
  '[2]': 'Bektaş & Laporte (2011), The Pollution-Routing Problem, Transportation Research Part B 45:1232-1250',
  '[3]':
    'UK DESNZ/DEFRA GHG conversion factors (delivery vehicles, fuels), https://www.gov.uk/government/collections/government-conversion-factors-for-company-reporting',
  '[4]':
    'ICCT / TU Graz (2017), https://theicct.org/publication/comparison-of-fuel-consumption-and-emissions-for-representative-hdvs-in-europe/',
  '[5]': 'Mercedes eSprinter TÜV run, Renault Kangoo Z.E.33, Ford E-Transit EPA range (Green Car Reports, Fleet World)',
  '[6]':
    'Arrêté du 26 avril 2017 (information GES des prestations de transport), https://www.legifrance.gouv.fr/jorf/article_jo/JORFARTI000034502756',
  '[7]':
    'ADEME Base Carbone, road freight (2025 update), https://prod-basecarbonesolo.ademe-dri.fr/documentation/UPLOAD_DOC_FR/routier.htm',
  '[8]':
    'Directive (EU) 2018/2001 (RED II), Annex V Part C and Annex III, https://eur-lex.europa.eu/eli/dir/2018/2001/oj',
  '[9]': 'ISO 14083:2023 and GLEC Framework v3.0, https://www.climatiq.io/docs/guides/understanding/freightv2-ISO14083',
  '[10]':
    'PTV Developer, emission allocation method, https://developer.myptv.com/en/documentation/routing-api/concepts/emission-allocation-method',
  '[11]': 'Ember / Our World in Data 2023, https://ourworldindata.org/grapher/carbon-intensity-electricity',
  '[12]':
    'EEA, GHG emission intensity of electricity generation, https://www.eea.europa.eu/en/analysis/indicators/greenhouse-gas-emission-intensity-of-1',
  '[13]': 'Umweltbundesamt, CO2-Emissionsfaktor des deutschen Strommix',
  '[14]': 'US EIA FAQ, https://www.eia.gov/tools/faqs/faq.php?id=74',
  '[15]': 'IEA Global Energy & CO2 Status Report 2019 (475 g/kWh)',
  '[16]':
    'Lannelongue, Grealey, Inouye (2021), Green Algorithms, Advanced Science 8:2100707, https://doi.org/10.1002/advs.202100707',
  '[17]': 'CodeCarbon methodology, https://github.com/mlco2/codecarbon',
  '[18]':
    'Cloud Carbon Footprint methodology, https://www.cloudcarbonfootprint.org/docs/methodology , https://www.cloudcarbonfootprint.org/docs/embodied-emissions',
  '[19]': 'Green Software Foundation, SCI (ISO/IEC 21031:2024), https://github.com/Green-Software-Foundation/sci',
  '[20]': 'Tailpipe (Boavizta method), https://tailpipe.ai/methodology/embodied-emissions-methodology-example',
  '[21]': 'Node.js API docs (process, worker_threads), https://nodejs.org/api/process.html',
};

// ---------------------------------------------------------------------------------------------
// 1. Vehicles (doc §1.4). Consumption per 100 km: litres of diesel, or kWh at the battery.
// ---------------------------------------------------------------------------------------------

/** Full/empty consumption ratio r (doc §1.3 CMEM sanity check at 54 km/h: 18.4 / 15.3 ≈ 1.20). */
export const FULL_EMPTY_RATIO = a(1.2, '[2]', 'CMEM full/empty ratio at constant speed (doc §1.3)');

export interface ClassDefaults {
  /** The carrier the class table is for; other carriers need their own consumption. */
  readonly carrier: 'diesel' | 'electric';
  readonly unit: 'L' | 'kWh';
  /** Consumption per 100 km, empty (ρ0) and full (ρ*). */
  readonly empty: Sourced;
  readonly full: Sourced;
  /** Class average (L0 model), per 100 km. */
  readonly average: Sourced;
}

const split = 'ρ0 = FC_avg / (1 + (r−1)/2), ρ* = r·ρ0 with r = 1.2 (doc §1.4 table, values as printed)';
const avg = (kgPerKm: number) => `UK ${kgPerKm} kg CO2e/km ÷ 2.51 kg/L (doc §1.4)`;

export const VEHICLE_CLASS_DEFAULTS: Readonly<Record<VehicleClass, ClassDefaults>> = {
  van_n1: {
    carrier: 'diesel',
    unit: 'L',
    average: d(10.8, '[3]', avg(0.2717)),
    empty: d(9.8, '[3]', split),
    full: d(11.8, '[3]', split),
  },
  rigid_7_5t: {
    carrier: 'diesel',
    unit: 'L',
    average: d(19.2, '[3]', avg(0.4825)),
    empty: d(17.5, '[3]', split),
    full: d(20.9, '[3]', split),
  },
  rigid_12t: {
    carrier: 'diesel',
    unit: 'L',
    average: d(23.5, '[3]', avg(0.5893)),
    empty: d(21.4, '[3]', split),
    full: d(25.6, '[3]', split),
  },
  rigid_19t: {
    carrier: 'diesel',
    unit: 'L',
    average: d(38.4, '[3]', `${avg(0.9643)}; upper bound: the UK > 17 t band is dominated by 26-32 t rigids`),
    empty: d(34.9, '[3]', split),
    full: d(41.9, '[3]', split),
  },
  artic_40t: {
    carrier: 'diesel',
    unit: 'L',
    average: d(36.8, '[3]', `${avg(0.9237)}; cross-check: typical EU tractor-trailer 32.6 L/100 km [4]`),
    empty: d(33.5, '[3]', split),
    full: d(40.1, '[3]', split),
  },
  evan_n1: {
    carrier: 'electric',
    unit: 'kWh',
    average: s(22, '[5]', 'battery-electric LCV, 21.9 kWh/100 km large van over 475 km (kWh at the battery)'),
    empty: a(20, '[5]', 'r = 1.2 around the 22 kWh/100 km default (doc §1.4)'),
    full: a(24, '[5]', 'r = 1.2 around the 22 kWh/100 km default (doc §1.4)'),
  },
};

/** Refrigeration unit uplift on consumption: UK reefer rigid 3.5-7.5 t 0.5744 vs 0.4825 kg/km (+19 %). */
export const REFRIGERATION_UPLIFT = d(0.5744 / 0.4825, '[3]', '0.5744 / 0.4825 kg CO2e/km, rigid 3.5-7.5 t reefer');

/**
 * HVO100 has less energy per litre than diesel: the same work needs 36/34 as many litres
 * (fossil diesel 36 MJ/L, HVO 34 MJ/L, RED II Annex III as quoted in doc §2.2).
 */
export const HVO_LITRES_PER_DIESEL_LITRE = d(36 / 34, '[8]', 'diesel 36 MJ/L ÷ HVO 34 MJ/L (doc §2.2)');

/**
 * Electricity drawn from the grid per kWh at the battery. The doc gives no charging-loss figure
 * (§1.4 asks to state the basis): 1 means the kWh above are charged as drawn from the grid.
 */
export const CHARGING_EFFICIENCY = a(1, 'none', 'no charging-loss source in the reference; set it per request');

// ---------------------------------------------------------------------------------------------
// 2. Emission factors (doc §2.2, §2.3). kg CO2e per unit of carrier (L, kg or kWh).
// ---------------------------------------------------------------------------------------------

export type CarrierUnit = 'L' | 'kg' | 'kWh';

export const CARRIER_UNIT: Readonly<Record<FuelCarrier, CarrierUnit>> = {
  diesel: 'L',
  petrol: 'L',
  hvo100: 'L',
  lpg: 'L',
  cng: 'kg',
  bio_cng: 'kg',
  electric: 'kWh',
};

export interface CarrierFactors {
  /** Tank-to-wheel (direct, scope 1), kg CO2e per unit. */
  readonly ttw: Sourced;
  /** Well-to-wheel (ISO 14083 headline), kg CO2e per unit. */
  readonly wtw: Sourced;
}

export interface GridIntensity {
  readonly gPerKWh: Sourced;
  readonly year: string;
  readonly basis: string;
}

const grid = (g: number, source: string, year: string, basis: string, note?: string): GridIntensity => ({
  gPerKWh: note ? d(g, source, note) : s(g, source),
  year,
  basis,
});

/** Location-based grid averages (doc §2.3). Never mix life-cycle and direct-only values in one comparison. */
export const GRID_INTENSITY: Readonly<Record<GridRegion, GridIntensity>> = {
  FR: grid(56, '[11]', '2023', 'life-cycle, generation (Ember via OWID)'),
  'FR-arrete-2017': grid(48, '[6]', 'fixed', 'WTW per kWh consumed, French legal value for transport GHG information'),
  DE: grid(381, '[11]', '2023', 'life-cycle, generation (Ember via OWID)'),
  'DE-UBA-2023': grid(380, '[13]', '2023', 'direct CO2, Strommix (UBA)'),
  'DE-UBA-2024': grid(363, '[13]', '2024 est.', 'direct CO2, Strommix (UBA)'),
  EU27: grid(214, '[12]', '2023', 'GHG, generation (EEA)', "58 % below 1990's 510 g/kWh"),
  'EU-arrete-2017': grid(420, '[6]', 'fixed', 'EU excluding France, French legal value for transport GHG information'),
  US: grid(367, '[14]', '2023', 'direct CO2, utility-scale generation (EIA, 0.81 lb/kWh)'),
  WORLD: grid(481, '[11]', '2023', 'power sector CO2, generation (Ember via Statista)'),
  'WORLD-IEA-2019': grid(475, '[15]', '2019', 'IEA; the Green Algorithms and CodeCarbon default'),
};

export interface FactorSet {
  readonly id: FactorSetId;
  readonly name: string;
  readonly year: number;
  readonly source: string;
  /** Combustion carriers; electricity comes from the grid region. */
  readonly fuels: Readonly<Record<CombustionCarrier, CarrierFactors>>;
  /** Grid region used for electric vehicles unless the request names another. */
  readonly defaultGridRegion: GridRegion;
}

/** Carriers that no set's primary source covers come from the other documented sources, tagged. */
const COMMON_FUELS = {
  cng: { ttw: s(2.56, '[3]', 'UK TTW'), wtw: s(2.96, '[7]', 'ADEME WTW') },
  bio_cng: { ttw: s(0, '[8]', 'biogenic CO2 counts zero in TTW (doc §2.1)'), wtw: s(0.61, '[7]', 'ADEME') },
  hvo100: {
    ttw: s(0, '[8]', 'biogenic CO2 counts zero in TTW (doc §2.1)'),
    wtw: d(0.48, '[8]', 'upper bound: ≥ 85 % saving vs 94 g/MJ × 34 MJ/L; use the batch Proof of Sustainability'),
  },
  lpg: {
    ttw: s(1.56, '[3]', 'DESNZ via EST'),
    wtw: a(
      1.56 * (2.79 / 2.26),
      '[3][6]',
      'no WTW source for LPG: TTW 1.56 × the petrol WTW/TTW ratio 2.79/2.26 of [6]; override it',
    ),
  },
} as const;

export const FACTOR_SETS: Readonly<Record<FactorSetId, FactorSet>> = {
  'fr-arrete-2017': {
    id: 'fr-arrete-2017',
    name: 'Arrêté du 26 avril 2017 (France, information GES des prestations de transport)',
    year: 2017,
    source: '[6]',
    fuels: {
      diesel: { ttw: s(2.51, '[6]'), wtw: s(3.17, '[6]', '0.66 upstream') },
      petrol: { ttw: s(2.26, '[6]', 'SP95/98'), wtw: s(2.79, '[6]', 'SP95/98, 0.53 upstream') },
      ...COMMON_FUELS,
    },
    defaultGridRegion: 'FR-arrete-2017',
  },
  'ademe-base-carbone-2025': {
    id: 'ademe-base-carbone-2025',
    name: 'ADEME Base Carbone (2025 update; diesel B7)',
    year: 2025,
    source: '[7]',
    fuels: {
      diesel: {
        ttw: s(2.51, '[3]', 'Base Carbone TTW not in the reference: UK/FR value'),
        wtw: s(3.1, '[7]', 'B7'),
      },
      petrol: {
        ttw: s(2.26, '[6]', 'Base Carbone petrol not in the reference: arrêté 2017 value'),
        wtw: s(2.79, '[6]', 'Base Carbone petrol not in the reference: arrêté 2017 value'),
      },
      ...COMMON_FUELS,
    },
    defaultGridRegion: 'EU27',
  },
};

export const DEFAULT_FACTOR_SET: FactorSetId = 'fr-arrete-2017';

// ---------------------------------------------------------------------------------------------
// 3. Compute footprint (doc §3.1, §3.2).
// ---------------------------------------------------------------------------------------------

export const GREEN_ALGORITHMS = {
  /** Power per busy core, "Any" CPU (TDP ÷ cores). */
  wattsPerCore: s(12, '[16]', 'Green Algorithms "Any" CPU'),
  /** Per GB of memory allocated (not used), over wall time. */
  wattsPerGB: s(0.3725, '[16]'),
  /** PUE of an unknown data centre (2024 Uptime survey, the tool's newer data). */
  pue: s(1.56, '[16]', 'unknown data centre; 1.67 in the 2019 survey; 1.0 for a laptop/desktop'),
  pue2019: s(1.67, '[16]', '2019 survey, used in doc §5.3'),
} as const;

/** Cloud Carbon Footprint per-vCPU min/max watts and PUE by provider (doc §3.1). */
export const CCF_PROVIDERS = {
  aws: { minW: s(0.74, '[18]'), maxW: s(3.5, '[18]'), pue: s(1.135, '[18]') },
  gcp: { minW: s(0.71, '[18]'), maxW: s(4.26, '[18]'), pue: s(1.1, '[18]') },
  azure: { minW: s(0.78, '[18]'), maxW: s(3.76, '[18]'), pue: s(1.185, '[18]') },
} as const satisfies Record<CloudProvider, unknown>;
export const CCF_WATTS_PER_GB = s(0.392, '[18]', 'mean of Crucial ~0.375 and Micron ~0.408 W/GB');

/** Embodied emissions, SCI M = TE · (TR/EL) · (RR/ToR) (doc §3.1). */
export const EMBODIED = {
  /** Manufacturing footprint of the example host: 64 vCPUs, 128 GB (Boavizta-based). */
  hostKg: s(763, '[20]'),
  hostVcpus: s(64, '[20]'),
  lifetimeYears: s(4, '[18]', 'CCF/Teads expected lifespan'),
} as const;

/** Where the solve runs, when the request does not say: the world average the tools default to. */
export const DEFAULT_COMPUTE_REGION: GridRegion = 'WORLD-IEA-2019';

export const SECONDS_PER_YEAR = 365.25 * 24 * 3600;

// ---------------------------------------------------------------------------------------------
// 4. Frugal stop (engine convention, documented in src/ledger/frugal.ts).
// ---------------------------------------------------------------------------------------------

export const FRUGAL_DEFAULTS = {
  /**
   * Keep searching only while the recent CO2e saving rate is above this many times what a
   * compute-second emits. 10 = an order of magnitude above the spread between the compute
   * estimators of doc §5.3 (GA vs CCF 4.6×, CodeCarbon vs GA 2.3×), so the stop still holds if the
   * footprint is underestimated that much, and it stops before diminishing returns cross over.
   */
  safetyFactor: a(10, 'engine', 'margin over the compute-estimator spread of doc §5.3'),
  /** No frugal stop before this many compute-seconds of search. */
  minSeconds: a(10, 'engine', 'let the construction and first local-search passes finish'),
  /** The rate is measured over max(windowSeconds, windowFraction × elapsed) of compute. */
  windowSeconds: a(5, 'engine', 'shortest plateau that counts'),
  windowFraction: a(
    0.5,
    'engine',
    'improvements get rarer as a search ages: stop only after a plateau as long as half the search so far',
  ),
} as const;
