/**
 * Which vehicles a low-emission zone lets in, and why not, in words a planner reads:
 * "inside ZFE Lyon (Crit'Air E, 1 only): vehicle is Crit'Air 2".
 *
 * A zone's rule may list Crit'Air stickers, an oldest Euro norm and vehicle classes; a vehicle
 * complies when it meets every condition the rule states. `allowedByClass` replaces the rule for
 * some vehicle classes (French ZFE decrees often treat vans and heavy trucks differently).
 * Facts a vehicle does not declare are not guessed, with one exception set by law: an electric
 * vehicle is Crit'Air E and zero-emission.
 */
import type { EmissionRule, VehicleSpec, ZoneSpec } from '../model/schema.ts';

/** The rule that applies to this vehicle in this zone. */
export function ruleFor(zone: ZoneSpec, vehicle: VehicleSpec): EmissionRule {
  return zone.allowedByClass?.[vehicle.energy.vehicleClass] ?? zone.allowed;
}

/** null when the vehicle may drive in the zone; otherwise what is wrong with it ("vehicle is Crit'Air 2"). */
export function nonCompliance(zone: ZoneSpec, vehicle: VehicleSpec): string | null {
  const rule = ruleFor(zone, vehicle);
  const cls = vehicle.energy.vehicleClass;
  if (rule.vehicleClasses && !rule.vehicleClasses.includes(cls)) return `vehicle class ${cls} is not allowed`;
  const electric = vehicle.energy.carrier === 'electric';
  if (rule.critAir) {
    const sticker = vehicle.emissionClass?.critAir ?? (electric ? 'E' : undefined);
    if (sticker === undefined) return "vehicle declares no Crit'Air sticker (emissionClass.critAir)";
    if (!rule.critAir.includes(sticker)) return `vehicle is Crit'Air ${sticker}`;
  }
  if (rule.minEuro) {
    const norm = vehicle.emissionClass?.euro ?? (electric ? 'ZEV' : undefined);
    if (norm === undefined) return 'vehicle declares no Euro norm (emissionClass.euro)';
    if (euroRank(norm) < euroRank(rule.minEuro)) return `vehicle is ${norm}`;
  }
  return null;
}

export function zoneLabel(zone: ZoneSpec): string {
  return zone.name ?? `zone ${zone.id}`;
}

/** "Crit'Air E, 1 only; Euro 6 or newer". */
export function ruleLabel(rule: EmissionRule): string {
  const parts: string[] = [];
  if (rule.critAir) parts.push(`Crit'Air ${sortStickers(rule.critAir).join(', ')} only`);
  if (rule.minEuro) parts.push(`${rule.minEuro} or newer`);
  if (rule.vehicleClasses) parts.push(`classes ${rule.vehicleClasses.join(', ')} only`);
  return parts.join('; ');
}

/** The sentence for an order inside the zone that this vehicle may not serve. */
export function refusal(zone: ZoneSpec, vehicle: VehicleSpec): string | null {
  const why = nonCompliance(zone, vehicle);
  return why && `inside ${zoneLabel(zone)} (${ruleLabel(ruleFor(zone, vehicle))}): ${why}`;
}

const STICKER_ORDER = ['E', '1', '2', '3', '4', '5', 'NC'];
const sortStickers = (list: readonly string[]) =>
  [...list].sort((a, b) => STICKER_ORDER.indexOf(a) - STICKER_ORDER.indexOf(b));

const ROMAN: Record<string, number> = { I: 1, II: 2, III: 3, IV: 4, V: 5, VI: 6 };

/**
 * Euro norms in order: Euro 0-6 (light vehicles) and I-VI (heavy) on one scale, EEV between V and
 * VI, ZEV (zero-emission) above everything. Suffixes ("6d-TEMP") do not change the rank.
 */
export function euroRank(norm: string): number {
  const s = norm.trim().toUpperCase();
  if (s === 'ZEV') return 7;
  if (s === 'EEV') return 5.5;
  const m = /^EURO ?([0-6]|VI|IV|V|III|II|I)/.exec(s);
  if (!m) return -1;
  return /^\d$/.test(m[1]) ? Number(m[1]) : ROMAN[m[1]];
}
