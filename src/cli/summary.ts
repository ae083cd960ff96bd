/** A plan as a person reads it in a terminal: one line per route, totals, unassigned orders. */
import type { Figures, Ledger } from '../ledger/types.ts';
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
  if (plan.ledger) lines.push('', ...ledgerLines(plan.ledger));
  const s = plan.solve;
  lines.push(
    '',
    `Solve: ${s.solver}, stopped by ${s.stoppedBy} after ${(s.elapsedMs / 1000).toFixed(1)} s, ` +
      `${s.iterations} iterations, objective ${s.objectiveValue.toFixed(2)} (${s.objective}); ` +
      `distances: ${plan.routing.provider}`,
  );
  return lines.join('\n');
}

/** The green ledger in a few lines: road vs baseline, what was saved, what computing cost, payback. */
function ledgerLines(ledger: Ledger): string[] {
  const { plan, baseline, saved } = ledger.totals;
  const c = ledger.compute;
  const payback =
    ledger.net.paybackRatio === null ? 'n/a' : `${Math.round(ledger.net.paybackRatio).toLocaleString('en')}×`;
  return [
    `Green ledger (${ledger.factorSet.name}; WTW):`,
    `  plan      ${energy(plan)}, ${plan.co2eWtwKg.toFixed(1)} kg CO2e`,
    `  baseline  ${energy(baseline)}, ${baseline.co2eWtwKg.toFixed(1)} kg CO2e — ${ledger.baseline.label}`,
    `  saved     ${saved.co2eWtwKg.toFixed(1)} kg CO2e WTW (${saved.co2eTtwKg.toFixed(1)} kg TTW), ${saved.fuelL.toFixed(1)} L fuel`,
    `  compute   ${c.cpuSeconds.toFixed(1)} CPU-s, ${c.energyWh.toFixed(3)} Wh, ${c.totalG.toFixed(3)} g CO2e (${c.basis})` +
      `  →  net ${ledger.net.netKg.toFixed(1)} kg saved, payback ${payback}`,
  ];
}

function energy(f: Figures): string {
  const parts = [`${f.km.toFixed(1)} km`];
  if (f.fuelL > 0) parts.push(`${f.fuelL.toFixed(1)} L`);
  if (f.electricityKWh > 0) parts.push(`${f.electricityKWh.toFixed(1)} kWh`);
  if (f.gasKg > 0) parts.push(`${f.gasKg.toFixed(1)} kg gas`);
  return parts.join(', ');
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
