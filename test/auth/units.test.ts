/** Keys, the policy table and the rate limiter, on their own. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApiKey, hashKey, looksLikeKey } from '../../src/auth/keys.ts';
import { loadRateLimits, RATE_LIMIT_DEFAULTS } from '../../src/auth/limits.ts';
import { allows, policyFor } from '../../src/auth/policy.ts';
import { RateLimiter } from '../../src/auth/rateLimit.ts';
import type { Role } from '../../src/auth/roles.ts';
import type { Store } from '../../src/store/index.ts';
import { type TestStore, testStore } from '../support/store.ts';

describe('API keys', () => {
  let opened: TestStore;
  let store: Store;
  beforeEach(() => {
    opened = testStore();
    store = opened.store;
  });
  afterEach(() => opened.close());

  it('are 256 random bits, shown once; the store keeps only their SHA-256 and a prefix', () => {
    const made = createApiKey(store.apiKeys, { role: 'driver', name: "Léa's phone", driverId: 'driver-ev1' });
    if (!made.ok) throw new Error(made.error);
    const { key, record } = made.value;
    expect(looksLikeKey(key)).toBe(true);
    expect(record).toMatchObject({ role: 'driver', driverId: 'driver-ev1', name: "Léa's phone", revokedAt: null });
    expect(key.startsWith(record.prefix)).toBe(true);
    const rows = store.db.prepare('SELECT * FROM api_keys').all() as Record<string, unknown>[];
    expect(JSON.stringify(rows)).not.toContain(key);
    expect(rows[0]!.hash).toBe(hashKey(key));
    expect(store.apiKeys.byHash(hashKey(key))?.id).toBe(record.id);
    const other = createApiKey(store.apiKeys, { role: 'admin', name: 'ops' });
    expect(other.ok && other.value.key).not.toBe(key);
  });

  it.each([
    [{ role: 'boss', name: 'x' }, /unknown role/],
    [{ role: 'driver', name: 'x' }, /needs the driver/],
    [{ role: 'planner', name: 'x', driverId: 'd1' }, /only driver keys/],
    [{ role: 'planner', name: '  ' }, /name/],
  ])('refuses %j', (spec, message) => {
    const made = createApiKey(store.apiKeys, spec);
    expect(made.ok).toBe(false);
    if (!made.ok) expect(made.error).toMatch(message);
    expect(store.apiKeys.list()).toEqual([]);
  });

  it('are revoked once', () => {
    const made = createApiKey(store.apiKeys, { role: 'manager', name: 'm' });
    if (!made.ok) throw new Error(made.error);
    expect(store.apiKeys.revoke(made.value.record.id)).toBe(true);
    expect(store.apiKeys.revoke(made.value.record.id)).toBe(false);
    expect(store.apiKeys.get(made.value.record.id)?.revokedAt).not.toBeNull();
  });
});

describe('the policy table', () => {
  const who = (method: string, path: string) => {
    const e = policyFor(method, path);
    return e.access === 'public'
      ? 'public'
      : (['planner', 'driver', 'manager', 'admin'] as Role[]).filter((r) => allows(e, r));
  };

  it.each([
    ['GET', '/healthz', 'public'],
    ['HEAD', '/healthz', 'public'],
    ['GET', '/openapi.json', 'public'],
    ['GET', '/', 'public'],
    ['GET', '/app/driver.js', 'public'],
    ['POST', '/app/anything', ['admin']],
    ['GET', '/v1/me', ['planner', 'driver', 'manager', 'admin']],
    ['POST', '/v1/plans', ['planner', 'admin']],
    ['DELETE', '/v1/plans/abc', ['planner', 'admin']],
    ['GET', '/v1/plans', ['planner', 'manager', 'admin']],
    ['GET', '/v1/plans/abc/result', ['planner', 'manager', 'admin']],
    ['GET', '/v1/plans/abc/routes.geojson', ['planner', 'manager', 'admin']],
    ['GET', '/v1/plans/abc/request', ['planner', 'manager', 'admin']],
    ['GET', '/v1/ledger', ['planner', 'manager', 'admin']],
    ['GET', '/v1/drivers/me/routes', ['planner', 'driver', 'manager', 'admin']],
    ['POST', '/v1/feedback', ['driver', 'admin']],
    ['GET', '/v1/feedback', ['planner', 'driver', 'manager', 'admin']],
    ['GET', '/v1/feedback/fb-1', ['planner', 'driver', 'manager', 'admin']],
    ['GET', '/v1/constraints', ['planner', 'manager', 'admin']],
    ['POST', '/v1/constraints/lc-1/accept', ['planner', 'admin']],
    ['POST', '/v1/constraints/lc-1/reject', ['planner', 'admin']],
    ['POST', '/v1/constraints/lc-1/expire', ['planner', 'admin']],
    ['POST', '/v1/constraints/lc-1/delete', ['admin']],
    ['PUT', '/v1/plans', ['admin']],
    ['GET', '/v1/anything-new', ['admin']],
    ['GET', '/metrics', ['admin']],
  ])('%s %s → %j', (method, path, expected) => {
    expect(who(method, path)).toEqual(expected);
  });

  it('matches as Express routes do: any case, a trailing slash; nothing more', () => {
    expect(who('post', '/V1/Plans/')).toEqual(['planner', 'admin']);
    expect(who('GET', '/healthz/')).toBe('public');
    expect(who('GET', '/healthzz')).toEqual(['admin']);
    expect(who('POST', '/v1/plans/abc')).toEqual(['admin']);
    expect(who('GET', '/v1/drivers/a/b/routes')).toEqual(['admin']);
  });
});

describe('the rate limiter', () => {
  it('lets a burst of `limit` through, then says when the next one is allowed, and refills steadily', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 3, periodSeconds: 60 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('k').ok)).toEqual([true, true, true]);
    expect(limiter.take('k')).toEqual({ ok: false, retryAfterSeconds: 20 });
    expect(limiter.take('other').ok).toBe(true);
    now += 19_000;
    expect(limiter.take('k').ok).toBe(false);
    now += 1_000;
    expect(limiter.take('k').ok).toBe(true);
    now += 600_000;
    expect([1, 2, 3, 4].map(() => limiter.take('k').ok)).toEqual([true, true, true, false]);
  });

  it('checks without spending, and stays bounded in memory', () => {
    let now = 0;
    const limiter = new RateLimiter({ limit: 1, periodSeconds: 10 }, () => now, 5);
    expect(limiter.blocked('x')).toBeNull();
    limiter.take('x');
    expect(limiter.blocked('x')).toEqual({ ok: false, retryAfterSeconds: 10 });
    for (let i = 0; i < 50; i++) limiter.take(`k${i}`);
    now += 1;
    expect((limiter as unknown as { buckets: Map<string, unknown> }).buckets.size).toBeLessThanOrEqual(6);
  });

  it('takes its numbers from the environment, and refuses unusable ones', () => {
    expect(loadRateLimits({})).toEqual(RATE_LIMIT_DEFAULTS);
    expect(loadRateLimits({ TOURNEE_RATE_WRITE_PER_MINUTE: '5' }).write).toEqual({ limit: 5, periodSeconds: 60 });
    expect(loadRateLimits({ TOURNEE_RATE_FEEDBACK_PER_HOUR: '7' }).feedback).toEqual({ limit: 7, periodSeconds: 3600 });
    expect(() => loadRateLimits({ TOURNEE_RATE_READ_PER_MINUTE: '0' })).toThrow(/TOURNEE_RATE_READ_PER_MINUTE/);
    expect(() => loadRateLimits({ TOURNEE_RATE_READ_PER_MINUTE: 'lots' })).toThrow(/whole number/);
  });
});
