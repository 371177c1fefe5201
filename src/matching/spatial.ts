import { EARTH_RADIUS_KM, haversine, RAD } from './geo.js';
import type { HelperProfile, Job } from './matching.types.js';

/**
 * No two points lie closer on the sphere than the arc between their latitudes: `haversine` is at least
 * EARTH_RADIUS_KM × |Δlat| in radians. A metre of slack covers the rounding of either side, so a helper
 * this test skips is beyond reach by `haversine` too.
 */
const SLACK_KM = 0.001;
const KM_PER_DEGREE = EARTH_RADIUS_KM * RAD;

/** The holders of one skill (or every helper, for the key ''), their homes and reach side by side. */
interface Holders {
  positions: Int32Array;
  lat: Float64Array;
  lon: Float64Array;
  /** How many degrees of latitude each can travel, with the slack. */
  reachDegrees: Float64Array;
  maxTravelKm: Float64Array;
}

function holdersOf(helpers: readonly HelperProfile[], positions: readonly number[]): Holders {
  return {
    positions: Int32Array.from(positions),
    lat: Float64Array.from(positions, (pos) => helpers[pos]!.home.lat),
    lon: Float64Array.from(positions, (pos) => helpers[pos]!.home.lon),
    reachDegrees: Float64Array.from(positions, (pos) => (helpers[pos]!.maxTravelKm + SLACK_KM) / KM_PER_DEGREE),
    maxTravelKm: Float64Array.from(positions, (pos) => helpers[pos]!.maxTravelKm),
  };
}

export interface HelperMap {
  /**
   * Calls `visit` with the position and distance of every helper who holds every skill of the job and
   * lives within their reach of it (`haversine(home, job) ≤ maxTravelKm`, as `checkHelper` measures), in
   * ascending position; returns how many helpers hold every skill of the job, near or far. Every helper
   * not visited lacks one of its skills or lives farther than they travel.
   */
  reachable(job: Job, visit: (pos: number, distanceKm: number) => void): number;
}

/** Whether the helper holds every skill in `skills`. */
function holdsAll(helper: HelperProfile, skills: readonly string[]): boolean {
  for (const s of skills) if (!helper.skills.has(s)) return false;
  return true;
}

/**
 * Indexes the helpers by skill once, for the many jobs of a round. Positions are those in `helpers`.
 * A job scans the holders of its rarest skill, homes in typed arrays: most are skipped on latitude
 * alone, and only those within reach are visited.
 */
export function mapHelpers(helpers: readonly HelperProfile[]): HelperMap {
  const holders = new Map<string, number[]>();
  helpers.forEach((h, pos) => {
    for (const skill of h.skills) {
      const list = holders.get(skill) ?? [];
      list.push(pos);
      holders.set(skill, list);
    }
  });
  const indexed = new Map<string, Holders>();
  /** A job without skills can go to anyone: the key '' holds every helper. */
  const holdersFor = (skill: string): Holders => {
    let found = indexed.get(skill);
    if (!found) {
      found = holdersOf(helpers, skill === '' ? helpers.map((_, pos) => pos) : (holders.get(skill) ?? []));
      indexed.set(skill, found);
    }
    return found;
  };
  /** The job's skill the fewest helpers hold; '' for a job without skills. */
  const rarest = (job: Job): string => {
    let best = '';
    let fewest = Infinity;
    for (const skill of job.skills) {
      const count = holders.get(skill)?.length ?? 0;
      if (count < fewest) [best, fewest] = [skill, count];
    }
    return best;
  };

  return {
    reachable(job, visit) {
      const skill = rarest(job);
      const { positions, lat, lon, reachDegrees, maxTravelKm } = holdersFor(skill);
      const others = job.skills.filter((s) => s !== skill);
      const { lat: jobLat, lon: jobLon } = job.location;
      let skilled = 0;
      for (let i = 0; i < positions.length; i++) {
        const pos = positions[i]!;
        if (others.length > 0 && !holdsAll(helpers[pos]!, others)) continue;
        skilled += 1;
        if (Math.abs(lat[i]! - jobLat) > reachDegrees[i]!) continue;
        const distanceKm = haversine(lat[i]!, lon[i]!, jobLat, jobLon);
        if (distanceKm > maxTravelKm[i]!) continue;
        visit(pos, distanceKm);
      }
      return skilled;
    },
  };
}
