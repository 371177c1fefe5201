import { describe, expect, it } from 'vitest';
import { occurrencesBetween } from '../../src/series/occurrences.js';

const weekly = { weekday: 2, everyWeeks: 1, firstDate: '2026-11-24', untilDate: null };

describe('the dates a series falls on', () => {
  it('starts on the first matching weekday from the first date', () => {
    expect(occurrencesBetween({ ...weekly, firstDate: '2026-11-19' }, '2026-11-01', '2026-12-02')).toEqual([
      '2026-11-24',
      '2026-12-01',
    ]);
  });

  it('keeps the fortnightly rhythm of its first date, whatever the period asked for', () => {
    const fortnightly = { ...weekly, everyWeeks: 2 };
    expect(occurrencesBetween(fortnightly, '2026-11-25', '2026-12-31')).toEqual(['2026-12-08', '2026-12-22']);
    expect(occurrencesBetween(fortnightly, '2026-12-08', '2026-12-08')).toEqual(['2026-12-08']);
    expect(occurrencesBetween(fortnightly, '2026-12-01', '2026-12-07')).toEqual([]);
  });

  it('stops at the until date, inclusive', () => {
    expect(occurrencesBetween({ ...weekly, untilDate: '2026-12-01' }, '2026-11-01', '2027-01-01')).toEqual([
      '2026-11-24',
      '2026-12-01',
    ]);
  });

  it('goes on over a new year and a change to winter time', () => {
    const sunday = { weekday: 7, everyWeeks: 1, firstDate: '2026-10-18', untilDate: null };
    expect(occurrencesBetween(sunday, '2026-10-18', '2026-11-01')).toEqual(['2026-10-18', '2026-10-25', '2026-11-01']);
    expect(occurrencesBetween(weekly, '2026-12-28', '2027-01-06')).toEqual(['2026-12-29', '2027-01-05']);
  });
});
