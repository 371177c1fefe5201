import { accessor } from '../audit/audit.routes.js';
import { actorOf } from '../auth/auth.types.js';
import { DISPATCH_ROLES } from '../domain.js';
import type { Api } from '../http/api.js';
import { CSV_TYPE, XLSX_TYPE } from './imports.parse.js';
import {
  HelperImportQuery,
  ImportReport,
  MappingBody,
  ResidentImportQuery,
  ResidentImportReport,
  SavedMapping,
} from './imports.schema.js';
import type { ImportOutcome, ImportProgress, ImportsService } from './imports.service.js';

const upload = {
  types: {
    [CSV_TYPE]: { type: 'string' as const },
    [XLSX_TYPE]: { type: 'string' as const, format: 'binary' as const },
  },
  limit: '5mb',
};

/** A row names what it made by the kind's own id field. */
const withId = (outcome: ImportOutcome, field: 'helperId' | 'residentId') => ({
  ...outcome,
  rows: outcome.rows.map(({ id, ...row }) => ({ ...row, [field]: id })),
});

const KINDS = {
  helpers: {
    title: 'Helpers',
    id: 'helperId',
    query: HelperImportQuery,
    report: ImportReport,
    errors: ['geocoder_unavailable'] as const,
  },
  residents: {
    title: 'Residents',
    id: 'residentId',
    query: ResidentImportQuery,
    report: ResidentImportReport,
    errors: ['geocoder_unavailable'] as const,
  },
} as const;

export function importRoutes(api: Api, imports: ImportsService): void {
  for (const kind of ['helpers', 'residents'] as const) {
    const { title, id, query, report, errors } = KINDS[kind];
    api.route(
      {
        method: 'post',
        path: `/imports/${kind}`,
        summary: `${title} from a CSV (UTF-8, commas or semicolons) or XLSX file: a dry run by default, else one transaction; addresses are looked up; with Accept: application/x-ndjson, progress lines first`,
        tag: 'imports',
        operationId: `import${title}`,
        roles: DISPATCH_ROLES,
        errors,
        query,
        upload,
        progress: true,
        response: report,
      },
      async ({ file, query, identity, req, progress }) => {
        const outcome = await imports.run(kind, file!, query, actorOf(identity), {
          accessor: accessor(identity, req),
          ...(progress ? { onProgress: (p: ImportProgress) => progress(p) } : {}),
        });
        return withId(outcome, id);
      },
    );
    api.route(
      {
        method: 'get',
        path: `/imports/${kind}/mapping`,
        summary: `The organisation's saved column mapping for ${kind} imports, and the fields it may name`,
        tag: 'imports',
        operationId: `get${title}ImportMapping`,
        roles: DISPATCH_ROLES,
        response: SavedMapping,
      },
      () => imports.mapping(kind),
    );
    api.route(
      {
        method: 'put',
        path: `/imports/${kind}/mapping`,
        summary: `Saves the column mapping every later ${kind} import (page, API, command line) starts from`,
        tag: 'imports',
        operationId: `save${title}ImportMapping`,
        roles: DISPATCH_ROLES,
        body: MappingBody[kind],
        response: SavedMapping,
      },
      ({ body }) => imports.saveMapping(kind, body.mapping),
    );
  }
}
