import { DAY, type LocalDay, localDaysBetween, localWeek, MINUTE } from './calendar.js';
import { travelMinutes } from './geo.js';
import type { HelperProfile, Job, MatchContext } from './matching.types.js';

/**
 * Starts are placed on the five-minute grid of the clock (nobody books help at 10:03), except the
 * window's own start: that is the time the resident asked for.
 */
const GRID = 5 * MINUTE;

/** Everything about a job that does not depend on the helper, computed once per ranking. */
export interface JobFrame {
  job: Job;
  durationMs: number;
  /** Earliest start: the window's start, or now if the window has begun. */
  earliest: number;
  end: number;
  /** Local days of the window on which the organisation is open. */
  openDays: LocalDay[];
  allClosed: boolean;
  firstDate: string;
  lastDate: string;
  week: { start: number; end: number };
}

export function frameJob(job: Job, ctx: MatchContext): JobFrame {
  const tz = ctx.settings.timeZone;
  const earliest = ctx.now > job.window.start ? ceilToGrid(ctx.now) : job.window.start;
  const days = localDaysBetween(earliest, job.window.end, tz);
  const openDays = days.filter((d) => !ctx.closedDates.has(d.date));
  return {
    job,
    durationMs: job.durationMinutes * MINUTE,
    earliest,
    end: job.window.end,
    openDays,
    allClosed: days.length > 0 && openDays.length === 0,
    firstDate: days[0]?.date ?? '',
    lastDate: days.at(-1)?.date ?? '',
    week: localWeek(earliest, tz),
  };
}

function isAbsent(helper: HelperProfile, date: string): boolean {
  for (const a of helper.absences) if (a.from <= date && date <= a.to) return true;
  return false;
}

function isInActivePeriod(helper: HelperProfile, date: string): boolean {
  return (
    (helper.activeFrom === null || helper.activeFrom <= date) &&
    (helper.activeUntil === null || date <= helper.activeUntil)
  );
}

/** Whether the helper is deactivated or their active period misses the whole window. */
export function isInactive(frame: JobFrame, helper: HelperProfile): boolean {
  if (!helper.active) return true;
  if (helper.activeFrom !== null && helper.activeFrom > frame.lastDate) return true;
  return helper.activeUntil !== null && helper.activeUntil < frame.firstDate;
}

function ceilToGrid(t: number): number {
  return Math.ceil(t / GRID) * GRID;
}

/**
 * The earliest start in [from, to − duration] clear of the helper's commitments: the job plus the trip
 * to the next commitment must end before it starts, and the job can begin only after the trip from the
 * previous one. Each commitment can push the start forward at most once, so this ends.
 */
function earliestClearStart(frame: JobFrame, helper: HelperProfile, from: number, to: number): number | null {
  const { job, durationMs } = frame;
  let start = from === job.window.start ? from : ceilToGrid(from);
  for (let moved = true; moved;) {
    moved = false;
    for (const c of helper.commitments) {
      if (c.end <= start - DAY || c.start >= to + DAY) continue;
      const travel = travelMinutes(job.location, c.location, helper.travelMode) * MINUTE;
      if (start > c.start - travel - durationMs && start < c.end + travel) {
        start = ceilToGrid(c.end + travel);
        moved = true;
      }
    }
  }
  return start + durationMs <= to ? start : null;
}

export type Placement = { start: number; end: number } | 'availability' | 'busy';

/** The earliest start in the window that the helper can make, or why there is none. */
export function placeJob(frame: JobFrame, helper: HelperProfile): Placement {
  let available = false;
  let best = Infinity;
  for (const day of frame.openDays) {
    if (!isInActivePeriod(helper, day.date) || isAbsent(helper, day.date)) continue;
    for (const slot of helper.availability) {
      if (slot.weekday !== day.weekday) continue;
      const from = Math.max(day.midnight + slot.start * MINUTE, frame.earliest);
      const to = Math.min(day.midnight + slot.end * MINUTE, frame.end);
      if (to - from < frame.durationMs) continue;
      available = true;
      if (from >= best) continue;
      const start = earliestClearStart(frame, helper, from, to);
      if (start !== null && start < best) best = start;
    }
  }
  if (!available) return 'availability';
  return best === Infinity ? 'busy' : { start: best, end: best + frame.durationMs };
}

/** Hours the helper already holds in the job's local week. */
export function hoursInWeek(frame: JobFrame, helper: HelperProfile): number {
  return hoursHeldIn(frame.week, helper);
}

/** Hours of the helper's commitments that start in `week`: a job counts towards the week it starts in. */
export function hoursHeldIn(week: { start: number; end: number }, helper: HelperProfile): number {
  let ms = 0;
  for (const c of helper.commitments) {
    if (c.start >= week.start && c.start < week.end) ms += c.end - c.start;
  }
  return ms / (60 * MINUTE);
}
