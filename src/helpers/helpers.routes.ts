import { actorOf } from '../auth/auth.types.js';
import { STAFF_ROLES } from '../domain.js';
import { IdempotencyHeaders } from '../idempotency/idempotency.js';
import type { Api } from '../http/api.js';
import { IdParams } from '../http/common.schema.js';
import { z } from '../http/zod.js';
import { Helper, HelperCreate, HelperErased, HelperPatch, HelperQuery } from './helpers.schema.js';
import type { HelpersService } from './helpers.service.js';

export function helperRoutes(api: Api, helpers: HelpersService): void {
  const tag = 'helpers';
  api.route(
    {
      method: 'post',
      path: '/helpers',
      summary: 'Create a helper',
      tag,
      operationId: 'createHelper',
      errors: ['address_not_found', 'geocoder_unavailable', 'idempotency_key_reused'],
      roles: STAFF_ROLES,
      body: HelperCreate,
      headers: IdempotencyHeaders,
      response: Helper,
      status: 201,
    },
    async ({ body, identity, req }) =>
      helpers.create(body, actorOf(identity), {
        place: await helpers.locate(body),
        idempotencyKey: req.get('idempotency-key'),
      }),
  );
  api.route(
    {
      method: 'get',
      path: '/helpers',
      summary: 'List helpers',
      tag,
      operationId: 'listHelpers',
      roles: STAFF_ROLES,
      query: HelperQuery,
      response: z.array(Helper),
    },
    ({ query }) =>
      helpers.list({
        track: query.track,
        skill: query.skill,
        active: query.active === undefined ? undefined : query.active === 'true',
        q: query.q,
      }),
  );
  api.route(
    {
      method: 'get',
      path: '/helpers/:id',
      summary: 'One helper',
      tag,
      operationId: 'getHelper',
      errors: ['not_found'],
      roles: STAFF_ROLES,
      params: IdParams,
      response: Helper,
    },
    ({ params }) => helpers.get(params.id),
  );
  api.route(
    {
      method: 'patch',
      path: '/helpers/:id',
      summary: 'Change a helper',
      tag,
      operationId: 'updateHelper',
      errors: ['not_found', 'address_not_found', 'geocoder_unavailable'],
      roles: STAFF_ROLES,
      params: IdParams,
      body: HelperPatch,
      response: Helper,
    },
    async ({ params, body, identity }) =>
      helpers.update(params.id, body, actorOf(identity), { place: await helpers.locate(body) }),
  );
  api.route(
    {
      method: 'delete',
      path: '/helpers/:id',
      summary: 'Deactivate a helper (kept for the records)',
      tag,
      operationId: 'deactivateHelper',
      errors: ['not_found'],
      roles: STAFF_ROLES,
      params: IdParams,
      response: Helper,
    },
    ({ params, identity }) => helpers.deactivate(params.id, actorOf(identity)),
  );
  api.route(
    {
      method: 'post',
      path: '/helpers/:id/erase',
      summary:
        "Erase the helper's personal data and their plan's texts on their request; the ids and hours stay (AVG art. 17)",
      tag,
      operationId: 'eraseHelper',
      errors: ['not_found'],
      roles: ['admin'],
      params: IdParams,
      response: HelperErased,
    },
    ({ params, identity }) => {
      helpers.erase(params.id, actorOf(identity));
      return { helperId: params.id, erased: true as const };
    },
  );
}
