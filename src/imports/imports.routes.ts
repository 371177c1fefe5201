import { actorOf } from '../auth/auth.types.js';
import { DISPATCH_ROLES } from '../domain.js';
import type { Api } from '../http/api.js';
import { CSV_TYPE, XLSX_TYPE } from './imports.parse.js';
import { ImportQuery, ImportReport } from './imports.schema.js';
import type { ImportsService } from './imports.service.js';

export function importRoutes(api: Api, imports: ImportsService): void {
  api.route(
    {
      method: 'post',
      path: '/imports/helpers',
      summary:
        'Helpers from a CSV (UTF-8, commas or semicolons) or XLSX file: a dry run by default, else one transaction',
      tag: 'imports',
      operationId: 'importHelpers',
      roles: DISPATCH_ROLES,
      query: ImportQuery,
      upload: {
        types: { [CSV_TYPE]: { type: 'string' }, [XLSX_TYPE]: { type: 'string', format: 'binary' } },
        limit: '5mb',
      },
      response: ImportReport,
    },
    ({ file, query, identity }) => imports.helpers(file!, query, actorOf(identity)),
  );
}
