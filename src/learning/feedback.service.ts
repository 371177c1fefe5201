import type { Identity } from '../auth/auth.types.js';
import { actorOf } from '../auth/auth.types.js';
import type { Db } from '../db/client.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError, notFound } from '../errors.js';
import { findRequest } from '../requests/requests.repo.js';
import { mayCoach, type Sight, sightOf } from './learning.access.js';
import { findPlan } from './learning.repo.js';
import { type FeedbackRow, findFeedback, saveFeedback } from './feedback.repo.js';
import type { JobFeedback, JobFeedbackInput } from './feedback.schema.js';

export function presentFeedback(row: FeedbackRow, sight: Sight): JobFeedback {
  return {
    requestId: row.requestId,
    satisfaction: row.satisfaction,
    satisfactionBy: row.satisfactionBy,
    ...(sight === 'full' ? { observation: row.observation } : {}),
  };
}

/**
 * After a job: the office takes the resident's satisfaction, the helper may note it, and the helper's
 * coach adds what they observed. Only completed jobs have any.
 */
export function createFeedbackService(deps: { db: Db; work: UnitOfWork }) {
  const { db, work } = deps;

  function completedJob(requestId: number, helperId?: number) {
    const request = findRequest(db, requestId);
    if (!request || (helperId !== undefined && request.helperId !== helperId)) throw notFound('request', requestId);
    if (request.status !== 'completed' || request.helperId === null)
      throw new AppError('job_not_completed', `request ${requestId} is ${request.status}, not completed`);
    return { request, helperId: request.helperId };
  }

  function save(requestId: number, actor: string, change: Partial<FeedbackRow>): FeedbackRow {
    return work(actor, ({ tx, now }) =>
      saveFeedback(tx, {
        requestId,
        satisfaction: null,
        satisfactionBy: null,
        observation: null,
        observedBy: null,
        ...findFeedback(tx, requestId),
        ...change,
        updatedAt: now,
      }),
    );
  }

  return {
    /** Staff: the office for the satisfaction; the helper's coach for it and for the observation. */
    record(identity: Identity, requestId: number, input: JobFeedbackInput): JobFeedback {
      const request = findRequest(db, requestId);
      const plan = request?.helperId ? findPlan(db, request.helperId) : undefined;
      const coach = mayCoach(identity, plan);
      // A coach learns nothing of the jobs of participants they do not coach, not even their state.
      if (identity.role === 'coach' && !coach) throw notFound('request', requestId);
      const { helperId } = completedJob(requestId);
      if (input.observation !== undefined && !coach)
        throw new AppError('forbidden', "only the helper's coach writes an observation");
      const change: Partial<FeedbackRow> = {};
      if (input.satisfaction !== undefined) {
        change.satisfaction = input.satisfaction;
        change.satisfactionBy = input.satisfaction === null ? null : 'staff';
      }
      if (input.observation !== undefined) {
        change.observation = input.observation || null;
        change.observedBy = input.observation ? actorOf(identity) : null;
      }
      return presentFeedback(save(requestId, actorOf(identity), change), sightOf(identity, helperId, plan));
    },

    /** The helper notes how satisfied the resident was, on a job of their own. */
    recordByHelper(helperId: number, requestId: number, satisfaction: number, actor: string): JobFeedback {
      completedJob(requestId, helperId);
      return presentFeedback(save(requestId, actor, { satisfaction, satisfactionBy: 'helper' }), 'full');
    },
  };
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;
