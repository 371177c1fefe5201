import type { Db } from '../db/client.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError } from '../errors.js';
import type { HelpersService } from '../helpers/helpers.service.js';
import type { HelperCreate } from '../helpers/helpers.schema.js';
import { codeOf } from '../helpers/helper-skills.js';
import type { SkillsService } from '../skills/skills.service.js';
import { columnsOf, validateRow } from './helper-rows.js';
import { readSheet } from './imports.parse.js';
import { helpersByEmail } from './imports.repo.js';
import type { ImportQuery, ImportReport, ImportRow } from './imports.schema.js';

/** A school's list is hundreds of rows; this keeps one upload within a request's time. */
export const MAX_ROWS = 5_000;

/**
 * Helpers from a spreadsheet (CSV or XLSX): every row is validated with the API's own schema and
 * reported as create, update (a helper with that e-mail address exists) or reject, with why. Without
 * `dryRun` the rows are written in one transaction, and only when no row is rejected: a list is never
 * half-imported.
 */
export function createImportsService(deps: {
  db: Db;
  work: UnitOfWork;
  helpers: HelpersService;
  skills: SkillsService;
}) {
  const { db, work, helpers, skills } = deps;

  /** The catalogue's check, as the row's problems: an unknown skill is a rejected row, not a failed file. */
  function skillProblems(input: HelperCreate, column: string): { column: string; message: string }[] {
    try {
      skills.assertKnown(input.skills.map(codeOf));
      return [];
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return err.details.map((d) => ({ column, message: d.message }));
    }
  }

  return {
    async helpers(file: { type: string; bytes: Buffer }, query: ImportQuery, actor: string): Promise<ImportReport> {
      const sheet = await readSheet(file);
      const { columns, missing } = columnsOf(sheet.headers, query.mapping);
      if (missing.length > 0)
        throw new AppError(
          'validation_failed',
          'columns are missing',
          missing.map((field) => ({ field: `mapping.${field}`, in: 'query', message: `no column for ${field}` })),
        );
      if (sheet.rows.length > MAX_ROWS)
        throw new AppError('validation_failed', `at most ${MAX_ROWS} rows`, [
          { field: 'body', in: 'body', message: `the file has ${sheet.rows.length} rows; at most ${MAX_ROWS}` },
        ]);

      const checked = sheet.rows.map((cells, i) => {
        const valid = validateRow(sheet, cells, columns);
        const problems = valid.input ? skillProblems(valid.input, sheet.headers[columns.skills!]!) : valid.problems;
        return { row: i + 2, input: problems.length ? null : valid.input, problems };
      });
      const emails = checked.flatMap((c) => (c.input?.email ? [c.input.email] : []));
      const existing = helpersByEmail(db, emails);
      const seen = new Map<string, number>();
      const planned: (ImportRow & { input: HelperCreate | null })[] = checked.map((c) => {
        const email = c.input?.email ?? undefined;
        const first = email ? seen.get(email) : undefined;
        if (email && first === undefined) seen.set(email, c.row);
        if (!c.input || first !== undefined) {
          const problems =
            first !== undefined
              ? [{ column: 'email', message: `the same e-mail address as row ${first}` }]
              : c.problems;
          return { row: c.row, action: 'reject', helperId: null, problems, input: null };
        }
        const helperId = email ? (existing.get(email) ?? null) : null;
        return { row: c.row, action: helperId ? 'update' : 'create', helperId, problems: [], input: c.input };
      });

      const count = (action: ImportRow['action']) => planned.filter((p) => p.action === action).length;
      const rejected = count('reject');
      const imported = !query.dryRun && rejected === 0;
      if (imported)
        work(actor, (w) => {
          for (const p of planned) {
            if (p.action === 'update') helpers.updateIn(w, p.helperId!, p.input!, actor, null);
            else p.helperId = helpers.createIn(w, p.input!, actor, null).id;
          }
        });
      return {
        dryRun: query.dryRun,
        imported,
        created: count('create'),
        updated: count('update'),
        rejected,
        rows: planned.map(({ input: _input, ...row }) => row),
      };
    },
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;
