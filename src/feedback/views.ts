/**
 * What the API says about feedback, learned constraints, drivers' routes and keys. The zod
 * schemas are the single source of the response types' part of /openapi.json.
 */
import { z } from 'zod';
import { ROLES } from '../auth/roles.ts';
import { VEHICLE_CLASSES } from '../model/schema.ts';
import type { FeedbackRecord } from '../store/feedback.ts';
import {
  CONSTRAINT_KINDS,
  CONSTRAINT_STATUSES,
  type ConstraintEvent,
  FEEDBACK_KINDS,
  type LearnedConstraint,
} from './types.ts';

const NodeRef = z.union([z.object({ customerId: z.string() }), z.object({ depotId: z.string() })]);
const LatLon = z.object({ lat: z.number(), lon: z.number() });

export const ScopeView = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('customer'), customerId: z.string() }),
    z.object({
      type: z.literal('customer_pair'),
      from: NodeRef,
      to: NodeRef,
      bothWays: z.boolean().describe('The leg in either direction'),
    }),
    z.object({ type: z.literal('driver'), driverId: z.string() }),
    z.object({ type: z.literal('vehicle'), vehicleId: z.string() }),
    z.object({ type: z.literal('zone'), center: LatLon, radiusMetres: z.number() }),
  ])
  .describe('What the constraint is about');

export const ConstraintValueView = z
  .object({
    maxLegKm: z.number().optional().describe('forbidden_arc (zone): longest leg considered'),
    penaltyMetres: z.number().optional().describe('arc_penalty: virtual metres added to the leg'),
    reports: z.number().optional().describe('arc_penalty, service_time: reports so far'),
    maxStops: z.number().optional().describe('max_stops: the cap'),
    reportedStops: z.number().optional().describe('max_stops: stops of the route reported as too many'),
    vehicleClasses: z.array(z.enum(VEHICLE_CLASSES)).optional().describe('vehicle_classes: classes allowed'),
    refused: z
      .array(z.enum(VEHICLE_CLASSES))
      .optional()
      .describe('vehicle_classes: classes reported as not getting in'),
    serviceMinutes: z.number().optional().describe('service_time: mean of the samples'),
    samples: z.array(z.number()).optional().describe('service_time: the latest reported minutes, newest last'),
    windows: z
      .array(z.object({ start: z.string(), end: z.string() }))
      .optional()
      .describe('time_windows: the opening hours'),
  })
  .describe('The value, by kind (see src/feedback/README.md)');

export const ConstraintEventView = z.object({
  at: z.string(),
  status: z.enum(CONSTRAINT_STATUSES),
  actor: z.string().describe('feedback fb-…, key key-… (name, role), or clock'),
  detail: z.string().nullable(),
});

export const ConstraintView = z
  .object({
    id: z.string(),
    kind: z.enum(CONSTRAINT_KINDS),
    scope: ScopeView,
    strength: z.enum(['hard', 'penalty']),
    status: z.enum(CONSTRAINT_STATUSES),
    value: ConstraintValueView,
    summary: z.string().describe('The constraint in one sentence'),
    expiresAt: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    feedbackIds: z.array(z.string()).describe('Provenance: every report behind it, oldest first'),
    history: z.array(ConstraintEventView).describe('Every status change, oldest first'),
    links: z.object({ self: z.string(), feedback: z.array(z.string()) }),
  })
  .describe('A constraint learned from driver feedback');

export const ConstraintPage = z.object({ items: z.array(ConstraintView), nextCursor: z.string().nullable() });

export const AppliedConstraintView = z
  .object({
    id: z.string(),
    kind: z.enum(CONSTRAINT_KINDS),
    scope: ScopeView,
    strength: z.enum(['hard', 'penalty']),
    summary: z.string(),
    feedbackIds: z.array(z.string()),
    effect: z.string().describe('What it did to this plan'),
  })
  .describe('A learned constraint that shaped a plan (PlanResult.constraintsApplied)');

export const FeedbackView = z
  .object({
    id: z.string(),
    kind: z.enum(FEEDBACK_KINDS),
    planId: z.string(),
    vehicleId: z.string(),
    driverId: z.string().nullable(),
    date: z.string().describe('The plan date'),
    createdAt: z.string(),
    observedAt: z.string().describe('When it happened'),
    note: z.string().nullable(),
    gps: z.object({ lat: z.number(), lon: z.number(), accuracyMetres: z.number().optional() }).nullable(),
    report: z.record(z.string(), z.unknown()).describe('The report as sent (kind-specific fields)'),
    target: z
      .object({
        orderId: z.string().optional(),
        customerId: z.string().optional(),
        from: z.string().optional(),
        to: z.string().optional(),
        fromPosition: z.number().optional(),
        toPosition: z.number().optional(),
        vehicleClass: z.string().optional(),
        stops: z.number().optional(),
        metresFromRoute: z.number().optional(),
      })
      .describe('What it points at on the route'),
    constraint: z
      .object({ id: z.string(), status: z.enum(CONSTRAINT_STATUSES), summary: z.string() })
      .nullable()
      .describe('What became of it: the constraint it created or reinforced, as it stands now'),
    outcome: z.enum(['created', 'reinforced']).nullable(),
  })
  .describe('A driver report');

export const FeedbackPage = z.object({ items: z.array(FeedbackView), nextCursor: z.string().nullable() });

export const FeedbackAccepted = z.object({
  feedback: FeedbackView,
  constraint: ConstraintView,
  outcome: z.enum(['created', 'reinforced']).describe('created a new constraint, or reinforced one already known'),
});

const Clock = z.string();
export const DriverStopView = z.object({
  position: z.number().describe('1 for the first stop'),
  orderId: z.string(),
  customerId: z.string(),
  name: z.string().nullable(),
  address: z.string().nullable(),
  location: LatLon,
  timeWindows: z.array(z.object({ start: Clock, end: Clock })),
  serviceMinutes: z.number(),
  arrival: z.string().describe('ETA'),
  serviceStart: z.string(),
  departure: z.string(),
  legKm: z.number(),
  legMinutes: z.number(),
});

const DepotView = z.object({ id: z.string(), name: z.string().nullable(), location: LatLon.nullable() });

export const DriverRouteView = z.object({
  planId: z.string(),
  planName: z.string().nullable(),
  date: z.string(),
  timezone: z.string(),
  vehicleId: z.string(),
  vehicleClass: z.string().nullable(),
  driverId: z.string(),
  startDepot: DepotView,
  endDepot: DepotView.nullable(),
  departure: z.string(),
  arrival: z.string(),
  distanceKm: z.number(),
  durationMinutes: z.number(),
  stops: z.array(DriverStopView),
  geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(z.array(z.number())) }).nullable(),
  links: z.object({ feedback: z.string(), reports: z.string() }),
});

export const DriverRoutes = z
  .object({ driverId: z.string(), date: z.string(), routes: z.array(DriverRouteView) })
  .describe("A driver's routes for a date, from the latest succeeded plans of that date");

export const PlanInputsView = z
  .object({
    planId: z.string(),
    original: z.unknown().describe('The request as the planner sent it'),
    solved: z.unknown().describe('The request the plan was solved with (original + changes)'),
    changes: z.array(z.object({ path: z.string(), from: z.unknown(), to: z.unknown(), constraintId: z.string() })),
    constraintsApplied: z.array(AppliedConstraintView),
  })
  .describe('What learned constraints did to a plan before it was solved');

export const MeView = z
  .object({
    keyId: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    driverId: z.string().nullable(),
  })
  .describe('The caller, as its API key says');

export function constraintView(c: LearnedConstraint, history: readonly ConstraintEvent[]) {
  return {
    id: c.id,
    kind: c.kind,
    scope: c.scope,
    strength: c.strength,
    status: c.status,
    value: c.value,
    summary: c.summary,
    expiresAt: c.expiresAt,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    feedbackIds: c.feedbackIds,
    history,
    links: { self: `/v1/constraints/${c.id}`, feedback: c.feedbackIds.map((id) => `/v1/feedback/${id}`) },
  };
}

export function feedbackView(f: FeedbackRecord, constraint: LearnedConstraint | undefined) {
  const r = f.report;
  return {
    id: f.id,
    kind: f.kind,
    planId: f.planId,
    vehicleId: f.vehicleId,
    driverId: f.driverId,
    date: f.planDate,
    createdAt: f.createdAt,
    observedAt: f.observedAt,
    note: r.note ?? null,
    gps: r.gps ?? null,
    report: r as unknown as Record<string, unknown>,
    target: f.target,
    constraint: constraint ? { id: constraint.id, status: constraint.status, summary: constraint.summary } : null,
    outcome: f.outcome,
  };
}
