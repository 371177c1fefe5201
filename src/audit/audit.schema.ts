import { AUDIT_ACTIONS } from '../db/schema/audit.js';
import { ROLES } from '../domain.js';
import { DateTime, fromDigits } from '../http/common.schema.js';
import { z } from '../http/zod.js';

export const AuditQuery = z.strictObject({
  residentId: fromDigits(z.number().int().positive()).optional(),
  from: DateTime.optional().openapi({ description: 'entries at or after this' }),
  to: DateTime.optional().openapi({ description: 'entries before this' }),
  action: z.enum(AUDIT_ACTIONS).optional(),
  actor: z
    .string()
    .regex(/^(user|helper):\d+$/, '`user:ID` or `helper:ID`')
    .optional()
    .openapi({ description: 'who: `user:ID` or `helper:ID`', example: 'user:3' }),
  limit: fromDigits(z.number().int().min(1).max(5000)).default(500),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z
  .object({
    at: z.iso.datetime({ offset: true }),
    actor: z.string().openapi({ description: '`user:ID` or `helper:ID`', example: 'user:3' }),
    role: z.enum(ROLES),
    action: z.enum(AUDIT_ACTIONS),
    residentId: z.number().int(),
    origin: z.string().nullable().openapi({ description: 'the address the call came from' }),
  })
  .openapi('AuditEntry');
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditList = z.object({ entries: z.array(AuditEntry) }).openapi('AuditList');
