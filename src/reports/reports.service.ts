import type { Identity } from '../auth/auth.types.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../db/unit-of-work.js';
import { CHANNELS, DISPATCH_ROLES, URGENCIES } from '../domain.js';
import { AppError } from '../errors.js';
import { DAY, localDay } from '../matching/calendar.js';
import type { SettingsService } from '../settings/settings.service.js';
import {
  type Bucket,
  demandCells,
  demandResidents,
  hoursCells,
  hoursInSpans,
  hoursResidents,
  practicePlans,
  type Span,
  type WhyUnmetCell,
  whyUnmetCells,
} from './reports.repo.js';
import { type DemandBy, type HoursBy, type TimeBy, WHY_UNMET, type WhyUnmet } from './reports.types.js';
import type {
  DemandQuery,
  DemandReport,
  DemandRow,
  HoursQuery,
  HoursReport,
  HoursRow,
  ParticipantsQuery,
  ParticipantsReport,
  QualityQuery,
  QualityReport,
} from './reports.schema.js';
import { participantsReport, qualityReport } from './quality.service.js';
import { suppressedKeys } from './suppression.js';

/** A cell about fewer residents than this shows no numbers (see suppression.ts). */
export const SUPPRESSION_THRESHOLD = 5;

/** Hours are logged to the quarter or the minute; a sum of binary fractions is shown to the hundredth. */
const roundHours = (hours: number) => Math.round(hours * 100) / 100;

/** [from 00:00, the day after `to` 00:00) in the organisation's time zone. */
function spanOf(from: string, to: string, timeZone: string): Span {
  const noon = (date: string) => Date.parse(`${date}T12:00:00Z`);
  return { start: localDay(noon(from), timeZone).midnight, end: localDay(noon(to) + DAY, timeZone).midnight };
}

const DEMAND_FIELDS = ['requests', 'served', 'unmet', 'cancelled', 'pending'] as const;

function demandNumbers(cell: Record<(typeof DEMAND_FIELDS)[number], number> | null) {
  return Object.fromEntries(DEMAND_FIELDS.map((f) => [f, cell ? cell[f] : null])) as Record<
    (typeof DEMAND_FIELDS)[number],
    number | null
  >;
}

/** A cell's unmet requests per reason, every reason listed; those without a record are `unrecorded` too. */
function whyUnmetOf(unmet: number, recorded: readonly WhyUnmetCell[]): Record<WhyUnmet, number> {
  const counts = Object.fromEntries(WHY_UNMET.map((r) => [r, 0])) as Record<WhyUnmet, number>;
  for (const cell of recorded) counts[cell.reason] += cell.requests;
  counts.unrecorded += unmet - recorded.reduce((sum, c) => sum + c.requests, 0);
  return counts;
}

function groupByKey(cells: readonly WhyUnmetCell[]): Map<string, WhyUnmetCell[]> {
  const byKey = new Map<string, WhyUnmetCell[]>();
  for (const cell of cells) byKey.set(cell.key, [...(byKey.get(cell.key) ?? []), cell]);
  return byKey;
}

const URGENCY_ORDER = new Map<string, number>(URGENCIES.map((u, i) => [u, i]));
const CHANNEL_ORDER = new Map<string, number>(CHANNELS.map((c, i) => [c, i]));

const pad = (n: number) => String(n).padStart(2, '0');

/** The ISO week (Monday first; week 1 holds the year's first Thursday) of a calendar date. */
export function isoWeek(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  const thursday = new Date(day.getTime() + (3 - ((day.getUTCDay() + 6) % 7)) * DAY);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY));
  return `${year}-W${pad(week)}`;
}

/** The period's local weeks or months, each clipped to the period, in order. */
function bucketsOf(by: TimeBy, from: string, to: string, timeZone: string): Bucket[] {
  const keyOf = (date: string) => (by === 'month' ? date.slice(0, 7) : isoWeek(date));
  const buckets: { key: string; first: string; last: string }[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += DAY) {
    const date = new Date(ms).toISOString().slice(0, 10);
    const key = keyOf(date);
    const last = buckets.at(-1);
    if (last?.key === key) last.last = date;
    else buckets.push({ key, first: date, last: date });
  }
  return buckets.map((b) => ({ key: b.key, ...spanOf(b.first, b.last, timeZone) }));
}

const isTime = (by: HoursBy): by is TimeBy => by === 'week' || by === 'month';

function demandOrder(by: DemandBy): (a: DemandRow, b: DemandRow) => number {
  if (by === 'urgency') return (a, b) => URGENCY_ORDER.get(a.key)! - URGENCY_ORDER.get(b.key)!;
  if (by === 'channel') return (a, b) => CHANNEL_ORDER.get(a.key)! - CHANNEL_ORDER.get(b.key)!;
  if (by === 'skill') return (a, b) => a.key.localeCompare(b.key);
  // By wijk and buurt name; addresses placed without a neighbourhood last.
  const name = (r: DemandRow) => (r.key === 'unknown' ? '\uffff' : `${r.wijk ?? ''}\u0000${r.buurt ?? ''}`);
  return (a, b) => name(a).localeCompare(name(b), 'nl') || a.key.localeCompare(b.key);
}

/**
 * Hours and demand over a period, read from the requests table through its window index (summary by
 * query, never a replay of the event log). Residents are the subjects of every aggregate: a cell about
 * fewer than five of them is withheld. Per-helper rows are personal data of the participants: only the
 * roles that schedule them (admin, dispatcher) see them, and they are not suppressed, since naming the
 * helper is their point and they say nothing of who was helped.
 */
export function createReportsService(deps: { db: Db; clock: Clock; settings: SettingsService }) {
  const { db, clock, settings } = deps;
  const span = (q: { from: string; to: string }) => spanOf(q.from, q.to, settings.get().timeZone);

  /**
   * Beside each helper's hours of the period: their hours over their practice period up to the period's
   * end, and what their learning plan requires (as the coach's page counts them, by the scheduled start).
   */
  function withPractice(rows: HoursRow[], to: string): void {
    const plans = practicePlans(
      db,
      rows.map((r) => Number(r.key)),
    );
    const timeZone = settings.get().timeZone;
    const spans = plans.flatMap((p) => {
      const until = p.until === null || p.until > to ? to : p.until;
      return p.from !== null && p.from <= until ? [{ helperId: p.helperId, ...spanOf(p.from, until, timeZone) }] : [];
    });
    const done = hoursInSpans(db, spans);
    const byHelper = new Map(plans.map((p) => [p.helperId, p]));
    const spanned = new Set(spans.map((s) => s.helperId));
    for (const row of rows) {
      const id = Number(row.key);
      row.practiceHours = spanned.has(id) ? roundHours(done.get(id) ?? 0) : null;
      row.requiredHours = byHelper.get(id)?.requiredHours ?? null;
    }
  }

  return {
    hours(query: HoursQuery, identity: Identity): HoursReport {
      if (query.by === 'helper' && !(DISPATCH_ROLES as readonly string[]).includes(identity.role))
        throw new AppError('forbidden', 'hours per helper are for admins and dispatchers');
      const period = span(query);
      const threshold = query.by === 'helper' ? 0 : SUPPRESSION_THRESHOLD;
      const buckets = isTime(query.by) ? bucketsOf(query.by, query.from, query.to, settings.get().timeZone) : [];
      const cells = hoursCells(db, query.by, period, buckets);
      const [total] = hoursCells(db, 'total', period);
      const withheld = suppressedKeys(cells, threshold, (keys) => hoursResidents(db, query.by, period, buckets, keys));
      const totalShown = total !== undefined && total.residents >= threshold;
      const rows = cells.map((c): HoursRow => ({
        key: c.key,
        ...(query.by === 'helper' ? { name: c.name ?? '' } : {}),
        hours: withheld.has(c.key) ? null : roundHours(c.hours),
        jobs: withheld.has(c.key) ? null : c.jobs,
        suppressed: withheld.has(c.key),
      }));
      if (query.by === 'helper') withPractice(rows, query.to);
      rows.sort((a, b) => (a.name ?? a.key).localeCompare(b.name ?? b.key, 'nl') || a.key.localeCompare(b.key));
      return {
        from: query.from,
        to: query.to,
        by: query.by,
        rows,
        total: total
          ? {
              hours: totalShown ? roundHours(total.hours) : null,
              jobs: totalShown ? total.jobs : null,
              suppressed: !totalShown,
            }
          : { hours: 0, jobs: 0, suppressed: false },
        threshold,
      };
    },

    demand(query: DemandQuery): DemandReport {
      const period = span(query);
      const now = clock();
      const cells = demandCells(db, query.by, period, now);
      const [total] = demandCells(db, 'total', period, now);
      const why = groupByKey(whyUnmetCells(db, query.by, period, now));
      const whyTotal = whyUnmetCells(db, 'total', period, now);
      const withheld = suppressedKeys(cells, SUPPRESSION_THRESHOLD, (keys) =>
        demandResidents(db, query.by, period, keys),
      );
      const totalShown = total !== undefined && total.residents >= SUPPRESSION_THRESHOLD;
      const rows = cells.map((c): DemandRow => ({
        key: c.key,
        ...(query.by === 'neighbourhood' ? { wijk: c.wijk, buurt: c.buurt } : {}),
        ...(query.by === 'wijk' ? { wijk: c.wijk } : {}),
        ...demandNumbers(withheld.has(c.key) ? null : c),
        whyUnmet: withheld.has(c.key) ? null : whyUnmetOf(c.unmet, why.get(c.key) ?? []),
        suppressed: withheld.has(c.key),
      }));
      rows.sort(demandOrder(query.by));
      return {
        from: query.from,
        to: query.to,
        by: query.by,
        rows,
        total: total
          ? {
              ...demandNumbers(totalShown ? total : null),
              whyUnmet: totalShown ? whyUnmetOf(total.unmet, whyTotal) : null,
              suppressed: !totalShown,
            }
          : {
              ...demandNumbers({ requests: 0, served: 0, unmet: 0, cancelled: 0, pending: 0 }),
              whyUnmet: whyUnmetOf(0, []),
              suppressed: false,
            },
        threshold: SUPPRESSION_THRESHOLD,
      };
    },

    participants(query: ParticipantsQuery): ParticipantsReport {
      return participantsReport(db, span(query), query, settings.get().timeZone);
    },

    quality(query: QualityQuery): QualityReport {
      return qualityReport(db, span(query), query, settings.get().timeZone, SUPPRESSION_THRESHOLD);
    },
  };
}

export type ReportsService = ReturnType<typeof createReportsService>;
