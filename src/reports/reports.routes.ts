import { STAFF_ROLES } from '../domain.js';
import type { Api } from '../http/api.js';
import { DEMAND_FORMATS, HOURS_FORMATS } from './reports.formats.js';
import { DemandQuery, DemandReport, HoursQuery, HoursReport } from './reports.schema.js';
import type { ReportsService } from './reports.service.js';

/** Both reports answer JSON, or CSV and XLSX by `Accept` or `?format=`. */
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
}
