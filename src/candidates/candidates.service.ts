import type { Queryable } from '../db/client.js';
import { DAY, localDay, localWeek } from '../matching/calendar.js';
import type {
  HelperProfile,
  Job,
  MatchContext,
  MatchSettings,
  PracticeStanding,
  Ranking,
} from '../matching/matching.types.js';
import { type HelperIndex, indexHelpers, rankCandidates } from '../matching/rank.js';
import { bestPair } from '../matching/pairs.js';
import type { RoundJob } from '../matching/round.js';
import type { RequestRow } from '../requests/requests.repo.js';
import { findResident } from '../residents/residents.repo.js';
import type { Settings, SettingsService } from '../settings/settings.service.js';
import type { SkillsService } from '../skills/skills.service.js';
import { currentRevision } from '../db/revisions.repo.js';
import { allHelpers, findHelper } from '../helpers/helpers.repo.js';
import { closedDaysBetween } from '../closures/closures.repo.js';
import { helpersProposedTo } from '../proposals/proposals.repo.js';
import {
  commitmentsByHelper,
  helpersBeforeWorkshops,
  hoursHeldInPeriods,
  openGoalsByHelper,
  type PracticePeriod,
  practicePeriods,
  previousHelperIds,
  residentFacts,
  type ResidentFacts,
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
  rules: PathRules,
  request: RequestRow,
  window: Interval,
  resident: ResidentFacts | undefined,
  triedHelperIds: ReadonlySet<number> = new Set(),
): RoundJob {
  return {
    requestId: request.id,
    urgency: request.urgency,
    skills: request.skills,
    window,
    durationMinutes: request.durationMinutes,
    location: { lat: request.lat, lon: request.lon },
    languages: resident?.languages ?? [],
    excludedHelperIds: new Set(resident?.excludedHelperIds ?? []),
    previousHelperIds: resident?.previousHelperIds ?? new Set(),
    triedHelperIds,
    workshopsFirst: request.skills.some((s) => rules.workshopsFirst.has(s)),
    supervisedSkills: request.skills.filter((s) => rules.supervised.has(s)),
  };
}

/** One resident's facts, by the prepared single-row queries (the accept path asks for one). */
function residentFactsOf(db: Queryable, residentId: number): ResidentFacts | undefined {
  const resident = findResident(db, residentId);
  if (!resident) return undefined;
  const { languages, excludedHelperIds } = resident;
  return { languages, excludedHelperIds, previousHelperIds: previousHelperIds(db, residentId) };
}

interface Directory {
  profiles: HelperProfile[];
  index: HelperIndex;
  positionOf: Map<number, number>;
  periods: Map<number, PracticePeriod>;
}

/**
 * Every helper as the matching core sees them, without commitments, with their skill index, kept in
 * memory: parsing thousands of rows for every ranking would cost more than the ranking. One indexed
 * read of the revision stamp tells whether any process changed a helper since.
 */
function helperDirectory() {
  let stamp: number | null = null;
  let directory: Directory = { profiles: [], index: indexHelpers([]), positionOf: new Map(), periods: new Map() };
  return (db: Queryable, timeZone: string): Directory => {
    const current = currentRevision(db, 'helpers');
    if (current !== stamp) {
      const goals = openGoalsByHelper(db);
      const profiles = allHelpers(db).map((row) => toProfile(row, [], goals.get(row.id)));
      directory = {
        profiles,
        index: indexHelpers(profiles),
        positionOf: new Map(profiles.map((p, i) => [p.id, i])),
        periods: practicePeriods(db, timeZone),
      };
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

  /**
   * The helpers with their commitments, and with their standing in the practice period when settings
   * weigh it: only those holding some or with a period are copied, so the index stays valid.
   */
  function helpersWithCommitments(db: Queryable, settings: Settings, start: number, end: number, helperId?: number) {
    const commitments = commitmentsByHelper(db, start, end, helperId);
    const standings = (periods: Map<number, PracticePeriod>) => {
      if (!settings.practiceHours) return new Map<number, PracticeStanding>();
      const held = hoursHeldInPeriods(db, periods);
      return new Map([...periods].map(([id, p]) => [id, { ...p, heldHours: held.get(id) ?? 0 }]));
    };
    if (helperId !== undefined) {
      const row = findHelper(db, helperId);
      const goals = openGoalsByHelper(db, helperId).get(helperId);
      const practice = standings(practicePeriods(db, settings.timeZone, helperId)).get(helperId);
      const helpers = row
        ? [{ ...toProfile(row, commitments.get(helperId) ?? [], goals), ...(practice ? { practice } : {}) }]
        : [];
      return { helpers, index: indexHelpers(helpers) };
    }
    const { profiles, index, positionOf, periods } = directory(db, settings.timeZone);
    const helpers = profiles.slice();
    for (const [id, held] of commitments) {
      const pos = positionOf.get(id);
      if (pos !== undefined) helpers[pos] = { ...helpers[pos]!, commitments: held };
    }
    for (const [id, practice] of standings(periods)) {
      const pos = positionOf.get(id);
      if (pos !== undefined) helpers[pos] = { ...helpers[pos]!, practice };
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
    return { jobs, ...helpersWithCommitments(db, settings, from, to, helperId), ctx };
  }

  return {
    /** One request; `window` pins the job to a placed time, `helperId` loads only that helper. */
    load(db: Queryable, request: RequestRow, now: number, only: { window?: Interval; helperId?: number } = {}) {
      const window = only.window ?? { start: request.windowStart, end: request.windowEnd };
      return loadFor(
        db,
        [jobOf(pathRules(), request, window, residentFactsOf(db, request.residentId))],
        now,
        only.helperId,
      );
    },

    /** Many requests at once (at least one), for a global round: helpers are read once. */
    loadMany(db: Queryable, requests: readonly RequestRow[], now: number): MatchInput<RoundJob> {
      const tried = helpersProposedTo(
        db,
        requests.map((r) => r.id),
      );
      const rules = pathRules();
      const residents = residentFacts(
        db,
        requests.map((r) => r.residentId),
      );
      const jobs = requests.map((r) =>
        jobOf(rules, r, { start: r.windowStart, end: r.windowEnd }, residents.get(r.residentId), tried.get(r.id)),
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

    /** The request's ranking, and the best supervised pair of helpers `askable` says may be asked. */
    rankWithPair(db: Queryable, request: RequestRow, now: number, askable: (helperId: number) => boolean) {
      const { jobs, helpers, index, ctx } = this.load(db, request, now);
      const ranking = rankCandidates(jobs[0]!, helpers, ctx, index);
      return { ranking, pair: bestPair(jobs[0]!, helpers, ranking, ctx, askable) };
    },
  };
}

export type CandidatesService = ReturnType<typeof createCandidatesService>;
