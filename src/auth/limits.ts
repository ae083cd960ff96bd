/**
 * Rate limits per API key, by budget (policy.ts says which budget each endpoint spends), and per
 * client address for failed authentications. Defaults fit a planner's screen polling progress
 * every second, a driver flagging a day's worth of stops, and scripts; every number can be set
 * from the environment.
 *
 * | budget        | default               | variable                                |
 * |---------------|-----------------------|-----------------------------------------|
 * | read          | 1200 per minute       | TOURNEE_RATE_READ_PER_MINUTE            |
 * | write         | 60 per minute         | TOURNEE_RATE_WRITE_PER_MINUTE           |
 * | feedback      | 60 per hour           | TOURNEE_RATE_FEEDBACK_PER_HOUR          |
 * | auth failures | 30 per minute per IP  | TOURNEE_RATE_AUTH_FAILURES_PER_MINUTE   |
 */
import type { LimitClass } from './policy.ts';
import type { Rate } from './rateLimit.ts';

export type RateLimits = Readonly<Record<LimitClass | 'authFailures', Rate>>;

const VARIABLES: Readonly<Record<keyof RateLimits, [string, number, number]>> = {
  read: ['TOURNEE_RATE_READ_PER_MINUTE', 1200, 60],
  write: ['TOURNEE_RATE_WRITE_PER_MINUTE', 60, 60],
  feedback: ['TOURNEE_RATE_FEEDBACK_PER_HOUR', 60, 3600],
  authFailures: ['TOURNEE_RATE_AUTH_FAILURES_PER_MINUTE', 30, 60],
};

export const RATE_LIMIT_DEFAULTS: RateLimits = rates(() => undefined);

/** The limits from the environment; an unusable value is an error naming the variable. */
export function loadRateLimits(env: Readonly<Record<string, string | undefined>>): RateLimits {
  return rates((name) => {
    const raw = env[name]?.trim();
    if (!raw) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
      throw new RangeError(`${name}=${raw}: expected a whole number of requests from 1 to 1000000`);
    }
    return n;
  });
}

function rates(read: (name: string) => number | undefined): RateLimits {
  const out = {} as Record<keyof RateLimits, Rate>;
  for (const [budget, [name, limit, periodSeconds]] of Object.entries(VARIABLES)) {
    out[budget as keyof RateLimits] = { limit: read(name) ?? limit, periodSeconds };
  }
  return out;
}
