/**
 * The dates a series falls on: pure date arithmetic on local dates "YYYY-MM-DD". The first occurrence
 * is the first date on or after `firstDate` with the series' weekday; then every `everyWeeks` weeks.
 */

export interface Recurrence {
  weekday: number;
  everyWeeks: number;
  firstDate: string;
  untilDate: string | null;
}

const DAY = 86_400_000;

const toDays = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const toDate = (days: number) => new Date(days * DAY).toISOString().slice(0, 10);

/** The occurrences in the inclusive dates [from, to]. */
export function occurrencesBetween(r: Recurrence, from: string, to: string): string[] {
  const first = toDays(r.firstDate);
  const isoWeekday = ((new Date(first * DAY).getUTCDay() + 6) % 7) + 1;
  const anchor = first + ((r.weekday - isoWeekday + 7) % 7);
  const step = 7 * r.everyWeeks;
  const last = Math.min(toDays(to), r.untilDate === null ? Infinity : toDays(r.untilDate));
  const dates: string[] = [];
  let day = anchor + Math.max(0, Math.ceil((toDays(from) - anchor) / step)) * step;
  for (; day <= last; day += step) dates.push(toDate(day));
  return dates;
}
