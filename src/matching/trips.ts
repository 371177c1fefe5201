import { localDay } from './calendar.js';
import { haversineKm } from './geo.js';
import type { Commitment, HelperProfile, LatLon } from './matching.types.js';

/**
 * How far a job at `start`–`end` takes the helper, as the one-way distance it is worth: half the
 * kilometres it adds to their day. Their day runs from home through the jobs they hold that local day
 * and back; the job goes between the one before it and the one after (home when there is none). Alone
 * that day it is the distance from home; next door to another job it is the short hop between them.
 */
export function tripKm(
  helper: HelperProfile,
  location: LatLon,
  slot: { start: number; end: number },
  homeKm: number,
  timeZone: string,
): number {
  if (helper.commitments.length === 0) return homeKm;
  const day = localDay(slot.start, timeZone).date;
  let before: Commitment | null = null;
  let after: Commitment | null = null;
  for (const c of helper.commitments) {
    if (Math.abs(c.start - slot.start) > 86_400_000 || localDay(c.start, timeZone).date !== day) continue;
    if (c.end <= slot.start && (!before || c.end > before.end)) before = c;
    if (c.start >= slot.end && (!after || c.start < after.start)) after = c;
  }
  if (!before && !after) return homeKm;
  const from = before ? haversineKm(before.location, location) : homeKm;
  const to = after ? haversineKm(location, after.location) : homeKm;
  const skipped =
    before && after
      ? haversineKm(before.location, after.location)
      : before
        ? haversineKm(before.location, helper.home)
        : haversineKm(helper.home, after!.location);
  return Math.max(0, (from + to - skipped) / 2);
}
