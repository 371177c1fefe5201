import { actorOf } from '../auth/auth.types.js';
import { STAFF_ROLES } from '../domain.js';
import type { Api } from '../http/api.js';
import { IdParams } from '../http/common.schema.js';
import { z } from '../http/zod.js';
import { Resident, ResidentCreate, ResidentPatch, ResidentQuery } from './residents.schema.js';
import type { ResidentsService } from './residents.service.js';

export function residentRoutes(api: Api, residents: ResidentsService): void {
  const tag = 'residents';
  api.route(
    {
      method: 'post',
      path: '/residents',
      summary: 'Create a resident',
      tag,
      operationId: 'createResident',
      roles: STAFF_ROLES,
      body: ResidentCreate,
      response: Resident,
      status: 201,
    },
    ({ body, identity }) => residents.create(body, actorOf(identity)),
  );
  api.route(
    {
      method: 'get',
      path: '/residents',
      summary: 'Find residents by name, phone or postcode',
      tag,
      operationId: 'listResidents',
      roles: STAFF_ROLES,
      query: ResidentQuery,
      response: z.array(Resident),
    },
    ({ query }) => residents.search(query.q),
  );
  api.route(
    {
      method: 'get',
      path: '/residents/:id',
      summary: 'One resident',
      tag,
      operationId: 'getResident',
      errors: ['not_found'],
      roles: STAFF_ROLES,
      params: IdParams,
      response: Resident,
    },
    ({ params }) => residents.get(params.id),
  );
  api.route(
    {
      method: 'patch',
      path: '/residents/:id',
      summary: 'Change a resident',
      tag,
      operationId: 'updateResident',
      errors: ['not_found'],
      roles: STAFF_ROLES,
      params: IdParams,
      body: ResidentPatch,
      response: Resident,
    },
    ({ params, body, identity }) => residents.update(params.id, body, actorOf(identity)),
  );
}
