/** Beside the lanes: who is available today; above them: the closed days ahead. */
import { t } from '../../lib/i18n.js';
import { formatDay, localDate, localTime, weekdayOf } from '../../lib/time.js';
import * as store from '../../store.js';

/**
 * Helpers who can still be sent out today: active, not absent, with a slot today that has not ended
 * yet (a helper of 07:00–10:00 is gone from the list at 10:00); with those slots and their hours so
 * far this week.
 */
export function HelpersToday() {
  const now = store.now.value;
  const today = localDate(now);
  const time = localTime(now);
  const weekday = weekdayOf(today);
  const available = [...store.helpers.value.values()]
    .filter((helper) => helper.active && !helper.absences.some((a) => a.from <= today && today <= a.to))
    .map((helper) => ({
      helper,
      slots: helper.availability.filter((slot) => slot.weekday === weekday && slot.end > time),
    }))
    .filter(({ slots }) => slots.length > 0)
    .sort((a, b) => a.helper.name.localeCompare(b.helper.name));
  return (
    <aside class="side" aria-labelledby="side-title">
      <h2 id="side-title">
        {t('board.helpersToday')} <span class="muted">{available.length}</span>
      </h2>
      {available.length ? (
        <ul>
          {available.map(({ helper, slots }) => (
            <li key={helper.id}>
              <span>
                {helper.name}
                <br />
                <small class="muted">{slots.map((s) => `${s.start}–${s.end}`).join(', ')}</small>
              </span>
              <small>{t('board.hoursWeek', { hours: helper.hoursThisWeek.toFixed(1).replace('.0', '') })}</small>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t('board.noneToday')}</p>
      )}
    </aside>
  );
}

/** Closed days ahead, consecutive days with one reason as one period: "Gesloten: Zomersluiting 14 jul – 2 sep". */
export function ClosedBanner() {
  const periods: Array<{ from: string; to: string; reason: string }> = [];
  for (const day of store.closedDays.value) {
    const last = periods.at(-1);
    const next = new Date(`${last?.to}T12:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    if (last && last.reason === day.reason && next.toISOString().startsWith(day.date)) last.to = day.date;
    else periods.push({ from: day.date, to: day.date, reason: day.reason });
  }
  if (periods.length === 0) return null;
  const dayText = (date: string) => formatDay(`${date}T12:00:00Z`);
  return (
    <p class="closed-banner">
      <strong>{t('board.closed')}</strong>{' '}
      {periods.map((p) => `${p.reason} ${dayText(p.from)}${p.to === p.from ? '' : ` – ${dayText(p.to)}`}`).join(' · ')}
    </p>
  );
}
