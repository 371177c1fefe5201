/**
 * The hard constraints checked again after a simulated month, on the jobs as they were done, written
 * apart from the matching core: a policy that breaks one fails the run instead of scoring well.
 */
import { holidaysBetween } from '../../src/closures/holidays.js';
import type { HelperCreate } from '../../src/helpers/helpers.schema.js';
import { localDay, localWeek, parseClock } from '../../src/matching/calendar.js';
import { haversineKm, travelMinutes } from '../../src/matching/geo.js';
import type { LatLon } from '../../src/matching/matching.types.js';
import { MINUTE, TZ } from './world.js';

export interface DoneJob {
  requestId: number;
  /** Index into the helpers. */
  helper: number;
  skills: readonly string[];
  window: { start: number; end: number };
  start: number;
  end: number;
  location: LatLon;
}

/** Every broken hard constraint, as a sentence naming the request(s); empty when none is. */
export function brokenConstraints(helpers: readonly HelperCreate[], jobs: readonly DoneJob[]): string[] {
  const broken: string[] = [];
  const byHelper = new Map<number, DoneJob[]>();
  for (const job of jobs) byHelper.set(job.helper, [...(byHelper.get(job.helper) ?? []), job]);
  for (const [k, held] of byHelper) {
    const h = helpers[k]!;
    const minutesByWeek = new Map<number, number>();
    for (const job of held) {
      const id = `request ${job.requestId} (helper ${k})`;
      if (!job.skills.every((s) => h.skills.some((skill) => (typeof skill === 'string' ? skill : skill.code) === s)))
        broken.push(`${id}: skills`);
      if (haversineKm(h.location!, job.location) > h.maxTravelKm) broken.push(`${id}: distance`);
      if (job.start < job.window.start || job.end > job.window.end) broken.push(`${id}: outside its window`);
      const day = localDay(job.start, TZ);
      const from = (job.start - day.midnight) / MINUTE;
      const to = (job.end - day.midnight) / MINUTE;
      const covered = (h.availability ?? []).some(
        (s) => s.weekday === day.weekday && parseClock(s.start) <= from && to <= parseClock(s.end),
      );
      if (!covered) broken.push(`${id}: availability`);
      if ((h.absences ?? []).some((a) => a.from <= day.date && day.date <= a.to)) broken.push(`${id}: absent`);
      if (holidaysBetween(day.date, day.date).length > 0) broken.push(`${id}: closed`);
      const week = localWeek(job.start, TZ).start;
      minutesByWeek.set(week, (minutesByWeek.get(week) ?? 0) + (job.end - job.start) / MINUTE);
    }
    for (const [week, minutes] of minutesByWeek) {
      if (h.maxHoursPerWeek != null && minutes > h.maxHoursPerWeek * 60)
        broken.push(`helper ${k}: ${minutes / 60} h in the week of ${new Date(week).toISOString().slice(0, 10)}`);
    }
    const sorted = [...held].sort((a, b) => a.start - b.start);
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const [a, b] = [sorted[i]!, sorted[j]!];
        const trip = travelMinutes(a.location, b.location, h.travelMode ?? 'cycling') * MINUTE;
        if (a.end + trip > b.start) broken.push(`requests ${a.requestId} and ${b.requestId} (helper ${k}): overlap`);
      }
    }
  }
  return broken;
}
