import type { Queryable } from '../db/client.js';
import type { RequestRow } from '../requests/requests.repo.js';
import { findResident } from '../residents/residents.repo.js';
import { localDay, localWeek, DAY } from '../matching/calendar.js';
import type { HelperProfile, Job, MatchContext, Ranking } from '../matching/matching.types.js';
import { rankCandidates } from '../matching/rank.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { SkillsService } from '../skills/skills.service.js';
import { closedDatesBetween, loadHelperProfiles, previousHelperIds } from './candidates.repo.js';

/** Everything the matching core needs about one request, read in the caller's transaction. */
interface Interval {
  start: number;
  end: number;
}

export interface MatchInput {
  job: Job;
  helpers: HelperProfile[];
  ctx: MatchContext;
}

export function createCandidatesService(deps: { settings: SettingsService; skills: SkillsService }) {
  return {
    /**
     * Reads the job and the helpers for the matching core. `window` pins the job to a placed time
     * (re-checking a proposal at accept); `helperId` loads that one helper instead of all of them.
     */
    load(db: Queryable, request: RequestRow, now: number, only: { window?: Interval; helperId?: number } = {}): MatchInput {
      const window = only.window ?? { start: request.windowStart, end: request.windowEnd };
      const settings = deps.settings.get();
      const tz = settings.timeZone;
      const resident = findResident(db, request.residentId);
      // Commitments from the start of the job's week to a day after the window: enough for travel and hours.
      const week = localWeek(Math.max(window.start, now), tz);
      const from = Math.min(week.start, window.start - DAY);
      const to = Math.max(week.end, window.end + DAY);
      const job: Job = {
        requestId: request.id,
        skills: request.skills,
        window,
        durationMinutes: request.durationMinutes,
        location: { lat: request.lat, lon: request.lon },
        languages: resident?.languages ?? [],
        excludedHelperIds: new Set(resident?.excludedHelperIds ?? []),
        previousHelperIds: previousHelperIds(db, request.residentId),
      };
      const ctx: MatchContext = {
        now,
        settings,
        skillTracks: deps.skills.tracks,
        closedDates: closedDatesBetween(db, localDay(window.start, tz).date, localDay(window.end, tz).date),
      };
      return { job, helpers: loadHelperProfiles(db, from, to, only.helperId), ctx };
    },

    rank(db: Queryable, request: RequestRow, now: number): Ranking {
      const { job, helpers, ctx } = this.load(db, request, now);
      return rankCandidates(job, helpers, ctx);
    },
  };
}

export type CandidatesService = ReturnType<typeof createCandidatesService>;
