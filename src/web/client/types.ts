/**
 * The API's response shapes, imported as types from the server's own modules, so the client is
 * checked against what the server really sends (the imports vanish when transpiled).
 */
import type { z } from 'zod';
import type {
  ConstraintView,
  DriverRoutes,
  FeedbackAccepted,
  FeedbackView,
  MeView,
  PlanInputsView,
} from '../../feedback/views.ts';

export type { PlanSummary, PlanView } from '../../api/views.ts';
export type { Role } from '../../auth/roles.ts';
export type { FeedbackKind } from '../../feedback/types.ts';
export type { LedgerReport, LedgerReportPlan } from '../../ledger/report.ts';
export type { AnytimePoint, Ledger } from '../../ledger/types.ts';
export type { PlanRequestInput } from '../../model/schema.ts';
export type { PlannedRoute, PlannedStop, PlanResult, UnassignedOrder } from '../../plan/types.ts';

export type Me = z.infer<typeof MeView>;
export type Constraint = z.infer<typeof ConstraintView>;
export type Feedback = z.infer<typeof FeedbackView>;
export type FeedbackCreated = z.infer<typeof FeedbackAccepted>;
export type DriverRoutesView = z.infer<typeof DriverRoutes>;
export type DriverRoute = DriverRoutesView['routes'][number];
export type DriverStop = DriverRoute['stops'][number];
export type PlanInputs = z.infer<typeof PlanInputsView>;

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/** GET /v1/plans/{id}/routes.geojson */
export interface RoutesGeoJson {
  readonly type: 'FeatureCollection';
  readonly properties: { date: string; routing: string; geometry: string; note: string | null };
  readonly features: readonly {
    readonly type: 'Feature';
    readonly geometry:
      | { type: 'LineString'; coordinates: [number, number][] }
      | { type: 'Point'; coordinates: [number, number] };
    readonly properties: Record<string, unknown> & { kind: 'route' | 'stop' | 'depot' | 'unassigned' };
  }[];
}
