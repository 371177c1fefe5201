/** What the intake form holds, kept as typed so a reload, an error or a lapsed session loses nothing. */
import { amsterdamIso, localDate, weekdayOf } from '../../lib/time.js';
import type { ErrorDetail } from '../../lib/api.js';
import { t } from '../../lib/i18n.js';

export interface ChosenResident {
  id: number;
  name: string;
  postcode: string;
  city: string | null;
}

export interface Draft {
  resident: ChosenResident | null;
  skills: string[];
  day: string;
  from: string;
  to: string;
  duration: string;
  urgency: string;
  channel: string;
  description: string;
  /** '0': once; '1': every week; '2': every two weeks, on the day's weekday, until `until` if given. */
  repeat: string;
  until: string;
}

/** Most calls are for the coming days: tomorrow morning is the start the intake worker then adjusts. */
export function emptyDraft(): Draft {
  return {
    resident: null,
    skills: [],
    day: localDate(Date.now() + 86_400_000),
    from: '09:00',
    to: '12:00',
    duration: '',
    urgency: 'normal',
    channel: 'phone',
    description: '',
    repeat: '0',
    until: '',
  };
}

/** Where a draft is kept: this tab's session storage, one per staff member. */
export function draftStore(userId: number) {
  const key = `wijkmatch.intake.${userId}`;
  return {
    load(): { draft: Draft; restored: boolean } {
      const saved = sessionStorage.getItem(key);
      if (!saved) return { draft: emptyDraft(), restored: false };
      return { draft: { ...emptyDraft(), ...(JSON.parse(saved) as Partial<Draft>) }, restored: true };
    },
    save(draft: Draft): void {
      sessionStorage.setItem(key, JSON.stringify(draft));
    },
    clear(): void {
      sessionStorage.removeItem(key);
    },
  };
}

export function requestBody(d: Draft) {
  return {
    residentId: d.resident?.id,
    skills: d.skills,
    window: { start: amsterdamIso(d.day, d.from), end: amsterdamIso(d.day, d.to) },
    durationMinutes: d.duration ? Number(d.duration) : undefined,
    urgency: d.urgency,
    channel: d.channel,
    description: d.description.trim() || undefined,
  };
}

/** Regular help: the same job on the day's weekday, every week or every two weeks. */
export function seriesBody(d: Draft) {
  return {
    residentId: d.resident?.id,
    skills: d.skills,
    weekday: weekdayOf(d.day),
    start: d.from,
    end: d.to,
    durationMinutes: d.duration ? Number(d.duration) : undefined,
    everyWeeks: Number(d.repeat),
    firstDate: d.day,
    untilDate: d.until || undefined,
    urgency: d.urgency,
    description: d.description.trim() || undefined,
  };
}

/** Where the series API's fields sit in this form. */
export const SERIES_FIELDS: Record<string, string> = {
  firstDate: 'window.start',
  start: 'window.from',
  end: 'window.end',
  untilDate: 'until',
};

/** Our own checks, in the user's language, before the server's. */
export function localErrors(d: Draft): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  if (!d.resident) errors.push({ field: 'residentId', message: t('intake.needResident') });
  if (!d.skills.length) errors.push({ field: 'skills', message: t('intake.needSkill') });
  if (!d.day || !d.from || !d.to || d.to <= d.from) errors.push({ field: 'window.end', message: t('intake.needTime') });
  return errors;
}
