import { accessor } from '../audit/audit.routes.js';
import { DISPATCH_ROLES, STAFF_ROLES } from '../domain.js';
import type { Api } from '../http/api.js';
import { formatsOf, type Table } from '../reports/reports.formats.js';
import { ExportTable, ListExportQuery, PeriodExportQuery } from './exports.schema.js';
import type { ExportsService } from './exports.service.js';

const FORMATS = formatsOf((table: Table) => table);

/**
 * The lists as JSON tables, CSV or XLSX. Staff have the lists the API already shows them (intake
 * included); hours per helper are the participants' data, for admins and dispatchers only, as in
 * the hours report. A coach has none: their reach is their own participants' files.
 */
export function exportRoutes(api: Api, exports: ExportsService): void {
  const tag = 'exports';
  api.route(
    {
      method: 'get',
      path: '/exports/helpers',
      summary: 'Every helper as a table (CSV or XLSX by Accept or ?format=)',
      tag,
      operationId: 'exportHelpers',
      roles: STAFF_ROLES,
      query: ListExportQuery,
      response: ExportTable,
      formats: FORMATS,
    },
    () => exports.helpers(),
  );
  api.route(
    {
      method: 'get',
      path: '/exports/residents',
      summary: 'Every resident (not erased, without notes) as a table; each one exported is in the access log',
      tag,
      operationId: 'exportResidents',
      roles: STAFF_ROLES,
      audited: true,
      query: ListExportQuery,
      response: ExportTable,
      formats: FORMATS,
    },
    ({ identity, req }) => exports.residents(accessor(identity, req)),
  );
  api.route(
    {
      method: 'get',
      path: '/exports/requests',
      summary: 'The requests whose window starts in the period, without their free texts, as a table',
      tag,
      operationId: 'exportRequests',
      roles: STAFF_ROLES,
      query: PeriodExportQuery,
      response: ExportTable,
      formats: FORMATS,
    },
    ({ query }) => exports.requests(query),
  );
  api.route(
    {
      method: 'get',
      path: '/exports/hours',
      summary: "The period's completed jobs per helper, one line each, as a table",
      tag,
      operationId: 'exportHours',
      roles: DISPATCH_ROLES,
      query: PeriodExportQuery,
      response: ExportTable,
      formats: FORMATS,
    },
    ({ query }) => exports.hours(query),
  );
}
