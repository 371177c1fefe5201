import { accessor } from '../audit/audit.routes.js';
import type { AuditService } from '../audit/audit.service.js';
import { STAFF_ROLES } from '../domain.js';
import type { Api } from '../http/api.js';
import { fromDigits, Instant } from '../http/common.schema.js';
import { z } from '../http/zod.js';
import { Board } from './board.schema.js';
import type { BoardService } from './board.service.js';

const EventsQuery = z.strictObject({
  after: fromDigits(z.number().int().min(0)).default(0),
  limit: fromDigits(z.number().int().min(1).max(1000)).default(500),
});

const Event = z
  .object({
    seq: z.number().int(),
    type: z.string(),
    at: Instant,
    data: z.record(z.string(), z.unknown()).openapi({ additionalProperties: true }),
  })
  .openapi('Event');

export function boardRoutes(api: Api, board: BoardService, audit: AuditService): void {
  api.route(
    {
      method: 'get',
      path: '/board',
      summary: 'The snapshot a board starts from; then follow /events or the socket from its seq',
      tag: 'board',
      operationId: 'getBoard',
      audited: true,
      roles: STAFF_ROLES,
      response: Board,
    },
    ({ identity, req }) => {
      const snapshot = board.snapshot();
      // The cards name every resident on the board: one write for them all, an entry each.
      audit.record(
        accessor(identity, req),
        'read',
        snapshot.residents.map((r) => r.id),
      );
      return snapshot;
    },
  );
  api.route(
    {
      method: 'get',
      path: '/events',
      summary: 'Events after a seq, in seq order',
      tag: 'board',
      operationId: 'listEvents',
      roles: STAFF_ROLES,
      query: EventsQuery,
      response: z.array(Event),
    },
    ({ query }) => board.eventsAfter(query.after, query.limit),
  );
}
