/**
 * /openapi.json, generated: request schemas come from the zod schemas in src/model (the same
 * ones the API validates with), response schemas from src/api/views.ts.
 */
import { z } from 'zod';
import { withAccessRules } from '../auth/openapi.ts';
import { withLearningPaths } from '../feedback/openapi.ts';
import { Depot, Order, PlanRequest, Vehicle } from '../model/schema.ts';
import { ApiError, Health, PlanAccepted, PlanPage, PlanView } from './views.ts';

type JsonObject = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonObject, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const error = (description: string) => json(ref('Error'), description);

export function buildOpenApi(version: string): JsonObject {
  const inputs = z.registry<{ id: string }>();
  inputs.add(PlanRequest, { id: 'PlanRequest' }).add(Depot, { id: 'Depot' });
  inputs.add(Vehicle, { id: 'Vehicle' }).add(Order, { id: 'Order' });
  const outputs = z.registry<{ id: string }>();
  outputs.add(ApiError, { id: 'Error' }).add(PlanView, { id: 'Plan' }).add(PlanAccepted, { id: 'PlanAccepted' });
  outputs.add(PlanPage, { id: 'PlanPage' }).add(Health, { id: 'Health' });
  const uri = (id: string) => `#/components/schemas/${id}`;
  const schemas = {
    ...clean(z.toJSONSchema(inputs, { io: 'input', unrepresentable: 'any', uri }).schemas),
    ...clean(z.toJSONSchema(outputs, { io: 'output', unrepresentable: 'any', uri }).schemas),
    PlanResult: {
      type: 'object',
      description:
        'The plan: routes (vehicle, ordered stops with arrival, start of service, departure, load after the stop), ' +
        'per-route and total distance/duration/cost, unassigned orders with reasons, and the solve report ' +
        '(solve.stoppedBy: time | cap | cancel | frugal | converged). See README "API".',
      required: ['date', 'timezone', 'routes', 'unassigned', 'totals', 'solve', 'routing'],
    },
  };
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
  const doc: JsonObject = {
    openapi: '3.1.0',
    info: {
      title: 'tournee',
      version,
      description:
        'Plans delivery tours for a fleet. Submit a day (POST /v1/plans), follow it (GET /v1/plans/{id}), ' +
        'fetch the plan (GET /v1/plans/{id}/result). Every error has the Error shape.',
    },
    paths: {
      '/v1/plans': {
        post: {
          summary: 'Submit a delivery day to plan',
          requestBody: { required: true, content: { 'application/json': { schema: ref('PlanRequest') } } },
          responses: {
            202: {
              ...json(ref('PlanAccepted'), 'Accepted and queued'),
              headers: { Location: { schema: { type: 'string' } } },
            },
            400: error('Invalid JSON or invalid request; issues lists every bad field with its path'),
            413: error('Body larger than the limit'),
            415: error('Not JSON'),
            503: error('The queue (Redis) is unavailable; nothing was stored'),
          },
        },
        get: {
          summary: 'List plans, newest first',
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
            { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'nextCursor of the previous page' },
          ],
          responses: { 200: json(ref('PlanPage'), 'A page of plans'), 400: error('Invalid limit or cursor') },
        },
      },
      '/v1/plans/{id}': {
        get: {
          summary: 'Status, progress, best objective so far, elapsed time and history of a plan',
          parameters: [id],
          responses: { 200: json(ref('Plan'), 'The plan status'), 404: error('Unknown plan') },
        },
        delete: {
          summary: 'Cancel a plan',
          description:
            'A queued plan is removed at once. A running solve stops within about 2 s and keeps the best plan found ' +
            'so far (its result has solve.stoppedBy = cancel).',
          parameters: [id],
          responses: {
            200: json(ref('Plan'), 'Cancelled'),
            202: json(ref('Plan'), 'The solve was asked to stop and has not reported back yet'),
            404: error('Unknown plan'),
            409: error('The plan had already finished'),
          },
        },
      },
      '/v1/plans/{id}/result': {
        get: {
          summary: 'The plan of a finished solve',
          parameters: [id],
          responses: {
            200: json(ref('PlanResult'), 'The plan'),
            404: error('Unknown plan'),
            409: error('Not finished yet, failed, or cancelled before any plan was found'),
          },
        },
      },
      '/v1/plans/{id}/routes.geojson': {
        get: {
          summary: 'The plan on a map: GeoJSON FeatureCollection (RFC 7946)',
          description:
            'One LineString per route (road geometry when routed on OSRM, straight legs otherwise) with vehicleId, ' +
            'driverId, km, minutes, co2eWtwKg, co2eTtwKg and zoneWarnings; one Point per stop (orderId, sequence, eta); ' +
            'the depots; the unassigned orders with their reason.',
          parameters: [id],
          responses: {
            200: {
              description: 'The routes and stops',
              content: { 'application/geo+json': { schema: { type: 'object' } } },
            },
            404: error('Unknown plan'),
            409: error('Not finished yet, failed, or cancelled before any plan was found'),
          },
        },
      },
      '/v1/ledger': {
        get: {
          summary: 'What the plans saved on the road against what their solves cost (green ledger)',
          description:
            'Every plan whose date is in [from, to] (both optional, inclusive): road CO2e saved against its labelled ' +
            'baseline (kg WTW), compute CO2e (g), CPU-seconds, Wh, net saving and payback ratio, and the totals. ' +
            'Accept: text/csv gives one line per plan and a TOTAL line. Each plan result carries the full ledger.',
          parameters: [
            { name: 'from', in: 'query', schema: { type: 'string', format: 'date' }, description: 'first plan date' },
            { name: 'to', in: 'query', schema: { type: 'string', format: 'date' }, description: 'last plan date' },
          ],
          responses: {
            200: {
              description: 'The ledger of the range',
              content: {
                'application/json': { schema: { type: 'object' } },
                'text/csv': { schema: { type: 'string' } },
              },
            },
            400: error('A bound is not a date, or the range ends before it starts'),
            406: error('Neither JSON nor CSV is acceptable'),
          },
        },
      },
      '/healthz': {
        get: {
          summary: 'Pings Redis and queries the store',
          responses: { 200: json(ref('Health'), 'Both answer'), 503: json(ref('Health'), 'One of them does not') },
        },
      },
      '/openapi.json': { get: { summary: 'This document', responses: { 200: { description: 'OpenAPI 3.1' } } } },
    },
    components: { schemas },
  };
  // Drivers, feedback and learned constraints (issue 4); then the roles of every operation, last so it sees all.
  return withAccessRules(withLearningPaths(doc));
}

/** Component schemas do not need their own $schema/$id inside an OpenAPI document. */
function clean(schemas: Record<string, JsonObject>): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  for (const [name, { $schema: _s, $id: _i, ...rest }] of Object.entries(schemas)) out[name] = rest;
  return out;
}
