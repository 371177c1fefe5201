import type { RequestEventData } from '../events/events.types.js';
import { iso } from '../http/present.js';
import type { RequestRow } from './requests.repo.js';
import type { BoardRequest } from '../board/board.schema.js';
import type { HelpRequest } from './requests.schema.js';

export function presentRequest(row: RequestRow): HelpRequest {
  return {
    id: row.id,
    residentId: row.residentId,
    status: row.status,
    skills: row.skills,
    window: { start: iso(row.windowStart), end: iso(row.windowEnd) },
    durationMinutes: row.durationMinutes,
    urgency: row.urgency,
    description: row.description,
    channel: row.channel,
    location: { lat: row.lat, lon: row.lon },
    helperId: row.helperId,
    supervisorHelperId: row.supervisorHelperId,
    scheduled:
      row.scheduledStart !== null && row.scheduledEnd !== null
        ? { start: iso(row.scheduledStart), end: iso(row.scheduledEnd) }
        : null,
    hours: row.hours,
    completionNote: row.completionNote,
    reciprocity: row.reciprocity,
    cancelReason: row.cancelReason,
    overrideReason: row.overrideReason,
    needsDispatcher: row.needsDispatcher,
    usualHelperId: row.usualHelperId,
    seriesId: row.seriesId,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
  };
}

/** The board's card of a request: the staff's free texts stay on the request. */
export function presentBoardRequest(row: RequestRow): BoardRequest {
  const { cancelReason: _c, overrideReason, completionNote: _n, ...card } = presentRequest(row);
  return { ...card, overridden: overrideReason !== null };
}

export function requestEvent(row: RequestRow): RequestEventData {
  return {
    requestId: row.id,
    residentId: row.residentId,
    status: row.status,
    urgency: row.urgency,
    skills: row.skills,
    helperId: row.helperId,
    ...(row.supervisorHelperId === null ? {} : { supervisorHelperId: row.supervisorHelperId }),
  };
}
