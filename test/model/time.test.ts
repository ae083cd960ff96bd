import { describe, expect, it } from 'vitest';
import { formatClock, isPlanDate, isTimeZone, parseClock, toIsoLocal, utcOffsetMinutes } from '../../src/model/time.ts';

describe('clock times', () => {
  it('parses HH:MM and HH:MM:SS, rejects the rest', () => {
    expect(parseClock('07:30')).toBe(27000);
    expect(parseClock('7:05:09')).toBe(25509);
    expect(parseClock('24:00')).toBe(86400);
    for (const bad of ['24:01', '7h30', '12:60', '', '12', '-1:00']) expect(parseClock(bad)).toBeNull();
  });
  it('prints whole minutes without seconds and runs past midnight', () => {
    expect(formatClock(27000)).toBe('07:30');
    expect(formatClock(25509)).toBe('07:05:09');
    expect(formatClock(90000)).toBe('25:00');
  });
  it('knows calendar dates and IANA zones', () => {
    expect(isPlanDate('2026-12-01')).toBe(true);
    expect(isPlanDate('2026-02-30')).toBe(false);
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
  it('uses the offset of the plan date (winter and summer time in Paris)', () => {
    expect(utcOffsetMinutes('2026-12-01', 'Europe/Paris')).toBe(60);
    expect(utcOffsetMinutes('2026-07-01', 'Europe/Paris')).toBe(120);
    expect(toIsoLocal('2026-12-01', 'Europe/Paris', 8 * 3600 + 90)).toBe('2026-12-01T08:01:30+01:00');
    expect(toIsoLocal('2026-07-01', 'America/New_York', 3600)).toBe('2026-07-01T01:00:00-04:00');
  });
});
