/**
 * Dutch public holidays (the days of the general holiday act that a care organisation is closed):
 * pure date arithmetic, local dates "YYYY-MM-DD". Liberation Day (5 May) is a day off only every
 * fifth year in most collective agreements, so it counts in 2025, 2030, …
 */

export interface Holiday {
  date: string;
  name: string;
}

function iso(year: number, month: number, day: number): string {
  return new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
}

function plusDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

const byYear = new Map<number, readonly Holiday[]>();

/**
 * A year's holidays, worked out once per process: every accept re-checks its day against them, and
 * Easter arithmetic with date strings cost more than the rest of that check.
 */
export function dutchPublicHolidays(year: number): readonly Holiday[] {
  let holidays = byYear.get(year);
  if (!holidays) {
    holidays = Object.freeze(computeHolidays(year).map((h) => Object.freeze(h)));
    byYear.set(year, holidays);
  }
  return holidays;
}

function computeHolidays(year: number): Holiday[] {
  const easter = easterSunday(year);
  const kingsDay = new Date(Date.UTC(year, 3, 27)).getUTCDay() === 0 ? iso(year, 4, 26) : iso(year, 4, 27);
  const holidays: Holiday[] = [
    { date: iso(year, 1, 1), name: 'Nieuwjaarsdag' },
    { date: easter, name: 'Eerste Paasdag' },
    { date: plusDays(easter, 1), name: 'Tweede Paasdag' },
    { date: kingsDay, name: 'Koningsdag' },
    { date: plusDays(easter, 39), name: 'Hemelvaartsdag' },
    { date: plusDays(easter, 49), name: 'Eerste Pinksterdag' },
    { date: plusDays(easter, 50), name: 'Tweede Pinksterdag' },
    { date: iso(year, 12, 25), name: 'Eerste Kerstdag' },
    { date: iso(year, 12, 26), name: 'Tweede Kerstdag' },
  ];
  if (year % 5 === 0) holidays.push({ date: iso(year, 5, 5), name: 'Bevrijdingsdag' });
  return holidays.sort((x, y) => x.date.localeCompare(y.date));
}

/** The public holidays from `from` to `to`, inclusive. */
export function holidaysBetween(from: string, to: string): Holiday[] {
  const found: Holiday[] = [];
  for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) {
    for (const h of dutchPublicHolidays(y)) if (h.date >= from && h.date <= to) found.push(h);
  }
  return found;
}
