import { findUser } from '../auth/auth.repo.js';
import type { Identity } from '../auth/auth.types.js';
import { actorOf } from '../auth/auth.types.js';
import type { Db, Queryable } from '../db/client.js';
import type { Clock, UnitOfWork } from '../db/unit-of-work.js';
import type { SkillLevel } from '../domain.js';
import { AppError, notFound } from '../errors.js';
import { presentSkills, type StoredLevels } from '../helpers/helper-skills.js';
import { findHelper, type HelperRow, updateHelper } from '../helpers/helpers.repo.js';
import { localDay } from '../matching/calendar.js';
import { completedByHelper } from '../requests/requests.repo.js';
import type { SkillsService } from '../skills/skills.service.js';
import { latestJobsOfHelper } from './feedback.repo.js';
import { mayCoach, type Sight, sightOf } from './learning.access.js';
import {
  completedJobIds,
  findPlan,
  insertLevelChange,
  levelChangesOf,
  type LevelChangeRow,
  type PlanRow,
  plansCoachedBy,
  savePlan,
  userNames,
} from './learning.repo.js';
import type { LearningFile, LearningPlanPatch, LevelChange, LevelSignOff, Participant } from './learning.schema.js';

const TZ = 'Europe/Amsterdam';
/** How many of the latest completed jobs the file shows, with their feedback. */
const LATEST_JOBS = 10;

/** A year's practice by default: the day before the same date a year on. */
export function defaultPeriodEnd(start: string): string {
  const [y, m, d] = start.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y + 1, m - 1, d) - 86_400_000);
  return next.toISOString().slice(0, 10);
}

const round1 = (hours: number) => Math.round(hours * 10) / 10;

/** A level change as the history shows it; the coach's note only to who sees the texts. */
export function presentLevelChange(row: LevelChangeRow, names: Map<number, string>, sight: Sight): LevelChange {
  const userId = row.actor.startsWith('user:') ? Number(row.actor.slice(5)) : null;
  return {
    id: row.id,
    skill: row.skill,
    from: row.fromLevel,
    to: row.toLevel,
    by: { id: userId, name: userId === null ? null : (names.get(userId) ?? null) },
    signedOff: row.signedOff,
    observedRequestIds: row.observedRequestIds,
    ...(sight === 'full' ? { note: row.note } : {}),
    at: new Date(row.at).toISOString(),
  };
}

/** The levels that changed from `before` to `after` for the skills held after. */
export function levelDiff(
  beforeCodes: readonly string[],
  before: StoredLevels,
  afterCodes: readonly string[],
  after: StoredLevels,
): Array<{ skill: string; from: SkillLevel | null; to: SkillLevel }> {
  const held = new Set(beforeCodes);
  const levelIn = (levels: StoredLevels, code: string): SkillLevel => levels[code] ?? 'competent';
  return afterCodes.flatMap((skill) => {
    const from = held.has(skill) ? levelIn(before, skill) : null;
    const to = levelIn(after, skill);
    return from === to ? [] : [{ skill, from, to }];
  });
}

export function createLearningService(deps: { db: Db; work: UnitOfWork; clock: Clock; skills: SkillsService }) {
  const { db, work, clock, skills } = deps;

  function helperOf(tx: Queryable, helperId: number): HelperRow {
    const helper = findHelper(tx, helperId);
    if (!helper) throw notFound('helper', helperId);
    return helper;
  }

  /** The plan as `identity` may see it, or a 404 when they may not see it at all. */
  function visible(tx: Queryable, identity: Identity, helperId: number) {
    const helper = helperOf(tx, helperId);
    const plan = findPlan(tx, helperId);
    const sight = sightOf(identity, helperId, plan);
    if (!sight) throw notFound('helper', helperId);
    return { helper, plan, sight };
  }

  function coached(tx: Queryable, identity: Identity, helperId: number) {
    const helper = helperOf(tx, helperId);
    const plan = findPlan(tx, helperId);
    if (!mayCoach(identity, plan)) throw notFound('helper', helperId);
    return { helper, plan: plan! };
  }

  function hoursIn(tx: Queryable, helperId: number, plan: PlanRow | undefined): number {
    const until = plan?.outflowDate ?? plan?.periodEnd ?? null;
    const from = plan?.periodStart ?? null;
    let total = 0;
    for (const job of completedByHelper(tx, helperId)) {
      const day = localDay(job.scheduledStart!, TZ).date;
      if ((from && day < from) || (until && day > until)) continue;
      total += job.hours ?? 0;
    }
    return round1(total);
  }

  function participantOf(tx: Queryable, helper: HelperRow, plan: PlanRow | undefined): Participant {
    const today = localDay(clock(), TZ).date;
    const period = plan?.periodStart ? { start: plan.periodStart, end: plan.periodEnd! } : null;
    return {
      helperId: helper.id,
      name: helper.name,
      track: helper.track,
      period,
      active: period !== null && period.start <= today && today <= period.end && !plan?.outflowKind,
      requiredHours: plan?.requiredHours ?? null,
      hoursDone: hoursIn(tx, helper.id, plan),
      outflow: plan?.outflowKind ? { kind: plan.outflowKind, date: plan.outflowDate! } : null,
      skills: presentSkills(helper.skills, helper.skillLevels),
    };
  }

  function fileOf(tx: Queryable, helper: HelperRow, plan: PlanRow | undefined, sight: Sight): LearningFile {
    const coachId = plan?.coachUserId ?? null;
    const coach = coachId === null ? null : { id: coachId, name: userNames(tx, [coachId]).get(coachId) ?? '' };
    const jobs = latestJobsOfHelper(tx, helper.id, LATEST_JOBS).map(
      ({ requestId, feedback, skills: jobSkills, start }) => ({
        requestId,
        date: localDay(start!, TZ).date,
        skills: jobSkills,
        satisfaction: feedback?.satisfaction ?? null,
        ...(sight === 'full' ? { observation: feedback?.observation ?? null } : {}),
      }),
    );
    const file: LearningFile = { ...participantOf(tx, helper, plan), coach, jobs };
    if (sight !== 'full') return file;
    return {
      ...file,
      questions: { want: plan?.want ?? null, can: plan?.can ?? null, need: plan?.need ?? null },
      goals: plan?.goals ?? [],
    };
  }

  return {
    file(identity: Identity, helperId: number): LearningFile {
      const { helper, plan, sight } = visible(db, identity, helperId);
      return fileOf(db, helper, plan, sight);
    },

    /** The participants a coach coaches, by name. */
    participants(identity: Identity): Participant[] {
      if (identity.kind !== 'staff') return [];
      return plansCoachedBy(db, identity.userId)
        .map((plan) => participantOf(db, helperOf(db, plan.helperId), plan))
        .sort((a, b) => a.name.localeCompare(b.name) || a.helperId - b.helperId);
    },

    /** Makes a coach (a user with role coach) the participant's coach, or none. */
    assignCoach(helperId: number, coachId: number | null, actor: string): LearningFile {
      if (coachId !== null) {
        const user = findUser(db, coachId);
        if (!user || user.role !== 'coach' || !user.active)
          throw new AppError('validation_failed', 'not an active coach', [
            { field: 'coachId', message: 'must be the id of an active user with role coach' },
          ]);
      }
      return work(actor, ({ tx, now }) => {
        const helper = helperOf(tx, helperId);
        const plan = savePlan(tx, { ...findPlan(tx, helperId), helperId, coachUserId: coachId, updatedAt: now });
        return fileOf(tx, helper, plan, 'summary');
      });
    },

    update(identity: Identity, helperId: number, patch: LearningPlanPatch): LearningFile {
      if (patch.goals)
        skills.assertKnown(
          patch.goals.map((g) => g.skill),
          'goals',
        );
      return work(actorOf(identity), ({ tx, now }) => {
        const { helper, plan } = coached(tx, identity, helperId);
        const next: PlanRow = { ...plan, updatedAt: now };
        if (patch.questions) {
          const { want, can, need } = patch.questions;
          if (want !== undefined) next.want = want || null;
          if (can !== undefined) next.can = can || null;
          if (need !== undefined) next.need = need || null;
        }
        if (patch.goals) next.goals = patch.goals;
        if (patch.period !== undefined) {
          next.periodStart = patch.period?.start ?? null;
          next.periodEnd = patch.period ? (patch.period.end ?? defaultPeriodEnd(patch.period.start)) : null;
        }
        if (patch.requiredHours !== undefined) next.requiredHours = patch.requiredHours;
        if (patch.outflow !== undefined) {
          next.outflowKind = patch.outflow?.kind ?? null;
          next.outflowDate = patch.outflow?.date ?? null;
        }
        if (next.outflowDate && next.periodStart && next.outflowDate < next.periodStart)
          throw new AppError('validation_failed', 'outflow before the period', [
            { field: 'outflow.date', message: 'must not be before the start of the practice period' },
          ]);
        return fileOf(tx, helper, savePlan(tx, next), 'full');
      });
    },

    /**
     * The coach signs off a new level on jobs they observed: the helper's level changes at once (the
     * next ranking scores with it) and the history keeps who, when and on which jobs.
     */
    signOff(identity: Identity, helperId: number, input: LevelSignOff): LevelChange {
      skills.assertKnown([input.skill], 'skill');
      return work(actorOf(identity), ({ tx, record, now }) => {
        const { helper } = coached(tx, identity, helperId);
        const held = helper.skills.includes(input.skill);
        const from: SkillLevel | null = held ? (helper.skillLevels[input.skill] ?? 'competent') : null;
        if (from === input.level)
          throw new AppError('validation_failed', 'already at that level', [
            { field: 'level', message: `already ${input.level}` },
          ]);
        if (input.level !== 'learning' && input.observedRequestIds.length === 0)
          throw new AppError('validation_failed', 'no observed jobs', [
            { field: 'observedRequestIds', message: 'sign off on at least one observed job' },
          ]);
        const done = completedJobIds(tx, helperId, input.observedRequestIds);
        const details = input.observedRequestIds.flatMap((id, i) =>
          done.has(id) ? [] : [{ field: `observedRequestIds.${i}`, message: 'not a job this helper completed' }],
        );
        if (details.length > 0) throw new AppError('validation_failed', 'not observed jobs', details);
        const levels = { ...helper.skillLevels };
        if (input.level === 'competent') delete levels[input.skill];
        else levels[input.skill] = input.level;
        updateHelper(tx, helperId, {
          skills: held ? helper.skills : [...helper.skills, input.skill],
          skillLevels: levels,
          updatedAt: now,
        });
        record('helper.updated', { helperId, active: helper.active });
        const row = insertLevelChange(tx, {
          helperId,
          skill: input.skill,
          fromLevel: from,
          toLevel: input.level,
          actor: actorOf(identity),
          signedOff: true,
          observedRequestIds: [...new Set(input.observedRequestIds)],
          note: input.note || null,
          at: now,
        });
        return presentLevelChange(row, userNames(tx, identity.kind === 'staff' ? [identity.userId] : []), 'full');
      });
    },

    levels(identity: Identity, helperId: number): LevelChange[] {
      const { sight } = visible(db, identity, helperId);
      const rows = levelChangesOf(db, helperId);
      const ids = rows.flatMap((r) => (r.actor.startsWith('user:') ? [Number(r.actor.slice(5))] : []));
      const names = userNames(db, [...new Set(ids)]);
      return rows.map((row) => presentLevelChange(row, names, sight));
    },

    /** The office changed a helper's skills: the levels that moved go into the history, not signed off. */
    recordEditIn(
      tx: Queryable,
      actor: string,
      now: number,
      helperId: number,
      before: { skills: string[]; skillLevels: StoredLevels } | null,
      after: { skills: string[]; skillLevels: StoredLevels },
    ): void {
      const changes = levelDiff(before?.skills ?? [], before?.skillLevels ?? {}, after.skills, after.skillLevels);
      for (const c of changes) {
        // A skill taken on as competent is a new skill, not a change of level.
        if (c.from === null && c.to === 'competent') continue;
        insertLevelChange(tx, {
          helperId,
          skill: c.skill,
          fromLevel: c.from,
          toLevel: c.to,
          actor,
          signedOff: false,
          observedRequestIds: [],
          note: null,
          at: now,
        });
      }
    },
  };
}

export type LearningService = ReturnType<typeof createLearningService>;
