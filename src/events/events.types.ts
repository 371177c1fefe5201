import type { ProposalRole, ProposalStatus, RequestStatus, Urgency } from '../domain.js';

/**
 * Every event the service records, with its data. Data carries ids and states only, never a name,
 * phone, address or note: the log is kept for audit and replayed to every board.
 */
export interface RequestEventData {
  requestId: number;
  residentId: number;
  status: RequestStatus;
  urgency: Urgency;
  skills: string[];
  helperId: number | null;
  /** A supervised pair's supervisor, beside `helperId`, the learner. */
  supervisorHelperId?: number | null;
}

export interface ProposalEventData {
  proposalId: number;
  requestId: number;
  helperId: number;
  status: ProposalStatus;
  score: number;
  expiresAt: string;
  /** Held until the job starts: when the next best is asked as well if this helper has not answered. */
  askNextAt: string | null;
  /** `learner` or `supervisor`: one half of a supervised pair, `partnerId` the other. */
  role?: ProposalRole;
  partnerId?: number | null;
  /** Only on `proposal.withdrawn`: the service's own reason, never a person's words. */
  reason?: string;
}

export interface EventMap {
  'request.created': RequestEventData;
  'request.updated': RequestEventData;
  'request.assigned': RequestEventData;
  'request.completed': RequestEventData & { hours: number };
  'request.cancelled': RequestEventData;
  /** Proposing stopped (tries used up, or nobody feasible left): a dispatcher must look. */
  'request.flagged': RequestEventData & { tries: number };
  /** A regular resident's job went to another than their usual helper: a dispatcher may want to know why. */
  'request.continuity-broken': RequestEventData & { usualHelperId: number };
  /**
   * An assigned job moved to another time in its own window, `from` its old start: its helper said yes
   * to a more urgent request (`forRequestId`) at the old time.
   */
  'request.rescheduled': RequestEventData & { from: string; forRequestId: number };
  'proposal.created': ProposalEventData;
  /** A pair's half said yes; the job is theirs once the other does too. */
  'proposal.agreed': ProposalEventData;
  'proposal.accepted': ProposalEventData;
  'proposal.declined': ProposalEventData;
  'proposal.expired': ProposalEventData;
  'proposal.withdrawn': ProposalEventData;
  /** A dispatcher took an assignment back (the helper could not come); the reason stays on the proposal. */
  'proposal.released': ProposalEventData;
  'helper.created': { helperId: number };
  'helper.updated': { helperId: number; active: boolean };
  /**
   * A helper's personal data and their learning plan's texts were erased: by the retention job (when
   * deactivated since `inactiveSince`), or by an admin on the helper's request.
   */
  'helper.erased': { helperId: number; inactiveSince?: string; onRequest?: boolean };
  'resident.created': { residentId: number };
  'resident.updated': { residentId: number };
  /**
   * The resident's personal data were erased: by the retention job (no activity since
   * `inactiveSince`), or by an admin on the resident's request.
   */
  'resident.erased': { residentId: number; inactiveSince?: string; onRequest?: boolean };
  'user.created': { userId: number; role: string };
  /** A user's role or standing changed; their sessions ended if `sessionsEnded`. */
  'user.updated': { userId: number; role: string; active: boolean; sessionsEnded: boolean };
  /** A staff user logged out: that one session ended. */
  'user.logged-out': { userId: number };
  'helper.link-issued': { helperId: number };
  'closure.created': { closureId: number; from: string; to: string };
  'closure.deleted': { closureId: number; from: string; to: string };
  'series.created': { seriesId: number; residentId: number };
  'series.stopped': { seriesId: number; residentId: number };
  'series.paused': { seriesId: number; residentId: number };
  'series.resumed': { seriesId: number; residentId: number };
}

export type EventType = keyof EventMap;

export interface AppEvent<T extends EventType = EventType> {
  seq: number;
  type: T;
  at: string;
  data: EventMap[T];
}

/** Records an event inside the current transaction. */
export type RecordEvent = <T extends EventType>(type: T, data: EventMap[T]) => void;
