import { accessor } from '../audit/audit.routes.js';
import type { AuditService } from '../audit/audit.service.js';
import { actorOf, staffUserIdOf } from '../auth/auth.types.js';
import { STAFF_ROLES } from '../domain.js';
import { IdempotencyHeaders } from '../idempotency/idempotency.js';
import type { Api } from '../http/api.js';
import { IdParams } from '../http/common.schema.js';
import { z } from '../http/zod.js';
import { Series, SeriesCreate, SeriesPause, SeriesQuery } from './series.schema.js';
import type { SeriesService } from './series.service.js';

/** A series holds its requests' descriptions: its reads say so in the audit log. */
export function seriesRoutes(api: Api, series: SeriesService, audit: AuditService): void {
  const tag = 'series';
  api.route(
    {
      method: 'post',
      path: '/series',
      summary: 'Start regular help: its requests are made some days ahead, the first ones at once',
      tag,
      operationId: 'createSeries',
      errors: ['idempotency_key_reused'],
      roles: STAFF_ROLES,
      body: SeriesCreate,
      headers: IdempotencyHeaders,
      response: Series,
      status: 201,
    },
    ({ body, identity, req }) =>
      series.create(body, staffUserIdOf(identity), actorOf(identity), req.get('idempotency-key')),
  );
  api.route(
    {
      method: 'get',
      path: '/series',
      summary: 'Regular help, with the requests already made',
      tag,
      operationId: 'listSeries',
      audited: true,
      roles: STAFF_ROLES,
      query: SeriesQuery,
      response: z.array(Series),
    },
    ({ query, identity, req }) => audit.recordSearch(accessor(identity, req), series.list(query), (s) => s.residentId),
  );
  api.route(
    {
      method: 'get',
      path: '/series/:id',
      summary: 'One series',
      tag,
      operationId: 'getSeries',
      audited: true,
      errors: ['not_found'],
      roles: STAFF_ROLES,
      params: IdParams,
      response: Series,
    },
    ({ params, identity, req }) => {
      const one = series.get(params.id);
      audit.record(accessor(identity, req), 'read', [one.residentId]);
      return one;
    },
  );
  api.route(
    {
      method: 'delete',
      path: '/series/:id',
      summary: 'Stop a series: no new requests, and those not done yet are cancelled',
      tag,
      operationId: 'stopSeries',
      errors: ['not_found', 'series_stopped'],
      roles: STAFF_ROLES,
      params: IdParams,
      response: Series,
    },
    ({ params, identity }) => series.stop(params.id, actorOf(identity)),
  );
  api.route(
    {
      method: 'put',
      path: '/series/:id/pause',
      summary: 'Pause a series on some dates (replaces an earlier pause): their requests are cancelled',
      tag,
      operationId: 'pauseSeries',
      errors: ['not_found', 'series_stopped'],
      roles: STAFF_ROLES,
      params: IdParams,
      body: SeriesPause,
      response: Series,
    },
    ({ params, body, identity }) => series.pause(params.id, body, actorOf(identity)),
  );
  api.route(
    {
      method: 'delete',
      path: '/series/:id/pause',
      summary: 'End the pause: the dates it held back are planned again at once',
      tag,
      operationId: 'resumeSeries',
      errors: ['not_found', 'series_stopped'],
      roles: STAFF_ROLES,
      params: IdParams,
      response: Series,
    },
    ({ params, identity }) => series.resume(params.id, actorOf(identity)),
  );
}
