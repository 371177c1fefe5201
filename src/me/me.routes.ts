import { accessor } from '../audit/audit.routes.js';
import { helperIdOf } from '../auth/auth.types.js';
import type { Api } from '../http/api.js';
import { z } from '../http/zod.js';
import { MyHours, MyJob, MyProposal } from './me.schema.js';
import type { MeService } from './me.service.js';

export function meRoutes(api: Api, me: MeService): void {
  const tag = 'me';
  api.route(
    {
      method: 'get',
      path: '/me/proposals',
      summary: "The helper's open proposals (helper token)",
      tag,
      roles: ['helper'],
      response: z.array(MyProposal),
    },
    ({ identity }) => me.proposals(helperIdOf(identity)),
  );
  api.route(
    {
      method: 'get',
      path: '/me/schedule',
      summary: "The helper's jobs, with address and phone while assigned (helper token)",
      tag,
      audited: true,
      roles: ['helper'],
      response: z.array(MyJob),
    },
    ({ identity, req }) => me.schedule(helperIdOf(identity), accessor(identity, req)),
  );
  api.route(
    {
      method: 'get',
      path: '/me/hours',
      summary: "The helper's hours of completed jobs, per track and per skill (helper token)",
      tag,
      roles: ['helper'],
      response: MyHours,
    },
    ({ identity }) => me.hours(helperIdOf(identity)),
  );
}
