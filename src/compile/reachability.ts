/**
 * Can a vehicle serve an order on its own (depot → order → depot)? If no vehicle can, the order
 * is left out before the search with the reason; otherwise the pairs that fail are marked not
 * allowed, which also prunes the search.
 */
import type { OrderSpec, PlanRequest, VehicleSpec } from '../model/schema.ts';
import { formatClock } from '../model/time.ts';
import type { UnassignedCode, UnassignedOrder } from '../plan/types.ts';
import type { CompileInput } from './compile.ts';
import { normalizeWindows, type Span, toSpan } from './windows.ts';

export interface OrderAccess {
  /** allowed[t]: vehicle t can serve this order alone. */
  readonly allowed: boolean[];
  readonly unassigned: UnassignedOrder | null;
}

interface Refusal {
  readonly code: UnassignedCode;
  readonly reason: string;
}

/** Order of precedence when vehicles refuse for different reasons: the most basic reason wins. */
const PRECEDENCE: readonly UnassignedCode[] = [
  'no_compatible_vehicle',
  'capacity',
  'shift',
  'unreachable_in_time',
  'max_distance',
  'max_duration',
];

export function orderAccess(input: CompileInput, dims: readonly string[], shifts: readonly (Span | null)[]) {
  const { request } = input;
  return request.orders.map((order, i): OrderAccess => {
    const refusals = request.vehicles.map((v, t) => refusal(input, order, i, v, t, dims, shifts[t]));
    const allowed = refusals.map((r) => r === null);
    if (allowed.some(Boolean)) return { allowed, unassigned: null };
    return { allowed, unassigned: summarize(order, request, refusals as Refusal[]) };
  });
}

function refusal(
  input: CompileInput,
  order: OrderSpec,
  orderIndex: number,
  v: VehicleSpec,
  t: number,
  dims: readonly string[],
  shift: Span | null,
): Refusal | null {
  if (!shift) return { code: 'shift', reason: 'its shift lies outside its depot opening hours' };
  const missing = (order.skills ?? []).filter((s) => !(v.skills ?? []).includes(s));
  if (missing.length > 0) return { code: 'no_compatible_vehicle', reason: `lacks skill ${missing.join(', ')}` };
  for (const r of input.rules?.restrictions ?? []) {
    const why = r.check(order, v);
    if (why) return { code: 'no_compatible_vehicle', reason: why };
  }
  for (const dim of dims) {
    const need = order.demand[dim] ?? 0;
    const cap = v.capacity[dim] ?? 0;
    if (need > cap) return { code: 'capacity', reason: `carries at most ${cap} ${dim} (order: ${need})` };
  }
  return timeRefusal(input, order, orderIndex, v, t, shift);
}

function timeRefusal(
  input: CompileInput,
  order: OrderSpec,
  orderIndex: number,
  v: VehicleSpec,
  t: number,
  shift: Span,
): Refusal | null {
  const { request } = input;
  const m = input.matrices.get(input.vehicleProfileKeys[t]);
  if (!m) throw new Error(`no travel matrix for vehicle ${v.id}`);
  const points = request.depots.length + request.orders.length;
  const s = request.depots.findIndex((d) => d.id === v.startDepot);
  const endId = v.endDepot === undefined ? v.startDepot : v.endDepot;
  const e = endId === null ? -1 : request.depots.findIndex((d) => d.id === endId);
  const o = request.depots.length + orderIndex;
  const out = m.duration[s * points + o];
  const back = e < 0 ? 0 : m.duration[o * points + e];
  const service = order.serviceMinutes * 60;
  const arrive = shift.open + out;
  const windows = normalizeWindows((order.timeWindows ?? []).map((w) => toSpan(w)));
  const w =
    windows.length === 0 ? { open: 0, close: Number.POSITIVE_INFINITY } : windows.find((x) => x.close >= arrive);
  if (!w) {
    const last = windows[windows.length - 1];
    return {
      code: 'unreachable_in_time',
      reason: `arrives at ${formatClock(arrive)} at the earliest, after its last window closes (${formatClock(last.close)})`,
    };
  }
  const home = Math.max(arrive, w.open) + service + back;
  if (home > shift.close) {
    return { code: 'shift', reason: `cannot be back by the end of its shift (${formatClock(shift.close)})` };
  }
  const metres = m.distance[s * points + o] + (e < 0 ? 0 : m.distance[o * points + e]);
  if (v.maxDistanceKm !== undefined && metres > v.maxDistanceKm * 1000) {
    return { code: 'max_distance', reason: `round trip ${(metres / 1000).toFixed(1)} km > max ${v.maxDistanceKm} km` };
  }
  const minutes = (out + service + back) / 60;
  if (v.maxDurationMinutes !== undefined && minutes > v.maxDurationMinutes) {
    return { code: 'max_duration', reason: `round trip ${Math.round(minutes)} min > max ${v.maxDurationMinutes} min` };
  }
  return null;
}

function summarize(order: OrderSpec, request: PlanRequest, refusals: readonly Refusal[]): UnassignedOrder {
  const code = PRECEDENCE.find((c) => refusals.some((r) => r.code === c)) ?? refusals[0].code;
  const byReason = new Map<string, string[]>();
  refusals.forEach((r, t) => byReason.set(r.reason, [...(byReason.get(r.reason) ?? []), request.vehicles[t].id]));
  const parts = [...byReason].map(([reason, ids]) => `${ids.join(', ')}: ${reason}`);
  return {
    orderId: order.id,
    customerId: order.customerId,
    code,
    reason: `no vehicle can serve this order even alone — ${parts.join('; ')}`,
  };
}
