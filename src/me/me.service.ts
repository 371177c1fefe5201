import ical, { ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import type { Accessor, AuditService } from '../audit/audit.service.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../db/unit-of-work.js';
import { notFound } from '../errors.js';
import type { MakesRoom } from '../domain.js';
import { findHelper } from '../helpers/helpers.repo.js';
import { iso } from '../http/present.js';
import { requestChanges } from '../events/events.repo.js';
import { haversineKm } from '../matching/geo.js';
import { findProposal, liveProposalsOfHelper, liveProposalsOfRequest } from '../proposals/proposals.repo.js';
import { completedByHelper, findRequest, helperRequests, type RequestRow } from '../requests/requests.repo.js';
import { findResident, type ResidentRow } from '../residents/residents.repo.js';
import type { SkillsService } from '../skills/skills.service.js';
import type { MyHours, MyJob, MyProposal } from './me.schema.js';

const DAY = 86_400_000;
/** Done jobs stay in the schedule for a month, without the address. */
const HISTORY_DAYS = 31;

const round1 = (hours: number) => Math.round(hours * 10) / 10;

function add(totals: Map<string, number>, key: string, hours: number): void {
  totals.set(key, (totals.get(key) ?? 0) + hours);
}

const sorted = (totals: Map<string, number>) =>
  [...totals].sort((a, b) => b[1] - a[1]).map(([key, hours]) => [key, round1(hours)] as const);

export function createMeService(deps: { db: Db; clock: Clock; skills: SkillsService; audit: AuditService }) {
  const { db, clock, skills, audit } = deps;

  /** `assigned`: the job is this helper's now, so they see what the resident asked for in their words. */
  function jobView(
    helperId: number,
    request: RequestRow,
    resident: ResidentRow,
    window: { start: number; end: number; assigned: boolean },
  ) {
    const helper = findHelper(db, helperId);
    if (!helper) throw notFound('helper', helperId);
    const km = haversineKm({ lat: helper.lat, lon: helper.lon }, { lat: request.lat, lon: request.lon });
    return {
      requestId: request.id,
      skills: request.skills,
      description: window.assigned ? request.description : null,
      start: iso(window.start),
      end: iso(window.end),
      // Where, not which house: the four postcode digits, the town and the CBS wijk and buurt.
      neighbourhood: {
        postcode: resident.postcode.slice(0, 4),
        city: resident.city,
        wijk: resident.wijkName,
        buurt: resident.buurtName,
      },
      distanceKm: Math.round(km * 10) / 10,
    };
  }

  /** What a yes to an offer that makes room does to the job the helper holds then. */
  function roomOf(room: MakesRoom | null): MyProposal['makesRoom'] {
    const held = room ? findRequest(db, room.requestId) : undefined;
    if (!room || !held || held.scheduledStart === null || held.scheduledEnd === null) return null;
    return {
      way: room.way,
      job: { requestId: held.id, skills: held.skills, start: iso(held.scheduledStart), end: iso(held.scheduledEnd) },
      movesTo: room.way === 'move' ? { start: iso(room.start), end: iso(room.end) } : null,
    };
  }

  /** The helper's part in a pair's job and who the other is: both said yes, so each may know. */
  function pairOf(helperId: number, job: RequestRow): MyJob['pair'] {
    if (job.supervisorHelperId === null || job.helperId === null) return null;
    const learner = job.helperId === helperId;
    const partner = findHelper(db, learner ? job.supervisorHelperId : job.helperId);
    return { role: learner ? 'learner' : 'supervisor', partnerName: partner?.name ?? '' };
  }

  return {
    proposals(helperId: number): MyProposal[] {
      return liveProposalsOfHelper(db, helperId).map((p) => {
        const request = findRequest(db, p.requestId)!;
        const resident = findResident(db, request.residentId)!;
        const partner = p.partnerId === null ? undefined : findProposal(db, p.partnerId);
        const live = liveProposalsOfRequest(db, p.requestId);
        return {
          id: p.id,
          status: p.status,
          expiresAt: iso(p.expiresAt),
          alsoAsked: live.filter((other) => other.role !== 'supervisor').length - 1,
          seriesId: request.seriesId,
          makesRoom: roomOf(p.makesRoom),
          pair:
            p.role === 'alone'
              ? null
              : { role: p.role, agreed: p.agreedAt !== null, partnerAgreed: partner?.agreedAt != null },
          ...jobView(helperId, request, resident, { start: p.start, end: p.end, assigned: false }),
        };
      });
    },

    /**
     * The helper's jobs as an iCalendar feed a phone subscribes to: the address while the job is
     * theirs, the neighbourhood after it is done or cancelled.
     */
    calendar(helperId: number, who: Accessor): string {
      const labels = new Map(skills.list().map((skill) => [skill.code, skill.label]));
      const jobs = helperRequests(db, helperId, clock() - HISTORY_DAYS * DAY, ['completed', 'cancelled']);
      const ids = jobs.map((job) => job.id);
      const changes = requestChanges(db, ids);
      const calendar = ical({
        name: 'wijkmatch',
        prodId: { company: 'wijkmatch', product: 'rooster', language: 'NL' },
      });
      audit.record(
        who,
        'calendar',
        jobs.filter((job) => job.status === 'assigned').map((job) => job.residentId),
      );
      for (const job of jobs) {
        const resident = findResident(db, job.residentId)!;
        // Every request has at least its `request.created` event.
        const change = changes.get(job.id)!;
        const assigned = job.status === 'assigned';
        // A cancelled job stays in the feed as STATUS:CANCELLED instead of being left out. Leaving it
        // out also removes it at a subscribed phone's next refresh, but without a word, as if the phone
        // had lost it. A client that honours the status drops or strikes out its copy; for one that
        // shows it anyway, the title says "Geannuleerd" and TRANSP frees the slot. It leaves the feed
        // with the done jobs, a month after its time.
        const cancelled = job.status === 'cancelled';
        const what = job.skills.map((code) => labels.get(code) ?? code).join(', ');
        calendar.createEvent({
          id: `request-${job.id}@wijkmatch`,
          start: new Date(job.scheduledStart!),
          end: new Date(job.scheduledEnd!),
          // A phone replaces its copy when SEQUENCE grows, and DTSTAMP is when the job last changed:
          // both come from the event log, so fetching again yields the same feed until something happens.
          sequence: change.count,
          stamp: new Date(change.lastAt),
          status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
          transparency: cancelled ? ICalEventTransparency.TRANSPARENT : ICalEventTransparency.OPAQUE,
          summary: `${cancelled ? 'Geannuleerd: ' : ''}wijkmatch: ${what}`,
          location: assigned
            ? `${resident.street ?? ''} ${resident.houseNumber ?? ''}, ${resident.postcode} ${resident.city ?? ''}`.trim()
            : `${resident.postcode.slice(0, 4)} ${resident.city ?? ''}`.trim(),
          description: assigned && resident.phone ? `Telefoon: ${resident.phone}` : null,
        });
      }
      // RFC 5545 ends every content line, the last one too, with CRLF; ical-generator stops at END:VCALENDAR.
      const body = calendar.toString();
      return body.endsWith('\r\n') ? body : `${body}\r\n`;
    },

    /** Hours of completed jobs, in all, per track and per skill: what a student reports to school. */
    hours(helperId: number): MyHours {
      const byTrack = new Map<string, number>();
      const bySkill = new Map<string, number>();
      let total = 0;
      const done = completedByHelper(db, helperId);
      for (const job of done) {
        const hours = job.hours ?? 0;
        total += hours;
        add(byTrack, skills.tracks.get(job.skills[0] ?? '') ?? 'care', hours);
        for (const skill of job.skills) add(bySkill, skill, hours);
      }
      return {
        total: round1(total),
        jobs: done.length,
        byTrack: sorted(byTrack).map(([track, hours]) => ({ track, hours })),
        bySkill: sorted(bySkill).map(([skill, hours]) => ({ skill, hours })),
      };
    },

    /** The helper's jobs; reading it shows the residents of the assigned ones, so it is in the audit log. */
    schedule(helperId: number, who: Accessor): MyJob[] {
      const jobs = helperRequests(db, helperId, clock() - HISTORY_DAYS * DAY);
      audit.record(
        who,
        'read',
        jobs.filter((r) => r.status === 'assigned').map((r) => r.residentId),
      );
      return jobs.map((r) => {
        const resident = findResident(db, r.residentId)!;
        return {
          ...jobView(helperId, r, resident, {
            start: r.scheduledStart!,
            end: r.scheduledEnd!,
            assigned: r.status === 'assigned',
          }),
          status: r.status,
          hours: r.hours,
          pair: pairOf(helperId, r),
          resident:
            r.status === 'assigned'
              ? {
                  name: resident.name,
                  phone: resident.phone,
                  address: {
                    street: resident.street,
                    houseNumber: resident.houseNumber,
                    houseNumberAddition: resident.houseNumberAddition,
                    postcode: resident.postcode,
                    city: resident.city,
                  },
                  location: { lat: resident.lat, lon: resident.lon },
                }
              : null,
        };
      });
    },
  };
}

export type MeService = ReturnType<typeof createMeService>;
