/**
 * Authentication, authorisation and rate limits for every request, before its body is read:
 *  401: no key, or a key that is not valid (unknown or revoked);
 *  429: the key spent its budget (Retry-After says when to try again), or this address sent too
 *       many bad keys (only bad keys are refused then: a valid key is never blocked by others);
 *  403: the key's role may not call this endpoint (policy.ts).
 * The caller's identity is then in res.locals for the routes (principalOf).
 */
import type { RequestHandler, Response } from 'express';
import { sendError } from '../api/errors.ts';
import type { Config } from '../config.ts';
import type { Store } from '../store/index.ts';
import { hashKey, looksLikeKey } from './keys.ts';
import { allows, type LimitClass, policyFor } from './policy.ts';
import { RateLimiter } from './rateLimit.ts';
import type { Principal } from './roles.ts';

export interface AuthDeps {
  readonly store: Store;
  readonly config: Config;
}

/** last_used_at is written at most this often per key (a write per request would cost the store). */
const TOUCH_EVERY_MS = 60_000;

export function authenticate(deps: AuthDeps, now: () => number = () => Date.now()): RequestHandler {
  const limits = deps.config.rateLimits;
  const budgets: Record<LimitClass, RateLimiter> = {
    read: new RateLimiter(limits.read, now),
    write: new RateLimiter(limits.write, now),
    feedback: new RateLimiter(limits.feedback, now),
  };
  const failures = new RateLimiter(limits.authFailures, now);
  const touched = new Map<string, number>();

  return (req, res, next) => {
    const entry = policyFor(req.method, req.path);
    if (entry.access === 'public') return next();
    const header = req.get('authorization');
    if (!header) {
      return unauthorized(
        res,
        'missing_key',
        'this endpoint needs an API key: send "Authorization: Bearer <key>" (an admin creates keys with `tournee keys create`)',
      );
    }
    const key = /^Bearer +(\S+) *$/i.exec(header)?.[1];
    const record = key && looksLikeKey(key) ? deps.store.apiKeys.byHash(hashKey(key)) : undefined;
    if (!record || record.revokedAt !== null) {
      // Guessing keys is slowed down per address; a valid key is never refused for what others sent.
      const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
      const guessing = failures.take(address);
      if (!guessing.ok) {
        return tooMany(res, guessing.retryAfterSeconds, 'too many requests with bad API keys from this address');
      }
      const why = !key
        ? 'the Authorization header must be "Bearer <key>"'
        : record
          ? `API key ${record.id} was revoked`
          : 'this API key is not valid';
      return unauthorized(res, 'invalid_key', why);
    }
    const spent = budgets[entry.limit].take(record.id);
    if (!spent.ok) {
      const budget = limits[entry.limit];
      return tooMany(
        res,
        spent.retryAfterSeconds,
        `key ${record.id} made more than ${budget.limit} ${entry.limit} requests in ${budget.periodSeconds} s`,
      );
    }
    if (!allows(entry, record.role)) {
      const roles = (entry.access as readonly string[]).join(', ');
      return sendError(
        res,
        403,
        'forbidden',
        `a ${record.role} key may not ${req.method} ${req.path} (allowed: ${roles})`,
      );
    }
    const principal: Principal = { keyId: record.id, name: record.name, role: record.role, driverId: record.driverId };
    res.locals.principal = principal;
    const t = now();
    if (t - (touched.get(record.id) ?? 0) >= TOUCH_EVERY_MS) {
      touched.set(record.id, t);
      deps.store.apiKeys.touch(record.id, new Date(t).toISOString());
    }
    next();
  };
}

/** Who is calling; only routes behind authenticate() ask. */
export function principalOf(res: Response): Principal {
  const p = res.locals.principal as Principal | undefined;
  if (!p) throw new Error('no principal: this route is not behind authenticate()');
  return p;
}

function unauthorized(res: Response, code: string, message: string): void {
  res.set('WWW-Authenticate', `Bearer realm="tournee"${code === 'invalid_key' ? ', error="invalid_token"' : ''}`);
  sendError(res, 401, code, message);
}

function tooMany(res: Response, retryAfterSeconds: number, message: string): void {
  res.set('Retry-After', String(retryAfterSeconds));
  sendError(res, 429, 'rate_limited', `${message}; try again in ${retryAfterSeconds} s`);
}
