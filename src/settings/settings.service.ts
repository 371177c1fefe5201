import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { prepared } from '../db/prepared.js';
import { settings as settingsTable } from '../db/schema/index.js';
import type { Criterion, Urgency } from '../domain.js';
import type { MatchSettings } from '../matching/matching.types.js';
import type { SkillsService } from '../skills/skills.service.js';
import type { SettingsPatch } from './settings.schema.js';

export interface Settings extends MatchSettings {
  /** How long a helper has to answer a proposal, by urgency. */
  responseMinutes: Record<Urgency, number>;
  /** How many helpers a request of each urgency is offered to at once; the first to accept gets it. */
  fanOut: Record<Urgency, number>;
  /** Once every feasible helper has been asked, an urgent or high proposal stays open until the job starts. */
  lastCallUntilStart: boolean;
  /** A new request goes first to the helper who did most of the resident's jobs, if they can come. */
  usualHelperFirst: boolean;
  /**
   * With auto-propose on, a proposal stays open until the job starts; once its response time has passed
   * unanswered, the next best helper is asked as well and the first to accept gets the job.
   */
  holdUntilStart: boolean;
  /** With `holdUntilStart`, the next best is asked as soon as the helper's own usual answer time has passed. */
  answerHabits: boolean;
  /**
   * The workload criterion also weighs the practice period: a participant behind the hours their plan
   * requires by then ranks higher, one ahead of them lower.
   */
  practiceHours: boolean;
  /** The distance criterion measures from the helper's nearest other job that day when it is nearer than home. */
  chainTrips: boolean;
  /**
   * With auto-propose on, a request short of free helpers is also offered to helpers who hold a less
   * urgent job at that time which can move within its own window, or go to another helper who can come:
   * their yes moves that job, or hands it over.
   */
  makeRoom: boolean;
  /**
   * Rounds of asking for one request before the clock stops proposing and flags it for a dispatcher:
   * at most this many times its fan-out proposals.
   */
  maxProposalTries: number;
  /**
   * Skills whose job may be a helper's first only after every active workshop of their track: a
   * hard constraint (`workshops`) until they held a job.
   */
  workshopsFirstSkills: string[];
  /** Skills a learner may not do alone: a helper at level `learning` in one is excluded (`supervision`). */
  supervisedSkills: string[];
  /** How many days ahead regular help becomes concrete requests. */
  seriesDaysAhead: number;
  /**
   * Residents with no activity this long, and deactivated helpers without one, have their personal
   * data erased (a helper's learning plan's texts with them).
   */
  retentionMonths: number;
  /**
   * How long the audit log keeps an entry: at least five years (the database refuses to delete a
   * younger one), longer where the organisation's record-keeping rules ask for it.
   */
  auditRetentionYears: number;
}

/**
 * The learning weight comes on top of the other five's 100: while nobody in play is learning, every
 * score shrinks by the same factor, so rankings and rounds stay as they were.
 */
export const DEFAULT_SETTINGS: Settings = {
  weights: { distance: 30, continuity: 25, trackFit: 20, workload: 15, language: 10, learning: 15 } satisfies Record<
    Criterion,
    number
  >,
  distanceHalfKm: 3,
  timeZone: 'Europe/Amsterdam',
  responseMinutes: { urgent: 15, high: 60, normal: 240, low: 1440 },
  fanOut: { urgent: 5, high: 3, normal: 1, low: 1 },
  lastCallUntilStart: true,
  usualHelperFirst: true,
  holdUntilStart: true,
  answerHabits: false,
  practiceHours: true,
  chainTrips: false,
  makeRoom: true,
  maxProposalTries: 3,
  workshopsFirstSkills: [],
  supervisedSkills: [],
  seriesDaysAhead: 14,
  retentionMonths: 24,
  auditRetentionYears: 5,
};

const KEY = 'matching';

export function createSettingsService(db: Db, skills: SkillsService) {
  return {
    get(): Settings {
      const row = prepared(db, 'settings.get', () =>
        db.select().from(settingsTable).where(eq(settingsTable.key, KEY)).prepare(),
      ).get();
      const stored = (row?.value ?? {}) as Partial<Settings>;
      return {
        ...DEFAULT_SETTINGS,
        ...stored,
        weights: { ...DEFAULT_SETTINGS.weights, ...stored.weights },
        responseMinutes: { ...DEFAULT_SETTINGS.responseMinutes, ...stored.responseMinutes },
        fanOut: { ...DEFAULT_SETTINGS.fanOut, ...stored.fanOut },
      };
    },

    update(patch: SettingsPatch): Settings {
      if (patch.workshopsFirstSkills) skills.assertKnown(patch.workshopsFirstSkills, 'workshopsFirstSkills');
      if (patch.supervisedSkills) skills.assertKnown(patch.supervisedSkills, 'supervisedSkills');
      const current = this.get();
      const next: Settings = {
        ...current,
        ...patch,
        weights: { ...current.weights, ...patch.weights },
        responseMinutes: { ...current.responseMinutes, ...patch.responseMinutes },
        fanOut: { ...current.fanOut, ...patch.fanOut },
      };
      db.insert(settingsTable)
        .values({ key: KEY, value: next })
        .onConflictDoUpdate({ target: settingsTable.key, set: { value: next } })
        .run();
      return next;
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
