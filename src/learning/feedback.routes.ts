import { actorOf, helperIdOf } from '../auth/auth.types.js';
import type { Api } from '../http/api.js';
import { IdParams } from '../http/common.schema.js';
import { JobFeedback, JobFeedbackInput, MyJobFeedback } from './feedback.schema.js';
import type { FeedbackService } from './feedback.service.js';

export function feedbackRoutes(api: Api, feedback: FeedbackService): void {
  const tag = 'learning';
  api.route(
    {
      method: 'put',
      path: '/requests/:id/feedback',
      summary: "After a job: the resident's satisfaction, and the coach's observation (the helper's coach only)",
      tag,
      operationId: 'recordJobFeedback',
      errors: ['not_found', 'job_not_completed'],
      roles: ['admin', 'dispatcher', 'coach'],
      params: IdParams,
      body: JobFeedbackInput,
      response: JobFeedback,
    },
    ({ params, body, identity }) => feedback.record(identity, params.id, body),
  );
  api.route(
    {
      method: 'put',
      path: '/me/jobs/:id/feedback',
      summary: "The helper notes the resident's satisfaction after a job of their own (helper token)",
      tag,
      operationId: 'recordMyJobFeedback',
      errors: ['not_found', 'job_not_completed'],
      roles: ['helper'],
      params: IdParams,
      body: MyJobFeedback,
      response: JobFeedback,
    },
    ({ params, body, identity }) =>
      feedback.recordByHelper(helperIdOf(identity), params.id, body.satisfaction, actorOf(identity)),
  );
}
