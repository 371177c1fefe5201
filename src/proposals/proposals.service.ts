import type { Identity } from '../auth/auth.types.js';
import { type MakesRoom, URGENCIES, type Urgency } from '../domain.js';
import type { CandidatesService } from '../candidates/candidates.service.js';
import type { Db } from '../db/client.js';
import type { Clock, UnitOfWork, Work } from '../db/unit-of-work.js';
import { iso } from '../http/present.js';
import { activeUsersWithRole } from '../auth/auth.repo.js';
import { once } from '../idempotency/idempotency.js';
import { AppError, notFound } from '../errors.js';
import { enqueueMessage } from '../messages/messages.repo.js';
import { findHelper } from '../helpers/helpers.repo.js';
import { usualHelper, usualHelperId } from '../candidates/candidates.repo.js';
import { travelMinutes } from '../matching/geo.js';
import type { Candidate } from '../matching/matching.types.js';
import { compareCandidates, evaluateHelper, withoutLimits } from '../matching/rank.js';
import { evaluatePair, type PairCandidate } from '../matching/pairs.js';
import { frameJob } from '../matching/placement.js';
import { onlyBusy, roomBy, withCommitmentReplaced } from '../matching/room.js';
import type { Ranking } from '../matching/matching.types.js';
import { askNextAt, HABIT_ANSWERS, MIN_RESPONSE_MS } from '../matching/deadlines.js';
import { presentRequest, requestEvent } from '../requests/requests.presenter.js';
import type { HelpRequest } from '../requests/requests.schema.js';
import {
  assignRequest,
  assignedToHelperFrom,
  noteContinuityBroken,
  findRequest,
  noteOverride,
  type RequestRow,
  rescheduleRequest,
  transitionRequest,
  unassignRequest,
} from '../requests/requests.repo.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { UnmetService } from '../reports/unmet.service.js';
import { presentProposal, proposalEvent } from './proposals.presenter.js';
import {
  closeProposal,
  dueAskNext,
  dueProposals,
  agreeProposal,
  findProposal,
  insertProposal,
  joinPair,
  liveProposalsOfRequest,
  liveProposalsOfHelper,
  markNextAsked,
  proposalsOfRequest,
  recentAnswerMinutes,
  type ProposalRow,
  releaseAccepted,
} from './proposals.repo.js';
import type { PhoneList, Proposal, SeriesAcceptance } from './proposals.schema.js';

const MINUTE = 60_000;
/** A resident is a regular once one helper did this many of their jobs: another helper then breaks continuity. */
const REGULAR_JOBS = 2;
const LIVE_REQUEST: RequestRow['status'][] = ['open', 'proposed'];
/** A held job handed over to make room starts at least this long after the offer: time to find another helper. */
const HANDOVER_LEAD_MS = 120 * MINUTE;
/** Whether a held job of urgency `held` may give way to a request of urgency `to`: only to a more urgent one. */
const givesWay = (held: Urgency, to: Urgency) => URGENCIES.indexOf(held) < URGENCIES.indexOf(to);
/** Held jobs an urgent request may take the helper from when nobody else could come for them. */
const STRANDS_FOR_URGENT = new Set<Urgency>(['normal', 'low']);
/** Why a pair's other half is withdrawn when one half declines, expires or is withdrawn. */
const PAIR_APART = 'the pair fell apart';

/** One offer: a proposal alone, or a pair counted once (by its learner's half). */
const isOffer = (p: ProposalRow) => p.role !== 'supervisor';
/** Still out for an answer, waited for or not. */
const isLive = (p: ProposalRow) => p.status === 'proposed';

export interface ProposalsDeps {
  db: Db;
  work: UnitOfWork;
  candidates: CandidatesService;
  settings: SettingsService;
  clock: Clock;
  autoPropose: boolean;
  unmet: UnmetService;
}

export function createProposalsService(deps: ProposalsDeps) {
  const { db, work, candidates, settings, clock } = deps;

  function liveRequest(w: Work, requestId: number): RequestRow {
    const request = findRequest(w.tx, requestId);
    if (!request) throw notFound('request', requestId);
    if (!LIVE_REQUEST.includes(request.status)) {
      throw new AppError('request_closed', `request ${requestId} is ${request.status}`);
    }
    return request;
  }

  /**
   * When the proposal closes and when the next best is asked as well. Held until the job starts
   * (`holdUntilStart`), a late yes still counts while the next best is asked after the response time.
   * Otherwise it expires after the response time, except a last call (`lastCall`: every feasible helper
   * has been asked once this proposal is made): an urgent or high one then stays open until the job
   * starts, since expiring it early would only turn away a late yes with nobody left to ask, and the
   * dispatchers are told at the usual deadline.
   */
  function timesFor(
    w: Work,
    request: RequestRow,
    candidate: Candidate,
    lastCall: boolean,
  ): { expiresAt: number; askNextAt: number | null } {
    const s = settings.get();
    const responseMs = s.responseMinutes[request.urgency] * MINUTE;
    const untilStart = Math.max(w.now + MIN_RESPONSE_MS, candidate.start);
    // Without auto-propose nobody would be asked next: the round asks again once a proposal expired.
    if (s.holdUntilStart && deps.autoPropose) {
      const answerMinutes = s.answerHabits ? recentAnswerMinutes(w.tx, candidate.helperId, HABIT_ANSWERS) : [];
      const next = askNextAt({
        now: w.now,
        start: candidate.start,
        responseMinutes: s.responseMinutes[request.urgency],
        answerMinutes,
      });
      return { expiresAt: untilStart, askNextAt: next < untilStart ? next : null };
    }
    const lastCallHeld =
      lastCall && s.lastCallUntilStart && (request.urgency === 'urgent' || request.urgency === 'high');
    if (lastCallHeld) {
      const usual = w.now + responseMs;
      return { expiresAt: untilStart, askNextAt: usual < untilStart ? usual : null };
    }
    return {
      expiresAt: Math.max(w.now + MIN_RESPONSE_MS, Math.min(w.now + responseMs, candidate.start)),
      askNextAt: null,
    };
  }

  function insertRow(
    w: Work,
    request: RequestRow,
    candidate: Candidate,
    times: { expiresAt: number; askNextAt: number | null },
    createdBy: number | null,
    role: ProposalRow['role'],
    makesRoom: MakesRoom | null = null,
  ): ProposalRow {
    return insertProposal(w.tx, {
      makesRoom,
      requestId: request.id,
      helperId: candidate.helperId,
      status: 'proposed',
      score: candidate.score,
      distanceKm: candidate.distanceKm,
      breakdown: candidate.breakdown,
      start: candidate.start,
      end: candidate.end,
      expiresAt: times.expiresAt,
      askNextAt: times.askNextAt,
      createdBy,
      createdAt: w.now,
      role,
    });
  }

  function insertFor(
    w: Work,
    request: RequestRow,
    candidate: Candidate,
    createdBy: number | null,
    lastCall = false,
    makesRoom: MakesRoom | null = null,
  ): ProposalRow {
    const times = timesFor(w, request, candidate, lastCall);
    const proposal = insertRow(w, request, candidate, times, createdBy, 'alone', makesRoom);
    w.record('proposal.created', proposalEvent(proposal));
    markProposed(w, request);
    return proposal;
  }

  /**
   * Asks a supervised pair, both halves with the same deadline; the learner's half first. Each half
   * keeps its helper's own score and breakdown.
   */
  function insertPair(
    w: Work,
    request: RequestRow,
    pair: PairCandidate,
    createdBy: number | null,
    lastCall = false,
  ): [ProposalRow, ProposalRow] {
    const times = timesFor(w, request, pair.learner, lastCall);
    const learner = insertRow(w, request, pair.learner, times, createdBy, 'learner');
    const supervisor = insertRow(w, request, pair.supervisor, times, createdBy, 'supervisor');
    const joined = joinPair(w.tx, learner.id, supervisor.id);
    for (const half of joined) w.record('proposal.created', proposalEvent(half));
    markProposed(w, request);
    return joined;
  }

  function markProposed(w: Work, request: RequestRow): void {
    if (request.status === 'open') {
      const updated = transitionRequest(w.tx, request.id, ['open'], {
        status: 'proposed',
        needsDispatcher: false,
        updatedAt: w.now,
      });
      if (updated) w.record('request.updated', requestEvent(updated));
    }
  }

  /**
   * Proposes the best candidate no proposal has gone to yet, or the preferred helper if they can come;
   * null when nobody feasible is left.
   */
  function proposeNextBest(
    w: Work,
    request: RequestRow,
    createdBy: number | null,
    preferredHelperId: number | null = null,
  ): ProposalRow | null {
    const tried = new Set(proposalsOfRequest(w.tx, request.id).map((p) => p.helperId));
    const untried = candidates.rank(w.tx, request, w.now).candidates.filter((c) => !tried.has(c.helperId));
    const best = untried.find((c) => c.helperId === preferredHelperId) ?? untried[0];
    return best ? insertFor(w, request, best, createdBy, untried.length === 1) : null;
  }

  /** Still waiting for this helper's answer before asking the next: live, and its step not passed. */
  const waiting = (p: ProposalRow, now: number) =>
    p.status === 'proposed' && (p.askNextAt === null || p.askNextAt > now);

  /**
   * Tops the request's waiting proposals up to its urgency's fan-out with the best candidates not asked
   * yet, within the tries left; the new proposals. The preferred helper (a series' own), else the
   * resident's usual helper, goes first if they can come: continuity matters most to regulars.
   */
  function fanOut(w: Work, request: RequestRow, preferredHelperId: number | null = null): ProposalRow[] {
    const s = settings.get();
    const k = s.fanOut[request.urgency];
    const asked = proposalsOfRequest(w.tx, request.id);
    const live = asked.filter((p) => isOffer(p) && waiting(p, w.now)).length;
    const triesLeft = s.maxProposalTries * k - asked.filter(isOffer).length;
    const want = Math.min(k - live, triesLeft);
    if (want <= 0) return [];
    const tried = new Set(asked.map((p) => p.helperId));
    const { ranking, pair } = candidates.rankWithPair(w.tx, request, w.now, (id) => !tried.has(id));
    const untried = ranking.candidates.filter((c) => !tried.has(c.helperId));
    const first = preferredHelperId ?? (s.usualHelperFirst ? usualHelperId(w.tx, request.residentId) : null);
    const preferred = untried.findIndex((c) => c.helperId === first);
    if (preferred > 0) untried.unshift(...untried.splice(preferred, 1));
    const chosen = untried.slice(0, want);
    const lastCall = chosen.length === untried.length;
    const asPair = pair && pairTakesPlace(pair, chosen, want, preferred >= 0);
    if (!asPair)
      return [
        ...chosen.map((c) => insertFor(w, request, c, null, lastCall)),
        ...roomOffers(w, request, ranking, tried, want - chosen.length, chosen.length > 0 || asked.some(isLive)),
      ];
    const alone = chosen.filter((c) => c.helperId !== pair.supervisor.helperId).slice(0, want - 1);
    return [
      ...insertPair(w, request, pair, null, lastCall),
      ...alone.map((c) => insertFor(w, request, c, null, lastCall)),
    ];
  }

  /**
   * A request short of free helpers (setting `makeRoom`, with auto-propose): up to `places` helpers not
   * asked yet who are excluded only for a less urgent job they hold at the time, where that job can give
   * way (see `wayFor`); best first. Each offer names the job and what the helper's yes does to it. An
   * offer that would leave the held job without a helper is the last resort: only for a request nobody
   * else is asked for (`othersAsked` false) and no other job can make room for.
   */
  function roomOffers(
    w: Work,
    request: RequestRow,
    ranking: Ranking,
    tried: Set<number>,
    places: number,
    othersAsked: boolean,
  ) {
    if (places <= 0 || !settings.get().makeRoom || !deps.autoPropose) return [];
    const offers: Array<{ candidate: Candidate; room: MakesRoom; strands: boolean }> = [];
    for (const helperId of onlyBusy(ranking)) {
      if (tried.has(helperId)) continue;
      const { jobs, helpers, ctx } = candidates.load(w.tx, request, w.now, { helperId });
      // The held jobs that may give way, as read for the check: the one found is not read again.
      const mayGive = new Map<number, RequestRow>();
      const found = roomBy(frameJob(jobs[0]!, ctx), helpers[0]!, ctx, (c) => {
        const held = findRequest(w.tx, c.requestId);
        if (held === undefined || !mayGiveWay(w, held, helperId, request)) return false;
        mayGive.set(held.id, held);
        return true;
      });
      if (!found) continue;
      const way = wayFor(w, mayGive.get(found.gives.requestId)!, helperId, request, found.candidate);
      if (way) offers.push({ candidate: found.candidate, ...way });
    }
    const spare = offers.filter((o) => !o.strands);
    const usable = spare.length > 0 || othersAsked ? spare : offers;
    usable.sort((a, b) => compareCandidates(a.candidate, b.candidate));
    return usable.slice(0, places).map(({ candidate, room }) => insertFor(w, request, candidate, null, false, room));
  }

  /** A job the helper holds alone, less urgent than the request and not begun, may give way to it. */
  function mayGiveWay(w: Work, held: RequestRow, helperId: number, to: RequestRow): boolean {
    return (
      held.status === 'assigned' &&
      held.helperId === helperId &&
      held.supervisorHelperId === null &&
      givesWay(held.urgency, to.urgency) &&
      held.scheduledStart !== null &&
      held.scheduledStart > w.now
    );
  }

  /**
   * How the held job gives way to the request at the candidate's time: moved to the earliest time in
   * its own window that the helper can make with the new job in place, or else handed over when it
   * starts two hours or more from now. Handed over, it goes to the next best helper; when nobody else
   * could come for it now, only a normal or low job gives way, and only to an urgent request: it then
   * `strands` and goes to the dispatchers, with two hours or more to arrange it. Null when neither.
   */
  function wayFor(
    w: Work,
    held: RequestRow,
    helperId: number,
    to: RequestRow,
    at: Candidate,
  ): { room: MakesRoom; strands: boolean } | null {
    const moved = movedTime(w, held, helperId, to, at);
    if (moved) return { room: { requestId: held.id, way: 'move', ...moved }, strands: false };
    if (held.scheduledStart! - w.now < HANDOVER_LEAD_MS) return null;
    const handover: MakesRoom = { requestId: held.id, way: 'handover' };
    if (candidates.rank(w.tx, held, w.now).candidates.some((c) => c.helperId !== helperId)) {
      return { room: handover, strands: false };
    }
    return to.urgency === 'urgent' && STRANDS_FOR_URGENT.has(held.urgency) ? { room: handover, strands: true } : null;
  }

  /** The earliest time in the held job's window the helper can make with the new job at `at`; null if none. */
  function movedTime(
    w: Work,
    held: RequestRow,
    helperId: number,
    to: RequestRow,
    at: { start: number; end: number },
  ): { start: number; end: number } | null {
    const { jobs, helpers, ctx } = candidates.load(w.tx, held, w.now, { helperId });
    const instead = { requestId: to.id, start: at.start, end: at.end, location: { lat: to.lat, lon: to.lon } };
    const result = evaluateHelper(frameJob(jobs[0]!, ctx), withCommitmentReplaced(helpers[0]!, held.id, instead), ctx);
    return 'reasons' in result ? null : { start: result.start, end: result.end };
  }

  /**
   * The helper said yes to an offer that makes room: the job they hold moves to a time they can make
   * (checked again now, in its own window), or goes back to the next best helper, their accepted
   * proposal for it released with the reason. When they no longer hold it, or it no longer fits, nothing
   * moves and the accept's own check decides.
   */
  function makeRoomIn(w: Work, proposal: ProposalRow, request: RequestRow, room: MakesRoom): void {
    const held = findRequest(w.tx, room.requestId);
    if (!held || !mayGiveWay(w, held, proposal.helperId, request)) return;
    if (room.way === 'handover') {
      releaseAssignment(w, held.id, `afgestaan voor dringender hulpvraag ${request.id}`);
      return;
    }
    const moved = movedTime(w, held, proposal.helperId, request, proposal);
    if (!moved) return;
    const row = rescheduleRequest(w.tx, held.id, moved.start, moved.end, w.now);
    if (!row) return;
    w.record('request.rescheduled', {
      ...requestEvent(row),
      from: iso(held.scheduledStart!),
      forRequestId: request.id,
    });
  }

  /**
   * Whether the pair is asked in the place of the last helper chosen alone: when a place is left, or
   * when it scores higher (its learner's fit lifts the mean above that helper's own); never in the
   * place of the preferred helper.
   */
  function pairTakesPlace(pair: PairCandidate, chosen: Candidate[], want: number, preferredFirst: boolean): boolean {
    if (chosen.length < want) return true;
    if (preferredFirst && want === 1) return false;
    return pair.score > chosen[chosen.length - 1]!.score;
  }

  /**
   * After a proposal closed: with none left live the request is open again and goes to the next best,
   * until the tries are used up or nobody is left; then it is flagged and the dispatchers are told.
   */
  function release(w: Work, requestId: number): void {
    if (liveProposalsOfRequest(w.tx, requestId).length > 0) {
      // Fanned out: the others are still asked; the next best takes the free place.
      if (deps.autoPropose) fanOut(w, findRequest(w.tx, requestId)!);
      return;
    }
    const reopened = transitionRequest(w.tx, requestId, ['proposed'], { status: 'open', updatedAt: w.now });
    if (!reopened) return;
    w.record('request.updated', requestEvent(reopened));
    if (!deps.autoPropose) return;
    const next = fanOut(w, reopened);
    if (next.length === 0) flagForDispatcher(w, reopened, proposalsOfRequest(w.tx, requestId).length);
  }

  /**
   * Takes an assignment back: the accepted proposal becomes `released` (the reason stays on it, for
   * staff), and the request is open again and goes to the next best helpers not asked yet, or to a
   * dispatcher when nobody is left.
   */
  function releaseAssignment(w: Work, requestId: number, reason: string | null): void {
    const released = releaseAccepted(w.tx, requestId, reason);
    const reopened = unassignRequest(w.tx, requestId, w.now)!;
    for (const half of released) w.record('proposal.released', proposalEvent(half));
    w.record('request.updated', requestEvent(reopened));
    const next = deps.autoPropose ? fanOut(w, reopened) : [];
    if (next.length === 0) flagForDispatcher(w, reopened, proposalsOfRequest(w.tx, requestId).length);
  }

  /**
   * Asks the dispatchers to step in: the request is open with nobody left to propose, or (still
   * proposed) its last helpers have not answered by the usual deadline.
   */
  function flagForDispatcher(w: Work, request: RequestRow, tries: number): void {
    if (request.needsDispatcher || (request.status !== 'open' && request.status !== 'proposed')) return;
    const flagged = transitionRequest(w.tx, request.id, [request.status], {
      status: request.status,
      needsDispatcher: true,
      updatedAt: w.now,
    });
    if (!flagged) return;
    w.record('request.flagged', { ...requestEvent(flagged), tries });
    deps.unmet.recordIn(w, flagged, 'flagged');
    for (const user of activeUsersWithRole(w.tx, 'dispatcher')) {
      enqueueMessage(
        w.tx,
        {
          key: `flagged:${request.id}:${tries}:${user.id}`,
          to: user.email,
          subject: `Hulpvraag ${request.id} heeft een planner nodig`,
          body: `Na ${tries} voorstel(len) heeft niemand hulpvraag ${request.id} aangenomen. Kijk op het bord welke helper nog kan.`,
        },
        w.now,
      );
    }
  }

  function close(
    w: Work,
    proposal: ProposalRow,
    status: 'declined' | 'expired' | 'withdrawn',
    reason?: string,
  ): ProposalRow {
    const closed = closeProposal(w.tx, proposal.id, status, w.now, reason);
    if (!closed) throw new AppError('proposal_closed', `proposal ${proposal.id} is no longer open`);
    // Why the service withdrew it is a code of ours; why a helper declined is their own words, which
    // stay on the proposal (staff see them there) and out of the event log every board replays.
    const logged = reason && status === 'withdrawn' ? { reason } : {};
    w.record(`proposal.${status}`, { ...proposalEvent(closed), ...logged });
    // Half a pair cannot do the job: the other half goes with it, whatever it answered.
    const partner = closed.partnerId === null ? undefined : closeProposal(w.tx, closed.partnerId, 'withdrawn', w.now);
    if (partner) w.record('proposal.withdrawn', { ...proposalEvent(partner), reason: PAIR_APART });
    return closed;
  }

  /** Whether a proposal read earlier in this transaction is still open (its pair's other half may have closed it). */
  const stillOpen = (w: Work, p: ProposalRow) => findProposal(w.tx, p.id)?.status === 'proposed';

  /** The proposal, if this identity may answer it: its own helper, or staff on the helper's behalf. */
  function answerable(w: Work, proposalId: number, identity: Identity): ProposalRow {
    const proposal = findProposal(w.tx, proposalId);
    if (!proposal) throw notFound('proposal', proposalId);
    if (identity.kind === 'helper' && identity.helperId !== proposal.helperId) {
      throw new AppError('forbidden', 'this proposal is for another helper');
    }
    if (proposal.status !== 'proposed') {
      throw new AppError('proposal_closed', `proposal ${proposalId} is ${proposal.status}`);
    }
    if (proposal.expiresAt <= w.now) throw new AppError('proposal_expired', `proposal ${proposalId} has expired`);
    return proposal;
  }

  /**
   * One helper for one request, checked against every hard constraint as things are now; `window`
   * pins the job to a proposal's placed time. Throws 409 with the reasons when the helper cannot come.
   * `overridden`: a dispatcher overrides their hours, absences, reach and weekly cap (the helper agreed
   * by phone); the rest still holds, and they are never placed where they are elsewhere at the time.
   */
  function feasibleCandidate(
    w: Work,
    request: RequestRow,
    helperId: number,
    window?: { start: number; end: number },
    overridden = false,
  ): Candidate {
    const { jobs, helpers, ctx } = candidates.load(w.tx, request, w.now, { window, helperId });
    const helper = overridden ? withoutLimits(helpers[0]!) : helpers[0]!;
    const result = evaluateHelper(frameJob(jobs[0]!, ctx), helper, ctx);
    if (!('reasons' in result)) return result;
    const code = window && result.reasons.includes('busy') ? 'helper_busy' : 'helper_not_feasible';
    throw new AppError(code, `helper ${helperId} cannot take this job`, [
      { field: 'helperId', message: result.reasons.join(', '), reasons: result.reasons },
    ]);
  }

  /**
   * A learner and a supervisor for one request, checked as `feasibleCandidate` checks one helper; the
   * reasons name which of the two cannot come (`helperId` the learner, `supervisorId` the supervisor).
   */
  function feasiblePair(
    w: Work,
    request: RequestRow,
    learnerId: number,
    supervisorId: number,
    window?: { start: number; end: number },
    overridden = false,
  ): PairCandidate {
    const learner = candidates.load(w.tx, request, w.now, { window, helperId: learnerId });
    const supervisor = candidates.load(w.tx, request, w.now, { window, helperId: supervisorId });
    const pending = [...(learner.ctx.workshopsPending ?? []), ...(supervisor.ctx.workshopsPending ?? [])];
    const ctx = { ...learner.ctx, ...(pending.length > 0 ? { workshopsPending: new Set(pending) } : {}) };
    const limits = overridden ? withoutLimits : (h: (typeof learner.helpers)[number]) => h;
    const result = evaluatePair(learner.jobs[0]!, limits(learner.helpers[0]!), limits(supervisor.helpers[0]!), ctx);
    if ('learner' in result) return result;
    const code = window && result.reasons.includes('busy') ? 'helper_busy' : 'helper_not_feasible';
    const field = result.role === 'learner' ? 'helperId' : 'supervisorId';
    throw new AppError(code, `helper ${result.helperId} cannot take this job as the pair's ${result.role}`, [
      { field, message: result.reasons.join(', '), reasons: result.reasons },
    ]);
  }

  /** The helper's other live proposals that the new assignment makes impossible, travel included. */
  function conflictingProposals(w: Work, accepted: ProposalRow, request: RequestRow): ProposalRow[] {
    const others = liveProposalsOfHelper(w.tx, accepted.helperId);
    if (others.length === 0) return [];
    const helper = findHelper(w.tx, accepted.helperId)!;
    return others.filter((other) => {
      const otherRequest = findRequest(w.tx, other.requestId)!;
      const travel =
        travelMinutes(
          { lat: request.lat, lon: request.lon },
          { lat: otherRequest.lat, lon: otherRequest.lon },
          helper.travelMode,
        ) * MINUTE;
      return other.start < accepted.end + travel && accepted.start < other.end + travel;
    });
  }

  /** The proposal becomes the assignment; the request's other proposals and the helper's clashes go. */
  function acceptIn(w: Work, proposal: ProposalRow, overridden = false): ProposalRow {
    if (proposal.role !== 'alone') return acceptHalfIn(w, proposal, overridden);
    const request = liveRequest(w, proposal.requestId);
    if (proposal.makesRoom) makeRoomIn(w, proposal, request, proposal.makesRoom);
    feasibleCandidate(w, request, proposal.helperId, { start: proposal.start, end: proposal.end }, overridden);
    const accepted = closeProposal(w.tx, proposal.id, 'accepted', w.now);
    if (!accepted) throw new AppError('proposal_closed', `proposal ${proposal.id} is no longer open`);
    const usual = usualHelper(w.tx, request.residentId);
    const assigned = assignRequest(w.tx, request.id, accepted.helperId, accepted.start, accepted.end, w.now);
    if (!assigned) throw new AppError('request_closed', `request ${request.id} is no longer open`);
    w.record('proposal.accepted', proposalEvent(accepted));
    w.record('request.assigned', requestEvent(assigned));
    noteIfContinuityBroken(w, request, usual, [accepted.helperId]);
    settleAfterAssignment(w, request, [accepted]);
    return accepted;
  }

  /**
   * Marks the job when a regular resident's usual helper is none of the helpers who now hold it. `usual`
   * is read before the assignment is written: the new job must not count towards it.
   */
  function noteIfContinuityBroken(
    w: Work,
    request: RequestRow,
    usual: ReturnType<typeof usualHelper>,
    holderIds: number[],
  ): void {
    if (!usual || usual.jobs < REGULAR_JOBS || holderIds.includes(usual.helperId)) return;
    const broken = noteContinuityBroken(w.tx, request.id, usual.helperId);
    w.record('request.continuity-broken', { ...requestEvent(broken), usualHelperId: usual.helperId });
  }

  /** The request's other proposals are withdrawn, and the new holders' clashes go to the next best. */
  function settleAfterAssignment(w: Work, request: RequestRow, accepted: ProposalRow[]): void {
    for (const other of liveProposalsOfRequest(w.tx, request.id))
      if (stillOpen(w, other)) close(w, other, 'withdrawn', 'another helper accepted');
    for (const holder of accepted) {
      for (const other of conflictingProposals(w, holder, request)) {
        if (!stillOpen(w, other)) continue;
        close(w, other, 'withdrawn', 'the helper took an overlapping job');
        release(w, other.requestId);
      }
    }
  }

  /**
   * One half of a supervised pair says yes. Until the other half does too it only waits (`agreedAt`):
   * the request stays proposed and nothing is assigned. The second yes assigns the job to both at once.
   */
  function acceptHalfIn(w: Work, proposal: ProposalRow, overridden: boolean): ProposalRow {
    const request = liveRequest(w, proposal.requestId);
    const partner = findProposal(w.tx, proposal.partnerId!)!;
    const [learner, supervisor] = proposal.role === 'learner' ? [proposal, partner] : [partner, proposal];
    feasiblePair(
      w,
      request,
      learner.helperId,
      supervisor.helperId,
      { start: proposal.start, end: proposal.end },
      overridden,
    );
    if (proposal.agreedAt !== null) return proposal;
    if (partner.agreedAt === null) {
      const agreed = agreeProposal(w.tx, proposal.id, w.now);
      if (!agreed) throw new AppError('proposal_closed', `proposal ${proposal.id} is no longer open`);
      w.record('proposal.agreed', proposalEvent(agreed));
      return agreed;
    }
    const first = closeProposal(w.tx, partner.id, 'accepted', partner.agreedAt);
    const second = closeProposal(w.tx, proposal.id, 'accepted', w.now);
    if (!first || !second) throw new AppError('proposal_closed', `proposal ${proposal.id} is no longer open`);
    const [l, s] = learner.id === first.id ? [first, second] : [second, first];
    const usual = usualHelper(w.tx, request.residentId);
    const assigned = assignRequest(w.tx, request.id, l.helperId, l.start, l.end, w.now, s.helperId);
    if (!assigned) throw new AppError('request_closed', `request ${request.id} is no longer open`);
    w.record('proposal.accepted', proposalEvent(first));
    w.record('proposal.accepted', proposalEvent(second));
    w.record('request.assigned', requestEvent(assigned));
    noteIfContinuityBroken(w, request, usual, [l.helperId, s.helperId]);
    settleAfterAssignment(w, request, [l, s]);
    return second;
  }

  /**
   * A dispatcher assigns these helpers in another way than they were asked (alone instead of in a pair,
   * or in another pair): their other live proposals for the request go, and with them their partners.
   * `kept`: the proposals that are being assigned.
   */
  function withdrawOtherOffers(w: Work, requestId: number, helperIds: number[], kept: (p: ProposalRow) => boolean) {
    for (const p of liveProposalsOfRequest(w.tx, requestId)) {
      if (helperIds.includes(p.helperId) && !kept(p) && stillOpen(w, p)) close(w, p, 'withdrawn', 'assigned otherwise');
    }
  }

  /**
   * Both halves of a pair say yes at once, through a dispatcher: their live pair for the request is
   * used, or one is made. The learner's accepted half is returned.
   */
  function assignPairIn(
    w: Work,
    request: RequestRow,
    learnerId: number,
    supervisorId: number,
    userId: number,
    overridden: boolean,
  ): ProposalRow {
    if (!findHelper(w.tx, supervisorId)) throw notFound('helper', supervisorId);
    const live = liveProposalsOfRequest(w.tx, request.id);
    const existing = live.find(
      (p) =>
        p.role === 'learner' &&
        p.helperId === learnerId &&
        live.some((s) => s.id === p.partnerId && s.helperId === supervisorId),
    );
    withdrawOtherOffers(
      w,
      request.id,
      [learnerId, supervisorId],
      (p) => p.id === existing?.id || p.id === existing?.partnerId,
    );
    const halves = existing
      ? [existing, findProposal(w.tx, existing.partnerId!)!]
      : insertPair(w, request, feasiblePair(w, request, learnerId, supervisorId, undefined, overridden), userId);
    for (const half of halves) {
      const current = findProposal(w.tx, half.id)!;
      if (current.status === 'proposed' && current.agreedAt === null) acceptIn(w, current, overridden);
    }
    return findProposal(w.tx, halves[0]!.id)!;
  }

  return {
    propose(
      requestId: number,
      helperId: number | undefined,
      userId: number | null,
      actorName: string,
      idempotencyKey?: string,
      supervisorId?: number,
    ): Proposal {
      const call = {
        actor: actorName,
        key: idempotencyKey,
        operation: 'proposeRequest',
        body: { requestId, helperId, supervisorId },
      };
      return work(actorName, (w) =>
        once(w, call, () => {
          const request = liveRequest(w, requestId);
          if (helperId === undefined) {
            const proposal = proposeNextBest(w, request, userId);
            if (!proposal) throw new AppError('no_candidate', `no feasible helper is left for request ${requestId}`);
            return presentProposal(proposal);
          }
          const asked = [helperId, ...(supervisorId === undefined ? [] : [supervisorId])];
          for (const id of asked) if (!findHelper(w.tx, id)) throw notFound('helper', id);
          const live = liveProposalsOfRequest(w.tx, requestId);
          for (const id of asked)
            if (live.some((p) => p.helperId === id))
              throw new AppError('proposal_exists', `helper ${id} already has a live proposal for this request`);
          if (supervisorId !== undefined) {
            const pair = feasiblePair(w, request, helperId, supervisorId);
            return presentProposal(insertPair(w, request, pair, userId)[0]);
          }
          return presentProposal(insertFor(w, request, feasibleCandidate(w, request, helperId), userId));
        }),
      );
    },

    /** Inside a global round's transaction: the round chose this candidate. */
    proposeCandidateIn(w: Work, requestId: number, candidate: Candidate): Proposal {
      return presentProposal(insertFor(w, liveRequest(w, requestId), candidate, null));
    },

    /**
     * Inside a global round's transaction, when something changed after the round read: the candidate is
     * proposed only if the request is still open and the helper can still come at the planned time;
     * null otherwise.
     */
    proposeCandidateIfStillFeasibleIn(w: Work, requestId: number, candidate: Candidate): Proposal | null {
      const request = findRequest(w.tx, requestId);
      if (request?.status !== 'open') return null;
      try {
        const window = { start: candidate.start, end: candidate.end };
        return presentProposal(insertFor(w, request, feasibleCandidate(w, request, candidate.helperId, window), null));
      } catch (err) {
        if (err instanceof AppError && (err.code === 'helper_not_feasible' || err.code === 'helper_busy')) return null;
        throw err;
      }
    },

    /** Inside a global round's transaction: the round chose this pair; both halves, learner first. */
    proposePairIn(w: Work, requestId: number, pair: PairCandidate): Proposal[] {
      return insertPair(w, liveRequest(w, requestId), pair, null).map(presentProposal);
    },

    /**
     * Inside a global round's transaction, when something changed after the round read: the pair is
     * proposed only if the request is still open and both helpers can still come together at the
     * planned time, as a pair proposed by hand is checked; null otherwise.
     */
    proposePairIfStillFeasibleIn(w: Work, requestId: number, pair: PairCandidate): Proposal[] | null {
      const request = findRequest(w.tx, requestId);
      if (request?.status !== 'open') return null;
      try {
        const window = { start: pair.learner.start, end: pair.learner.end };
        const checked = feasiblePair(w, request, pair.learner.helperId, pair.supervisor.helperId, window);
        return insertPair(w, request, checked, null).map(presentProposal);
      } catch (err) {
        if (err instanceof AppError && (err.code === 'helper_not_feasible' || err.code === 'helper_busy')) return null;
        throw err;
      }
    },

    /**
     * Inside the transaction that created the request: propose to the preferred helper if they can
     * come (the one who did a series' previous job), else to the best candidate, if any.
     */
    autoProposeIn(w: Work, request: RequestRow, preferredHelperId: number | null = null): void {
      if (deps.autoPropose) fanOut(w, request, preferredHelperId);
    },

    /** Grouped with the other answers of this tick: an accept is the hot path (see unit-of-work.ts). */
    accept(proposalId: number, identity: Identity, actorName: string): Promise<Proposal> {
      return work.grouped(actorName, (w) => presentProposal(acceptIn(w, answerable(w, proposalId, identity))));
    },

    /**
     * The helper takes every date of a series they are asked for in one go, earliest first, each date
     * in its own transaction as a single accept is; a date they can no longer take (it went to another,
     * or a job came in between) is named and left as it is. 404 when they are asked for none.
     */
    async acceptSeries(seriesId: number, helperId: number, actorName: string): Promise<SeriesAcceptance> {
      const identity: Identity = { kind: 'helper', role: 'helper', helperId, tokenId: 0 };
      const offers = liveProposalsOfHelper(db, helperId).filter(
        (p) => findRequest(db, p.requestId)?.seriesId === seriesId,
      );
      if (offers.length === 0) throw notFound('series', seriesId);
      const result: SeriesAcceptance = { accepted: [], skipped: [] };
      for (const offer of offers) {
        try {
          result.accepted.push(await this.accept(offer.id, identity, actorName));
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          result.skipped.push({ proposalId: offer.id, code: err.code });
        }
      }
      return result;
    },

    /**
     * The assigned helper cannot come after all (ill, say): the assignment is taken back (see
     * `releaseAssignment`).
     */
    reassign(requestId: number, reason: string | undefined, actorName: string): HelpRequest {
      return work(actorName, (w) => {
        const request = findRequest(w.tx, requestId);
        if (!request) throw notFound('request', requestId);
        if (request.status !== 'assigned')
          throw new AppError('request_not_assigned', `request ${requestId} is ${request.status}, not assigned`);
        releaseAssignment(w, requestId, reason ?? null);
        return presentRequest(findRequest(w.tx, requestId)!);
      });
    },

    /**
     * Assigns the helper at once, in one transaction: the helper said yes on the phone. Their live
     * proposal for the request is accepted, or one is made and accepted. With an override reason the
     * helper may be outside their hours, reach or weekly cap; the reason is kept on the request.
     */
    assign(
      requestId: number,
      helperId: number,
      userId: number,
      actorName: string,
      override?: { reason: string },
      supervisorId?: number,
    ): Proposal {
      return work(actorName, (w) => {
        const request = liveRequest(w, requestId);
        if (!findHelper(w.tx, helperId)) throw notFound('helper', helperId);
        const overridden = override !== undefined;
        if (supervisorId !== undefined) {
          const accepted = assignPairIn(w, request, helperId, supervisorId, userId, overridden);
          if (override) noteOverride(w.tx, requestId, override.reason);
          return presentProposal(accepted);
        }
        withdrawOtherOffers(w, request.id, [helperId], (p) => p.role === 'alone');
        const live = liveProposalsOfRequest(w.tx, requestId).find((p) => p.helperId === helperId);
        const proposal =
          live ?? insertFor(w, request, feasibleCandidate(w, request, helperId, undefined, overridden), userId);
        const accepted = acceptIn(w, proposal, overridden);
        if (override) noteOverride(w.tx, requestId, override.reason);
        return presentProposal(accepted);
      });
    },

    decline(proposalId: number, identity: Identity, actorName: string, reason?: string): Promise<Proposal> {
      return work.grouped(actorName, (w) => {
        const proposal = answerable(w, proposalId, identity);
        const declined = close(w, proposal, 'declined', reason);
        release(w, proposal.requestId);
        return presentProposal(declined);
      });
    },

    /** Inside a transaction that ends a request: its live proposals are withdrawn. */
    withdrawAllIn(w: Work, requestId: number, reason: string): void {
      for (const p of liveProposalsOfRequest(w.tx, requestId)) if (stillOpen(w, p)) close(w, p, 'withdrawn', reason);
    },

    /**
     * Inside a transaction that takes a helper out: their live proposals, and the jobs assigned to them
     * that have not started yet, go to the next best. Jobs already under way stay theirs to complete.
     */
    withdrawFromHelperIn(w: Work, helperId: number, reason: string): void {
      for (const p of liveProposalsOfHelper(w.tx, helperId)) {
        if (!stillOpen(w, p)) continue;
        close(w, p, 'withdrawn', reason);
        release(w, p.requestId);
      }
      for (const job of assignedToHelperFrom(w.tx, helperId, w.now)) releaseAssignment(w, job.id, reason);
    },

    /**
     * Expires every proposal whose deadline has passed; each request goes to its next best. A held
     * proposal whose helper has not answered by its step has the next best asked as well; with nobody
     * left to ask and no answer awaited, its request is flagged for the dispatchers meanwhile: they can
     * still phone someone before the job starts. Returns the proposals expired and the requests flagged.
     */
    expireDue(): number {
      return work('system:clock', (w) => {
        // A pair's half that said yes waits for the other: the silent half expires, the waiting one goes with it.
        const due = dueProposals(w.tx, w.now).sort((a, b) => Number(a.agreedAt !== null) - Number(b.agreedAt !== null));
        for (const p of due) {
          if (!stillOpen(w, p)) continue;
          close(w, p, 'expired');
          release(w, p.requestId);
        }
        const stepped = new Set<number>();
        for (const p of dueAskNext(w.tx, w.now)) {
          markNextAsked(w.tx, p.id, w.now);
          stepped.add(p.requestId);
        }
        let flagged = 0;
        for (const requestId of stepped) {
          const request = findRequest(w.tx, requestId)!;
          if (!LIVE_REQUEST.includes(request.status)) continue;
          if (deps.autoPropose) fanOut(w, request);
          if (liveProposalsOfRequest(w.tx, requestId).some((p) => waiting(p, w.now))) continue;
          if (request.needsDispatcher) continue;
          flagForDispatcher(w, request, proposalsOfRequest(w.tx, requestId).length);
          flagged += 1;
        }
        return due.length + flagged;
      });
    },

    get(id: number, identity: Identity): Proposal {
      const proposal = findProposal(db, id);
      if (!proposal || (identity.kind === 'helper' && identity.helperId !== proposal.helperId))
        throw notFound('proposal', id);
      return presentProposal(proposal);
    },

    /**
     * Who a dispatcher can phone for a request: every helper who could come now, best first, with
     * their phone and what they were asked already; those who declined last.
     */
    phoneList(requestId: number): PhoneList {
      const request = findRequest(db, requestId);
      if (!request) throw notFound('request', requestId);
      const asked = new Map(proposalsOfRequest(db, requestId).map((p) => [p.helperId, p.status]));
      const ranked = LIVE_REQUEST.includes(request.status) ? candidates.rank(db, request, clock()).candidates : [];
      const declined = (c: Candidate) => (asked.get(c.helperId) === 'declined' ? 1 : 0);
      const helpers = [...ranked]
        .sort((a, b) => declined(a) - declined(b))
        .map((c) => {
          const helper = findHelper(db, c.helperId)!;
          return {
            helperId: c.helperId,
            name: helper.name,
            phone: helper.phone,
            score: c.score,
            distanceKm: c.distanceKm,
            start: iso(c.start),
            end: iso(c.end),
            asked: asked.get(c.helperId) ?? null,
          };
        });
      return { requestId, needsDispatcher: request.needsDispatcher, helpers };
    },

    ofRequest(requestId: number): Proposal[] {
      return proposalsOfRequest(db, requestId).map(presentProposal);
    },
  };
}

export type ProposalsService = ReturnType<typeof createProposalsService>;
