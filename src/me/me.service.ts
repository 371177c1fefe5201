import type { Db } from '../db/client.js';
import type { Clock } from '../db/unit-of-work.js';
import { notFound } from '../errors.js';
import { findHelper } from '../helpers/helpers.repo.js';
import { iso } from '../http/present.js';
import { haversineKm } from '../matching/geo.js';
import { liveProposalsOfHelper } from '../proposals/proposals.repo.js';
import { findRequest, helperRequests, type RequestRow } from '../requests/requests.repo.js';
import { findResident, type ResidentRow } from '../residents/residents.repo.js';
import type { MyJob, MyProposal } from './me.schema.js';

const DAY = 86_400_000;
/** Done jobs stay in the schedule for a month, without the address. */
const HISTORY_DAYS = 31;

export function createMeService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  function jobView(helperId: number, request: RequestRow, resident: ResidentRow, start: number, end: number) {
    const helper = findHelper(db, helperId);
    if (!helper) throw notFound('helper', helperId);
    const km = haversineKm({ lat: helper.lat, lon: helper.lon }, { lat: request.lat, lon: request.lon });
    return {
      requestId: request.id,
      skills: request.skills,
      description: request.description,
      start: iso(start),
      end: iso(end),
      neighbourhood: { postcode: resident.postcode.slice(0, 4), city: resident.city },
      distanceKm: Math.round(km * 10) / 10,
    };
  }

  return {
    proposals(helperId: number): MyProposal[] {
      return liveProposalsOfHelper(db, helperId).map((p) => {
        const request = findRequest(db, p.requestId)!;
        const resident = findResident(db, request.residentId)!;
        return {
          id: p.id,
          status: p.status,
          expiresAt: iso(p.expiresAt),
          ...jobView(helperId, request, resident, p.start, p.end),
        };
      });
    },

    schedule(helperId: number): MyJob[] {
      return helperRequests(db, helperId, clock() - HISTORY_DAYS * DAY).map((r) => {
        const resident = findResident(db, r.residentId)!;
        return {
          ...jobView(helperId, r, resident, r.scheduledStart!, r.scheduledEnd!),
          status: r.status,
          hours: r.hours,
          resident:
            r.status === 'assigned'
              ? {
                  name: resident.name,
                  phone: resident.phone,
                  address: {
                    street: resident.street,
                    houseNumber: resident.houseNumber,
                    postcode: resident.postcode,
                    city: resident.city,
                  },
                }
              : null,
        };
      });
    },
  };
}

export type MeService = ReturnType<typeof createMeService>;
