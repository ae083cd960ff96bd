/**
 * Puts the access rules into /openapi.json: the bearer-key scheme, and on every operation the
 * roles that may call it (x-roles, from the same table the API enforces) with its 401/403/429
 * answers; public operations say they need no key.
 */
import { policyFor } from './policy.ts';

type JsonObject = Record<string, unknown>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

export function withAccessRules(doc: JsonObject): JsonObject {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, JsonObject>>;
  const out: Record<string, Record<string, JsonObject>> = {};
  for (const [template, item] of Object.entries(paths)) {
    const concrete = template.replace(/\{[^}]+\}/g, 'x');
    out[template] = { ...item };
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const entry = policyFor(method, concrete);
      if (entry.access === 'public') {
        out[template][method] = { ...op, security: [], 'x-roles': ['public'] };
        continue;
      }
      const roles = [...entry.access];
      const note = entry.note ? ` (${entry.note})` : '';
      const responses = (op.responses ?? {}) as JsonObject;
      out[template][method] = {
        ...op,
        'x-roles': roles,
        description: [op.description, `Roles: ${roles.join(', ')}${note}.`].filter(Boolean).join(' '),
        responses: {
          ...responses,
          401: responses[401] ?? errorResponse('No API key, or a key that is not valid (unknown or revoked)'),
          403: responses[403] ?? errorResponse("The key's role may not do this"),
          429: responses[429] ?? {
            ...errorResponse('Rate limit of the key reached; Retry-After says when to try again'),
            headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds' } },
          },
        },
      };
    }
  }
  const components = (doc.components ?? {}) as JsonObject;
  return {
    ...doc,
    paths: out,
    security: [{ apiKey: [] }],
    components: {
      ...components,
      securitySchemes: {
        ...((components.securitySchemes as JsonObject | undefined) ?? {}),
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            'An API key ("Authorization: Bearer tk_…"), created with `tournee keys create --role ROLE --name NAME`. ' +
            'Roles: planner, driver (bound to a driverId), manager, admin.',
        },
      },
    },
  };
}
