/**
 * Writes datasets/sample-day.json: one realistic delivery day around Lyon (deterministic).
 * Run: npx tsx datasets/generate-sample-day.ts
 *
 * The shape of the day: a depot in the Corbas logistics zone south-east of Lyon; 150 orders
 * spread over Lyon and Villeurbanne (denser in the centre); shops want mornings, homes a
 * half-day slot, some businesses two slots around lunch; parcels, boxes and a few pallets
 * (those need the truck's tail lift); a mixed fleet of electric vans, diesel vans and a 12 t
 * rigid truck with realistic capacities and French cost levels.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let state = 20261201;
/** Park–Miller minimal standard generator: tiny and deterministic. */
function rand(): number {
  state = (state * 48271) % 2147483647;
  return state / 2147483647;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** Neighbourhood centres (lat, lon, weight): where deliveries cluster. */
const AREAS = [
  { name: 'Presqu’île', lat: 45.7597, lon: 4.8342, w: 5 },
  { name: 'Part-Dieu', lat: 45.7606, lon: 4.8595, w: 4 },
  { name: 'Croix-Rousse', lat: 45.7745, lon: 4.8317, w: 3 },
  { name: 'Guillotière', lat: 45.7531, lon: 4.8433, w: 3 },
  { name: 'Gerland', lat: 45.7285, lon: 4.8316, w: 3 },
  { name: 'Villeurbanne', lat: 45.7719, lon: 4.8902, w: 4 },
  { name: 'Monplaisir', lat: 45.7445, lon: 4.8712, w: 2 },
  { name: 'Vaise', lat: 45.7752, lon: 4.8055, w: 2 },
  { name: 'Vénissieux', lat: 45.6975, lon: 4.8858, w: 2 },
  { name: 'Bron', lat: 45.7385, lon: 4.9128, w: 2 },
] as const;
const STREETS = [
  'rue de la République',
  'cours Lafayette',
  'avenue Jean Jaurès',
  'rue Garibaldi',
  'cours Gambetta',
  'rue Paul Bert',
  'avenue Berthelot',
  'rue Duguesclin',
  'boulevard des Belges',
  'rue Marietton',
  'cours Émile Zola',
  'rue Saint-Jean',
  'rue Mercière',
  'avenue Félix Faure',
  'rue de Créqui',
  'grande rue de la Croix-Rousse',
];

function areaPoint() {
  const total = AREAS.reduce((s, a) => s + a.w, 0);
  let r = rand() * total;
  const area = AREAS.find((a) => (r -= a.w) < 0) ?? AREAS[0];
  // ~1.2 km spread around the centre (1° lat ≈ 111 km; 1° lon ≈ 78 km at 45.7°N)
  const dist = Math.sqrt(rand()) * 1.4;
  const angle = rand() * 2 * Math.PI;
  return {
    area: area.name,
    lat: round(area.lat + (dist * Math.sin(angle)) / 111, 5),
    lon: round(area.lon + (dist * Math.cos(angle)) / 78, 5),
  };
}

type Kind = 'shop' | 'home' | 'office' | 'restaurant' | 'pallet';
function orderOf(i: number) {
  const kind: Kind = i % 25 === 3 ? 'pallet' : pick(['shop', 'shop', 'home', 'home', 'home', 'office', 'restaurant']);
  const p = areaPoint();
  const common = {
    id: `O-${1001 + i}`,
    customerId: `C-${String(1 + ((i * 37) % 400)).padStart(4, '0')}`,
    address: `${1 + Math.floor(rand() * 120)} ${pick(STREETS)}, ${p.area}`,
    location: { lat: p.lat, lon: p.lon },
  };
  switch (kind) {
    case 'shop':
      return {
        ...common,
        name: `Shop ${i + 1}`,
        demand: { kg: round(20 + rand() * 120, 1), m3: round(0.1 + rand() * 0.6, 2) },
        serviceMinutes: 8,
        timeWindows: [{ start: pick(['07:00', '07:30', '08:00']), end: pick(['10:30', '11:00', '12:00']) }],
      };
    case 'home':
      return {
        ...common,
        name: `Home ${i + 1}`,
        demand: { kg: round(2 + rand() * 25, 1), m3: round(0.02 + rand() * 0.15, 2) },
        serviceMinutes: 4,
        timeWindows: [
          pick([
            { start: '09:00', end: '12:00' },
            { start: '13:00', end: '17:00' },
            { start: '08:00', end: '17:00' },
          ]),
        ],
      };
    case 'office':
      return {
        ...common,
        name: `Office ${i + 1}`,
        demand: { kg: round(10 + rand() * 40, 1), m3: round(0.05 + rand() * 0.3, 2) },
        serviceMinutes: 6,
        timeWindows: [
          { start: '08:30', end: '12:00' },
          { start: '14:00', end: '17:00' },
        ],
      };
    case 'restaurant':
      return {
        ...common,
        name: `Restaurant ${i + 1}`,
        demand: { kg: round(30 + rand() * 80, 1), m3: round(0.1 + rand() * 0.4, 2) },
        serviceMinutes: 10,
        timeWindows: [
          { start: '07:00', end: '10:30' },
          { start: '14:30', end: '16:30' },
        ],
      };
    case 'pallet':
      return {
        ...common,
        name: `Warehouse ${i + 1}`,
        demand: { kg: round(350 + rand() * 400, 0), m3: round(1.0 + rand() * 0.8, 2) },
        serviceMinutes: 20,
        timeWindows: [{ start: '06:30', end: '12:00' }],
        skills: ['tail_lift'],
      };
  }
}

const orders = Array.from({ length: 150 }, (_, i) => orderOf(i));
// Four flexible restocking deliveries that may move to another day if they do not fit.
for (const i of [17, 58, 99, 140]) Object.assign(orders[i], { optional: true, penalty: 40 });

const eVan = (n: number) => ({
  id: `EV-${n}`,
  driverId: `driver-ev${n}`,
  startDepot: 'corbas',
  capacity: { kg: 750, m3: 8 },
  shift: { start: '07:00', end: '16:30' },
  costs: { fixed: 45, perKm: 0.08, perHour: 26 },
  energy: { carrier: 'electric', vehicleClass: 'evan_n1' },
  emissionClass: { euro: 'ZEV', critAir: 'E' },
  maxStops: 30,
  maxDistanceKm: 180,
});
const dieselVan = (n: number) => ({
  id: `DV-${n}`,
  driverId: `driver-dv${n}`,
  startDepot: 'corbas',
  capacity: { kg: 1200, m3: 12 },
  shift: { start: '06:30', end: '16:00' },
  costs: { fixed: 35, perKm: 0.22, perHour: 26 },
  energy: { carrier: 'diesel', vehicleClass: 'van_n1' },
  emissionClass: { euro: 'Euro 6', critAir: '2' },
  maxStops: 35,
});
const request = {
  name: 'Lyon — Tuesday 1 December 2026',
  date: '2026-12-01',
  timezone: 'Europe/Paris',
  // The showcase objective: fuel and CO2e, load-aware (costs stay in the plan for comparison).
  objective: 'co2',
  settings: { timeLimitSeconds: 30, seed: 1, frugalStop: true, lp: true },
  depots: [
    {
      id: 'corbas',
      name: 'Corbas logistics hub',
      location: { lat: 45.6687, lon: 4.9019 },
      openingHours: { start: '05:30', end: '20:00' },
    },
  ],
  vehicles: [
    ...[1, 2, 3, 4].map(eVan),
    ...[1, 2, 3, 4].map(dieselVan),
    {
      id: 'TR-12',
      driverId: 'driver-tr12',
      startDepot: 'corbas',
      capacity: { kg: 5500, m3: 40 },
      shift: { start: '06:00', end: '14:30' },
      costs: { fixed: 95, perKm: 0.48, perHour: 30 },
      energy: { carrier: 'diesel', vehicleClass: 'rigid_12t' },
      emissionClass: { euro: 'Euro VI', critAir: '2' },
      skills: ['tail_lift'],
      maxDurationMinutes: 480,
    },
  ],
  orders,
};

const out = fileURLToPath(new URL('./sample-day.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(request, null, 2)}\n`);
console.log(`wrote ${out}: ${orders.length} orders, ${request.vehicles.length} vehicles`);
