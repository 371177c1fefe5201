import type { Queryable } from '../db/client.js';
import { DAY, localDay, localWeek } from '../matching/calendar.js';
import type { HelperProfile, Job, MatchContext, MatchSettings, Ranking } from '../matching/matching.types.js';
import { type HelperIndex, indexHelpers, rankCandidates } from '../matching/rank.js';
import type { RoundJob } from '../matching/round.js';
import type { RequestRow } from '../requests/requests.repo.js';
import { findResident } from '../residents/residents.repo.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { SkillsService } from '../skills/skills.service.js';
import { currentRevision } from '../db/revisions.repo.js';
import { allHelpers, findHelper } from '../helpers/helpers.repo.js';
import { closedDaysBetween } from '../closures/closures.repo.js';
import { helpersProposedTo } from '../proposals/proposals.repo.js';
import {
  commitmentsByHelper,
  helpersBeforeWorkshops,
  openGoalsByHelper,
  previousHelperIds,
  toProfile,
} from './candidates.repo.js';

interface Interval {
  start: number;
  end: number;
}

/** Everything the matching core needs, read in the caller's transaction. */
export interface MatchInput<J extends Job = Job> {
  jobs: J[];
  helpers: HelperProfile[];
  /** The skill index of `helpers`, position for position. */
  index: HelperIndex;
  ctx: MatchContext;
}

/** The skills each rule of the learning path applies to, from the settings. */
interface PathRules {
  workshopsFirst: ReadonlySet<string>;
  supervised: ReadonlySet<string>;
}

function jobOf(
  db: Queryable,
  rules: PathRules,
  request: RequestRow,
  window: Interval,
  triedHelperIds: ReadonlySet<number> = new Set(),
): RoundJob {
  const resident = findResident(db, request.residentId);
  return {
    requestId: request.id,
    urgency: request.urgency,
    skills: request.skills,
    window,
    durationMinutes: request.durationMinutes,
    location: { lat: request.lat, lon: request.lon },
    languages: resident?.languages ?? [],
    excludedHelperIds: new Set(resident?.excludedHelperIds ?? []),
    previousHelperIds: previousHelperIds(db, request.residentId),
    triedHelperIds,
    workshopsFirst: request.skills.some((s) => rules.workshopsFirst.has(s)),
    supervisedSkills: request.skills.filter((s) => rules.supervised.has(s)),
  };
}

interface Directory {
  profiles: HelperProfile[];
  index: HelperIndex;
  positionOf: Map<number, number>;
}

/**
 * Every helper as the matching core sees them, without commitments, with their skill index, kept in
 * memory: parsing thousands of rows for every ranking would cost more than the ranking. One indexed
 * read of the revision stamp tells whether any process changed a helper since.
 */
function helperDirectory() {
  let stamp: number | null = null;
  let directory: Directory = { profiles: [], index: indexHelpers([]), positionOf: new Map() };
  return (db: Queryable): Directory => {
    const current = currentRevision(db, 'helpers');
    if (current !== stamp) {
      const goals = openGoalsByHelper(db);
      const profiles = allHelpers(db).map((row) => toProfile(row, [], goals.get(row.id)));
      directory = { profiles, index: indexHelpers(profiles), positionOf: new Map(profiles.map((p, i) => [p.id, i])) };
      stamp = current;
    }
    return directory;
  };
}

export function createCandidatesService(deps: { settings: SettingsService; skills: SkillsService }) {
  const directory = helperDirectory();
  const pathRules = (): PathRules => {
    const s = deps.settings.get();
    return { workshopsFirst: new Set(s.workshopsFirstSkills), supervised: new Set(s.supervisedSkills) };
  };

  /** The helpers with their commitments: only those holding some are copied, so the index stays valid. */
  function helpersWithCommitments(db: Queryable, start: number, end: number, helperId?: number) {
    const commitments = commitmentsByHelper(db, start, end, helperId);
    if (helperId !== undefined) {
      const row = findHelper(db, helperId);
      const goals = openGoalsByHelper(db, helperId).get(helperId);
      const helpers = row ? [toProfile(row, commitments.get(helperId) ?? [], goals)] : [];
      return { helpers, index: indexHelpers(helpers) };
    }
    const { profiles, index, positionOf } = directory(db);
    const helpers = profiles.slice();
    for (const [id, held] of commitments) {
      const pos = positionOf.get(id);
      if (pos !== undefined) helpers[pos] = { ...helpers[pos]!, commitments: held };
    }
    return { helpers, index };
  }

  /**
   * Reads jobs and helpers for the matching core. Helpers come with their commitments from the start
   * of the first job's week to a day after the last window: enough for travel and weekly hours.
   */
  function loadFor(db: Queryable, jobs: RoundJob[], now: number, helperId?: number): MatchInput<RoundJob> {
    const settings = deps.settings.get();
    const tz = settings.timeZone;
    const start = Math.min(...jobs.map((j) => j.window.start));
    const end = Math.max(...jobs.map((j) => j.window.end));
    const week = localWeek(Math.max(start, now), tz);
    const ctx: MatchContext = {
      now,
      settings,
      skillTracks: deps.skills.tracks,
      closedDates: new Set(closedDaysBetween(db, localDay(start, tz).date, localDay(end, tz).date).map((d) => d.date)),
      ...(jobs.some((j) => j.workshopsFirst) ? { workshopsPending: helpersBeforeWorkshops(db, helperId) } : {}),
    };
    const from = Math.min(week.start, start - DAY);
    const to = Math.max(week.end, end + DAY);
    return { jobs, ...helpersWithCommitments(db, from, to, helperId), ctx };
  }

  return {
    /** One request; `window` pins the job to a placed time, `helperId` loads only that helper. */
    load(db: Queryable, request: RequestRow, now: number, only: { window?: Interval; helperId?: number } = {}) {
      const window = only.window ?? { start: request.windowStart, end: request.windowEnd };
      return loadFor(db, [jobOf(db, pathRules(), request, window)], now, only.helperId);
    },

    /** Many requests at once (at least one), for a global round: helpers are read once. */
    loadMany(db: Queryable, requests: readonly RequestRow[], now: number): MatchInput<RoundJob> {
      const tried = helpersProposedTo(
        db,
        requests.map((r) => r.id),
      );
      const rules = pathRules();
      const jobs = requests.map((r) =>
        jobOf(db, rules, r, { start: r.windowStart, end: r.windowEnd }, tried.get(r.id)),
      );
      return loadFor(db, jobs, now);
    },

    /** The request's ranking; with `weights`, as it would be with those weights (a settings preview). */
    rank(db: Queryable, request: RequestRow, now: number, weights?: Partial<MatchSettings['weights']>): Ranking {
      const { jobs, helpers, index, ctx } = this.load(db, request, now);
      const scored = weights
        ? { ...ctx, settings: { ...ctx.settings, weights: { ...ctx.settings.weights, ...weights } } }
        : ctx;
      return rankCandidates(jobs[0]!, helpers, scored, index);
    },
  };
}

export type CandidatesService = ReturnType<typeof createCandidatesService>;
