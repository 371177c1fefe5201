import type { Db } from '../db/client.js';
import type { Clock } from '../db/unit-of-work.js';
import type { EventBus } from '../events/event-bus.js';
import { findLiveToken, touchToken } from './auth.repo.js';
import type { Identity } from './auth.types.js';

const DAY = 86_400_000;
/** How stale a session's `last_seen_at` may be in the database: one write a minute, not one a request. */
const TOUCH_EVERY_MS = 60_000;
const MAX_CACHED = 10_000;
/** A personal link keeps working for a week after the helper's last active day, for the last hours. */
const LINK_GRACE_DAYS = 7;

interface Session {
  identity: Identity;
  expiresAt: number | null;
  lastSeenAt: number;
  /** The helper's last active day (`YYYY-MM-DD`), read when the session was looked up. */
  activeUntil: string | null;
}

/**
 * Token → identity, looked up in the database once and then kept, because every request asks. The
 * cache is dropped whenever a user or helper changes in this process (their events), and whenever
 * another process has committed anything (SQLite's `data_version`), so a revoked token, a deactivated
 * user or helper, or a new role is refused at once, never up to some cache lifetime later.
 */
export function createSessions(deps: { db: Db; clock: Clock; bus: EventBus; idleMinutes: number }) {
  const { db, clock, bus, idleMinutes } = deps;
  const idleMs = idleMinutes * 60_000;
  const cache = new Map<string, Session>();
  const dataVersion = db.$client.prepare('PRAGMA data_version').pluck();
  let seenVersion = dataVersion.get() as number;

  bus.subscribe((event) => {
    if (event.type.startsWith('user.') || event.type.startsWith('helper.')) cache.clear();
  });

  function load(tokenHash: string): Session | null {
    const row = findLiveToken(db, tokenHash);
    if (!row) return null;
    let identity: Identity;
    if (row.role === 'helper') {
      if (row.helperId === null || !row.helperActive) return null;
      identity = { kind: 'helper', role: 'helper', helperId: row.helperId, tokenId: row.id };
    } else {
      if (row.userId === null || !row.userActive) return null;
      identity = { kind: 'staff', role: row.role, userId: row.userId, tokenId: row.id };
    }
    return {
      identity,
      expiresAt: row.expiresAt,
      lastSeenAt: row.lastSeenAt ?? row.createdAt,
      activeUntil: row.helperActiveUntil,
    };
  }

  function ended(session: Session, now: number): boolean {
    if (session.expiresAt !== null && session.expiresAt <= now) return true;
    if (session.identity.kind === 'staff') return session.lastSeenAt + idleMs <= now;
    return (
      session.activeUntil !== null && Date.parse(`${session.activeUntil}T23:59:59Z`) + LINK_GRACE_DAYS * DAY <= now
    );
  }

  return {
    /** The identity behind a token, or null once it is revoked, expired, idle too long or its owner inactive. */
    authenticate(tokenHash: string): Identity | null {
      const version = dataVersion.get() as number;
      if (version !== seenVersion) {
        cache.clear();
        seenVersion = version;
      }
      let session = cache.get(tokenHash) ?? null;
      if (!session) {
        session = load(tokenHash);
        if (!session) return null;
        if (cache.size >= MAX_CACHED) cache.clear();
        cache.set(tokenHash, session);
      }
      const now = clock();
      if (ended(session, now)) {
        cache.delete(tokenHash);
        return null;
      }
      if (session.identity.kind === 'staff' && now - session.lastSeenAt >= TOUCH_EVERY_MS) {
        session.lastSeenAt = now;
        try {
          touchToken(db, session.identity.tokenId, now);
        } catch (err) {
          // Another process holds the write lock: a read must not fail for it; the minute after tries again.
          if (!(err as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw err;
        }
      }
      return session.identity;
    },
  };
}
