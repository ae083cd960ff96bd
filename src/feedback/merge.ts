/**
 * A new report and what is already known: a report reinforces the constraint with the same kind,
 * scope and status (active with active, proposed with proposed); otherwise it starts a new one.
 * Reinforcing never loosens a hard limit: expiries get later, caps lower, allowed classes fewer.
 */
import { round1 } from './derive.ts';
import { LEARNING_RULES } from './rules.ts';
import type { ConstraintDraft, ConstraintKind, ConstraintValues, LearnedConstraint } from './types.ts';
import { intersect } from './vehicleClasses.ts';

export type MergeDecision =
  | { readonly action: 'create'; readonly draft: ConstraintDraft }
  | { readonly action: 'update'; readonly id: string; readonly next: ConstraintDraft };

/** `existing`: constraints with the same scope key, newest first. */
export function mergeDraft(draft: ConstraintDraft, existing: readonly LearnedConstraint[]): MergeDecision {
  const same = existing.find((c) => c.kind === draft.kind && c.status === draft.status);
  if (!same) return { action: 'create', draft };
  return { action: 'update', id: same.id, next: combine(same, draft) };
}

function combine(old: LearnedConstraint, add: ConstraintDraft): ConstraintDraft {
  const expiresAt = old.expiresAt === null || add.expiresAt === null ? null : later(old.expiresAt, add.expiresAt);
  // mergeDraft only pairs a draft with a constraint of the same status.
  const base = { kind: old.kind, scope: old.scope, strength: old.strength, status: add.status, expiresAt };
  const v = <K extends ConstraintKind>(c: { kind: ConstraintKind; value: unknown }, _k: K) =>
    c.value as ConstraintValues[K];
  switch (old.kind) {
    case 'forbidden_arc':
      return { ...base, kind: 'forbidden_arc', value: old.value };
    case 'arc_penalty': {
      const reports = old.value.reports + 1;
      const penaltyMetres = Math.min(
        LEARNING_RULES.oddSequencePenaltyMetres * reports,
        LEARNING_RULES.oddSequenceMaxPenaltyMetres,
      );
      return { ...base, kind: 'arc_penalty', value: { penaltyMetres, reports } };
    }
    case 'max_stops': {
      const n = v(add, 'max_stops');
      const value = { maxStops: Math.min(old.value.maxStops, n.maxStops), reportedStops: n.reportedStops };
      return { ...base, kind: 'max_stops', value };
    }
    case 'vehicle_classes': {
      const n = v(add, 'vehicle_classes');
      const refused = [...new Set([...old.value.refused, ...n.refused])];
      return {
        ...base,
        kind: 'vehicle_classes',
        value: { vehicleClasses: intersect(old.value.vehicleClasses, n.vehicleClasses), refused },
      };
    }
    case 'service_time': {
      const n = v(add, 'service_time');
      const samples = [...old.value.samples, ...n.samples].slice(-LEARNING_RULES.serviceTimeSamples);
      const serviceMinutes = round1(samples.reduce((a, b) => a + b, 0) / samples.length);
      return { ...base, kind: 'service_time', value: { serviceMinutes, reports: old.value.reports + 1, samples } };
    }
    case 'time_windows':
      // The latest report of the opening hours wins; the planner sees every report in the provenance.
      return { ...base, kind: 'time_windows', value: v(add, 'time_windows') };
  }
}

function later(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
