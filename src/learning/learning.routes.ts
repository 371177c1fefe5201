import { actorOf, helperIdOf } from '../auth/auth.types.js';
import type { Api } from '../http/api.js';
import { IdParams } from '../http/common.schema.js';
import { z } from '../http/zod.js';
import {
  CoachAssignment,
  LearningFile,
  LearningPlanPatch,
  LevelChange,
  LevelSignOff,
  Participant,
} from './learning.schema.js';
import type { LearningService } from './learning.service.js';

/**
 * The participants' files. Who sees what is one rule per role (learning.access.ts): a coach only the
 * files of the participants they coach (any other answers 404), the office levels and hours without
 * the plan's texts, the participant their own file through /me.
 */
export function learningRoutes(api: Api, learning: LearningService): void {
  const tag = 'learning';
  api.route(
    {
      method: 'get',
      path: '/helpers/:id/learning',
      summary: "A participant's file: coach, practice period, hours, levels; the plan's texts for their coach",
      tag,
      operationId: 'getLearningFile',
      errors: ['not_found'],
      roles: ['admin', 'dispatcher', 'coach'],
      params: IdParams,
      response: LearningFile,
    },
    ({ params, identity }) => learning.file(identity, params.id),
  );
  api.route(
    {
      method: 'patch',
      path: '/helpers/:id/learning',
      summary: "Change a participant's plan: the three questions, goals, period, required hours, outflow (their coach)",
      tag,
      operationId: 'updateLearningPlan',
      errors: ['not_found'],
      roles: ['coach'],
      params: IdParams,
      body: LearningPlanPatch,
      response: LearningFile,
    },
    ({ params, body, identity }) => learning.update(identity, params.id, body),
  );
  api.route(
    {
      method: 'put',
      path: '/helpers/:id/coach',
      summary: "Make a coach the participant's coach, or none (admins)",
      tag,
      operationId: 'assignCoach',
      errors: ['not_found'],
      roles: ['admin'],
      params: IdParams,
      body: CoachAssignment,
      response: LearningFile,
    },
    ({ params, body, identity }) => learning.assignCoach(params.id, body.coachId, actorOf(identity)),
  );
  api.route(
    {
      method: 'get',
      path: '/helpers/:id/levels',
      summary: "The history of a participant's skill levels, newest first",
      tag,
      operationId: 'listLevelChanges',
      errors: ['not_found'],
      roles: ['admin', 'dispatcher', 'coach'],
      params: IdParams,
      response: z.array(LevelChange),
    },
    ({ params, identity }) => learning.levels(identity, params.id),
  );
  api.route(
    {
      method: 'post',
      path: '/helpers/:id/levels',
      summary: 'Sign off a new skill level on observed jobs (the participant’s coach)',
      tag,
      operationId: 'signOffLevel',
      errors: ['not_found'],
      roles: ['coach'],
      params: IdParams,
      body: LevelSignOff,
      response: LevelChange,
      status: 201,
    },
    ({ params, body, identity }) => learning.signOff(identity, params.id, body),
  );
  api.route(
    {
      method: 'get',
      path: '/coach/participants',
      summary: 'The participants this coach coaches',
      tag,
      operationId: 'listMyParticipants',
      roles: ['coach'],
      response: z.array(Participant),
    },
    ({ identity }) => learning.participants(identity),
  );
  api.route(
    {
      method: 'get',
      path: '/me/learning',
      summary: 'The participant’s own file: hours against required, levels, plan (helper token)',
      tag,
      operationId: 'getMyLearningFile',
      roles: ['helper'],
      response: LearningFile,
    },
    ({ identity }) => learning.file(identity, helperIdOf(identity)),
  );
}
