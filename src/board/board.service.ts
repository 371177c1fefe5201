import { closedDaysBetween } from '../closures/closures.repo.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../db/unit-of-work.js';
import { eventsAfter, lastSeq } from '../events/events.repo.js';
import { presentHelper } from '../helpers/helpers.presenter.js';
import { listHelpers } from '../helpers/helpers.repo.js';
import { localDay, localWeek } from '../matching/calendar.js';
import { presentProposal } from '../proposals/proposals.presenter.js';
import { liveProposals } from '../proposals/proposals.repo.js';
import { presentBoardRequest } from '../requests/requests.presenter.js';
import { boardRequests, hoursByHelperSince } from '../requests/requests.repo.js';
import { residentCards } from '../residents/residents.repo.js';
import type { SettingsService } from '../settings/settings.service.js';
import type { Board } from './board.schema.js';

const DAY = 86_400_000;
/** How far ahead the board announces closed days. */
const CLOSED_DAYS_AHEAD = 14;

export function createBoardService(deps: { db: Db; clock: Clock; settings: SettingsService }) {
  const { db, clock, settings } = deps;
  /** One read transaction: the snapshot and its seq describe the same moment. */
  const snapshot = db.$client.transaction((now: number): Board => {
    const { timeZone } = settings.get();
    const week = localWeek(now, timeZone);
    const hours = hoursByHelperSince(db, week.start);
    const requests = boardRequests(db, now - DAY);
    return {
      seq: lastSeq(db),
      requests: requests.map(presentBoardRequest),
      proposals: liveProposals(db).map(presentProposal),
      helpers: listHelpers(db, { active: true }).map((h) => ({
        ...presentHelper(h),
        hoursThisWeek: hours.get(h.id) ?? 0,
      })),
      residents: residentCards(db, [...new Set(requests.map((r) => r.residentId))]),
      closedDays: closedDaysBetween(
        db,
        localDay(now, timeZone).date,
        localDay(now + CLOSED_DAYS_AHEAD * DAY, timeZone).date,
      ),
    };
  });
  return {
    snapshot: () => snapshot(clock()),
    /** The seq of the newest committed event, from any process writing to the file. */
    lastSeq: () => lastSeq(db),
    /** What happened after `after`, in seq order: how a board catches up. */
    eventsAfter: (after: number, limit: number) => eventsAfter(db, after, limit),
  };
}

export type BoardService = ReturnType<typeof createBoardService>;
