/**
 * The part of /openapi.json about drivers, feedback and learned constraints: paths, and schemas
 * generated from the same zod schemas the API validates and answers with.
 */
import { z } from 'zod';
import { FeedbackRequest, ReviewRequest } from './schema.ts';
import { CONSTRAINT_KINDS, CONSTRAINT_STATUSES, FEEDBACK_KINDS } from './types.ts';
import {
  AppliedConstraintView,
  ConstraintPage,
  ConstraintView,
  DriverRoutes,
  FeedbackAccepted,
  FeedbackPage,
  FeedbackView,
  MeView,
  PlanInputsView,
} from './views.ts';

type JsonObject = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonObject, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const error = (description: string) => json(ref('Error'), description);
const pathParam = (name: string, description?: string) => ({
  name,
  in: 'path',
  required: true,
  schema: { type: 'string' },
  ...(description ? { description } : {}),
});
const query = (name: string, schema: JsonObject, description: string) => ({ name, in: 'query', schema, description });
const paging = [
  query('limit', { type: 'integer', minimum: 1, maximum: 100, default: 20 }, 'Items per page'),
  query('cursor', { type: 'string' }, 'nextCursor of the previous page'),
];

export function learningOpenApi(): { paths: JsonObject; schemas: JsonObject } {
  const inputs = z.registry<{ id: string }>();
  inputs.add(FeedbackRequest, { id: 'FeedbackRequest' }).add(ReviewRequest, { id: 'ReviewRequest' });
  const outputs = z.registry<{ id: string }>();
  outputs.add(FeedbackView, { id: 'Feedback' }).add(FeedbackPage, { id: 'FeedbackPage' });
  outputs.add(FeedbackAccepted, { id: 'FeedbackAccepted' }).add(ConstraintView, { id: 'Constraint' });
  outputs.add(ConstraintPage, { id: 'ConstraintPage' }).add(AppliedConstraintView, { id: 'AppliedConstraint' });
  outputs.add(DriverRoutes, { id: 'DriverRoutes' }).add(PlanInputsView, { id: 'PlanInputs' });
  outputs.add(MeView, { id: 'Me' });
  const uri = (id: string) => `#/components/schemas/${id}`;
  const schemas = {
    ...clean(z.toJSONSchema(inputs, { io: 'input', unrepresentable: 'any', uri }).schemas),
    ...clean(z.toJSONSchema(outputs, { io: 'output', unrepresentable: 'any', uri }).schemas),
  };
  const review = (verb: string, what: string, from: string) => ({
    post: {
      summary: `${verb} a learned constraint`,
      description: `${what} Allowed from: ${from}. The decision, who made it and the note go into its history.`,
      parameters: [pathParam('id')],
      requestBody: { required: false, content: { 'application/json': { schema: ref('ReviewRequest') } } },
      responses: {
        200: json(ref('Constraint'), 'The constraint after the decision'),
        400: error('Invalid body'),
        404: error('Unknown constraint'),
        409: error('Not in a status this decision applies to'),
      },
    },
  });
  const paths: JsonObject = {
    '/v1/me': {
      get: {
        summary: 'Who this API key belongs to',
        responses: { 200: json(ref('Me'), 'Role and driver of the key') },
      },
    },
    '/v1/plans/{id}/request': {
      get: {
        summary: 'What learned constraints did to a plan before it was solved',
        description:
          'The request as the planner sent it, the request solved, every field a constraint changed ' +
          '(service times, max stops, opening hours) and the constraints applied with their feedback.',
        parameters: [pathParam('id')],
        responses: { 200: json(ref('PlanInputs'), 'Original and solved request'), 404: error('Unknown plan') },
      },
    },
    '/v1/drivers/{driverId}/routes': {
      get: {
        summary: "A driver's routes for a date",
        description:
          'From the latest succeeded plans of the date whose routes have this driverId (a newer plan of the same ' +
          'orders replaces an older one). A driver key may only ask for its own driver, or "me".',
        parameters: [
          pathParam('driverId', 'A driverId, or "me" for the driver of the key'),
          query('date', { type: 'string', format: 'date' }, 'Plan date YYYY-MM-DD (default: today, server time)'),
        ],
        responses: {
          200: json(ref('DriverRoutes'), 'The routes, stops in order with time windows and ETAs'),
          400: error('Bad date, or "me" with a key that is not a driver\'s'),
          403: error("Another driver's routes"),
        },
      },
    },
    '/v1/feedback': {
      post: {
        summary: 'Flag one of my routes',
        description:
          `A report of kind ${FEEDBACK_KINDS.join(', ')}. It is stored and turned into a learned constraint ` +
          '(created, or reinforcing one with the same kind and scope), which shapes the next plans. ' +
          'See src/feedback/README.md for the rule of each kind.',
        requestBody: { required: true, content: { 'application/json': { schema: ref('FeedbackRequest') } } },
        responses: {
          201: {
            ...json(ref('FeedbackAccepted'), 'Stored; the constraint it created or reinforced'),
            headers: { Location: { schema: { type: 'string' } } },
          },
          400: error('Invalid report (issues lists every bad field); nothing is stored'),
          403: error("Another driver's route"),
          404: error('Unknown plan, no route for that vehicle, or the stop is not on the route'),
          415: error('Not JSON'),
        },
      },
      get: {
        summary: 'Reports, newest first (a driver key: only its own)',
        parameters: [
          query('driverId', { type: 'string' }, 'Only this driver'),
          query('planId', { type: 'string' }, 'Only this plan'),
          query('kind', { type: 'string', enum: [...FEEDBACK_KINDS] }, 'Only this kind'),
          ...paging,
        ],
        responses: { 200: json(ref('FeedbackPage'), 'A page of reports and what became of them') },
      },
    },
    '/v1/feedback/{id}': {
      get: {
        summary: 'One report and what became of it',
        parameters: [pathParam('id')],
        responses: {
          200: json(ref('Feedback'), 'The report'),
          403: error("Another driver's report"),
          404: error('Unknown report'),
        },
      },
    },
    '/v1/constraints': {
      get: {
        summary: 'Learned constraints, newest first',
        parameters: [
          query('status', { type: 'string' }, `Comma-separated: ${CONSTRAINT_STATUSES.join(', ')}`),
          query('kind', { type: 'string', enum: [...CONSTRAINT_KINDS] }, 'Only this kind'),
          query('customerId', { type: 'string' }, 'About this customer (alone or in a pair)'),
          query('driverId', { type: 'string' }, 'About this driver'),
          query('vehicleId', { type: 'string' }, 'About this vehicle'),
          query('depotId', { type: 'string' }, 'About this depot'),
          ...paging,
        ],
        responses: { 200: json(ref('ConstraintPage'), 'A page of constraints'), 400: error('Bad query') },
      },
    },
    '/v1/constraints/{id}': {
      get: {
        summary: 'One learned constraint with its provenance and history',
        parameters: [pathParam('id')],
        responses: { 200: json(ref('Constraint'), 'The constraint'), 404: error('Unknown constraint') },
      },
    },
    '/v1/constraints/{id}/accept': review(
      'Accept',
      'It becomes active and shapes new plans; an active constraint of the same kind and scope is expired (superseded).',
      'proposed, rejected',
    ),
    '/v1/constraints/{id}/reject': review('Reject', 'It no longer shapes plans.', 'proposed, active'),
    '/v1/constraints/{id}/expire': review('Expire', 'It stops shaping plans now.', 'active'),
  };
  return { paths, schemas };
}

function clean(schemas: Record<string, JsonObject>): Record<string, JsonObject> {
  const out: Record<string, JsonObject> = {};
  for (const [name, { $schema: _s, $id: _i, ...rest }] of Object.entries(schemas)) out[name] = rest;
  return out;
}

/** The document with the learning paths and schemas added (methods of a shared path are merged). */
export function withLearningPaths(doc: JsonObject): JsonObject {
  const part = learningOpenApi();
  const paths = { ...((doc.paths ?? {}) as Record<string, JsonObject>) };
  for (const [p, item] of Object.entries(part.paths)) paths[p] = { ...(paths[p] ?? {}), ...(item as JsonObject) };
  const components = (doc.components ?? {}) as JsonObject;
  const schemas: Record<string, JsonObject> = {
    ...((components.schemas ?? {}) as JsonObject),
    ...part.schemas,
  } as Record<string, JsonObject>;
  // The plan result names the learned constraints that shaped it.
  const result = schemas.PlanResult;
  if (result) {
    const properties = { ...((result.properties ?? {}) as JsonObject) };
    properties.constraintsApplied = {
      type: 'array',
      items: ref('AppliedConstraint'),
      description: 'Learned constraints that shaped this plan, what each did, and from which driver feedback',
    };
    schemas.PlanResult = { ...result, properties };
  }
  return { ...doc, paths, components: { ...components, schemas } };
}
