import { describe, expect, it } from 'vitest';
import { dutchPublicHolidays, easterSunday, holidaysBetween } from '../../src/closures/holidays.js';

describe('Dutch public holidays', () => {
  it.each([
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('knows Easter Sunday %i', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it('lists the year’s holidays in date order, with the feasts that follow Easter', () => {
    expect(dutchPublicHolidays(2026)).toEqual([
      { date: '2026-01-01', name: 'Nieuwjaarsdag' },
      { date: '2026-04-05', name: 'Eerste Paasdag' },
      { date: '2026-04-06', name: 'Tweede Paasdag' },
      { date: '2026-04-27', name: 'Koningsdag' },
      { date: '2026-05-14', name: 'Hemelvaartsdag' },
      { date: '2026-05-24', name: 'Eerste Pinksterdag' },
      { date: '2026-05-25', name: 'Tweede Pinksterdag' },
      { date: '2026-12-25', name: 'Eerste Kerstdag' },
      { date: '2026-12-26', name: 'Tweede Kerstdag' },
    ]);
  });

  it('moves King’s Day to the Saturday when 27 April is a Sunday', () => {
    expect(dutchPublicHolidays(2025).find((h) => h.name === 'Koningsdag')?.date).toBe('2025-04-26');
  });

  it('counts Liberation Day only every fifth year', () => {
    const liberation = (year: number) => dutchPublicHolidays(year).some((h) => h.name === 'Bevrijdingsdag');
    expect([2025, 2026, 2029, 2030].map(liberation)).toEqual([true, false, false, true]);
  });

  it('finds the holidays in a period, inclusive, also over a new year', () => {
    expect(holidaysBetween('2026-12-26', '2027-01-01').map((h) => h.date)).toEqual(['2026-12-26', '2027-01-01']);
    expect(holidaysBetween('2026-06-01', '2026-06-30')).toEqual([]);
  });
});
