import { closedDaysBetween } from '../closures/closures.repo.js';
import type { Db } from '../db/client.js';
import type { Clock, UnitOfWork, Work } from '../db/unit-of-work.js';
import { once } from '../idempotency/idempotency.js';
import { AppError, notFound } from '../errors.js';
import { DAY, localDay, MINUTE, parseClock } from '../matching/calendar.js';
import type { RequestsService } from '../requests/requests.service.js';
import { findResident } from '../residents/residents.repo.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { SkillsService } from '../skills/skills.service.js';
import { occurrencesBetween } from './occurrences.js';
import {
  findSeries,
  insertSeries,
  listSeries,
  liveOccurrencesBetween,
  occurrenceRequests,
  previousSeriesHelper,
  releaseSeriesDate,
  type SeriesRow,
  setSeriesPause,
  stopSeries,
} from './series.repo.js';
import type { Series, SeriesCreate, SeriesPause } from './series.schema.js';

export interface SeriesDeps {
  db: Db;
  work: UnitOfWork;
  clock: Clock;
  settings: SettingsService;
  skills: SkillsService;
  requests: RequestsService;
}

/**
 * Regular help: a series makes its concrete requests `seriesDaysAhead` days ahead, none on a closed day
 * (it pauses there), each first proposed to the helper who did the previous one when they can come.
 */
export function createSeriesService(deps: SeriesDeps) {
  const { db, work, clock, settings, skills, requests } = deps;

  const today = (now: number) => localDay(now, settings.get().timeZone).date;

  function present(row: SeriesRow, now: number): Series {
    return {
      id: row.id,
      residentId: row.residentId,
      skills: row.skills,
      weekday: row.weekday,
      start: row.startTime,
      end: row.endTime,
      durationMinutes: row.durationMinutes,
      everyWeeks: row.everyWeeks,
      firstDate: row.firstDate,
      untilDate: row.untilDate,
      urgency: row.urgency,
      description: row.description,
      active: row.active,
      pause:
        row.pausedFrom !== null && row.pausedUntil !== null && row.pausedUntil >= today(now)
          ? { from: row.pausedFrom, until: row.pausedUntil }
          : null,
      upcoming: occurrenceRequests(db, row.id, today(now)),
    };
  }

  /** The local date and "HH:MM" as an ISO instant with its offset. */
  function instant(date: string, clock: string): string {
    const midnight = localDay(Date.parse(`${date}T12:00:00Z`), settings.get().timeZone).midnight;
    return new Date(midnight + parseClock(clock) * MINUTE).toISOString();
  }

  /** Makes the series' missing requests from today through the planning horizon; returns how many. */
  function planIn(w: Work, row: SeriesRow): number {
    const from = today(w.now);
    const to = localDay(w.now + settings.get().seriesDaysAhead * DAY, settings.get().timeZone).date;
    const closed = new Set(closedDaysBetween(w.tx, from, to).map((d) => d.date));
    const made = new Set(occurrenceRequests(w.tx, row.id, from).map((o) => o.date));
    const paused = (date: string) =>
      row.pausedFrom !== null && row.pausedUntil !== null && date >= row.pausedFrom && date <= row.pausedUntil;
    let count = 0;
    for (const date of occurrencesBetween(row, from, to)) {
      const window = { start: instant(date, row.startTime), end: instant(date, row.endTime) };
      if (closed.has(date) || paused(date) || made.has(date) || Date.parse(window.end) <= w.now) continue;
      const input = {
        residentId: row.residentId,
        skills: row.skills,
        window,
        durationMinutes: row.durationMinutes,
        urgency: row.urgency,
        ...(row.description === null ? {} : { description: row.description }),
      };
      const preferredHelperId = previousSeriesHelper(w.tx, row.id, date);
      requests.createIn(w, input, row.createdBy, { series: { id: row.id, date }, preferredHelperId });
      count += 1;
    }
    return count;
  }

  /** A series that still runs, read inside the transaction that changes it. */
  function activeSeries(w: Work, id: number): SeriesRow {
    const row = findSeries(w.tx, id);
    if (!row) throw notFound('series', id);
    if (!row.active) throw new AppError('series_stopped', `series ${id} is stopped`);
    return row;
  }

  function existing(id: number): SeriesRow {
    const row = findSeries(db, id);
    if (!row) throw notFound('series', id);
    return row;
  }

  return {
    /**
     * Saves the series and makes its first requests, in one transaction; with an idempotency key, a
     * retry of the same body returns the first reply.
     */
    create(input: SeriesCreate, userId: number | null, actor: string, idempotencyKey?: string): Series {
      skills.assertKnown(input.skills);
      return work(actor, (w) =>
        once(w, { actor, key: idempotencyKey, operation: 'createSeries', body: input }, () => {
          if (!findResident(w.tx, input.residentId)) {
            throw new AppError('validation_failed', 'unknown resident', [
              { field: 'residentId', message: `resident ${input.residentId} does not exist` },
            ]);
          }
          const row = insertSeries(w.tx, {
            residentId: input.residentId,
            skills: input.skills,
            weekday: input.weekday,
            startTime: input.start,
            endTime: input.end,
            durationMinutes: input.durationMinutes ?? parseClock(input.end) - parseClock(input.start),
            everyWeeks: input.everyWeeks,
            firstDate: input.firstDate,
            untilDate: input.untilDate ?? null,
            urgency: input.urgency ?? 'normal',
            description: input.description ?? null,
            createdBy: userId,
            createdAt: w.now,
            updatedAt: w.now,
          });
          w.record('series.created', { seriesId: row.id, residentId: row.residentId });
          planIn(w, row);
          return present(row, w.now);
        }),
      );
    },

    get: (id: number): Series => present(existing(id), clock()),

    list: (filter: { residentId?: number; active?: boolean }): Series[] =>
      listSeries(db, filter).map((row) => present(row, clock())),

    /** Stops the series: no new requests, and the ones not done yet are cancelled. */
    stop(id: number, actor: string): Series {
      return work(actor, (w) => {
        const row = stopSeries(w.tx, id, w.now);
        if (!row) {
          existing(id);
          throw new AppError('series_stopped', `series ${id} is already stopped`);
        }
        w.record('series.stopped', { seriesId: row.id, residentId: row.residentId });
        for (const o of occurrenceRequests(w.tx, row.id, today(w.now))) {
          if (o.status === 'open' || o.status === 'proposed' || o.status === 'assigned') {
            requests.cancelIn(w, o.requestId, 'the series was stopped', { bySeries: true });
          }
        }
        return present(row, w.now);
      });
    },

    /**
     * Pauses the series on the dates of `pause` (one pause at a time: a new one replaces the last).
     * Its requests on those dates are cancelled and their dates freed, so that they are made again if
     * the pause is lifted before the day.
     */
    pause(id: number, pause: SeriesPause, actor: string): Series {
      return work(actor, (w) => {
        const row = activeSeries(w, id);
        const paused = setSeriesPause(w.tx, row.id, pause, w.now);
        w.record('series.paused', { seriesId: row.id, residentId: row.residentId });
        for (const o of liveOccurrencesBetween(w.tx, pause.from, pause.until, row.id)) {
          requests.cancelIn(w, o.requestId, 'the series is paused', { bySeries: true });
          releaseSeriesDate(w.tx, o.requestId);
        }
        // A replaced pause may free dates of the last one.
        planIn(w, paused);
        return present(paused, w.now);
      });
    },

    /** Ends the series' pause: the dates it held back within the planning horizon are made at once. */
    resume(id: number, actor: string): Series {
      return work(actor, (w) => {
        const row = activeSeries(w, id);
        const resumed = setSeriesPause(w.tx, row.id, null, w.now);
        w.record('series.resumed', { seriesId: row.id, residentId: row.residentId });
        planIn(w, resumed);
        return present(resumed, w.now);
      });
    },

    /**
     * Inside the transaction that closes [from, to]: the series pause there. Their requests on those
     * dates are cancelled and their dates freed, so that the series makes them again if the closure is
     * lifted before the day.
     */
    pauseIn(w: Work, from: string, to: string, reason: string): void {
      for (const o of liveOccurrencesBetween(w.tx, from, to)) {
        requests.cancelIn(w, o.requestId, `closed: ${reason}`);
        releaseSeriesDate(w.tx, o.requestId);
      }
    },

    /**
     * The clock's job: every active series makes its missing requests, one transaction per series; one
     * that fails (its skill left the catalogue, say) does not hold up the others, and is reported after.
     */
    planDue(): number {
      let count = 0;
      const failures: unknown[] = [];
      const failed: number[] = [];
      for (const row of listSeries(db, { active: true })) {
        try {
          count += work('system:clock', (w) => planIn(w, row));
        } catch (err) {
          failures.push(err);
          failed.push(row.id);
        }
      }
      if (failed.length > 0) throw new AggregateError(failures, `series ${failed.join(', ')} could not be planned`);
      return count;
    },
  };
}

export type SeriesService = ReturnType<typeof createSeriesService>;
