import { IdempotencyHeaders } from '../idempotency/idempotency.js';
import { actorOf } from '../auth/auth.types.js';
import type { Api } from '../http/api.js';
import { IdParams } from '../http/common.schema.js';
import { z } from '../http/zod.js';
import { StatementPeriod, StatementSignOff } from './statement.schema.js';
import type { StatementService } from './statement.service.js';

/** The hours statements' sign-offs: the coach signs, the office and the coach read them back. */
export function statementRoutes(api: Api, statements: StatementService): void {
  const tag = 'learning';
  api.route(
    {
      method: 'post',
      path: '/helpers/:id/statement-sign-offs',
      summary: "Sign off a participant's hours statement for a period, freezing its totals (their coach)",
      tag,
      operationId: 'signOffStatement',
      errors: ['not_found', 'idempotency_key_reused'],
      roles: ['coach'],
      params: IdParams,
      body: StatementPeriod,
      headers: IdempotencyHeaders,
      response: StatementSignOff,
      status: 201,
    },
    ({ params, body, identity, req }) =>
      statements.signOff(identity, params.id, body, actorOf(identity), req.get('idempotency-key')),
  );
  api.route(
    {
      method: 'get',
      path: '/helpers/:id/statement-sign-offs',
      summary: "The sign-offs of a participant's hours statements, newest first",
      tag,
      operationId: 'listStatementSignOffs',
      errors: ['not_found'],
      roles: ['admin', 'dispatcher', 'coach'],
      params: IdParams,
      response: z.array(StatementSignOff),
    },
    ({ params, identity }) => statements.signOffs(identity, params.id),
  );
}
