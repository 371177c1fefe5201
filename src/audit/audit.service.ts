import type { Identity } from '../auth/auth.types.js';
import type { Clock } from '../db/unit-of-work.js';
import type { Db, Queryable } from '../db/client.js';
import type { AUDIT_ACTIONS } from '../db/schema/audit.js';
import { insertAudit, listAudit, type AuditRow } from './audit.repo.js';
import type { AuditEntry, AuditQuery } from './audit.schema.js';

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Who looked, from where: the identity of the call and the address it came from. */
export interface Accessor {
  identity: Identity;
  origin: string | null;
}

function actorOf(actor: string): { kind: 'user' | 'helper'; id: number } {
  const [kind, id] = actor.split(':') as ['user' | 'helper', string];
  return { kind, id: Number(id) };
}

function present(row: AuditRow): AuditEntry {
  return {
    at: new Date(row.at).toISOString(),
    actor: `${row.actorKind}:${row.actorId}`,
    role: row.role,
    action: row.action,
    residentId: row.residentId,
    origin: row.origin,
  };
}

/**
 * Appends one entry per resident, in the caller's transaction: a change and its entry commit together
 * or not at all.
 */
export function appendAudit(
  tx: Queryable,
  who: Accessor,
  action: AuditAction,
  residentIds: readonly number[],
  at: number,
): void {
  const { identity, origin } = who;
  insertAudit(
    tx,
    [...new Set(residentIds)].map((residentId) => ({
      at,
      actorKind: identity.kind === 'staff' ? ('user' as const) : ('helper' as const),
      actorId: identity.kind === 'staff' ? identity.userId : identity.helperId,
      role: identity.role,
      action,
      residentId,
      origin,
    })),
  );
}

/**
 * The one place accesses to residents' personal data are written down: reads through `audit.record`
 * (`audit.recordSearch` for a list found by a query), changes through `appendAudit` inside their own
 * transaction; grep both to see every access the service allows.
 */
export function createAuditService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  /**
   * Appends one entry per resident for a read, before its reply goes out: one transaction however many
   * residents a list or the board shows, and none when it shows nobody.
   */
  function record(who: Accessor, action: AuditAction, residentIds: readonly number[]): void {
    if (residentIds.length === 0) return;
    db.transaction((tx) => appendAudit(tx, who, action, residentIds, clock()));
  }
  return {
    record,

    /** A list found for a query, returned once its residents are recorded as searched: one entry each. */
    recordSearch<T>(who: Accessor, found: T[], residentIdOf: (row: T) => number): T[] {
      record(who, 'search', found.map(residentIdOf));
      return found;
    },

    list(query: AuditQuery): AuditEntry[] {
      return listAudit(db, {
        residentId: query.residentId,
        from: query.from ? Date.parse(query.from) : undefined,
        to: query.to ? Date.parse(query.to) : undefined,
        action: query.action,
        actor: query.actor ? actorOf(query.actor) : undefined,
        limit: query.limit,
      }).map(present);
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
