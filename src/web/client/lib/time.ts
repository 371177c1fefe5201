/** Times as the people using the pages read them: Amsterdam's clock, in the page's language. */
import { page, t } from './i18n.js';

const TIME_ZONE = 'Europe/Amsterdam';
const locale = page.lang === 'nl' ? 'nl-NL' : 'en-GB';

/**
 * Formatters made once: building one costs far more than using it, and the board formats three times
 * a card (`toLocaleTimeString` with options builds one on every call).
 */
const TIME = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit' });
const DAY = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, weekday: 'short', day: 'numeric', month: 'short' });
/** Swedish writes a date as ISO does: YYYY-MM-DD, and the time of day as HH:MM. */
const DATE = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE });
const CLOCK = new Intl.DateTimeFormat('sv-SE', {
  timeZone: TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function formatTime(iso: string): string {
  return TIME.format(new Date(iso));
}

export function formatDay(iso: string): string {
  return DAY.format(new Date(iso));
}

export function formatWindow(window: { start: string; end: string }): string {
  return `${formatDay(window.start)} ${formatTime(window.start)}–${formatTime(window.end)}`;
}

/** The local date (YYYY-MM-DD in Amsterdam) of an instant. */
export function localDate(ms: number): string {
  return DATE.format(ms);
}

/** ISO weekday (1 = Monday) of a local date. */
export function weekdayOf(date: string): number {
  return ((new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

/** "1 u 05" / "4 min" (in English "1 h 05") until a moment; null once it has passed. */
export function countdown(untilIso: string, now = Date.now()): string | null {
  const minutes = Math.ceil((Date.parse(untilIso) - now) / 60_000);
  if (minutes <= 0) return null;
  if (minutes < 60) return t('time.minutes', { minutes });
  return t('time.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
}

/** How long since a moment: "25 min", "3 u 05", and from two days on "3 dagen". */
export function elapsed(sinceIso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(sinceIso)) / 60_000));
  if (minutes < 60) return t('time.minutes', { minutes });
  if (minutes < 48 * 60)
    return t('time.hoursMinutes', { hours: Math.floor(minutes / 60), minutes: String(minutes % 60).padStart(2, '0') });
  return t('time.days', { days: Math.floor(minutes / (24 * 60)) });
}

/** The local time of day (HH:MM in Amsterdam, 24 hours) of an instant. */
export function localTime(ms: number): string {
  return CLOCK.format(ms);
}

const OFFSET = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' });

/** "2026-11-24" + "09:30" in Amsterdam → an ISO instant with its offset (winter +01:00, summer +02:00). */
export function amsterdamIso(day: string, time: string): string {
  const guess = Date.parse(`${day}T${time}:00Z`);
  const offsetOf = (ms: number) => {
    const name = OFFSET.formatToParts(ms).find((p) => p.type === 'timeZoneName')!.value;
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  };
  const offset = offsetOf(guess - offsetOf(guess) * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${day}T${time}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
