import { describe, expect, it } from 'vitest';
import { localDay, localDaysBetween, localWeek, offsetMs, parseClock } from '../../src/matching/calendar.js';

const TZ = 'Europe/Amsterdam';

describe('local time in Amsterdam', () => {
  it.each([
    ['winter', '2026-11-24T10:00:00+01:00', '2026-11-24', 2, '2026-11-23T23:00:00.000Z'],
    ['summer', '2026-07-14T10:00:00+02:00', '2026-07-14', 2, '2026-07-13T22:00:00.000Z'],
    ['just after local midnight', '2026-11-23T00:30:00+01:00', '2026-11-23', 1, '2026-11-22T23:00:00.000Z'],
    ['a Sunday evening', '2026-11-29T23:30:00+01:00', '2026-11-29', 7, '2026-11-28T23:00:00.000Z'],
    ['the day summer time starts', '2026-03-29T12:00:00+02:00', '2026-03-29', 7, '2026-03-28T22:00:00.000Z'],
  ])('finds the local day in %s', (_name, instant, date, weekday, midnight) => {
    const day = localDay(Date.parse(instant), TZ);
    expect(day).toEqual({ date, weekday, midnight: Date.parse(midnight) });
  });

  it('knows the offset in winter and summer', () => {
    expect(offsetMs(Date.parse('2026-01-10T12:00:00Z'), TZ)).toBe(3_600_000);
    expect(offsetMs(Date.parse('2026-07-10T12:00:00Z'), TZ)).toBe(7_200_000);
  });

  it('lists every local day a span touches, across a DST switch', () => {
    const days = localDaysBetween(Date.parse('2026-10-24T20:00:00+02:00'), Date.parse('2026-10-26T08:00:00+01:00'), TZ);
    expect(days.map((d) => d.date)).toEqual(['2026-10-24', '2026-10-25', '2026-10-26']);
    expect(days[2]!.midnight - days[1]!.midnight).toBe(24 * 3_600_000);
  });

  it('finds the Monday-to-Sunday week', () => {
    const week = localWeek(Date.parse('2026-11-26T15:00:00+01:00'), TZ);
    expect(new Date(week.start).toISOString()).toBe('2026-11-22T23:00:00.000Z');
    expect(new Date(week.end).toISOString()).toBe('2026-11-29T23:00:00.000Z');
  });

  it.each([
    ['00:00', 0],
    ['09:30', 570],
    ['24:00', 1440],
  ])('reads the clock time %s', (clock, minutes) => {
    expect(parseClock(clock)).toBe(minutes);
  });
});
