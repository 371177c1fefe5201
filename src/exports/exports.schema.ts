import { LocalDate } from '../http/common.schema.js';
import { z } from '../http/zod.js';

export const EXPORTS = ['helpers', 'residents', 'requests', 'hours'] as const;
export type ExportName = (typeof EXPORTS)[number];

const format = z
  .enum(['json', 'csv', 'xlsx'])
  .optional()
  .openapi({ description: 'overrides `Accept`: json (default), csv or xlsx (what a download link asks for)' });

export const ListExportQuery = z.strictObject({ format });

/** Requests and hours: those whose window starts in [from, to] (local days), every one without. */
export const PeriodExportQuery = z
  .strictObject({
    format,
    from: LocalDate.optional().openapi({ description: 'first local day (Europe/Amsterdam), inclusive' }),
    to: LocalDate.optional().openapi({ description: 'last local day, inclusive' }),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'to must not be before from' });
export type PeriodExportQuery = z.infer<typeof PeriodExportQuery>;

/** A cell: text, a number or a flag; null where the record has nothing (an empty cell in the file). */
const Cell = z
  .union([z.string(), z.number(), z.boolean()])
  .nullable()
  .openapi({ anyOf: [{ type: 'string', nullable: true }, { type: 'number' }, { type: 'boolean' }] } as object);

export const ExportTable = z
  .object({
    name: z.string().openapi({ description: 'the file name the CSV and XLSX get, without extension' }),
    columns: z.array(z.string()),
    rows: z.array(z.array(Cell)),
  })
  .openapi('ExportTable', { description: 'a list as a table: one row per record, in the order of `columns`' });
export type ExportTable = z.infer<typeof ExportTable>;
