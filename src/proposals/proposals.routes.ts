import { actorOf, helperIdOf } from '../auth/auth.types.js';
import { DISPATCH_ROLES, STAFF_ROLES } from '../domain.js';
import type { Api } from '../http/api.js';
import { IdParams } from '../http/common.schema.js';
import { DeclineBody, Proposal, SeriesAcceptance } from './proposals.schema.js';
import type { ProposalsService } from './proposals.service.js';

/** The helper answers; a dispatcher may answer for them (they said yes by phone), intake may not. */
const ANSWERING = [...DISPATCH_ROLES, 'helper'] as const;

export function proposalRoutes(api: Api, proposals: ProposalsService): void {
  const tag = 'proposals';
  api.route(
    {
      method: 'get',
      path: '/proposals/:id',
      summary: 'One proposal (a helper sees only their own)',
      tag,
      operationId: 'getProposal',
      errors: ['not_found'],
      roles: [...STAFF_ROLES, 'helper'],
      params: IdParams,
      response: Proposal,
    },
    ({ params, identity }) => proposals.get(params.id, identity),
  );
  api.route(
    {
      method: 'post',
      path: '/proposals/:id/accept',
      summary: 'Accept: the first accept wins, the other proposals are withdrawn',
      tag,
      operationId: 'acceptProposal',
      errors: [
        'forbidden',
        'not_found',
        'request_closed',
        'proposal_closed',
        'proposal_expired',
        'helper_not_feasible',
        'helper_busy',
      ],
      roles: ANSWERING,
      params: IdParams,
      response: Proposal,
    },
    ({ params, identity }) => proposals.accept(params.id, identity, actorOf(identity)),
  );
  api.route(
    {
      method: 'post',
      path: '/proposals/:id/decline',
      summary: 'Decline: the request goes to the next best helper',
      tag,
      operationId: 'declineProposal',
      errors: ['forbidden', 'not_found', 'proposal_closed', 'proposal_expired'],
      roles: ANSWERING,
      params: IdParams,
      body: DeclineBody,
      response: Proposal,
    },
    ({ params, body, identity }) => proposals.decline(params.id, identity, actorOf(identity), body.reason),
  );
  api.route(
    {
      method: 'post',
      path: '/me/series/:id/accept',
      summary: 'Accept every date of a regular help the helper is asked for, in one go (helper token)',
      tag,
      operationId: 'acceptSeriesDates',
      errors: ['not_found'],
      roles: ['helper'],
      params: IdParams,
      response: SeriesAcceptance,
    },
    ({ params, identity }) => proposals.acceptSeries(params.id, helperIdOf(identity), actorOf(identity)),
  );
}
