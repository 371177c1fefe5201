import { actorOf } from '../auth/auth.types.js';
import { DISPATCH_ROLES } from '../domain.js';
import type { Api } from '../http/api.js';
import { RoundResult } from './rounds.schema.js';
import type { RoundsService } from './rounds.service.js';

export function roundRoutes(api: Api, rounds: RoundsService): void {
  api.route(
    {
      method: 'post',
      path: '/matching/run',
      summary: 'A global round: propose every open request at once, maximising the total score',
      tag: 'matching',
      operationId: 'runMatchingRound',
      roles: DISPATCH_ROLES,
      response: RoundResult,
    },
    ({ identity }) => rounds.run(actorOf(identity)),
  );
}
