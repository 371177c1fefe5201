import { around } from 'geokdbush';
import KDBush from 'kdbush';
import type { HelperProfile, Job } from './matching.types.js';

/**
 * geokdbush measures on a sphere of 6,371 km, geo.ts on one of 6,371.0088 km, and the two formulas
 * round differently: searching a metre further keeps everyone `haversineKm` puts within reach.
 */
const SLACK_KM = 0.001;

/** Homes of some helpers, and the longest reach among them: nobody farther can come. */
interface Tree {
  index: KDBush;
  positions: Int32Array;
  reachKm: number;
}

/**
 * Helpers by skill, and within a skill by reach in bands of doubling length (up to 2 km, 4 km, 8 km …):
 * one helper who drives 50 km then widens the search for their band only.
 */
function band(reachKm: number): number {
  return Math.ceil(Math.log2(Math.max(1, reachKm)));
}

function plantTrees(helpers: readonly HelperProfile[], positions: readonly number[]): Tree[] {
  const bands = new Map<number, number[]>();
  for (const pos of positions) {
    const b = band(helpers[pos]!.maxTravelKm);
    const list = bands.get(b) ?? [];
    list.push(pos);
    bands.set(b, list);
  }
  return [...bands.values()].map((list) => {
    const index = new KDBush(list.length);
    let reachKm = 0;
    for (const pos of list) {
      const { home, maxTravelKm } = helpers[pos]!;
      index.add(home.lon, home.lat);
      reachKm = Math.max(reachKm, maxTravelKm);
    }
    return { index: index.finish(), positions: Int32Array.from(list), reachKm };
  });
}

export interface HelperMap {
  /**
   * Positions (ascending) of the helpers who may hold every skill of the job and reach it. Every other
   * helper lacks one of its skills or lives farther from it than they travel.
   */
  near(job: Job): Int32Array;
  /** How many helpers hold every skill of the job, near or far. */
  skilledCount(job: Job): number;
}

/** Indexes the helpers' homes once, for the many jobs of a round. Positions are those in `helpers`. */
export function mapHelpers(helpers: readonly HelperProfile[]): HelperMap {
  const holders = new Map<string, number[]>();
  helpers.forEach((h, pos) => {
    for (const skill of h.skills) {
      const list = holders.get(skill) ?? [];
      list.push(pos);
      holders.set(skill, list);
    }
  });
  const forests = new Map<string, Tree[]>();
  /** A job without skills can go to anyone: the key '' holds every helper. */
  const forest = (skill: string): Tree[] => {
    let trees = forests.get(skill);
    if (!trees) {
      trees = plantTrees(helpers, skill === '' ? helpers.map((_, pos) => pos) : (holders.get(skill) ?? []));
      forests.set(skill, trees);
    }
    return trees;
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
  const skilledCounts = new Map<string, number>();

  return {
    near(job) {
      const found: number[] = [];
      for (const tree of forest(rarest(job))) {
        const { lat, lon } = job.location;
        for (const id of around(tree.index, lon, lat, Infinity, tree.reachKm + SLACK_KM)) {
          found.push(tree.positions[id]!);
        }
      }
      return Int32Array.from(found).sort();
    },

    skilledCount(job) {
      const key = [...job.skills].sort().join('\n');
      let count = skilledCounts.get(key);
      if (count === undefined) {
        const skill = rarest(job);
        const candidates = skill === '' ? helpers.map((_, pos) => pos) : (holders.get(skill) ?? []);
        count = candidates.filter((pos) => job.skills.every((s) => helpers[pos]!.skills.has(s))).length;
        skilledCounts.set(key, count);
      }
      return count;
    },
  };
}
