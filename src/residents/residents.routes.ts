import { accessor } from '../audit/audit.routes.js';
import type { AuditService } from '../audit/audit.service.js';
import { actorOf } from '../auth/auth.types.js';
import { STAFF_ROLES } from '../domain.js';
import { IdempotencyHeaders } from '../idempotency/idempotency.js';
import type { Api } from '../http/api.js';
import { IdParams } from '../http/common.schema.js';
import { z } from '../http/zod.js';
import { Resident, ResidentCreate, ResidentPatch, ResidentQuery } from './residents.schema.js';
import type { ResidentsService } from './residents.service.js';
import { Erased, ResidentExport } from './subject.schema.js';
import type { SubjectService } from './subject.service.js';

/** Every route here shows or changes a resident's personal data, and says so in the audit log. */
export function residentRoutes(
  api: Api,
  residents: ResidentsService,
  subject: SubjectService,
  audit: AuditService,
): void {
  const tag = 'residents';
  api.route(
    {
      method: 'post',
      path: '/residents',
      summary: 'Create a resident',
      tag,
      operationId: 'createResident',
      errors: ['address_not_found', 'geocoder_unavailable', 'idempotency_key_reused'],
      roles: STAFF_ROLES,
      body: ResidentCreate,
      headers: IdempotencyHeaders,
      response: Resident,
      status: 201,
    },
    async ({ body, identity, req }) => {
      const place = await residents.locate(body);
      return residents.create(body, actorOf(identity), {
        place,
        idempotencyKey: req.get('idempotency-key'),
        accessor: accessor(identity, req),
      });
    },
  );
  api.route(
    {
      method: 'get',
      path: '/residents',
      summary: 'Find residents by name, phone or postcode',
      tag,
      operationId: 'listResidents',
      audited: true,
      roles: STAFF_ROLES,
      query: ResidentQuery,
      response: z.array(Resident),
    },
    ({ query, identity, req }) =>
      audit.recordSearch(accessor(identity, req), residents.search(query.q, query.ids), (r) => r.id),
  );
  api.route(
    {
      method: 'get',
      path: '/residents/:id',
      summary: 'One resident',
      tag,
      operationId: 'getResident',
      audited: true,
      errors: ['not_found'],
      roles: STAFF_ROLES,
      params: IdParams,
      response: Resident,
    },
    ({ params, identity, req }) => {
      const resident = residents.get(params.id);
      audit.record(accessor(identity, req), 'read', [resident.id]);
      return resident;
    },
  );
  api.route(
    {
      method: 'patch',
      path: '/residents/:id',
      summary: 'Change a resident',
      tag,
      operationId: 'updateResident',
      errors: ['not_found', 'address_not_found', 'geocoder_unavailable'],
      roles: STAFF_ROLES,
      params: IdParams,
      body: ResidentPatch,
      response: Resident,
    },
    async ({ params, body, identity, req }) => {
      const place = await residents.locate(body);
      return residents.update(params.id, body, actorOf(identity), { place, accessor: accessor(identity, req) });
    },
  );
  api.route(
    {
      method: 'get',
      path: '/residents/:id/export',
      summary: 'Everything kept about one resident, with who saw it (subject access, AVG art. 15)',
      tag,
      operationId: 'exportResident',
      audited: true,
      errors: ['not_found'],
      roles: ['admin'],
      params: IdParams,
      response: ResidentExport,
    },
    ({ params, identity, req }) => {
      const everything = subject.export(params.id);
      audit.record(accessor(identity, req), 'export', [params.id]);
      return everything;
    },
  );
  api.route(
    {
      method: 'post',
      path: '/residents/:id/erase',
      summary: "Erase the resident's personal data and free texts everywhere; the ids stay (AVG art. 17)",
      tag,
      operationId: 'eraseResident',
      errors: ['not_found'],
      roles: ['admin'],
      params: IdParams,
      response: Erased,
    },
    ({ params, identity, req }) => {
      subject.erase(params.id, actorOf(identity), accessor(identity, req));
      return { residentId: params.id, erased: true as const };
    },
  );
}
