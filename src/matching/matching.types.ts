import type { Criterion, ExclusionReason, TravelMode, Track } from '../domain.js';

export interface LatLon {
  lat: number;
  lon: number;
}

/** Weekly availability in local time: minutes since local midnight, `end` exclusive. */
export interface WeeklySlot {
  weekday: number; // 1 = Monday … 7 = Sunday
  start: number;
  end: number;
}

/** Inclusive local dates, `YYYY-MM-DD`. */
export interface DateRange {
  from: string;
  to: string;
}

/** A job a helper already holds (assigned or completed): it blocks time and counts towards the week. */
export interface Commitment {
  requestId: number;
  start: number; // epoch ms
  end: number;
  location: LatLon;
}

/**
 * A participant's practice period (epoch ms, [start, end)) against the hours their learning plan
 * requires, and the hours of jobs they hold in it (done, or assigned and still to come).
 */
export interface PracticeStanding {
  start: number;
  end: number;
  requiredHours: number;
  heldHours: number;
}

export interface HelperProfile {
  id: number;
  track: Track;
  skills: ReadonlySet<string>;
  /** The skills among `skills` the helper is still learning: a job that exercises one serves their path. */
  learning: ReadonlySet<string>;
  /**
   * Every skill the helper holds at level `learning`, on an open goal or not: what they may not do
   * alone where a job needs supervision. Absent: the same as `learning`.
   */
  learningLevel?: ReadonlySet<string>;
  home: LatLon;
  maxTravelKm: number;
  travelMode: TravelMode;
  availability: readonly WeeklySlot[];
  absences: readonly DateRange[];
  maxHoursPerWeek: number | null;
  languages: readonly string[];
  activeFrom: string | null;
  activeUntil: string | null;
  active: boolean;
  commitments: readonly Commitment[];
  /** For a participant whose plan states a period and required hours. */
  practice?: PracticeStanding;
}

export interface Job {
  requestId: number;
  skills: readonly string[];
  window: { start: number; end: number }; // epoch ms
  durationMinutes: number;
  location: LatLon;
  languages: readonly string[];
  excludedHelperIds: ReadonlySet<number>;
  /** Helpers who helped this resident before. */
  previousHelperIds: ReadonlySet<number>;
  /** One of the job's skills may be a helper's first job only once they did their track's workshops. */
  workshopsFirst?: boolean;
  /** The job's skills that a learner may not do alone: a helper learning one of them is excluded. */
  supervisedSkills?: readonly string[];
}

export interface MatchSettings {
  weights: Record<Criterion, number>;
  /** Distance at which the distance term is one half. */
  distanceHalfKm: number;
  timeZone: string;
  /** The workload criterion also weighs how far a participant is behind their required practice hours. */
  practiceHours?: boolean;
  /** The distance criterion measures from the helper's nearest other job that day when that is nearer than home. */
  chainTrips?: boolean;
}

export interface MatchContext {
  now: number;
  settings: MatchSettings;
  /** Track of every skill in the catalogue. */
  skillTracks: ReadonlyMap<string, Track>;
  /** Local dates on which the organisation is closed. */
  closedDates: ReadonlySet<string>;
  /**
   * Helpers who never held a job and still miss one of their track's workshops: a job marked
   * `workshopsFirst` excludes them (`workshops`). Absent: nobody.
   */
  workshopsPending?: ReadonlySet<number>;
}

export interface CriterionScore {
  value: number; // 0..1
  weight: number;
  points: number; // this criterion's share of the score
}

export type Breakdown = Record<Criterion, CriterionScore>;

export interface Candidate {
  helperId: number;
  score: number; // 0..100
  distanceKm: number;
  start: number; // placed start, epoch ms
  end: number;
  breakdown: Breakdown;
}

export interface Exclusion {
  helperId: number;
  reasons: readonly ExclusionReason[];
}

/**
 * Every helper not ranked, in id order, as two parallel arrays: ranking 100,000 helpers then makes
 * no object per excluded one. `reasonsOf(mask)` (rank.ts) spells a mask out.
 */
export interface ExcludedHelpers {
  ids: Int32Array;
  masks: Uint16Array;
}

export interface Ranking {
  candidates: Candidate[];
  excluded: ExcludedHelpers;
}
