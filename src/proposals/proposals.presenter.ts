import { iso, isoOrNull } from '../http/present.js';
import type { ProposalEventData } from '../events/events.types.js';
import type { ProposalRow } from './proposals.repo.js';
import type { Proposal } from './proposals.schema.js';

export function presentProposal(row: ProposalRow): Proposal {
  return {
    id: row.id,
    requestId: row.requestId,
    helperId: row.helperId,
    status: row.status,
    score: row.score,
    distanceKm: row.distanceKm,
    breakdown: row.breakdown,
    start: iso(row.start),
    end: iso(row.end),
    expiresAt: iso(row.expiresAt),
    askNextAt: isoOrNull(row.askNextAt),
    createdAt: iso(row.createdAt),
    respondedAt: isoOrNull(row.respondedAt),
    declineReason: row.declineReason,
    role: row.role,
    partnerId: row.partnerId,
    agreedAt: isoOrNull(row.agreedAt),
    makesRoom: presentRoom(row.makesRoom),
  };
}

function presentRoom(room: ProposalRow['makesRoom']): Proposal['makesRoom'] {
  if (!room) return null;
  return room.way === 'move'
    ? { requestId: room.requestId, way: 'move', start: iso(room.start), end: iso(room.end) }
    : { requestId: room.requestId, way: 'handover', start: null, end: null };
}

export function proposalEvent(row: ProposalRow): ProposalEventData {
  return {
    proposalId: row.id,
    requestId: row.requestId,
    helperId: row.helperId,
    status: row.status,
    score: row.score,
    expiresAt: iso(row.expiresAt),
    askNextAt: isoOrNull(row.askNextAt),
    ...(row.role === 'alone' ? {} : { role: row.role, partnerId: row.partnerId }),
  };
}
