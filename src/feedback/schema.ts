/**
 * What a driver sends: one report on one of their routes. One zod schema per kind (the `kind`
 * field picks it), the single source for validation and /openapi.json. Checks that need the
 * clock (a report from the future, an expiry in the past) run in parseFeedback; checks that need
 * the route (is this stop on it?) run in target.ts.
 */
import { z } from 'zod';
import { err, issue, ok, type Result, type ValidationIssue } from '../model/issues.ts';
import { LIMITS, Location, Window } from '../model/schema.ts';
import { toSeconds } from '../model/time.ts';
import { zodIssues } from '../model/validate.ts';
import { FEEDBACK_KINDS } from './types.ts';

const id = z.string().trim().min(1).max(LIMITS.idLength);
const isoTime = z.iso.datetime({ offset: true, message: 'expected an ISO 8601 time, e.g. 2026-12-01T09:30:00+01:00' });

/** How far in the future a report's `at` may be (phone clocks drift). */
export const CLOCK_SKEW_MS = 10 * 60_000;
/** Longest expiry a driver may give a blocked leg. */
export const MAX_EXPIRY_DAYS = 366;

export const Leg = z
  .strictObject({
    fromOrderId: id.nullable().describe('Order of the stop the leg starts from; null for the start depot'),
    toOrderId: id.nullable().describe('Order of the stop the leg goes to; null for the end depot'),
  })
  .describe('Two consecutive stops of the route');

export const NearPoint = z
  .strictObject({
    lat: Location.shape.lat,
    lon: Location.shape.lon,
    radiusMetres: z.number().finite().min(20).max(1000).default(150).describe('How close to the point a leg counts'),
  })
  .describe('Where the blocked road is: legs passing this close to the point are affected');

export const Gps = z
  .strictObject({
    lat: Location.shape.lat,
    lon: Location.shape.lon,
    accuracyMetres: z.number().finite().min(0).max(100_000).optional(),
  })
  .describe("The phone's position when the report was made");

const common = {
  planId: id.describe('The plan the route belongs to'),
  vehicleId: id.describe('The vehicle of the route (one route per vehicle in a plan)'),
  note: z.string().max(LIMITS.noteLength).optional().describe('Free text from the driver'),
  at: isoTime.optional().describe('When it happened; default: when the report is received'),
  gps: Gps.optional(),
};

const BlockedLeg = z
  .strictObject({
    kind: z.literal('blocked_leg'),
    ...common,
    leg: Leg.optional(),
    near: NearPoint.optional(),
    expiresAt: isoTime.optional().describe('When the road opens again; no expiry when absent'),
  })
  .superRefine((r, ctx) => {
    if ((r.leg === undefined) === (r.near === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: r.leg ? ['near'] : ['leg'],
        message: 'give either leg (two consecutive stops) or near (a point near the blocked road), not both',
      });
    }
  })
  .describe('The road between two stops, or a road near a point, is blocked');

const OddSequence = z
  .strictObject({ kind: z.literal('odd_sequence'), ...common, leg: Leg })
  .describe('Driving this leg in this order makes no sense');

const TooManyStops = z
  .strictObject({
    kind: z.literal('too_many_stops'),
    ...common,
    maxStops: z.int().min(1).max(LIMITS.orders).optional().describe('How many stops would be right'),
  })
  .describe('The route has more stops than can be done');

const AccessRestricted = z
  .strictObject({
    kind: z.literal('access_restricted'),
    ...common,
    orderId: id.describe('The stop'),
    reason: z
      .enum(['vehicle_too_big', 'no_truck_access'])
      .default('vehicle_too_big')
      .describe('vehicle_too_big: only smaller classes than this vehicle; no_truck_access: vans (N1) only'),
  })
  .describe('This vehicle cannot get to the stop');

const ServiceTime = z
  .strictObject({
    kind: z.literal('service_time'),
    ...common,
    orderId: id.describe('The stop'),
    actualMinutes: z.number().finite().min(0).max(600).describe('Minutes actually spent at the stop'),
  })
  .describe('The time actually spent at a stop');

const TimeWindowWrong = z
  .strictObject({
    kind: z.literal('time_window_wrong'),
    ...common,
    orderId: id.describe('The stop'),
    actualWindows: z.array(Window).min(1).max(LIMITS.windowsPerOrder).describe('The real opening hours'),
  })
  .describe("The stop's time window is not its real opening hours");

export const FeedbackRequest = z
  .discriminatedUnion('kind', [BlockedLeg, OddSequence, TooManyStops, AccessRestricted, ServiceTime, TimeWindowWrong], {
    error: (i) => (i.code === 'invalid_union' ? `expected kind to be one of ${FEEDBACK_KINDS.join(', ')}` : undefined),
  })
  .describe('A driver report on one of their routes; `kind` says which fields it has');

export type FeedbackRequest = z.output<typeof FeedbackRequest>;
export type FeedbackRequestInput = z.input<typeof FeedbackRequest>;

export const ReviewRequest = z
  .strictObject({ note: z.string().max(LIMITS.noteLength).optional().describe('Why (kept in the history)') })
  .describe('A planner decision on a learned constraint');

/** An untrusted body → a report, or every bad field with its path. `now` checks times against the clock. */
export function parseFeedback(body: unknown, now: Date): Result<FeedbackRequest, ValidationIssue[]> {
  const parsed = FeedbackRequest.safeParse(body, { reportInput: true });
  if (!parsed.success) return err(zodIssues(parsed.error));
  const r = parsed.data;
  const out: ValidationIssue[] = [];
  if (r.at !== undefined && Date.parse(r.at) > now.getTime() + CLOCK_SKEW_MS) {
    out.push(issue(['at'], 'is in the future'));
  }
  if (r.kind === 'blocked_leg' && r.expiresAt !== undefined) {
    const t = Date.parse(r.expiresAt);
    if (t <= now.getTime()) out.push(issue(['expiresAt'], 'is already past'));
    else if (t > now.getTime() + MAX_EXPIRY_DAYS * 86_400_000) {
      out.push(issue(['expiresAt'], `is more than ${MAX_EXPIRY_DAYS} days away; leave it out for no expiry`));
    }
  }
  if (r.kind === 'time_window_wrong') {
    r.actualWindows.forEach((w, i) => {
      if (toSeconds(w.end) <= toSeconds(w.start)) {
        out.push(issue(['actualWindows', i, 'end'], `window ends (${w.end}) before or when it starts (${w.start})`));
      }
    });
  }
  return out.length > 0 ? err(out) : ok(r);
}

/** An optional review body: absent or empty is fine. */
export function parseReview(body: unknown): Result<z.output<typeof ReviewRequest>, ValidationIssue[]> {
  const empty = body === undefined || (typeof body === 'object' && body !== null && Object.keys(body).length === 0);
  if (empty) return ok({});
  const parsed = ReviewRequest.safeParse(body, { reportInput: true });
  return parsed.success ? ok(parsed.data) : err(zodIssues(parsed.error));
}
