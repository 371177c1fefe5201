import { and, count, desc, eq, gt, inArray, isNotNull, isNull, lt, max, sql } from 'drizzle-orm';
import { prepared } from '../db/prepared.js';
import type { Queryable } from '../db/client.js';
import { helpers, learningPlans, requests, residents, workshopAttendance, workshops } from '../db/schema/index.js';
import { learningSkills } from '../helpers/helper-skills.js';
import type { HelperRow } from '../helpers/helpers.repo.js';
import { localDay, parseClock } from '../matching/calendar.js';
import type { Commitment, HelperProfile, PracticeStanding } from '../matching/matching.types.js';

const HOLDING = ['assigned', 'completed'] as const;
const DAY = 86_400_000;

/** `column`: whose jobs, the helper's own (alone or as a pair's learner) or those they supervise. */
function commitmentsQuery(
  db: Queryable,
  column: typeof requests.helperId | typeof requests.supervisorHelperId,
  oneHelper: boolean,
) {
  return db
    .select({
      helperId: column,
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
        oneHelper ? eq(column, sql.placeholder('helperId')) : isNotNull(column),
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
  const params = { helperId, start, end, earliestStart: start - DAY };
  const own = prepared(db, `commitments:${oneHelper}`, () => commitmentsQuery(db, requests.helperId, oneHelper));
  const supervised = prepared(db, `commitments:supervised:${oneHelper}`, () =>
    commitmentsQuery(db, requests.supervisorHelperId, oneHelper),
  );
  return [...own.all(params), ...supervised.all(params)];
}

/**
 * The skills on each helper's open goals (or the one helper's), for the helpers whose plan states goals
 * or has ended in an outflow, which closes them all. A helper absent here has no goals to narrow their
 * learning skills by: all of them count.
 */
export function openGoalsByHelper(db: Queryable, helperId?: number): Map<number, Set<string>> {
  const oneHelper = helperId !== undefined;
  const query = prepared(db, `openGoals:${oneHelper}`, () =>
    db
      .select({
        helperId: learningPlans.helperId,
        goals: learningPlans.goals,
        outflow: learningPlans.outflowKind,
      })
      .from(learningPlans)
      .where(oneHelper ? eq(learningPlans.helperId, sql.placeholder('helperId')) : undefined)
      .prepare(),
  );
  const rows = query.all({ helperId });
  const open = new Map<number, Set<string>>();
  for (const row of rows) {
    if (row.outflow) open.set(row.helperId, new Set());
    else if (row.goals.length > 0)
      open.set(row.helperId, new Set(row.goals.filter((g) => !g.done).map((g) => g.skill)));
  }
  return open;
}

/** A practice period without the hours held in it: what the plan says. */
export type PracticePeriod = Omit<PracticeStanding, 'heldHours'>;

/** Local midnight of a `YYYY-MM-DD` date. */
function midnightOf(date: string, timeZone: string): number {
  return localDay(Date.parse(`${date}T12:00:00Z`), timeZone).midnight;
}

/**
 * The practice periods of the plans (or the one helper's) that state a period and hours required, as
 * epoch ms from the first day's midnight to the midnight after the last; an outflow ends the period.
 */
export function practicePeriods(db: Queryable, timeZone: string, helperId?: number): Map<number, PracticePeriod> {
  // Prepared in two shapes, every plan and one helper's: an accept re-checks its helper with the second.
  const query = (one: boolean) =>
    db
      .select({
        helperId: learningPlans.helperId,
        start: learningPlans.periodStart,
        end: learningPlans.periodEnd,
        requiredHours: learningPlans.requiredHours,
      })
      .from(learningPlans)
      .where(
        and(
          one ? eq(learningPlans.helperId, sql.placeholder('helperId')) : undefined,
          isNotNull(learningPlans.periodStart),
          isNotNull(learningPlans.periodEnd),
          gt(learningPlans.requiredHours, 0),
          isNull(learningPlans.outflowKind),
        ),
      )
      .prepare();
  const rows =
    helperId === undefined
      ? prepared(db, 'practicePeriods.all', () => query(false)).all()
      : prepared(db, 'practicePeriods.one', () => query(true)).all({ helperId });
  return new Map(
    rows.map((r) => [
      r.helperId,
      {
        start: midnightOf(r.start!, timeZone),
        end: localDay(midnightOf(r.end!, timeZone) + DAY + 12 * 3_600_000, timeZone).midnight,
        requiredHours: r.requiredHours!,
      },
    ]),
  );
}

/**
 * Hours of the jobs each participant holds in their practice period: logged hours of completed jobs,
 * the planned length of assigned ones. One statement for every period.
 */
export function hoursHeldInPeriods(db: Queryable, periods: ReadonlyMap<number, PracticePeriod>): Map<number, number> {
  if (periods.size === 0) return new Map();
  const values = sql.join(
    [...periods].map(([id, p]) => sql`(${id}, ${p.start}, ${p.end})`),
    sql`, `,
  );
  const rows = db.all<{ helperId: number; hours: number }>(sql`
    with p(helper_id, period_start, period_end) as (values ${values})
    select p.helper_id as helperId,
      sum(case when ${requests.status} = 'completed' then coalesce(${requests.hours}, ${requests.durationMinutes} / 60.0)
               else ${requests.durationMinutes} / 60.0 end) as hours
    from p join ${requests} on ${requests.helperId} = p.helper_id
      and ${requests.scheduledStart} >= p.period_start and ${requests.scheduledStart} < p.period_end
      and ${requests.status} in ('assigned', 'completed')
    group by p.helper_id`);
  return new Map(rows.map((r) => [r.helperId, r.hours]));
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

/**
 * Helpers who held a job for this resident before, alone or in a pair (either half went to the door):
 * continuity is worth a lot to someone with dementia.
 */
export function previousHelperIds(db: Queryable, residentId: number): Set<number> {
  const query = prepared(db, 'previousHelpers', () =>
    db
      .selectDistinct({ helperId: requests.helperId, supervisorId: requests.supervisorHelperId })
      .from(requests)
      .where(and(eq(requests.residentId, sql.placeholder('residentId')), inArray(requests.status, HOLDING)))
      .prepare(),
  );
  return new Set(query.all({ residentId }).flatMap(bothHalves));
}

/** The helpers of one job: its helper, and its supervisor when it went to a pair. */
const bothHalves = (job: { helperId: number | null; supervisorId: number | null }): number[] =>
  [job.helperId, job.supervisorId].filter((id) => id !== null);

/** What matching needs to know of a resident; nothing personal beyond it. */
export interface ResidentFacts {
  languages: string[];
  excludedHelperIds: number[];
  /** Helpers who held a job for this resident before, either half of a pair too: see `previousHelperIds`. */
  previousHelperIds: Set<number>;
}

/** Bound parameters per query, well within SQLite's limit. */
const IDS_PER_QUERY = 5_000;

/** The facts of many residents in a few queries, for a round's requests; residents not found are left out. */
export function residentFacts(db: Queryable, residentIds: readonly number[]): Map<number, ResidentFacts> {
  const ids = [...new Set(residentIds)];
  const facts = new Map<number, ResidentFacts>();
  for (let i = 0; i < ids.length; i += IDS_PER_QUERY) {
    const chunk = ids.slice(i, i + IDS_PER_QUERY);
    const rows = db
      .select({ id: residents.id, languages: residents.languages, excludedHelperIds: residents.excludedHelperIds })
      .from(residents)
      .where(inArray(residents.id, chunk))
      .all();
    for (const row of rows) facts.set(row.id, { ...row, previousHelperIds: new Set() });
    const held = db
      .selectDistinct({
        residentId: requests.residentId,
        helperId: requests.helperId,
        supervisorId: requests.supervisorHelperId,
      })
      .from(requests)
      .where(and(inArray(requests.residentId, chunk), inArray(requests.status, HOLDING)))
      .all();
    for (const job of held) {
      const previous = facts.get(job.residentId)?.previousHelperIds;
      for (const id of bothHalves(job)) previous?.add(id);
    }
  }
  return facts;
}

/**
 * The helper who did most of the resident's jobs (the latest of them on a tie), and how many: a regular
 * resident's own helper, asked first for the next one. A pair's job counts for both halves, the
 * supervisor went too. Null for a resident helped by nobody yet.
 */
export function usualHelper(db: Queryable, residentId: number): { helperId: number; jobs: number } | null {
  const query = prepared(db, 'usualHelper', () => {
    // One branch per column, each read from the resident's index.
    const held = (column: typeof requests.helperId | typeof requests.supervisorHelperId) =>
      db
        .select({ helperId: sql<number>`${column}`.as('helper_id'), start: requests.scheduledStart })
        .from(requests)
        .where(
          and(
            eq(requests.residentId, sql.placeholder('residentId')),
            inArray(requests.status, HOLDING),
            isNotNull(column),
          ),
        );
    const jobs = held(requests.helperId).unionAll(held(requests.supervisorHelperId)).as('jobs');
    return db
      .select({ helperId: jobs.helperId, jobs: count() })
      .from(jobs)
      .groupBy((selected) => selected.helperId)
      .orderBy(desc(count()), desc(max(jobs.start)))
      .limit(1)
      .prepare();
  });
  return query.get({ residentId }) ?? null;
}

export function usualHelperId(db: Queryable, residentId: number): number | null {
  return usualHelper(db, residentId)?.helperId ?? null;
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
