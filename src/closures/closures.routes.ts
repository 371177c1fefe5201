import { actorOf } from '../auth/auth.types.js';
import { STAFF_ROLES } from '../domain.js';
import { IdempotencyHeaders } from '../idempotency/idempotency.js';
import type { Api } from '../http/api.js';
import { IdParams } from '../http/common.schema.js';
import { z } from '../http/zod.js';
import { Closure, ClosureCreate } from './closures.schema.js';
import type { ClosuresService } from './closures.service.js';

export function closureRoutes(api: Api, closures: ClosuresService): void {
  const tag = 'closures';
  api.route(
    {
      method: 'get',
      path: '/closures',
      summary: 'Periods the organisation is closed',
      tag,
      operationId: 'listClosures',
      roles: STAFF_ROLES,
      response: z.array(Closure),
    },
    () => closures.list(),
  );
  api.route(
    {
      method: 'post',
      path: '/closures',
      summary: 'Close the organisation for a period (inclusive dates)',
      tag,
      operationId: 'createClosure',
      errors: ['idempotency_key_reused'],
      roles: ['admin', 'dispatcher'],
      body: ClosureCreate,
      headers: IdempotencyHeaders,
      response: Closure,
      status: 201,
    },
    ({ body, identity, req }) => closures.create(body, actorOf(identity), req.get('idempotency-key')),
  );
  api.route(
    {
      method: 'delete',
      path: '/closures/:id',
      summary: 'Remove a closure',
      tag,
      operationId: 'deleteClosure',
      errors: ['not_found'],
      roles: ['admin', 'dispatcher'],
      params: IdParams,
      response: Closure,
    },
    ({ params, identity }) => closures.remove(params.id, actorOf(identity)),
  );
}
