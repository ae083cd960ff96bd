/** A plan as a person reads it in a terminal: one line per route, totals, unassigned orders. */
import type { PlanRequest } from '../model/schema.ts';
import type { PlanResult } from '../plan/types.ts';

export function formatSummary(plan: PlanResult, request?: PlanRequest): string {
  const t = plan.totals;
  const orders = t.ordersServed + t.ordersUnassigned;
  const lines = [
    `Plan for ${plan.date} (${plan.timezone}): ${t.ordersServed} of ${orders} orders served in ` +
      `${t.vehiclesUsed} route${t.vehiclesUsed === 1 ? '' : 's'}, ${km(t.distanceKm)}, ${hm(t.durationMinutes)} on duty, ` +
      `cost ${t.cost.toFixed(2)}`,
    '',
    row(['vehicle', 'stops', 'km', 'duration', 'leaves', 'back', 'load at departure']),
  ];
  for (const r of plan.routes) {
    const capacity = request?.vehicles.find((v) => v.id === r.vehicleId)?.capacity;
    lines.push(
      row([
        r.vehicleId,
        String(r.stops.length),
        r.distanceKm.toFixed(1),
        hm(r.durationMinutes),
        r.departure,
        r.endDepotId === null ? `${r.arrival} (open end)` : r.arrival,
        load(r.loadStart, capacity),
      ]),
    );
  }
  if (plan.unassigned.length > 0) {
    lines.push('', `Unassigned (${plan.unassigned.length}):`);
    for (const u of plan.unassigned) lines.push(`  ${u.orderId.padEnd(12)} ${u.code}: ${u.reason}`);
  } else {
    lines.push('', 'Every order is in a route.');
  }
  const s = plan.solve;
  lines.push(
    '',
    `Solve: ${s.solver}, stopped by ${s.stoppedBy} after ${(s.elapsedMs / 1000).toFixed(1)} s, ` +
      `${s.iterations} iterations, objective ${s.objectiveValue.toFixed(2)} (${s.objective}); ` +
      `distances: ${plan.routing.provider}`,
  );
  return lines.join('\n');
}

const WIDTHS = [12, 6, 8, 9, 10, 20, 0];

function row(cells: string[]): string {
  return `  ${cells.map((c, i) => (i === 0 || i >= 4 ? c.padEnd(WIDTHS[i]!) : c.padStart(WIDTHS[i]!))).join('  ')}`.trimEnd();
}

function km(v: number): string {
  return `${v.toFixed(1)} km`;
}

function hm(minutes: number): string {
  const m = Math.round(minutes);
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')}`;
}

function load(start: Record<string, number>, capacity?: Record<string, number>): string {
  return Object.entries(start)
    .map(([dim, v]) => {
      const cap = capacity?.[dim];
      return cap ? `${dim} ${Math.round((100 * v) / cap)}%` : `${dim} ${Math.round(v * 10) / 10}`;
    })
    .join(', ');
}
