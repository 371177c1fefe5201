import { IdempotencyHeaders } from '../idempotency/idempotency.js';
import { actorOf, helperIdOf } from '../auth/auth.types.js';
import type { Api } from '../http/api.js';
import { IdParams } from '../http/common.schema.js';
import { z } from '../http/zod.js';
import {
  Attendance,
  ParticipantWorkshop,
  Workshop,
  WorkshopCreate,
  WorkshopPatch,
  WorkshopQuery,
} from './workshops.schema.js';
import type { WorkshopsService } from './workshops.service.js';

/** The workshop catalogue (admins and coaches keep it) and who attended what (the participant's coach). */
export function workshopRoutes(api: Api, workshops: WorkshopsService): void {
  const tag = 'learning';
  api.route(
    {
      method: 'get',
      path: '/workshops',
      summary: 'The workshops of every track, or of one, in order',
      tag,
      operationId: 'listWorkshops',
      roles: ['admin', 'dispatcher', 'coach'],
      query: WorkshopQuery,
      response: z.array(Workshop),
    },
    ({ query }) => workshops.list(query.track),
  );
  api.route(
    {
      method: 'post',
      path: '/workshops',
      summary: "Add a workshop to a track's catalogue",
      tag,
      operationId: 'createWorkshop',
      errors: ['idempotency_key_reused'],
      roles: ['admin', 'coach'],
      body: WorkshopCreate,
      headers: IdempotencyHeaders,
      response: Workshop,
      status: 201,
    },
    ({ body, identity, req }) => workshops.create(body, actorOf(identity), req.get('idempotency-key')),
  );
  api.route(
    {
      method: 'patch',
      path: '/workshops/:id',
      summary: 'Rename, move or retire a workshop',
      tag,
      operationId: 'updateWorkshop',
      errors: ['not_found'],
      roles: ['admin', 'coach'],
      params: IdParams,
      body: WorkshopPatch,
      response: Workshop,
    },
    ({ params, body, identity }) => workshops.update(params.id, body, actorOf(identity)),
  );
  api.route(
    {
      method: 'get',
      path: '/helpers/:id/workshops',
      summary: "The workshops of the participant's track, with the dates they attended them",
      tag,
      operationId: 'listParticipantWorkshops',
      errors: ['not_found'],
      roles: ['admin', 'dispatcher', 'coach'],
      params: IdParams,
      response: z.array(ParticipantWorkshop),
    },
    ({ params, identity }) => workshops.participant(identity, params.id),
  );
  api.route(
    {
      method: 'put',
      path: '/helpers/:id/attendance',
      summary: 'Note that the participant attended a workshop, or not after all (their coach)',
      tag,
      operationId: 'recordAttendance',
      errors: ['not_found'],
      roles: ['coach'],
      params: IdParams,
      body: Attendance,
      response: z.array(ParticipantWorkshop),
    },
    ({ params, body, identity }) => workshops.attend(identity, params.id, body),
  );
  api.route(
    {
      method: 'get',
      path: '/me/workshops',
      summary: "The workshops of the participant's own track, with the dates they attended them (helper token)",
      tag,
      operationId: 'listMyWorkshops',
      roles: ['helper'],
      response: z.array(ParticipantWorkshop),
    },
    ({ identity }) => workshops.participant(identity, helperIdOf(identity)),
  );
}
