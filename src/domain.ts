/** Enum tuples of the domain, shared by the table columns, the zod schemas and the matching core. */

export const TRACKS = ['care', 'green', 'cleaning', 'health', 'handy'] as const;
export type Track = (typeof TRACKS)[number];

export const ROLES = ['admin', 'dispatcher', 'intake', 'coach', 'helper'] as const;
export type Role = (typeof ROLES)[number];
/** The office: who takes the calls and dispatches; they see residents, requests, helpers and the board. */
export const STAFF_ROLES = ['admin', 'dispatcher', 'intake'] as const satisfies readonly Role[];
export type StaffRole = (typeof STAFF_ROLES)[number];
/**
 * Everyone with an account. A coach is staff too, but of the learning side only: they see and change
 * the files of the participants they coach (src/learning), and nothing of the office's.
 */
export const USER_ROLES = [...STAFF_ROLES, 'coach'] as const satisfies readonly Role[];
export type UserRole = (typeof USER_ROLES)[number];
/** A password's least length (and the rule in src/auth/password-rule.ts on top): the API's and the account page's. */
export const PASSWORD_MIN_LENGTH = 10;
/** The roles that may protect their account with a code from an authenticator app: those that can change most. */
export const SECOND_FACTOR_ROLES = ['admin', 'dispatcher'] as const satisfies readonly UserRole[];
/**
 * Who decides which helper does a job: proposing, assigning, answering for a helper, running a round,
 * logging a job as done. Intake takes the calls: residents and requests, and cancelling them.
 */
export const DISPATCH_ROLES = ['admin', 'dispatcher'] as const satisfies readonly StaffRole[];

/** How far a helper is in a skill; a skill given as a plain code is `competent`. */
export const SKILL_LEVELS = ['learning', 'competent', 'mentor'] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

/** How a participant's practice period ended: what they went on to. */
export const OUTFLOW_KINDS = ['paid-work', 'education', 'volunteering', 'other', 'stopped'] as const;
export type OutflowKind = (typeof OUTFLOW_KINDS)[number];

export const HELPER_KINDS = ['student', 'jobseeker', 'volunteer'] as const;
export type HelperKind = (typeof HELPER_KINDS)[number];

export const TRAVEL_MODES = ['walking', 'cycling', 'ebike', 'car', 'transit'] as const;
export type TravelMode = (typeof TRAVEL_MODES)[number];

export const URGENCIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];

/**
 * How a job a helper holds gives way to a more urgent one they are offered: it moves to another time
 * in its own window, or goes back to the next best helper.
 */
export const ROOM_WAYS = ['move', 'handover'] as const;
export type RoomWay = (typeof ROOM_WAYS)[number];
/** What a helper's yes does to the job they hold (`requestId`); a move names its new time (epoch ms). */
export type MakesRoom =
  { requestId: number; way: 'move'; start: number; end: number } | { requestId: number; way: 'handover' };

export const CHANNELS = ['phone', 'email', 'walk-in', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const REQUEST_STATUSES = ['open', 'proposed', 'assigned', 'completed', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** `released`: accepted, then taken back by a dispatcher because the helper could not come after all. */
export const PROPOSAL_STATUSES = ['proposed', 'accepted', 'declined', 'expired', 'withdrawn', 'released'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/**
 * A proposal's part in the job: `alone`, or one half of a supervised pair, where a helper still
 * learning a supervised skill does the job together with a competent or mentor helper.
 */
export const PROPOSAL_ROLES = ['alone', 'learner', 'supervisor'] as const;
export type ProposalRole = (typeof PROPOSAL_ROLES)[number];

export const EXCLUSION_REASONS = [
  'skills',
  'availability',
  'busy',
  'distance',
  'hours',
  'inactive',
  'excluded',
  'closed',
  'workshops',
  'supervision',
] as const;
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number];

/** The order exclusion reasons are listed in: from the most basic to the most circumstantial. */
export const EXCLUSION_ORDER = [
  'inactive',
  'skills',
  'excluded',
  'workshops',
  'supervision',
  'distance',
  'closed',
  'availability',
  'busy',
  'hours',
] as const satisfies readonly ExclusionReason[];

export const CRITERIA = ['distance', 'continuity', 'trackFit', 'workload', 'language', 'learning'] as const;
export type Criterion = (typeof CRITERIA)[number];
