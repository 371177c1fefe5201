import type { Role } from '../domain.js';

/** Who is calling: a staff user, or a helper through their personal link. */
export type Identity =
  | { kind: 'staff'; role: Exclude<Role, 'helper'>; userId: number; tokenId: number }
  | { kind: 'helper'; role: 'helper'; helperId: number; tokenId: number };
export type HelperIdentity = Extract<Identity, { kind: 'helper' }>;

/** How the identity appears in the event log and in logs: an id, never a name. */
export function actorOf(identity: Identity): string {
  return identity.kind === 'staff' ? `user:${identity.userId}` : `helper:${identity.helperId}`;
}

/** The helper behind a helper token; routes limited to the helper role always have one. */
export function helperIdOf(identity: Identity): number {
  if (identity.kind !== 'helper') throw new Error('route requires a helper identity');
  return identity.helperId;
}

/** The staff user behind an identity, null for a helper: who made a request or a proposal. */
export function staffUserIdOf(identity: Identity): number | null {
  return identity.kind === 'staff' ? identity.userId : null;
}
