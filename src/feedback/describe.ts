/**
 * Sentences a planner (and a driver) reads about a learned constraint, and the canonical key
 * that makes two reports about the same thing reinforce one constraint instead of making two.
 */
import { nodeLabel } from '../compile/rules.ts';
import type { ConstraintDraft, Scope } from './types.ts';

export function scopeLabel(scope: Scope): string {
  switch (scope.type) {
    case 'customer':
      return `customer ${scope.customerId}`;
    case 'customer_pair':
      return `${nodeLabel(scope.from)} ${scope.bothWays ? '↔' : '→'} ${nodeLabel(scope.to)}`;
    case 'driver':
      return `driver ${scope.driverId}`;
    case 'vehicle':
      return `vehicle ${scope.vehicleId}`;
    case 'zone':
      return `within ${scope.radiusMetres} m of ${scope.center.lat.toFixed(5)}, ${scope.center.lon.toFixed(5)}`;
  }
}

/** Same kind + same key → the same constraint. Pairs driven both ways are keyed in sorted order. */
export function scopeKey(kind: string, scope: Scope): string {
  const ref = (r: { customerId: string } | { depotId: string }) =>
    'customerId' in r ? `c:${r.customerId}` : `d:${r.depotId}`;
  switch (scope.type) {
    case 'customer':
      return `${kind}|customer:${scope.customerId}`;
    case 'customer_pair': {
      const [a, b] = [ref(scope.from), ref(scope.to)];
      return scope.bothWays ? `${kind}|pair:${[a, b].sort().join('<>')}` : `${kind}|pair:${a}>${b}`;
    }
    case 'driver':
      return `${kind}|driver:${scope.driverId}`;
    case 'vehicle':
      return `${kind}|vehicle:${scope.vehicleId}`;
    case 'zone':
      // Reports within about 10 m of each other with the same radius are the same blocked road.
      return `${kind}|zone:${scope.center.lat.toFixed(4)},${scope.center.lon.toFixed(4)},${scope.radiusMetres}`;
  }
}

export function summarize(c: ConstraintDraft): string {
  const where = scopeLabel(c.scope);
  const until = c.expiresAt ? ` until ${c.expiresAt}` : '';
  switch (c.kind) {
    case 'forbidden_arc':
      return c.scope.type === 'zone'
        ? `never drive a leg (up to ${c.value.maxLegKm} km) passing ${where}: road blocked${until}`
        : `never drive ${where}: road blocked${until}`;
    case 'arc_penalty':
      return `avoid ${where}: +${c.value.penaltyMetres / 1000} km per use (${plural(c.value.reports, 'report')})`;
    case 'max_stops':
      return `${where}: at most ${c.value.maxStops} stops (a route of ${c.value.reportedStops} was too many)`;
    case 'vehicle_classes':
      return c.value.vehicleClasses.length > 0
        ? `${where} takes only ${c.value.vehicleClasses.join(', ')} (not ${c.value.refused.join(', ')})`
        : `${where}: no vehicle class of the fleet gets in (${c.value.refused.join(', ')} refused); a planner decides`;
    case 'service_time':
      return `${where}: ${c.value.serviceMinutes} min at the stop (${samples(c.value.samples.length)})`;
    case 'time_windows':
      return `${where} is open ${c.value.windows.map((w) => `${w.start}–${w.end}`).join(', ')}`;
  }
}

function samples(n: number): string {
  return n === 1 ? 'as reported once' : `mean of the last ${n} reports`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
