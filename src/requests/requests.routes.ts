import { accessor } from '../audit/audit.routes.js';
import type { AuditService } from '../audit/audit.service.js';
import { actorOf, staffUserIdOf } from '../auth/auth.types.js';
import { Candidates } from '../candidates/candidates.schema.js';
import { DISPATCH_ROLES, STAFF_ROLES } from '../domain.js';
import { IdempotencyHeaders } from '../idempotency/idempotency.js';
import type { Api } from '../http/api.js';
import { IdParams } from '../http/common.schema.js';
import { z } from '../http/zod.js';
import { AssignBody, PhoneList, Proposal, ProposeBody } from '../proposals/proposals.schema.js';
import type { ProposalsService } from '../proposals/proposals.service.js';
import {
  CancelBody,
  CompleteBody,
  HelpRequest,
  ReassignBody,
  RequestCreate,
  RequestQuery,
  SplitBody,
  WeightsPreviewBody,
  WidenBody,
} from './requests.schema.js';
import type { RequestsService } from './requests.service.js';

/** The reads here show residents' descriptions and homes: each says so in the audit log. */
export function requestRoutes(
  api: Api,
  requests: RequestsService,
  proposals: ProposalsService,
  audit: AuditService,
): void {
  const tag = 'requests';
  api.route(
    {
      method: 'post',
      path: '/requests',
      summary: 'Enter a request; it is proposed to the best candidate at once',
      tag,
      operationId: 'createRequest',
      errors: ['idempotency_key_reused'],
      roles: STAFF_ROLES,
      body: RequestCreate,
      headers: IdempotencyHeaders,
      response: HelpRequest,
      status: 201,
    },
    ({ body, identity, req }) =>
      requests.create(body, staffUserIdOf(identity), actorOf(identity), req.get('idempotency-key')),
  );
  api.route(
    {
      method: 'post',
      path: '/requests/preview',
      summary: 'The best candidates for a request being entered, before it is saved (nothing is written)',
      tag,
      operationId: 'previewRequest',
      readOnly: true,
      roles: STAFF_ROLES,
      body: RequestCreate,
      response: Candidates,
    },
    ({ body }) => requests.preview(body),
  );
  api.route(
    {
      method: 'get',
      path: '/requests',
      summary: 'List requests',
      tag,
      operationId: 'listRequests',
      audited: true,
      roles: STAFF_ROLES,
      query: RequestQuery,
      response: z.array(HelpRequest),
    },
    ({ query, identity, req }) =>
      audit.recordSearch(accessor(identity, req), requests.list(query), (r) => r.residentId),
  );
  api.route(
    {
      method: 'get',
      path: '/requests/:id',
      summary: 'One request',
      tag,
      operationId: 'getRequest',
      audited: true,
      errors: ['not_found'],
      roles: STAFF_ROLES,
      params: IdParams,
      response: HelpRequest,
    },
    ({ params, identity, req }) => {
      const request = requests.get(params.id);
      audit.record(accessor(identity, req), 'read', [request.residentId]);
      return request;
    },
  );
  api.route(
    {
      method: 'get',
      path: '/requests/:id/candidates',
      summary: 'Every helper: the feasible ones ranked with their score breakdown, the others with the reasons',
      tag,
      operationId: 'listCandidates',
      audited: true,
      errors: ['not_found'],
      roles: STAFF_ROLES,
      params: IdParams,
      response: Candidates,
    },
    ({ params, identity, req }) => {
      const request = requests.get(params.id);
      const ranked = requests.candidates(params.id);
      // The ranking tells whom the resident does not want (excluded) and who helped them before.
      audit.record(accessor(identity, req), 'read', [request.residentId]);
      return ranked;
    },
  );
  api.route(
    {
      method: 'post',
      path: '/requests/:id/candidates/preview',
      summary: "The candidates as they would rank with other weights (the settings page's preview); nothing is saved",
      tag,
      operationId: 'previewCandidateWeights',
      errors: ['not_found'],
      readOnly: true,
      roles: STAFF_ROLES,
      params: IdParams,
      body: WeightsPreviewBody,
      response: Candidates,
    },
    ({ params, body }) => requests.candidatesWith(params.id, body.weights),
  );
  api.route(
    {
      method: 'get',
      path: '/requests/:id/proposals',
      summary: 'Every proposal made for a request',
      tag,
      operationId: 'listRequestProposals',
      audited: true,
      errors: ['not_found'],
      roles: STAFF_ROLES,
      params: IdParams,
      response: z.array(Proposal),
    },
    ({ params, identity, req }) => {
      const request = requests.get(params.id);
      const made = proposals.ofRequest(params.id);
      audit.record(accessor(identity, req), 'read', [request.residentId]);
      return made;
    },
  );
  api.route(
    {
      method: 'get',
      path: '/requests/:id/phone-list',
      summary:
        'Who a dispatcher can phone for a request (flagged ones first of all): every helper who could come now, best first, with their phone and what they were asked',
      tag,
      operationId: 'getPhoneList',
      audited: true,
      errors: ['not_found'],
      roles: DISPATCH_ROLES,
      params: IdParams,
      response: PhoneList,
    },
    ({ params, identity, req }) => {
      const request = requests.get(params.id);
      const list = proposals.phoneList(params.id);
      // Who was asked for the resident's job and what they answered, as the request's proposals show.
      audit.record(accessor(identity, req), 'read', [request.residentId]);
      return list;
    },
  );
  api.route(
    {
      method: 'post',
      path: '/requests/:id/proposals',
      summary:
        'Propose the request to a helper (default: the best candidate), or to a learner with a supervisor (`supervisorId`): a supervised pair',
      tag,
      operationId: 'proposeRequest',
      errors: [
        'not_found',
        'request_closed',
        'proposal_exists',
        'helper_not_feasible',
        'no_candidate',
        'idempotency_key_reused',
      ],
      roles: DISPATCH_ROLES,
      params: IdParams,
      body: ProposeBody,
      headers: IdempotencyHeaders,
      response: Proposal,
      status: 201,
    },
    ({ params, body, identity, req }) =>
      proposals.propose(
        params.id,
        body.helperId,
        staffUserIdOf(identity),
        actorOf(identity),
        req.get('idempotency-key'),
        body.supervisorId,
      ),
  );
  api.route(
    {
      method: 'post',
      path: '/requests/:id/assign',
      summary:
        'Assign a helper directly (they agreed by phone): proposed and accepted in one step; `override` lets a dispatcher go past their hours, reach or weekly cap',
      tag,
      operationId: 'assignRequest',
      errors: ['not_found', 'request_closed', 'proposal_closed', 'helper_not_feasible', 'helper_busy'],
      roles: DISPATCH_ROLES,
      params: IdParams,
      body: AssignBody,
      response: Proposal,
      status: 201,
    },
    ({ params, body, identity }) =>
      proposals.assign(
        params.id,
        body.helperId,
        staffUserIdOf(identity)!,
        actorOf(identity),
        body.override,
        body.supervisorId,
      ),
  );
  api.route(
    {
      method: 'post',
      path: '/requests/:id/complete',
      summary: 'Log the job as done, with the hours',
      tag,
      operationId: 'completeRequest',
      // not before the job has begun; hours within twice the job's length
      errors: ['not_found', 'request_closed', 'job_not_started'],
      roles: [...DISPATCH_ROLES, 'helper'],
      params: IdParams,
      body: CompleteBody,
      response: HelpRequest,
    },
    ({ params, body, identity }) => requests.complete(params.id, body, identity, actorOf(identity)),
  );
  api.route(
    {
      method: 'post',
      path: '/requests/:id/split',
      summary:
        'Split an open request nobody can do in one go into shorter jobs in the same window, each proposed at once',
      tag,
      operationId: 'splitRequest',
      errors: ['not_found', 'request_not_open', 'idempotency_key_reused'],
      roles: DISPATCH_ROLES,
      params: IdParams,
      body: SplitBody,
      headers: IdempotencyHeaders,
      response: z.array(HelpRequest),
    },
    ({ params, body, identity, req }) =>
      requests.split(params.id, body.parts, actorOf(identity), req.get('idempotency-key')),
  );
  api.route(
    {
      method: 'post',
      path: '/requests/:id/widen',
      summary: 'Widen the window of an open or proposed request, so more helpers fit (nobody did)',
      tag,
      operationId: 'widenRequest',
      errors: ['not_found', 'request_closed'],
      roles: DISPATCH_ROLES,
      params: IdParams,
      body: WidenBody,
      response: HelpRequest,
    },
    ({ params, body, identity }) => requests.widen(params.id, body.window, actorOf(identity)),
  );
  api.route(
    {
      method: 'post',
      path: '/requests/:id/cancel',
      summary: 'Cancel the request; live proposals are withdrawn',
      tag,
      operationId: 'cancelRequest',
      errors: ['not_found', 'request_closed'],
      roles: STAFF_ROLES,
      params: IdParams,
      body: CancelBody,
      response: HelpRequest,
    },
    ({ params, body, identity }) => requests.cancel(params.id, body.reason, actorOf(identity)),
  );
  api.route(
    {
      method: 'post',
      path: '/requests/:id/reassign',
      summary:
        'The assigned helper cannot come after all: take the assignment back (their proposal becomes released) and propose to the next best',
      tag,
      operationId: 'reassignRequest',
      errors: ['not_found', 'request_not_assigned'],
      roles: DISPATCH_ROLES,
      params: IdParams,
      body: ReassignBody,
      response: HelpRequest,
    },
    ({ params, body, identity }) => proposals.reassign(params.id, body.reason, actorOf(identity)),
  );
}
