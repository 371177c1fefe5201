import { z } from '../http/zod.js';
import { HELPER_COLUMNS, type HelperColumn } from './helper-rows.js';

const FIELDS = Object.keys(HELPER_COLUMNS) as [HelperColumn, ...HelperColumn[]];

export const ImportQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true')
    .openapi({ description: 'true (default): report per row what would happen and write nothing' }),
  mapping: z
    .string()
    .max(2000)
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return {};
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'expected JSON: {"field": "column header"}' });
        return z.NEVER;
      }
    })
    .pipe(z.partialRecord(z.enum(FIELDS), z.string().trim().min(1).max(100)))
    .openapi({
      type: 'string',
      description: `JSON {field: column header} for columns not under their usual header; fields: ${FIELDS.join(', ')}`,
      example: '{"name":"Naam leerling"}',
    }),
});
export type ImportQuery = z.infer<typeof ImportQuery>;

export const ImportRow = z
  .object({
    row: z.number().int().openapi({ description: 'the line in the file; the header is line 1' }),
    action: z.enum(['create', 'update', 'reject']),
    helperId: z.number().int().nullable().openapi({ description: 'update: the helper with this e-mail address' }),
    problems: z.array(z.object({ column: z.string(), message: z.string() })),
  })
  .openapi('ImportRow');
export type ImportRow = z.infer<typeof ImportRow>;

export const ImportReport = z
  .object({
    dryRun: z.boolean(),
    imported: z.boolean().openapi({ description: 'the rows were written (never when any row is rejected)' }),
    created: z.number().int(),
    updated: z.number().int(),
    rejected: z.number().int(),
    rows: z.array(ImportRow),
  })
  .openapi('ImportReport');
export type ImportReport = z.infer<typeof ImportReport>;
