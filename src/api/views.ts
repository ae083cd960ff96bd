/**
 * What the API says about plans. The zod schemas are the single source for the response types
 * and for their part of /openapi.json.
 */
import { z } from 'zod';
import { PLAN_STATUSES, type PlanEvent, type PlanRecord } from '../store/index.ts';

export const ApiIssue = z.object({
  path: z.string().describe('Readable path of the bad field, e.g. orders[3].demand.kg'),
  pointer: z.string().describe('RFC 6901 JSON pointer of the bad field, e.g. /orders/3/demand/kg'),
  message: z.string(),
});

export const ApiError = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. invalid_request, not_found, payload_too_large'),
      message: z.string().describe('What went wrong and what to do about it'),
      issues: z.array(ApiIssue).optional().describe('One entry per bad field (validation errors only)'),
    }),
  })
  .describe('Every error response has this shape');

export const PlanStatus = z.enum(PLAN_STATUSES);

export const Progress = z.object({
  elapsedMs: z.number().describe('Compute time of the current attempt so far'),
  iterations: z.number(),
  bestObjective: z.number().nullable().describe('Best objective found so far (null before the first feasible plan)'),
  at: z.string().describe('When the worker reported it'),
});

export const HistoryEntry = z.object({
  at: z.string(),
  status: PlanStatus,
  detail: z.string().nullable(),
});

const Links = z.object({ self: z.string(), result: z.string() });

export const PlanSummary = z.object({
  id: z.string(),
  name: z.string().nullable(),
  date: z.string(),
  status: PlanStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  links: Links,
});

export const PlanView = PlanSummary.extend({
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  attempts: z.number().describe('Times a worker started the solve (more than 1 when a worker was lost)'),
  progress: Progress.nullable(),
  bestObjective: z.number().nullable(),
  elapsedMs: z.number().nullable(),
  cancelRequested: z.boolean(),
  error: z.string().nullable().describe('Why the plan failed'),
  history: z.array(HistoryEntry).describe('Every status change, oldest first'),
});

export const PlanAccepted = z.object({ id: z.string(), status: PlanStatus, links: Links });

export const PlanPage = z.object({
  items: z.array(PlanSummary),
  nextCursor: z.string().nullable().describe('Pass as ?cursor= for the next page; null on the last page'),
});

export const HealthCheck = z.object({ ok: z.boolean(), ms: z.number(), error: z.string().optional() });
export const Health = z.object({
  status: z.enum(['ok', 'unhealthy']),
  checks: z.object({ redis: HealthCheck, store: HealthCheck }),
  error: ApiError.shape.error.optional(),
});

export type PlanView = z.infer<typeof PlanView>;
export type PlanSummary = z.infer<typeof PlanSummary>;

export function links(id: string) {
  return { self: `/v1/plans/${id}`, result: `/v1/plans/${id}/result` };
}

export function planSummary(p: PlanRecord): PlanSummary {
  return {
    id: p.id,
    name: p.name,
    date: p.date,
    status: p.status,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    links: links(p.id),
  };
}

export function planView(p: PlanRecord, history: readonly PlanEvent[]): PlanView {
  return {
    ...planSummary(p),
    startedAt: p.startedAt,
    finishedAt: p.finishedAt,
    attempts: p.attempts,
    progress: p.progress,
    bestObjective: p.progress?.bestObjective ?? null,
    elapsedMs: p.progress?.elapsedMs ?? null,
    cancelRequested: p.cancelRequestedAt !== null,
    error: p.error,
    history: [...history],
  };
}
