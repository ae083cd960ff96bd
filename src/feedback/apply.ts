/**
 * Active learned constraints → one new plan. Parameter changes (service time, max stops,
 * accepted opening hours) rewrite a copy of the request before it is queued, and every changed
 * field is listed; arcs and access limits travel with the job as rules for the compiler. A
 * constraint applies when its customers, depots, drivers or vehicles are in the request (by
 * customerId across days); each one that applies is listed with what it did.
 */
import type { ArcRule, NodeRef } from '../compile/rules.ts';
import { normalizeWindows, type Span, toSpan } from '../compile/windows.ts';
import type { PlanRequest } from '../model/schema.ts';
import { formatClock, HORIZON_SECONDS } from '../model/time.ts';
import type { JobRules } from '../queue/jobs.ts';
import { plural } from './describe.ts';
import { LEARNING_RULES } from './rules.ts';
import type { AccessRule, AppliedConstraint, LearnedConstraint, RequestChange } from './types.ts';
import { zoneArcs } from './zoneArcs.ts';

export interface ShapedRequest {
  /** The request to solve: the original with the parameter changes. */
  readonly request: PlanRequest;
  readonly changes: readonly RequestChange[];
  /** What the job carries: arcs, access limits and the list of applied constraints. */
  readonly rules: JobRules;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** `constraints`: the active ones (the caller has expired those past their expiry). */
export function shapeRequest(original: PlanRequest, constraints: readonly LearnedConstraint[]): ShapedRequest {
  const request = structuredClone(original) as Mutable<PlanRequest>;
  const changes: RequestChange[] = [];
  const arcs: ArcRule[] = [];
  const access: AccessRule[] = [];
  const applied: AppliedConstraint[] = [];
  const customers = new Set(request.orders.map((o) => o.customerId));
  const depots = new Set(request.depots.map((d) => d.id));
  const present = (ref: NodeRef) => ('customerId' in ref ? customers.has(ref.customerId) : depots.has(ref.depotId));

  // Oldest first, so that when two constraints touch the same field the newer one has the last word.
  for (const c of [...constraints].sort((a, b) => a.createdAt.localeCompare(b.createdAt))) {
    if (c.status !== 'active') continue;
    const source = sourceOf(c);
    let effect: string | null = null;
    switch (c.kind) {
      case 'service_time':
        effect = setServiceTime(request, c, changes);
        break;
      case 'time_windows':
        effect = setWindows(request, c, changes);
        break;
      case 'max_stops':
        effect = capStops(request, c, changes);
        break;
      case 'vehicle_classes':
        if (c.scope.type === 'customer' && customers.has(c.scope.customerId)) {
          access.push({ customerId: c.scope.customerId, vehicleClasses: c.value.vehicleClasses, source });
          const n = request.orders.filter(
            (o) => o.customerId === (c.scope as { customerId: string }).customerId,
          ).length;
          effect = `${plural(n, 'order')} of ${c.scope.customerId} only for ${c.value.vehicleClasses.join(', ') || 'no vehicle class'}`;
        }
        break;
      case 'forbidden_arc':
      case 'arc_penalty':
        effect = addArcs(request, c, source, present, arcs);
        break;
    }
    if (effect !== null) {
      applied.push({
        id: c.id,
        kind: c.kind,
        scope: c.scope,
        strength: c.strength,
        summary: c.summary,
        feedbackIds: c.feedbackIds,
        effect,
      });
    }
  }
  const rules: JobRules = {
    ...(arcs.length > 0 ? { arcs } : {}),
    ...(access.length > 0 ? { access } : {}),
    applied,
  };
  return { request: request as PlanRequest, changes, rules };
}

/** How rules and reasons name a constraint: its id and the feedback it comes from. */
export function sourceOf(c: LearnedConstraint): string {
  const ids = c.feedbackIds.length > 3 ? [...c.feedbackIds.slice(0, 3), '…'] : c.feedbackIds;
  return `learned constraint ${c.id} (driver feedback ${ids.join(', ')})`;
}

function setServiceTime(
  request: Mutable<PlanRequest>,
  c: Extract<LearnedConstraint, { kind: 'service_time' }>,
  changes: RequestChange[],
): string | null {
  if (c.scope.type !== 'customer') return null;
  const minutes = c.value.serviceMinutes;
  const touched: string[] = [];
  const before = new Set<number>();
  request.orders = request.orders.map((o, i) => {
    if (o.customerId !== (c.scope as { customerId: string }).customerId) return o;
    touched.push(o.id);
    if (o.serviceMinutes === minutes) return o;
    before.add(o.serviceMinutes);
    changes.push({ path: `orders[${i}].serviceMinutes`, from: o.serviceMinutes, to: minutes, constraintId: c.id });
    return { ...o, serviceMinutes: minutes };
  });
  if (touched.length === 0) return null;
  const was = before.size > 0 ? `${[...before].join(', ')} → ` : 'already ';
  return `${label(touched)}: service ${was}${minutes} min`;
}

function setWindows(
  request: Mutable<PlanRequest>,
  c: Extract<LearnedConstraint, { kind: 'time_windows' }>,
  changes: RequestChange[],
): string | null {
  if (c.scope.type !== 'customer') return null;
  const open = normalizeWindows(c.value.windows.map((w) => toSpan(w)));
  const touched: string[] = [];
  let replaced = 0;
  request.orders = request.orders.map((o, i) => {
    if (o.customerId !== (c.scope as { customerId: string }).customerId) return o;
    touched.push(o.id);
    const asked = normalizeWindows((o.timeWindows ?? [{ start: 0, end: HORIZON_SECONDS }]).map((w) => toSpan(w)));
    let next = intersectSpans(asked, open);
    // The order's own window lies wholly outside the opening hours: the opening hours are what is true.
    if (next.length === 0) {
      next = open;
      replaced++;
    }
    const windows = next.map((s) => ({ start: formatClock(s.open), end: formatClock(s.close) }));
    const same = JSON.stringify(asked) === JSON.stringify(next);
    if (same) return o;
    changes.push({ path: `orders[${i}].timeWindows`, from: o.timeWindows ?? null, to: windows, constraintId: c.id });
    return { ...o, timeWindows: windows };
  });
  if (touched.length === 0) return null;
  const hours = c.value.windows.map((w) => `${w.start}–${w.end}`).join(', ');
  const note = replaced > 0 ? ` (${replaced} outside them: replaced by the opening hours)` : '';
  return `${label(touched)}: windows kept within ${hours}${note}`;
}

function intersectSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const x of a) {
    for (const y of b) {
      const open = Math.max(x.open, y.open);
      const close = Math.min(x.close, y.close);
      if (open < close) out.push({ open, close });
    }
  }
  return normalizeWindows(out);
}

function capStops(
  request: Mutable<PlanRequest>,
  c: Extract<LearnedConstraint, { kind: 'max_stops' }>,
  changes: RequestChange[],
): string | null {
  const scope = c.scope;
  const matches = (v: PlanRequest['vehicles'][number]) =>
    scope.type === 'driver' ? v.driverId === scope.driverId : scope.type === 'vehicle' && v.id === scope.vehicleId;
  const touched: string[] = [];
  let lowered = 0;
  request.vehicles = request.vehicles.map((v, i) => {
    if (!matches(v)) return v;
    touched.push(v.id);
    const cap = c.value.maxStops;
    if (v.maxStops !== undefined && v.maxStops <= cap) return v;
    lowered++;
    changes.push({ path: `vehicles[${i}].maxStops`, from: v.maxStops ?? null, to: cap, constraintId: c.id });
    return { ...v, maxStops: cap };
  });
  if (touched.length === 0) return null;
  const already = lowered === 0 ? ' (already so in the request)' : '';
  return `vehicle ${touched.join(', ')}: at most ${c.value.maxStops} stops${already}`;
}

function addArcs(
  request: PlanRequest,
  c: Extract<LearnedConstraint, { kind: 'forbidden_arc' | 'arc_penalty' }>,
  source: string,
  present: (ref: NodeRef) => boolean,
  arcs: ArcRule[],
): string | null {
  const kind = c.kind === 'forbidden_arc' ? 'forbidden' : 'penalty';
  const penalty = c.kind === 'arc_penalty' ? { penaltyMetres: c.value.penaltyMetres } : {};
  if (c.scope.type === 'customer_pair') {
    const { from, to, bothWays } = c.scope;
    if (!present(from) || !present(to)) return null;
    arcs.push({ from, to, kind, source, ...penalty });
    if (bothWays) arcs.push({ from: to, to: from, kind, source, ...penalty });
    if (c.kind === 'arc_penalty') return `leg charged ${c.value.penaltyMetres} m extra`;
    return bothWays ? 'leg never driven, either way' : 'leg never driven';
  }
  if (c.scope.type === 'zone' && c.kind === 'forbidden_arc') {
    const maxLegKm = c.value.maxLegKm ?? LEARNING_RULES.nearPointMaxLegKm;
    const found = zoneArcs(request, c.scope.center, c.scope.radiusMetres, maxLegKm, LEARNING_RULES.nearPointMaxArcs);
    if (found.arcs.length === 0) return null;
    for (const a of found.arcs) arcs.push({ from: a.from, to: a.to, kind: 'forbidden', source });
    const capped = found.capped ? ` (the ${LEARNING_RULES.nearPointMaxArcs} closest)` : '';
    return `${plural(found.arcs.length, 'leg')} through the blocked spot never driven${capped}`;
  }
  return null;
}

function label(orderIds: readonly string[]): string {
  const shown = orderIds.length > 5 ? [...orderIds.slice(0, 5), `… (${orderIds.length})`] : orderIds;
  return `${orderIds.length === 1 ? 'order' : 'orders'} ${shown.join(', ')}`;
}
