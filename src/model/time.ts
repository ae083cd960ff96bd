/**
 * Clock times of a plan day. Requests give local clock times ("07:30", "07:30:15") on the plan
 * date in an IANA timezone, or plain seconds from local midnight. Internally every time is
 * seconds from local midnight of the plan date; a day has no DST jump during delivery hours,
 * so the offset of the plan date at noon is used to print absolute timestamps.
 */

const CLOCK = /^([01]?\d|2[0-4]):([0-5]\d)(?::([0-5]\d))?$/;

/** Seconds in the horizon of one plan: windows may run past midnight into the next morning. */
export const HORIZON_SECONDS = 48 * 3600;

/** Parses "HH:MM" or "HH:MM:SS" (24:00 allowed) into seconds from midnight; null when malformed. */
export function parseClock(text: string): number | null {
  const m = CLOCK.exec(text);
  if (!m) return null;
  const seconds = Number(m[1]) * 3600 + Number(m[2]) * 60 + (m[3] ? Number(m[3]) : 0);
  return seconds <= 24 * 3600 ? seconds : null;
}

/** A request time: a clock string or seconds from midnight. */
export type TimeOfDay = string | number;

export function toSeconds(t: TimeOfDay): number {
  if (typeof t === 'number') return t;
  const s = parseClock(t);
  if (s === null) throw new Error(`not a clock time: ${t}`);
  return s;
}

/** "HH:MM" for whole minutes, "HH:MM:SS" otherwise; hours run past 24 for next-day times. */
export function formatClock(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const hm = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  return sec === 0 ? hm : `${hm}:${String(sec).padStart(2, '0')}`;
}

/** True when `zone` is an IANA timezone this Node knows. */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isPlanDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(date);
}

/** UTC offset in minutes of `zone` on `date` at local noon (e.g. +60 for Paris in winter). */
export function utcOffsetMinutes(date: string, zone: string): number {
  const noonUtc = new Date(`${date}T12:00:00Z`);
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(noonUtc);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const localAsUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((localAsUtc - noonUtc.getTime()) / 60000);
}

/** ISO 8601 timestamp with offset for `seconds` after local midnight of `date` in `zone`. */
export function toIsoLocal(date: string, zone: string, seconds: number): string {
  const offset = utcOffsetMinutes(date, zone);
  const midnightUtc = Date.parse(`${date}T00:00:00Z`) - offset * 60000;
  const local = new Date(midnightUtc + Math.round(seconds) * 1000 + offset * 60000);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${local.toISOString().slice(0, 19)}${off}`;
}
