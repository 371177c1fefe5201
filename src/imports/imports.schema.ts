import { z } from '../http/zod.js';
import { HELPER_COLUMNS } from './helper-rows.js';
import { RESIDENT_COLUMNS } from './resident-rows.js';

export const IMPORT_KINDS = ['helpers', 'residents'] as const;
export type ImportKindName = (typeof IMPORT_KINDS)[number];

const fieldsOf = (columns: object) => Object.keys(columns) as [string, ...string[]];
const FIELDS = { helpers: fieldsOf(HELPER_COLUMNS), residents: fieldsOf(RESIDENT_COLUMNS) } as const;

/** {field: column header}, for one kind's fields. */
const mappingOf = (kind: ImportKindName) => z.partialRecord(z.enum(FIELDS[kind]), z.string().trim().min(1).max(100));

function importQuery(kind: ImportKindName) {
  return z.strictObject({
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
      .pipe(mappingOf(kind))
      .openapi({
        type: 'string',
        description: `JSON {field: column header} for columns not under their usual header, on top of the organisation's saved mapping; fields: ${FIELDS[kind].join(', ')}`,
        example: '{"name":"Naam leerling"}',
      }),
  });
}

export const HelperImportQuery = importQuery('helpers');
export const ResidentImportQuery = importQuery('residents');
export type ImportQuery = { dryRun: boolean; mapping: Record<string, string | undefined> };

/** The saved mapping of one kind, as stored and as the page edits it. */
export const SavedMapping = z
  .strictObject({
    mapping: z.record(z.string(), z.string()),
    fields: z
      .array(z.object({ field: z.string(), headers: z.array(z.string()) }))
      .openapi({ description: 'every field a list can fill, with the headers it is found under when not mapped' }),
  })
  .openapi('ImportMapping');

export const MappingBody = {
  helpers: z.strictObject({ mapping: mappingOf('helpers') }).openapi('HelperImportMappingBody'),
  residents: z.strictObject({ mapping: mappingOf('residents') }).openapi('ResidentImportMappingBody'),
};

const problems = z.array(z.object({ column: z.string(), message: z.string() }));
const action = z.enum(['create', 'update', 'reject']);
const line = z.number().int().openapi({ description: 'the line in the file; the header is line 1' });

export const ImportRow = z
  .object({
    row: line,
    action,
    helperId: z.number().int().nullable().openapi({ description: 'update: the helper with this e-mail address' }),
    problems,
  })
  .openapi('ImportRow');
export type ImportRow = z.infer<typeof ImportRow>;

export const ResidentImportRow = z
  .object({
    row: line,
    action,
    residentId: z.number().int().nullable().openapi({ description: 'the resident created (after the real run)' }),
    problems,
  })
  .openapi('ResidentImportRow');
export type ResidentImportRow = z.infer<typeof ResidentImportRow>;

const counts = {
  dryRun: z.boolean(),
  imported: z.boolean().openapi({ description: 'the rows were written (never when any row is rejected)' }),
  created: z.number().int(),
  updated: z.number().int(),
  rejected: z.number().int(),
};

export const ImportReport = z.object({ ...counts, rows: z.array(ImportRow) }).openapi('ImportReport');
export type ImportReport = z.infer<typeof ImportReport>;

export const ResidentImportReport = z
  .object({ ...counts, rows: z.array(ResidentImportRow) })
  .openapi('ResidentImportReport');
export type ResidentImportReport = z.infer<typeof ResidentImportReport>;
