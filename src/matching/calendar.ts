/**
 * Local-time arithmetic for weekly availability. Pure: Intl only, cached per time zone and per day,
 * so ranking thousands of helpers converts each local day once.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export interface LocalDay {
  date: string; // YYYY-MM-DD
  weekday: number; // 1 = Monday … 7 = Sunday
  /** Epoch ms of local 00:00, using the offset at local noon (DST switches at night do not move day slots). */
  midnight: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function localParts(instant: number, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
  };
}

/** Offset of local time from UTC in ms at `instant` (positive east of Greenwich). */
export function offsetMs(instant: number, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
  return asUtc - Math.floor(instant / MINUTE) * MINUTE;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** The local calendar day containing `instant`. */
export function localDay(instant: number, timeZone: string): LocalDay {
  // Offsets and midnights fall on quarter hours in every zone, so one answer serves a quarter hour.
  const key = `${timeZone}|${Math.floor(instant / QUARTER_HOUR)}`;
  let day = dayCache.get(key);
  if (!day) {
    if (dayCache.size >= DAY_CACHE_SIZE) dayCache.clear();
    day = computeLocalDay(instant, timeZone);
    dayCache.set(key, day);
  }
  return day;
}

const QUARTER_HOUR = 15 * MINUTE;
const DAY_CACHE_SIZE = 10_000;
const dayCache = new Map<string, LocalDay>();

function computeLocalDay(instant: number, timeZone: string): LocalDay {
  const p = localParts(instant, timeZone);
  const utcMidnight = Date.UTC(p.year, p.month - 1, p.day);
  const noonOffset = offsetMs(utcMidnight + 12 * 60 * MINUTE, timeZone);
  const isoWeekday = ((new Date(utcMidnight).getUTCDay() + 6) % 7) + 1;
  return {
    date: `${p.year}-${pad(p.month)}-${pad(p.day)}`,
    weekday: isoWeekday,
    midnight: utcMidnight - noonOffset,
  };
}

/** Every local day that overlaps [start, end). */
export function localDaysBetween(start: number, end: number, timeZone: string): LocalDay[] {
  const days: LocalDay[] = [];
  let day = localDay(start, timeZone);
  while (day.midnight < end) {
    days.push(day);
    // Jump to the middle of the next day so that a 23- or 25-hour day cannot be skipped.
    day = localDay(day.midnight + DAY + 12 * 60 * MINUTE, timeZone);
  }
  return days;
}

/** The local Monday-to-Sunday week containing `instant`, as epoch ms [start, end). */
export function localWeek(instant: number, timeZone: string): { start: number; end: number } {
  const today = localDay(instant, timeZone);
  const monday = localDay(today.midnight - (today.weekday - 1) * DAY + 12 * 60 * MINUTE, timeZone);
  const nextMonday = localDay(monday.midnight + 7 * DAY + 12 * 60 * MINUTE, timeZone);
  return { start: monday.midnight, end: nextMonday.midnight };
}

/** Parses "HH:MM" to minutes since midnight; "24:00" is allowed as an end. */
export function parseClock(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

export { MINUTE, DAY };
