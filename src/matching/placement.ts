import { type LocalDay, localDaysBetween, localWeek, MINUTE } from './calendar.js';
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
  return helper.absences.some((a) => a.from <= date && date <= a.to);
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

/** Intervals [start, end) inside the window where the helper is available and the job fits. */
function availableIntervals(frame: JobFrame, helper: HelperProfile): Array<[number, number]> {
  const intervals: Array<[number, number]> = [];
  for (const day of frame.openDays) {
    if (!isInActivePeriod(helper, day.date) || isAbsent(helper, day.date)) continue;
    for (const slot of helper.availability) {
      if (slot.weekday !== day.weekday) continue;
      const start = Math.max(day.midnight + slot.start * MINUTE, frame.earliest);
      const end = Math.min(day.midnight + slot.end * MINUTE, frame.end);
      if (end - start >= frame.durationMs) intervals.push([start, end]);
    }
  }
  return intervals.sort((a, b) => a[0] - b[0]);
}

/**
 * Start times [lo, hi) that the helper's commitments rule out: the job plus the travel to the next
 * commitment must end before it starts, and the job can only start after travelling from the last one.
 */
function blockedStarts(frame: JobFrame, helper: HelperProfile): Array<[number, number]> {
  const { job, durationMs } = frame;
  const blocks: Array<[number, number]> = [];
  for (const c of helper.commitments) {
    const travel = travelMinutes(job.location, c.location, helper.travelMode) * MINUTE;
    const lo = c.start - travel - durationMs;
    const hi = c.end + travel;
    if (hi > frame.earliest && lo < frame.end) blocks.push([lo, hi]);
  }
  return blocks.sort((a, b) => a[0] - b[0]);
}

function ceilToGrid(t: number): number {
  return Math.ceil(t / GRID) * GRID;
}

export type Placement = { start: number; end: number } | 'availability' | 'busy';

/** The earliest start in the window that the helper can make, or why there is none. */
export function placeJob(frame: JobFrame, helper: HelperProfile): Placement {
  const intervals = availableIntervals(frame, helper);
  if (intervals.length === 0) return 'availability';
  const blocks = blockedStarts(frame, helper);
  for (const [from, to] of intervals) {
    let start = from === frame.job.window.start ? from : ceilToGrid(from);
    for (const [lo, hi] of blocks) {
      if (start > lo && start < hi) start = ceilToGrid(hi);
    }
    if (start + frame.durationMs <= to) return { start, end: start + frame.durationMs };
  }
  return 'busy';
}

/** Hours the helper already holds in the job's local week. */
export function hoursInWeek(frame: JobFrame, helper: HelperProfile): number {
  let ms = 0;
  for (const c of helper.commitments) {
    if (c.start >= frame.week.start && c.start < frame.week.end) ms += c.end - c.start;
  }
  return ms / (60 * MINUTE);
}
