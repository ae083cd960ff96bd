/**
 * Learned constraints: what driver feedback turns into. Each one says what it constrains (kind
 * and value), where (scope), how firmly (strength), whether it is in force (status) and which
 * feedback it comes from (provenance). Plain JSON, stored as is and carried by plan jobs.
 */
import type { NodeRef } from '../compile/rules.ts';
import type { VehicleClass } from '../model/schema.ts';

export const FEEDBACK_KINDS = [
  'blocked_leg',
  'odd_sequence',
  'too_many_stops',
  'access_restricted',
  'service_time',
  'time_window_wrong',
] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

export const CONSTRAINT_KINDS = [
  'forbidden_arc',
  'arc_penalty',
  'max_stops',
  'vehicle_classes',
  'service_time',
  'time_windows',
] as const;
export type ConstraintKind = (typeof CONSTRAINT_KINDS)[number];

/** proposed: waits for a planner; active: shapes new plans; expired, rejected: no longer do. */
export const CONSTRAINT_STATUSES = ['proposed', 'active', 'expired', 'rejected'] as const;
export type ConstraintStatus = (typeof CONSTRAINT_STATUSES)[number];

/** hard: plans never break it; penalty: plans pay for breaking it. */
export type Strength = 'hard' | 'penalty';

export interface LatLon {
  readonly lat: number;
  readonly lon: number;
}

export type Scope =
  | { readonly type: 'customer'; readonly customerId: string }
  | { readonly type: 'customer_pair'; readonly from: NodeRef; readonly to: NodeRef; readonly bothWays: boolean }
  | { readonly type: 'driver'; readonly driverId: string }
  | { readonly type: 'vehicle'; readonly vehicleId: string }
  | { readonly type: 'zone'; readonly center: LatLon; readonly radiusMetres: number };

export interface ClockWindow {
  readonly start: string;
  readonly end: string;
}

/** The value of a constraint, by kind. */
export interface ConstraintValues {
  /** Zone scope: legs up to maxLegKm passing within the radius are forbidden. */
  readonly forbidden_arc: { readonly maxLegKm?: number };
  readonly arc_penalty: { readonly penaltyMetres: number; readonly reports: number };
  readonly max_stops: { readonly maxStops: number; readonly reportedStops: number };
  readonly vehicle_classes: {
    readonly vehicleClasses: readonly VehicleClass[];
    readonly refused: readonly VehicleClass[];
  };
  /** serviceMinutes is the mean of `samples` (the latest reports, newest last). */
  readonly service_time: {
    readonly serviceMinutes: number;
    readonly reports: number;
    readonly samples: readonly number[];
  };
  readonly time_windows: { readonly windows: readonly ClockWindow[] };
}

export type ConstraintValue<K extends ConstraintKind = ConstraintKind> = ConstraintValues[K];

/** Kind and value, paired: narrowing on `kind` types the value. */
export type KindedValue = {
  [K in ConstraintKind]: { readonly kind: K; readonly value: ConstraintValues[K] };
}[ConstraintKind];

interface ConstraintBase {
  readonly scope: Scope;
  readonly strength: Strength;
  readonly expiresAt: string | null;
}

/** What a piece of feedback proposes, before it is merged with what is already known. */
export type ConstraintDraft = KindedValue & ConstraintBase & { readonly status: 'active' | 'proposed' };

export interface ConstraintEvent {
  readonly at: string;
  readonly status: ConstraintStatus;
  /** Who: "feedback fb-…", "key key-… (name)", or "clock" for an expiry. */
  readonly actor: string;
  readonly detail: string | null;
}

export type LearnedConstraint = KindedValue &
  ConstraintBase & {
    readonly id: string;
    readonly status: ConstraintStatus;
    readonly summary: string;
    readonly createdAt: string;
    readonly updatedAt: string;
    /** Provenance: every feedback that created or reinforced it, oldest first. */
    readonly feedbackIds: readonly string[];
  };

/** A learned constraint as a plan result lists it: what it is, where it comes from, what it did here. */
export interface AppliedConstraint {
  readonly id: string;
  readonly kind: ConstraintKind;
  readonly scope: Scope;
  readonly strength: Strength;
  readonly summary: string;
  readonly feedbackIds: readonly string[];
  /** What it changed in this plan, e.g. "orders O-1, O-7: service 4 → 12 min". */
  readonly effect: string;
}

/** Vehicle classes allowed at a customer, as JSON (the worker turns it into a VehicleRestriction). */
export interface AccessRule {
  readonly customerId: string;
  readonly vehicleClasses: readonly VehicleClass[];
  /** The constraint it comes from, for the reason of an unassigned order. */
  readonly source: string;
}

/** One field of the request a constraint changed before the plan was queued. */
export interface RequestChange {
  /** Readable JSON path, e.g. orders[3].serviceMinutes. */
  readonly path: string;
  readonly from: unknown;
  readonly to: unknown;
  readonly constraintId: string;
}
