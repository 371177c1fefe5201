import { type Accessor, appendAudit } from '../audit/audit.service.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../db/unit-of-work.js';
import { codeOf } from '../helpers/helper-skills.js';
import { DAY, localDay } from '../matching/calendar.js';
import type { SettingsService } from '../settings/settings.service.js';
import { helperRows, hourRows, requestRows, residentRows, type Span } from './exports.repo.js';
import type { ExportTable, PeriodExportQuery } from './exports.schema.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const joined = (values: readonly string[]) => values.join(', ');

/**
 * The lists a coordinator takes into a spreadsheet: helpers, residents, requests and hours, as tables
 * that the routes turn into CSV or XLSX. Who may have which list is the routes' roles; a list of
 * residents is personal data, so each one exported is in the access log, in the same transaction as
 * the read.
 */
export function createExportsService(deps: { db: Db; clock: Clock; settings: SettingsService }) {
  const { db, clock, settings } = deps;

  function spanOf(query: PeriodExportQuery): Span {
    const { timeZone } = settings.get();
    const noon = (date: string) => Date.parse(`${date}T12:00:00Z`);
    return {
      ...(query.from ? { start: localDay(noon(query.from), timeZone).midnight } : {}),
      ...(query.to ? { end: localDay(noon(query.to) + DAY, timeZone).midnight } : {}),
    };
  }
  const period = (query: PeriodExportQuery) => `${query.from ?? 'start'}-${query.to ?? 'now'}`;

  return {
    helpers(): ExportTable {
      return {
        name: 'helpers',
        columns: [
          'id',
          'name',
          'kind',
          'track',
          'skills',
          'phone',
          'email',
          'postcode',
          'wijk',
          'buurt',
          'maxTravelKm',
          'maxHoursPerWeek',
          'languages',
          'activeFrom',
          'activeUntil',
          'active',
        ],
        rows: helperRows(db).map((h) => [
          h.id,
          h.name,
          h.kind,
          h.track,
          joined(h.skills.map(codeOf)),
          h.phone,
          h.email,
          h.postcode,
          h.wijkName,
          h.buurtName,
          h.maxTravelKm,
          h.maxHoursPerWeek,
          joined(h.languages),
          h.activeFrom,
          h.activeUntil,
          h.active,
        ]),
      };
    },

    /** Without the private notes: they stay on the resident's card. */
    residents(accessor: Accessor): ExportTable {
      return db.transaction((tx) => {
        const rows = residentRows(tx);
        appendAudit(
          tx,
          accessor,
          'export',
          rows.map((r) => r.id),
          clock(),
        );
        return {
          name: 'residents',
          columns: [
            'id',
            'name',
            'phone',
            'street',
            'houseNumber',
            'houseNumberAddition',
            'postcode',
            'city',
            'wijk',
            'buurt',
            'languages',
          ],
          rows: rows.map((r) => [
            r.id,
            r.name,
            r.phone,
            r.street,
            r.houseNumber,
            r.houseNumberAddition,
            r.postcode,
            r.city,
            r.wijkName,
            r.buurtName,
            joined(r.languages),
          ]),
        };
      });
    },

    /** Without the description and the notes, which may name people: the resident by id and buurt. */
    requests(query: PeriodExportQuery): ExportTable {
      return {
        name: `requests-${period(query)}`,
        columns: [
          'id',
          'status',
          'residentId',
          'buurtCode',
          'skills',
          'windowStart',
          'windowEnd',
          'durationMinutes',
          'urgency',
          'channel',
          'helperId',
          'hours',
          'createdAt',
        ],
        rows: requestRows(db, spanOf(query)).map((r) => [
          r.id,
          r.status,
          r.residentId,
          r.buurtCode,
          joined(r.skills),
          iso(r.windowStart),
          iso(r.windowEnd),
          r.durationMinutes,
          r.urgency,
          r.channel,
          r.helperId,
          r.hours,
          iso(r.createdAt),
        ]),
      };
    },

    /** One line per completed job, on the local day it was done. */
    hours(query: PeriodExportQuery): ExportTable {
      const { timeZone } = settings.get();
      return {
        name: `hours-${period(query)}`,
        columns: ['requestId', 'date', 'helperId', 'name', 'kind', 'track', 'skills', 'hours'],
        rows: hourRows(db, spanOf(query)).map((r) => [
          r.requestId,
          localDay(r.windowStart, timeZone).date,
          r.helperId,
          r.name,
          r.kind,
          r.track,
          joined(r.skills),
          r.hours,
        ]),
      };
    },
  };
}

export type ExportsService = ReturnType<typeof createExportsService>;
