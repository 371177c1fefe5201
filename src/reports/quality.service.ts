import type { Db } from '../db/client.js';
import { OUTFLOW_KINDS, type OutflowKind } from '../domain.js';
import { localDay } from '../matching/calendar.js';
import { completedJobs, hoursPerHelper, jobOutcomes, matchedRequests, participantRows } from './quality.repo.js';
import { continuity, gini, percentile } from './measures.js';
import type { Span } from './reports.repo.js';
import type {
  ParticipantsQuery,
  ParticipantsReport,
  ParticipantsRow,
  QualityQuery,
  QualityReport,
  QualityRow,
} from './reports.schema.js';
import type { QualityMeasure } from './reports.types.js';

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const LAST_DAY = '9999-12-31';

/** The helpers in the programme for at least a day of the period: by their active dates, and not switched off unless they worked in it. */
function enrolment(db: Db, span: Span, period: { from: string; to: string }, timeZone: string) {
  const worked = new Map(hoursPerHelper(db, span).map((h) => [h.helperId, h]));
  return participantRows(db).flatMap((h) => {
    const start = h.activeFrom ?? localDay(h.createdAt, timeZone).date;
    const end = h.activeUntil ?? LAST_DAY;
    const work = worked.get(h.id);
    if (start > period.to || end < period.from || (!h.active && !work)) return [];
    return [
      {
        ...h,
        isNew: start >= period.from && start <= period.to,
        ended: h.activeUntil !== null && h.activeUntil >= period.from && h.activeUntil <= period.to,
        outflow:
          h.outflowDate !== null && h.outflowDate >= period.from && h.outflowDate <= period.to ? h.outflowKind : null,
        hours: work?.hours ?? 0,
        jobs: work?.jobs ?? 0,
      },
    ];
  });
}

export function participantsReport(db: Db, span: Span, query: ParticipantsQuery, timeZone: string): ParticipantsReport {
  const enrolled = enrolment(db, span, query, timeZone);
  const count = (of: typeof enrolled) => ({
    enrolled: of.length,
    new: of.filter((h) => h.isNew).length,
    ended: of.filter((h) => h.ended).length,
    working: of.filter((h) => h.jobs > 0).length,
    outflow: Object.fromEntries(OUTFLOW_KINDS.map((k) => [k, of.filter((h) => h.outflow === k).length])) as Record<
      OutflowKind,
      number
    >,
    hours: round(
      of.reduce((sum, h) => sum + h.hours, 0),
      2,
    ),
  });
  const keys = [...new Set(enrolled.map((h) => h[query.by]))].sort();
  const rows = keys.map((key): ParticipantsRow => ({ key, ...count(enrolled.filter((h) => h[query.by] === key)) }));
  return { from: query.from, to: query.to, by: query.by, rows, total: count(enrolled) };
}

/**
 * The quality measures of a period. Those about residents (matching, continuity) are withheld when
 * they are about fewer than `threshold` residents; those about the spread of hours are about helpers.
 */
export function qualityReport(
  db: Db,
  span: Span,
  query: QualityQuery,
  timeZone: string,
  threshold: number,
): QualityReport {
  const matched = matchedRequests(db, span).filter((m) => m.acceptedAt !== null);
  const matchedResidents = new Set(matched.map((m) => m.residentId)).size;
  const minutes = matched.map((m) => (m.acceptedAt! - m.createdAt) / 60_000);
  const regular = continuity(completedJobs(db, span));
  const hours = enrolment(db, span, query, timeZone).map((h) => h.hours);
  const outcomes = jobOutcomes(db, span);
  const rated = outcomes.filter((o) => o.satisfaction !== null);
  const residentsOf = (of: typeof outcomes) => new Set(of.map((o) => o.residentId)).size;

  const row = (key: QualityMeasure, value: number | null, count: number, residents?: number): QualityRow =>
    residents !== undefined && residents < threshold
      ? { key, value: null, count: null, suppressed: true }
      : { key, value, count, suppressed: false };
  const ofMatched = (value: number | null) => (value === null ? null : round(value, 1));
  const rows = [
    row(
      'matchedBeforeStart',
      matched.length ? round(matched.filter((m) => m.acceptedAt! <= m.windowStart).length / matched.length, 4) : null,
      matched.length,
      matchedResidents,
    ),
    row('timeToMatchMedianMinutes', ofMatched(percentile(minutes, 50)), matched.length, matchedResidents),
    row('timeToMatchP90Minutes', ofMatched(percentile(minutes, 90)), matched.length, matchedResidents),
    row('continuity', regular.of ? round(regular.again / regular.of, 4) : null, regular.of, regular.residents),
    row('hoursPerHelperMedian', percentile(hours, 50), hours.length),
    row('hoursGini', hours.length ? round(gini(hours), 4) : null, hours.length),
    row(
      'satisfactionMean',
      rated.length ? round(rated.reduce((sum, o) => sum + o.satisfaction!, 0) / rated.length, 2) : null,
      rated.length,
      residentsOf(rated),
    ),
    row(
      'reciprocityShare',
      outcomes.length ? round(outcomes.filter((o) => o.reciprocated).length / outcomes.length, 4) : null,
      outcomes.length,
      residentsOf(outcomes),
    ),
  ];
  return { from: query.from, to: query.to, rows, threshold };
}
