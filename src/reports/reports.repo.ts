import { inArray, sql, type SQL } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { helpers, learningPlans, requestSkills, requestUnmet, requests, residents } from '../db/schema/index.js';
import type { DemandBy, HoursBy, WhyUnmet } from './reports.types.js';

/** Epoch ms [start, end) of the windows' starts a report covers. */
export interface Span {
  start: number;
  end: number;
}

/** One report cell: its sums, and how many residents they are about (for suppression). */
export interface HoursCell {
  key: string;
  name: string | null;
  residents: number;
  hours: number;
  jobs: number;
}

export interface DemandCell {
  key: string;
  wijk: string | null;
  buurt: string | null;
  residents: number;
  requests: number;
  served: number;
  unmet: number;
  cancelled: number;
  pending: number;
}

/** The window index bounds every report to its period: no report reads the event log. */
const inSpan = (span: Span) => sql`${requests.windowStart} >= ${span.start} and ${requests.windowStart} < ${span.end}`;
/** Demand is what residents asked for: a date their paused or stopped series no longer needed is none. */
const asked = (span: Span) => sql`${inSpan(span)} and not ${requests.cancelledBySeries}`;

/** A stretch of the period reported as one row: a local week or month, clipped to the period. */
export interface Bucket extends Span {
  key: string;
}

/** A job with each helper who did it: its helper and, for a supervised pair, the supervisor too. */
const helperJoin = sql`${requests} join ${helpers} on ${helpers.id} in (${requests.helperId}, ${requests.supervisorHelperId})`;
/**
 * A request once per skill it asks for. The cross join keeps the requests outside: they are read from
 * the window index, and each one's skills from the primary key of request_skills, never the JSON.
 */
const skillJoin = sql`${requests} cross join ${requestSkills} on ${requestSkills.requestId} = ${requests.id}`;

/** The key, the name beside it and the rows a grouping of the hours reads. */
function hoursKey(by: HoursBy, buckets: readonly Bucket[]): { key: SQL; name: SQL; from: SQL } {
  if (by === 'helper') return { key: sql`cast(${helpers.id} as text)`, name: sql`${helpers.name}`, from: helperJoin };
  if (by === 'track') return { key: sql`${helpers.track}`, name: sql`null`, from: helperJoin };
  if (by === 'skill') return { key: sql`${requestSkills.skill}`, name: sql`null`, from: skillJoin };
  // The weeks or months as a table of their own, each job joined to the one its window starts in.
  const rows = sql.join(
    buckets.map((b) => sql`(${b.key}, ${b.start}, ${b.end})`),
    sql`, `,
  );
  return {
    key: sql`bucket.column1`,
    name: sql`null`,
    from: sql`${requests} join (values ${rows}) as bucket
      on ${requests.windowStart} >= bucket.column2 and ${requests.windowStart} < bucket.column3`,
  };
}

const TOTAL = { key: sql`'total'`, name: sql`null`, wijk: sql`null`, buurt: sql`null`, from: sql`${requests}` };
const completed = sql`${requests.status} = 'completed'`;

/** Completed jobs per key; `total` counts each job once, where by helper or track a pair's job counts for both. */
export function hoursCells(
  db: Queryable,
  by: HoursBy | 'total',
  span: Span,
  buckets: readonly Bucket[] = [],
): HoursCell[] {
  const { key, name, from } = by === 'total' ? TOTAL : hoursKey(by, buckets);
  return db.all<HoursCell>(sql`
    select ${key} as key, max(${name}) as name, count(distinct ${requests.residentId}) as residents,
      sum(${requests.hours}) as hours, count(*) as jobs
    from ${from}
    where ${completed} and ${inSpan(span)}
    group by 1`);
}

/** How many residents the cells with these keys are about together. */
function residentsOf(db: Queryable, key: SQL, from: SQL, where: SQL, keys: readonly string[]): number {
  if (keys.length === 0) return 0;
  const list = sql.join(
    keys.map((k) => sql`${k}`),
    sql`, `,
  );
  return db.get<{ n: number }>(sql`
    select count(distinct ${requests.residentId}) as n from ${from} where ${where} and ${key} in (${list})`)!.n;
}

export function hoursResidents(
  db: Queryable,
  by: HoursBy,
  span: Span,
  buckets: readonly Bucket[],
  keys: readonly string[],
): number {
  const { key, from } = hoursKey(by, buckets);
  return residentsOf(db, key, from, sql`${completed} and ${inSpan(span)}`, keys);
}

const DEMAND_KEY: Record<DemandBy, { key: SQL; wijk: SQL; buurt: SQL; from: SQL }> = {
  neighbourhood: {
    key: sql`coalesce(${residents.buurtCode}, 'unknown')`,
    wijk: sql`${residents.wijkName}`,
    buurt: sql`${residents.buurtName}`,
    from: sql`${requests} join ${residents} on ${residents.id} = ${requests.residentId}`,
  },
  // The CBS wijk: its buurten together, so fewer of its cells are withheld.
  wijk: {
    key: sql`coalesce(${residents.wijkCode}, 'unknown')`,
    wijk: sql`${residents.wijkName}`,
    buurt: sql`null`,
    from: sql`${requests} join ${residents} on ${residents.id} = ${requests.residentId}`,
  },
  skill: { key: sql`${requestSkills.skill}`, wijk: sql`null`, buurt: sql`null`, from: skillJoin },
  urgency: { key: sql`${requests.urgency}`, wijk: sql`null`, buurt: sql`null`, from: sql`${requests}` },
  channel: { key: sql`${requests.channel}`, wijk: sql`null`, buurt: sql`null`, from: sql`${requests}` },
};

const unassigned = sql`${requests.status} in ('open', 'proposed')`;
/**
 * Nobody came: cancelled before anyone was assigned, or unassigned when its window ended. The unary
 * plus keeps the planner from reading every request without a helper, of all years, through the
 * helpers' schedule index: the period's requests come from the window index.
 */
const unmet = (now: number) =>
  sql`((${requests.status} = 'cancelled' and +${requests.helperId} is null) or (${unassigned} and ${requests.windowEnd} <= ${now}))`;

/**
 * Requests per key and resident, each in exactly one of: served (a helper was booked), unmet (cancelled
 * before anyone was assigned, or unassigned when its window ended), cancelled (after an assignment) and
 * pending (unassigned, its window still to come). A cancelled request keeps the helper it had.
 */
export function demandCells(db: Queryable, by: DemandBy | 'total', span: Span, now: number): DemandCell[] {
  const { key, wijk, buurt, from } = by === 'total' ? TOTAL : DEMAND_KEY[by];
  const status = requests.status;
  return db.all<DemandCell>(sql`
    select ${key} as key, max(${wijk}) as wijk, max(${buurt}) as buurt,
      count(distinct ${requests.residentId}) as residents, count(*) as requests,
      sum(${status} in ('completed', 'assigned')) as served,
      sum(${unmet(now)}) as unmet,
      sum(${status} = 'cancelled' and ${requests.helperId} is not null) as cancelled,
      sum(${unassigned} and ${requests.windowEnd} > ${now}) as pending
    from ${from}
    where ${asked(span)}
    group by 1`);
}

export function demandResidents(db: Queryable, by: DemandBy, span: Span, keys: readonly string[]): number {
  const { key, from } = DEMAND_KEY[by];
  return residentsOf(db, key, from, asked(span), keys);
}

export interface WhyUnmetCell {
  key: string;
  reason: WhyUnmet;
  requests: number;
}

/** The unmet requests per key whose reasons were recorded, per reason (request_unmet's primary key per request). */
export function whyUnmetCells(db: Queryable, by: DemandBy | 'total', span: Span, now: number): WhyUnmetCell[] {
  const { key, from } = by === 'total' ? TOTAL : DEMAND_KEY[by];
  return db.all<WhyUnmetCell>(sql`
    select ${key} as key, ${requestUnmet.reason} as reason, count(*) as requests
    from ${from} join ${requestUnmet} on ${requestUnmet.requestId} = ${requests.id}
    where ${asked(span)} and ${unmet(now)}
    group by 1, 2`);
}

/** A participant's practice period (local dates, the end inclusive) and the hours it requires. */
export interface PracticePlan {
  helperId: number;
  from: string | null;
  until: string | null;
  requiredHours: number | null;
}

/** The learning plans of these helpers: the period ends at the outflow if they left early. */
export function practicePlans(db: Queryable, helperIds: readonly number[]): PracticePlan[] {
  if (helperIds.length === 0) return [];
  return db
    .select({
      helperId: learningPlans.helperId,
      from: learningPlans.periodStart,
      until: sql<string | null>`coalesce(${learningPlans.outflowDate}, ${learningPlans.periodEnd})`,
      requiredHours: learningPlans.requiredHours,
    })
    .from(learningPlans)
    .where(inArray(learningPlans.helperId, [...helperIds]))
    .all();
}

/**
 * Completed hours per helper in their own span of scheduled starts, as the helper or as a pair's
 * supervisor: through the helpers' and the supervisors' schedule indexes, one after the other.
 */
export function hoursInSpans(db: Queryable, spans: readonly (Span & { helperId: number })[]): Map<number, number> {
  const hours = new Map<number, number>();
  if (spans.length === 0) return hours;
  const rows = sql.join(
    spans.map((s) => sql`(${s.helperId}, ${s.start}, ${s.end})`),
    sql`, `,
  );
  for (const doer of [requests.helperId, requests.supervisorHelperId]) {
    const sums = db.all<{ helperId: number; hours: number }>(sql`
      select span.column1 as helperId, coalesce(sum(${requests.hours}), 0) as hours
      from (values ${rows}) as span join ${requests} on ${doer} = span.column1
        and ${requests.scheduledStart} >= span.column2 and ${requests.scheduledStart} < span.column3
      where ${completed}
      group by 1`);
    for (const r of sums) hours.set(r.helperId, (hours.get(r.helperId) ?? 0) + r.hours);
  }
  return hours;
}
