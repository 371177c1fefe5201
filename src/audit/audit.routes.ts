import type { Request } from 'express';
import type { Identity } from '../auth/auth.types.js';
import type { Api } from '../http/api.js';
import { AuditList, AuditQuery } from './audit.schema.js';
import type { Accessor, AuditService } from './audit.service.js';

/** The caller of a route as the audit log writes them down: who, and from which address. */
export function accessor(identity: Identity, req: Request): Accessor {
  return { identity, origin: req.ip ?? null };
}

export function auditRoutes(api: Api, audit: AuditService): void {
  api.route(
    {
      method: 'get',
      path: '/audit',
      summary: "Who read or changed residents' personal data, newest first",
      tag: 'audit',
      operationId: 'listAudit',
      roles: ['admin'],
      query: AuditQuery,
      response: AuditList,
    },
    ({ query }) => ({ entries: audit.list(query) }),
  );
}
