import { STAFF_ROLES } from '../domain.js';
import type { Api } from '../http/api.js';
import { DEMAND_FORMATS, HOURS_FORMATS, PARTICIPANTS_FORMATS, QUALITY_FORMATS } from './reports.formats.js';
import {
  DemandQuery,
  DemandReport,
  HoursQuery,
  HoursReport,
  ParticipantsQuery,
  ParticipantsReport,
  QualityQuery,
  QualityReport,
} from './reports.schema.js';
import type { ReportsService } from './reports.service.js';

/** Every report answers JSON, or CSV and XLSX by `Accept` or `?format=`. */
export function reportRoutes(api: Api, reports: ReportsService): void {
  const tag = 'reports';
  api.route(
    {
      method: 'get',
      path: '/reports/hours',
      summary: 'Hours of completed jobs per helper, track or skill over a period',
      tag,
      operationId: 'getHoursReport',
      roles: STAFF_ROLES,
      query: HoursQuery,
      response: HoursReport,
      formats: HOURS_FORMATS,
    },
    ({ query, identity }) => reports.hours(query, identity),
  );
  api.route(
    {
      method: 'get',
      path: '/reports/demand',
      summary: 'Requests per neighbourhood, skill or urgency over a period: served, unmet, cancelled, pending',
      tag,
      operationId: 'getDemandReport',
      roles: STAFF_ROLES,
      query: DemandQuery,
      response: DemandReport,
      formats: DEMAND_FORMATS,
    },
    ({ query }) => reports.demand(query),
  );
  api.route(
    {
      method: 'get',
      path: '/reports/participants',
      summary: 'Helpers per track or kind over a period: enrolled, new, ended, working, hours',
      tag,
      operationId: 'getParticipantsReport',
      roles: STAFF_ROLES,
      query: ParticipantsQuery,
      response: ParticipantsReport,
      formats: PARTICIPANTS_FORMATS,
    },
    ({ query }) => reports.participants(query),
  );
  api.route(
    {
      method: 'get',
      path: '/reports/quality',
      summary: 'Matching before the start, time to match, continuity and the spread of hours over a period',
      tag,
      operationId: 'getQualityReport',
      roles: STAFF_ROLES,
      query: QualityQuery,
      response: QualityReport,
      formats: QUALITY_FORMATS,
    },
    ({ query }) => reports.quality(query),
  );
}
