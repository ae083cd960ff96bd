/** Query parameters shared by the feedback and constraint lists: limit, cursor, one-of filters. */
import { issue } from '../../model/issues.ts';
import { HttpError } from '../errors.ts';

export const PAGE = { default: 20, max: 100 } as const;

function badQuery(name: string, message: string): HttpError {
  return new HttpError(400, 'invalid_query', `invalid query parameter ${name}`, [issue([name], message)]);
}

export function pageLimit(raw: unknown): number {
  if (raw === undefined) return PAGE.default;
  const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1 && n <= PAGE.max)) throw badQuery('limit', `expected a whole number from 1 to ${PAGE.max}`);
  return n;
}

export function encodeCursor(seq: number): string {
  return Buffer.from(`s${seq}`).toString('base64url');
}

export function cursorSeq(raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const text = typeof raw === 'string' ? Buffer.from(raw, 'base64url').toString() : '';
  const m = /^s(\d{1,15})$/.exec(text);
  if (!m) throw badQuery('cursor', 'not a cursor from a previous page (use nextCursor as given)');
  return Number(m[1]);
}

/** An optional single text parameter (repeated parameters are refused). */
export function textParam(raw: unknown, name: string, max = 128): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > max) {
    throw badQuery(name, `expected one value of 1 to ${max} characters`);
  }
  return raw;
}

/** An optional comma-separated list of values from `allowed`. */
export function listParam<T extends string>(raw: unknown, name: string, allowed: readonly T[]): T[] | undefined {
  const text = textParam(raw, name, 200);
  if (text === undefined) return undefined;
  const values = text.split(',').map((s) => s.trim());
  const bad = values.filter((v) => !(allowed as readonly string[]).includes(v));
  if (bad.length > 0) throw badQuery(name, `unknown value(s) ${bad.join(', ')}; one or more of ${allowed.join(', ')}`);
  return values as T[];
}

export function invalidQuery(name: string, message: string): HttpError {
  return badQuery(name, message);
}
