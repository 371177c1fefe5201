import { and, count, desc, eq, gt, inArray, isNotNull, lt, max, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared.js';
import type { Queryable } from '../db/client.js';
import { helpers, learningPlans, requests, workshopAttendance, workshops } from '../db/schema/index.js';
import { learningSkills } from '../helpers/helper-skills.js';
import type { HelperRow } from '../helpers/helpers.repo.js';
import { parseClock } from '../matching/calendar.js';
import type { Commitment, HelperProfile } from '../matching/matching.types.js';

const HOLDING = ['assigned', 'completed'] as const;
const DAY = 86_400_000;

function commitmentsQuery(db: Queryable, oneHelper: boolean) {
  return db
    .select({
      helperId: requests.helperId,
      requestId: requests.id,
      start: requests.scheduledStart,
      end: requests.scheduledEnd,
      lat: requests.lat,
      lon: requests.lon,
    })
    .from(requests)
    .where(
      and(
        inArray(requests.status, HOLDING),
        oneHelper ? eq(requests.helperId, sql.placeholder('helperId')) : isNotNull(requests.helperId),
        lt(requests.scheduledStart, sql.placeholder('end')),
        // A job lasts at most a day: bounding the start both ways lets the index skip all history.
        gt(requests.scheduledStart, sql.placeholder('earliestStart')),
        gt(requests.scheduledEnd, sql.placeholder('start')),
      ),
    )
    .prepare();
}

/** Jobs helpers (or one helper) hold that touch [start, end): they block time and fill the week. */
export function commitmentsBetween(db: Queryable, start: number, end: number, helperId?: number) {
  const oneHelper = helperId !== undefined;
  const query = prepared(db, `commitments:${oneHelper}`, () => commitmentsQuery(db, oneHelper));
  return query.all({ helperId, start, end, earliestStart: start - DAY });
}

/**
 * The skills on each helper's open goals (or the one helper's), for the helpers whose plan states goals
 * or has ended in an outflow, which closes them all. A helper absent here has no goals to narrow their
 * learning skills by: all of them count.
 */
export function openGoalsByHelper(db: Queryable, helperId?: number): Map<number, Set<string>> {
  const rows = db
    .select({
      helperId: learningPlans.helperId,
      goals: learningPlans.goals,
      outflow: learningPlans.outflowKind,
    })
    .from(learningPlans)
    .where(helperId === undefined ? undefined : eq(learningPlans.helperId, helperId))
    .all();
  const open = new Map<number, Set<string>>();
  for (const row of rows) {
    if (row.outflow) open.set(row.helperId, new Set());
    else if (row.goals.length > 0)
      open.set(row.helperId, new Set(row.goals.filter((g) => !g.done).map((g) => g.skill)));
  }
  return open;
}

export function toProfile(
  row: HelperRow,
  commitments: Commitment[],
  openGoals: ReadonlySet<string> | null = null,
): HelperProfile {
  return {
    id: row.id,
    track: row.track,
    skills: new Set(row.skills),
    learning: new Set(learningSkills(row.skills, row.skillLevels, openGoals)),
    learningLevel: new Set(learningSkills(row.skills, row.skillLevels)),
    home: { lat: row.lat, lon: row.lon },
    maxTravelKm: row.maxTravelKm,
    travelMode: row.travelMode,
    availability: row.availability.map((s) => ({
      weekday: s.weekday,
      start: parseClock(s.start),
      end: parseClock(s.end),
    })),
    absences: row.absences,
    maxHoursPerWeek: row.maxHoursPerWeek,
    languages: row.languages,
    activeFrom: row.activeFrom,
    activeUntil: row.activeUntil,
    active: row.active,
    commitments,
  };
}

/** The commitments each helper (or just one) holds in [start, end). */
export function commitmentsByHelper(
  db: Queryable,
  start: number,
  end: number,
  helperId?: number,
): Map<number, Commitment[]> {
  const byHelper = new Map<number, Commitment[]>();
  for (const c of commitmentsBetween(db, start, end, helperId)) {
    const list = byHelper.get(c.helperId!) ?? [];
    list.push({ requestId: c.requestId, start: c.start!, end: c.end!, location: { lat: c.lat, lon: c.lon } });
    byHelper.set(c.helperId!, list);
  }
  return byHelper;
}

/** Helpers who held a job for this resident before: continuity is worth a lot to someone with dementia. */
export function previousHelperIds(db: Queryable, residentId: number): Set<number> {
  const query = prepared(db, 'previousHelpers', () =>
    db
      .selectDistinct({ helperId: requests.helperId })
      .from(requests)
      .where(and(eq(requests.residentId, sql.placeholder('residentId')), inArray(requests.status, HOLDING)))
      .prepare(),
  );
  return new Set(query.all({ residentId }).flatMap((r) => (r.helperId === null ? [] : [r.helperId])));
}

/**
 * The helper who did most of the resident's jobs (the latest of them on a tie): a regular resident's
 * own helper, asked first for the next one. Null for a resident helped by nobody yet.
 */
export function usualHelperId(db: Queryable, residentId: number): number | null {
  const query = prepared(db, 'usualHelper', () =>
    db
      .select({ helperId: requests.helperId })
      .from(requests)
      .where(
        and(
          eq(requests.residentId, sql.placeholder('residentId')),
          inArray(requests.status, HOLDING),
          isNotNull(requests.helperId),
        ),
      )
      .groupBy(requests.helperId)
      .orderBy(desc(count()), desc(max(requests.scheduledStart)))
      .limit(1)
      .prepare(),
  );
  return query.get({ residentId })?.helperId ?? null;
}

/**
 * Helpers (or the one helper) who never held a job and miss an active workshop of their own track:
 * a job with a skill that asks for the workshops first may not be theirs yet.
 */
export function helpersBeforeWorkshops(db: Queryable, helperId?: number): Set<number> {
  const rows = db
    .select({ id: helpers.id })
    .from(helpers)
    .where(
      and(
        helperId === undefined ? undefined : eq(helpers.id, helperId),
        sql`not exists (select 1 from ${requests} where ${requests.helperId} = ${helpers.id}
              and ${requests.status} in ('assigned', 'completed'))`,
        sql`exists (select 1 from ${workshops} where ${workshops.track} = ${helpers.track} and ${workshops.active} = 1
              and not exists (select 1 from ${workshopAttendance} where ${workshopAttendance.helperId} = ${helpers.id}
                and ${workshopAttendance.workshopId} = ${workshops.id}))`,
      ),
    )
    .all();
  return new Set(rows.map((r) => r.id));
}
