import { closedDaysBetween } from '../../src/closures/closures.repo.js';
import type { Db } from '../../src/db/client.js';
import { localDay, type LocalDay } from '../../src/matching/calendar.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TZ = 'Europe/Amsterdam';

/**
 * The first day, `daysAhead` or more after `from`, that the service's own calendar keeps open (no
 * public holiday, no closure): for tests that must live in real time, such as separate processes.
 */
export function nextOpenDay(db: Db, from: number, daysAhead: number): LocalDay {
  let day = localDay(from + daysAhead * DAY, TZ);
  // A day past midnight plus 26 hours is the next day, also across the clock changes.
  while (closedDaysBetween(db, day.date, day.date).length > 0) day = localDay(day.midnight + DAY + 2 * HOUR, TZ);
  return day;
}
