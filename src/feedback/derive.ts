/**
 * One report → the constraint it asks for (a draft; merge.ts decides whether it reinforces a
 * constraint already known). The rules, kind by kind, are in src/feedback/README.md.
 */

import { normalizeWindows } from '../compile/windows.ts';
import { issue } from '../model/issues.ts';
import { formatClock, toSeconds } from '../model/time.ts';
import { LEARNING_RULES } from './rules.ts';
import type { FeedbackRequest } from './schema.ts';
import type { Refusal, Target } from './target.ts';
import type { ConstraintDraft, Scope } from './types.ts';
import { intersect, smallerThan, vansOnly } from './vehicleClasses.ts';

export type Derived = { ok: true; draft: ConstraintDraft } | { ok: false; refusal: Refusal };

export function deriveConstraint(report: FeedbackRequest, target: Target, driverId: string | null): Derived {
  const draft = (d: ConstraintDraft): Derived => ({ ok: true, draft: d });
  switch (report.kind) {
    case 'blocked_leg': {
      const expiresAt = report.expiresAt ? new Date(report.expiresAt).toISOString() : null;
      if (target.type === 'near') {
        const scope: Scope = { type: 'zone', center: target.center, radiusMetres: target.radiusMetres };
        const value = { maxLegKm: LEARNING_RULES.nearPointMaxLegKm };
        return draft({ kind: 'forbidden_arc', scope, strength: 'hard', status: 'active', value, expiresAt });
      }
      const leg = expect(target, 'leg');
      const scope: Scope = { type: 'customer_pair', from: leg.from.ref, to: leg.to.ref, bothWays: true };
      return draft({ kind: 'forbidden_arc', scope, strength: 'hard', status: 'active', value: {}, expiresAt });
    }
    case 'odd_sequence': {
      const leg = expect(target, 'leg');
      const scope: Scope = { type: 'customer_pair', from: leg.from.ref, to: leg.to.ref, bothWays: false };
      const value = { penaltyMetres: LEARNING_RULES.oddSequencePenaltyMetres, reports: 1 };
      return draft({ kind: 'arc_penalty', scope, strength: 'penalty', status: 'active', value, expiresAt: null });
    }
    case 'too_many_stops': {
      const route = expect(target, 'route');
      const n = route.stops;
      const fallback = Math.min(n - 1, Math.floor(n * LEARNING_RULES.tooManyStopsFactor));
      const maxStops = report.maxStops ?? fallback;
      if (maxStops >= n || maxStops < 1) {
        const message =
          n <= 1
            ? 'a route of one stop cannot have fewer'
            : `maxStops must be below the ${n} stops of this route (and at least 1)`;
        return misfit(['maxStops'], message);
      }
      const scope: Scope = driverId ? { type: 'driver', driverId } : { type: 'vehicle', vehicleId: route.vehicle.id };
      const value = { maxStops, reportedStops: n };
      return draft({ kind: 'max_stops', scope, strength: 'hard', status: 'active', value, expiresAt: null });
    }
    case 'access_restricted': {
      const stop = expect(target, 'stop');
      const refused = stop.vehicle.energy.vehicleClass;
      // Whatever the reason, a class at least as big as the one that could not get in is out.
      const smaller = smallerThan(refused);
      const vehicleClasses = report.reason === 'no_truck_access' ? intersect(vansOnly(), smaller) : smaller;
      // Nothing smaller than this vehicle exists: only a planner can say what serves this customer.
      const status = vehicleClasses.length === 0 ? 'proposed' : 'active';
      const scope: Scope = { type: 'customer', customerId: stop.customerId };
      const value = { vehicleClasses, refused: [refused] };
      return draft({ kind: 'vehicle_classes', scope, strength: 'hard', status, value, expiresAt: null });
    }
    case 'service_time': {
      const stop = expect(target, 'stop');
      const minutes = round1(report.actualMinutes);
      const value = { serviceMinutes: minutes, reports: 1, samples: [minutes] };
      const scope: Scope = { type: 'customer', customerId: stop.customerId };
      return draft({ kind: 'service_time', scope, strength: 'hard', status: 'active', value, expiresAt: null });
    }
    case 'time_window_wrong': {
      const stop = expect(target, 'stop');
      const spans = normalizeWindows(
        report.actualWindows.map((w) => ({ open: toSeconds(w.start), close: toSeconds(w.end) })),
      );
      const windows = spans.map((s) => ({ start: formatClock(s.open), end: formatClock(s.close) }));
      const scope: Scope = { type: 'customer', customerId: stop.customerId };
      return draft({
        kind: 'time_windows',
        scope,
        strength: 'hard',
        status: 'proposed',
        value: { windows },
        expiresAt: null,
      });
    }
  }
}

function misfit(path: (string | number)[], message: string): Derived {
  return {
    ok: false,
    refusal: {
      status: 400,
      code: 'invalid_feedback',
      message: `the report does not fit this route: ${message}`,
      issues: [issue(path, message)],
    },
  };
}

function expect<T extends Target['type']>(target: Target, type: T): Extract<Target, { type: T }> {
  if (target.type !== type) throw new Error(`expected a ${type} target, got ${target.type}`);
  return target as Extract<Target, { type: T }>;
}

export const round1 = (x: number) => Math.round(x * 10) / 10;
