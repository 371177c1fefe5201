import type { Identity } from '../auth/auth.types.js';
import type { Role } from '../domain.js';
import type { PlanRow } from './learning.repo.js';

/**
 * How much of a participant's file someone sees: `full` with the plan's texts (the three questions,
 * the goals, the coach's notes), `summary` with levels, hours and the period only, `null` nothing at
 * all (the file answers 404, as if there were none). One rule per role, for every learning path.
 */
export type Sight = 'full' | 'summary' | null;

const SIGHT: Record<Role, (identity: Identity, helperId: number, plan: PlanRow | undefined) => Sight> = {
  admin: () => 'summary',
  dispatcher: () => 'summary',
  intake: () => null,
  coach: (identity, _helperId, plan) =>
    identity.kind === 'staff' && plan?.coachUserId === identity.userId ? 'full' : null,
  helper: (identity, helperId) => (identity.kind === 'helper' && identity.helperId === helperId ? 'full' : null),
};

export const sightOf = (identity: Identity, helperId: number, plan: PlanRow | undefined): Sight =>
  SIGHT[identity.role](identity, helperId, plan);

/** Only the participant's own coach changes the plan and signs off levels. */
export const mayCoach = (identity: Identity, plan: PlanRow | undefined): boolean =>
  identity.kind === 'staff' && identity.role === 'coach' && plan?.coachUserId === identity.userId;
