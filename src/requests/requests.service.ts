import type { Identity } from '../auth/auth.types.js';
import type { Criterion } from '../domain.js';
import type { CandidatesService } from '../candidates/candidates.service.js';
import type { Candidates } from '../candidates/candidates.schema.js';
import type { Db, Queryable } from '../db/client.js';
import type { Clock, UnitOfWork, Work } from '../db/unit-of-work.js';
import { once } from '../idempotency/idempotency.js';
import { AppError, notFound } from '../errors.js';
import { iso } from '../http/present.js';
import type { Ranking } from '../matching/matching.types.js';
import { listExcluded } from '../matching/rank.js';
import type { ProposalsService } from '../proposals/proposals.service.js';
import type { UnmetService } from '../reports/unmet.service.js';
import { findResident } from '../residents/residents.repo.js';
import type { SkillsService } from '../skills/skills.service.js';
import { presentRequest, requestEvent } from './requests.presenter.js';
import {
  findRequest,
  insertRequest,
  listRequests,
  type NewRequestRow,
  type RequestRow,
  transitionRequest,
} from './requests.repo.js';
import type { HelpRequest, RequestCreate, RequestQuery } from './requests.schema.js';

const HOUR = 3_600_000;

function present(ranking: Ranking): Candidates {
  return {
    candidates: ranking.candidates.map((c) => ({ ...c, start: iso(c.start), end: iso(c.end) })),
    excluded: listExcluded(ranking.excluded),
  };
}

export interface RequestsDeps {
  db: Db;
  work: UnitOfWork;
  clock: Clock;
  skills: SkillsService;
  candidates: CandidatesService;
  proposals: ProposalsService;
  unmet: UnmetService;
}

/**
 * Hours are logged for work done: not before the job has begun, and not more than twice its planned
 * length (at least an hour), which leaves room for a job that ran long but not for a typing error.
 */
function checkCompletion(job: RequestRow, hours: number, now: number): void {
  const start = job.scheduledStart!;
  if (now < start) {
    throw new AppError('job_not_started', `request ${job.id} starts at ${iso(start)}; log the hours afterwards`);
  }
  const most = Math.max(1, (2 * (job.scheduledEnd! - start)) / HOUR);
  if (hours > most) {
    throw new AppError('validation_failed', `at most ${most} hours for this job`, [
      { field: 'hours', message: `at most ${most} hours for this job`, max: most },
    ]);
  }
}

/** A split never makes a job shorter than this. */
const MIN_PART_MINUTES = 15;

export function createRequestsService(deps: RequestsDeps) {
  const { db, work, clock, skills, candidates, proposals } = deps;

  /** The row a request is saved as; the resident must exist, their home is where the job is. */
  function newRequest(tx: Queryable, input: RequestCreate, userId: number | null, now: number): NewRequestRow {
    const resident = findResident(tx, input.residentId);
    if (!resident) {
      throw new AppError('validation_failed', 'unknown resident', [
        { field: 'residentId', message: `resident ${input.residentId} does not exist` },
      ]);
    }
    const start = Date.parse(input.window.start);
    const end = Date.parse(input.window.end);
    return {
      residentId: resident.id,
      skills: input.skills,
      windowStart: start,
      windowEnd: end,
      durationMinutes: input.durationMinutes ?? Math.round((end - start) / 60_000),
      urgency: input.urgency ?? 'normal',
      description: input.description ?? null,
      channel: input.channel ?? 'phone',
      lat: resident.lat,
      lon: resident.lon,
      status: 'open',
      createdBy: userId,
      createdAt: now,
      updatedAt: now,
    };
  }

  /**
   * Inside a transaction: saves the request and proposes it to the best candidate, or to `preferredHelperId`
   * when that helper can come. A series occurrence carries its series and date.
   */
  function createIn(
    w: Work,
    input: RequestCreate,
    userId: number | null,
    options: { series?: { id: number; date: string }; preferredHelperId?: number | null } = {},
  ): RequestRow {
    skills.assertKnown(input.skills);
    if (Date.parse(input.window.end) <= w.now) {
      throw new AppError('validation_failed', 'the window has passed', [
        { field: 'window.end', message: 'must be in the future' },
      ]);
    }
    const row = insertRequest(w.tx, {
      ...newRequest(w.tx, input, userId, w.now),
      seriesId: options.series?.id ?? null,
      seriesDate: options.series?.date ?? null,
    });
    w.record('request.created', requestEvent(row));
    proposals.autoProposeIn(w, row, options.preferredHelperId ?? null);
    return findRequest(w.tx, row.id)!;
  }

  /** Inside a transaction: cancels a request that is not done yet, withdrawing its live proposals. */
  function cancelIn(w: Work, id: number, reason: string, options: { bySeries?: boolean } = {}): RequestRow {
    const bySeries = options.bySeries ?? false;
    const row = transitionRequest(w.tx, id, ['open', 'proposed', 'assigned'], {
      status: 'cancelled',
      cancelReason: reason,
      cancelledBySeries: bySeries,
      updatedAt: w.now,
    });
    if (!row) {
      const current = findRequest(w.tx, id);
      if (!current) throw notFound('request', id);
      throw new AppError('request_closed', `request ${id} is ${current.status}`);
    }
    // Nobody was assigned: the request goes unmet, and why is taken before its proposals are withdrawn.
    if (row.helperId === null && !bySeries) deps.unmet.recordIn(w, row, 'cancelled');
    proposals.withdrawAllIn(w, id, 'the request was cancelled');
    // The reason stays on the request, for staff; the event log, which every board replays, gets none.
    w.record('request.cancelled', requestEvent(row));
    return row;
  }

  /**
   * Gives a live request a wider window: proposals made in the old one still fit, and an open request
   * goes at once to whoever fits now. A window that would leave out part of the old one is refused.
   */
  function widenIn(w: Work, id: number, window: { start: number; end: number }): RequestRow {
    const current = findRequest(w.tx, id);
    if (!current) throw notFound('request', id);
    const shrinks = [
      ...(window.start > current.windowStart
        ? [{ field: 'window.start', message: 'must not be later than the current start' }]
        : []),
      ...(window.end < current.windowEnd
        ? [{ field: 'window.end', message: 'must not be earlier than the current end' }]
        : []),
    ];
    if (shrinks.length) throw new AppError('validation_failed', 'a wider window keeps the old one', shrinks);
    const row = transitionRequest(w.tx, id, ['open', 'proposed'], {
      status: current.status,
      windowStart: window.start,
      windowEnd: window.end,
      needsDispatcher: false,
      updatedAt: w.now,
    });
    if (!row) throw new AppError('request_closed', `request ${id} is ${current.status}`);
    w.record('request.updated', requestEvent(row));
    if (row.status === 'open') proposals.autoProposeIn(w, row);
    return findRequest(w.tx, id)!;
  }

  /**
   * Splits an open request nobody can do in one go into `parts` shorter jobs in the same window: the
   * request keeps the first part, the others are new requests; each goes at once to who fits it.
   */
  function splitIn(w: Work, id: number, parts: number): RequestRow[] {
    const current = findRequest(w.tx, id);
    if (!current) throw notFound('request', id);
    if (current.status !== 'open') {
      throw new AppError('request_not_open', `request ${id} is ${current.status}: only an open request is split`);
    }
    const each = Math.floor(current.durationMinutes / parts / 5) * 5;
    if (each < MIN_PART_MINUTES) {
      throw new AppError('validation_failed', 'the parts would be too short', [
        { field: 'parts', message: `each part would be shorter than ${MIN_PART_MINUTES} minutes` },
      ]);
    }
    const first = transitionRequest(w.tx, id, ['open'], {
      status: 'open',
      durationMinutes: each,
      needsDispatcher: false,
      updatedAt: w.now,
    })!;
    w.record('request.updated', requestEvent(first));
    const rest = Array.from({ length: parts - 1 }, (_, i) => {
      const row = insertRequest(w.tx, {
        residentId: current.residentId,
        skills: current.skills,
        windowStart: current.windowStart,
        windowEnd: current.windowEnd,
        durationMinutes: i === parts - 2 ? current.durationMinutes - each * (parts - 1) : each,
        urgency: current.urgency,
        description: current.description,
        channel: current.channel,
        lat: current.lat,
        lon: current.lon,
        status: 'open',
        createdBy: current.createdBy,
        createdAt: w.now,
        updatedAt: w.now,
      });
      w.record('request.created', requestEvent(row));
      return row;
    });
    for (const part of [first, ...rest]) proposals.autoProposeIn(w, part);
    return [first, ...rest].map((part) => findRequest(w.tx, part.id)!);
  }

  function existing(id: number): RequestRow {
    const row = findRequest(db, id);
    if (!row) throw notFound('request', id);
    return row;
  }

  return {
    /**
     * Saves the request and, in the same transaction, proposes it to the best candidate; with an
     * idempotency key, a retry of the same body returns the first reply.
     */
    create(input: RequestCreate, userId: number | null, actor: string, idempotencyKey?: string): HelpRequest {
      return work(actor, (w) =>
        once(w, { actor, key: idempotencyKey, operation: 'createRequest', body: input }, () =>
          presentRequest(createIn(w, input, userId)),
        ),
      );
    },

    createIn,

    split(id: number, parts: number, actor: string, idempotencyKey?: string): HelpRequest[] {
      const call = { actor, key: idempotencyKey, operation: 'splitRequest', body: { id, parts } };
      return work(actor, (w) => once(w, call, () => splitIn(w, id, parts).map(presentRequest)));
    },

    widen(id: number, window: { start: string; end: string }, actor: string): HelpRequest {
      const span = { start: Date.parse(window.start), end: Date.parse(window.end) };
      return work(actor, (w) => presentRequest(widenIn(w, id, span)));
    },

    /** The candidates a request would get, ranked as if it were saved now; nothing is written. */
    preview(input: RequestCreate): Candidates {
      skills.assertKnown(input.skills);
      const now = clock();
      const draft = { ...newRequest(db, input, null, now), id: 0 } as RequestRow;
      return present(candidates.rank(db, draft, now));
    },

    get(id: number): HelpRequest {
      return presentRequest(existing(id));
    },

    list(query: RequestQuery): HelpRequest[] {
      return listRequests(db, {
        status: query.status,
        residentId: query.residentId,
        helperId: query.helperId,
        from: query.from ? Date.parse(query.from) : undefined,
        to: query.to ? Date.parse(query.to) : undefined,
        limit: query.limit,
        newestFirst: query.order === 'desc',
      }).map(presentRequest);
    },

    candidates(id: number): Candidates {
      return present(candidates.rank(db, existing(id), clock()));
    },

    /** The candidates as they would rank with other weights: how a change of the settings would choose. */
    candidatesWith(id: number, weights: Partial<Record<Criterion, number>>): Candidates {
      return present(candidates.rank(db, existing(id), clock(), weights));
    },

    cancel(id: number, reason: string, actor: string): HelpRequest {
      return work(actor, (w) => presentRequest(cancelIn(w, id, reason)));
    },

    cancelIn,

    /** Staff, or an assigned helper (either of a pair), log the hours done (students need them for their diploma). */
    complete(
      id: number,
      input: { hours: number; note?: string; reciprocity?: string },
      identity: Identity,
      actor: string,
    ): HelpRequest {
      return work(actor, (w) => {
        const current = findRequest(w.tx, id);
        const holders = [current?.helperId, current?.supervisorHelperId];
        if (!current || (identity.kind === 'helper' && !holders.includes(identity.helperId)))
          throw notFound('request', id);
        if (current.status === 'assigned') checkCompletion(current, input.hours, w.now);
        const row = transitionRequest(w.tx, id, ['assigned'], {
          status: 'completed',
          hours: input.hours,
          completionNote: input.note ?? null,
          reciprocity: input.reciprocity ?? null,
          updatedAt: w.now,
        });
        if (!row) throw new AppError('request_closed', `request ${id} is ${current.status}, not assigned`);
        w.record('request.completed', { ...requestEvent(row), hours: input.hours });
        return presentRequest(row);
      });
    },
  };
}

export type RequestsService = ReturnType<typeof createRequestsService>;
