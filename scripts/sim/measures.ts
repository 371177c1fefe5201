/** Small pure pieces of scripts/sim/month.ts: a cron matcher for the job table, and the measures. */
import { localDay } from '../../src/matching/calendar.js';
import { haversineKm } from '../../src/matching/geo.js';
import type { LatLon } from '../../src/matching/matching.types.js';
import { percentile } from '../bench/stats.js';

/** Gini coefficient of non-negative amounts: 0 when all are equal, towards 1 when one has everything. */
export function gini(amounts: readonly number[]): number {
  const sorted = [...amounts].sort((a, b) => a - b);
  const n = sorted.length;
  const total = sorted.reduce((sum, x) => sum + x, 0);
  if (n === 0 || total === 0) return 0;
  let weighted = 0;
  sorted.forEach((x, i) => (weighted += (i + 1) * x));
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 50);
}

/** Nearest-rank percentile; NaN without samples. */
export function quantile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  return percentile(
    [...samples].sort((a, b) => a - b),
    p,
  );
}

export function mean(samples: readonly number[]): number {
  return samples.length === 0 ? Number.NaN : samples.reduce((sum, x) => sum + x, 0) / samples.length;
}

/**
 * Share of jobs done by the helper who did most of them, pooled over the residents given: each
 * resident's list holds the helper of every job they got.
 */
export function continuity(helpersPerResident: readonly (readonly number[])[]): number {
  let top = 0;
  let all = 0;
  for (const helpers of helpersPerResident) {
    if (helpers.length < 2) continue;
    const counts = new Map<number, number>();
    for (const h of helpers) counts.set(h, (counts.get(h) ?? 0) + 1);
    top += Math.max(...counts.values());
    all += helpers.length;
  }
  return all === 0 ? Number.NaN : top / all;
}

/**
 * The most `continuity` can be for residents who got `matched[r]` jobs, when no one helper could have
 * done more than `mostByOne[r]` of that resident's jobs: the top helper's share is capped by both.
 */
export function continuityCeiling(matched: readonly number[], mostByOne: readonly number[]): number {
  let top = 0;
  let all = 0;
  matched.forEach((n, r) => {
    if (n < 2) return;
    top += Math.min(n, mostByOne[r]!);
    all += n;
  });
  return all === 0 ? Number.NaN : top / all;
}

/**
 * Each job's trip, in the order the jobs are given: from the helper's previous job the same local day,
 * or from home for the day's first. What a helper rides when one job follows another.
 */
export function tripDistances(
  jobs: readonly { helperId: number; start: number; location: LatLon }[],
  homes: ReadonlyMap<number, LatLon>,
  timeZone: string,
): number[] {
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[a]!.start - jobs[b]!.start);
  const last = new Map<number, { date: string; location: LatLon }>();
  const km: number[] = new Array<number>(jobs.length);
  for (const i of order) {
    const job = jobs[i]!;
    const date = localDay(job.start, timeZone).date;
    const before = last.get(job.helperId);
    const from = before && before.date === date ? before.location : homes.get(job.helperId)!;
    km[i] = haversineKm(from, job.location);
    last.set(job.helperId, { date, location: job.location });
  }
  return km;
}

/** Share of the participants whose hours done reach the hours due by then; NaN without participants. */
export function onTrack(participants: readonly { done: number; due: number }[]): number {
  if (participants.length === 0) return Number.NaN;
  return participants.filter((p) => p.done >= p.due).length / participants.length;
}

function field(spec: string, min: number, max: number): Set<number> {
  const values = new Set<number>();
  for (const part of spec.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    let from = min;
    let to = max;
    if (range !== '*') {
      const [a, b] = range!.split('-').map(Number);
      from = a!;
      to = b ?? (stepText ? max : a!);
    }
    if (!Number.isInteger(from) || !Number.isInteger(to) || !(step > 0)) throw new Error(`bad cron field ${spec}`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

/**
 * A five-field cron expression (minute hour day-of-month month day-of-week, with `*`, lists, ranges
 * and steps) as a test of an instant in a time zone: how node-cron reads the job table.
 */
export function cronMatcher(expression: string, timeZone: string): (instant: number) => boolean {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`expected five cron fields: ${expression}`);
  const [minutes, hours, days, months, weekdays] = [
    field(parts[0]!, 0, 59),
    field(parts[1]!, 0, 23),
    field(parts[2]!, 1, 31),
    field(parts[3]!, 1, 12),
    field(parts[4]!, 0, 7),
  ];
  return (instant) => {
    const day = localDay(instant, timeZone);
    const sinceMidnight = Math.floor((instant - day.midnight) / 60_000);
    const [, month, date] = day.date.split('-').map(Number);
    return (
      minutes.has(sinceMidnight % 60) &&
      hours.has(Math.floor(sinceMidnight / 60)) &&
      days.has(date!) &&
      months.has(month!) &&
      (weekdays.has(day.weekday % 7) || weekdays.has(day.weekday))
    );
  };
}

/** A duration for people: minutes below an hour, hours below two days, days above. */
export function humanDuration(ms: number): string {
  if (Number.isNaN(ms)) return '–';
  const minutes = ms / 60_000;
  if (minutes < 60) return `${Math.round(minutes)} min`;
  if (minutes < 48 * 60) return `${(minutes / 60).toFixed(1)} h`;
  return `${(minutes / 1440).toFixed(1)} d`;
}

export const percent = (x: number) => (Number.isNaN(x) ? '–' : `${(100 * x).toFixed(1)} %`);
