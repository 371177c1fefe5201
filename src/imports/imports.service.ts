import type { Address } from '../addresses/addresses.schema.js';
import type { AddressesService } from '../addresses/addresses.service.js';
import type { Place } from '../addresses/addresses.types.js';
import type { Accessor } from '../audit/audit.service.js';
import type { Db } from '../db/client.js';
import type { UnitOfWork } from '../db/unit-of-work.js';
import { AppError } from '../errors.js';
import type { HelpersService } from '../helpers/helpers.service.js';
import type { ResidentsService } from '../residents/residents.service.js';
import type { SkillsService } from '../skills/skills.service.js';
import { helperImport } from './helper-rows.js';
import type { ImportKind, PlannedRow } from './import-kind.js';
import { cellsOf, columnName, columnsOf, type RowProblem, validateRow } from './import-rows.js';
import { readSheet, type Sheet } from './imports.parse.js';
import { savedMapping, saveMapping } from './imports.repo.js';
import type { ImportKindName, ImportQuery } from './imports.schema.js';
import { residentImport } from './resident-rows.js';

/** A school's list is hundreds of rows; this keeps one upload within a request's time. */
export const MAX_ROWS = 5_000;
/** Addresses looked up at once: enough to hide the geocoder's latency, few enough not to flood it. */
const LOOKUPS_AT_ONCE = 8;

/** How far an import is: rows checked (addresses looked up) of all, then writing. */
export interface ImportProgress {
  phase: 'check' | 'write';
  done: number;
  total: number;
}

export interface ImportOptions {
  /** Who imports, for the access log of the residents created; null from the command line. */
  accessor?: Accessor | null;
  onProgress?: (progress: ImportProgress) => void;
}

export interface ImportOutcome {
  dryRun: boolean;
  imported: boolean;
  created: number;
  updated: number;
  rejected: number;
  rows: { row: number; action: 'create' | 'update' | 'reject'; id: number | null; problems: RowProblem[] }[];
}

/** The field an issue's path is about: `location.lat` is the `lat` column, `address.postcode` the `postcode` one. */
function fieldOf(path: readonly string[]): string {
  const [first, second] = path;
  if (first === 'location') return second ?? 'lat';
  if (first === 'address') return second ?? 'postcode';
  return first ?? 'row';
}

/**
 * Helpers or residents from a spreadsheet (CSV or XLSX), by one machinery: every row is validated
 * with the API's own schema, its address looked up, and reported as create, update or reject, with
 * why. Without `dryRun` the rows are written in one transaction, and only when no row is rejected: a
 * list is never half-imported.
 */
export function createImportsService(deps: {
  db: Db;
  work: UnitOfWork;
  addresses: AddressesService;
  helpers: HelpersService;
  residents: ResidentsService;
  skills: SkillsService;
}) {
  const { db, work, addresses } = deps;
  const kinds = {
    helpers: helperImport(deps),
    residents: residentImport(deps),
  } satisfies Record<ImportKindName, unknown>;

  async function run<F extends string, T extends { address?: Address | undefined; location?: unknown }>(
    kind: ImportKind<F, T>,
    sheet: Sheet,
    query: ImportQuery,
    actor: string,
    options: ImportOptions,
  ): Promise<ImportOutcome> {
    const columns = columnsOf(kind.columns, sheet.headers, query.mapping as Partial<Record<F, string>>);
    const missing = kind.missing(columns);
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

    const total = sheet.rows.length;
    let done = 0;
    // One report per percent: a 5,000-row file sends a hundred, not five thousand.
    let shown = -1;
    const progress = (phase: ImportProgress['phase']) => {
      const percent = total === 0 ? 100 : Math.floor((done * 100) / total);
      if (phase === 'check' && percent === shown) return;
      shown = percent;
      options.onProgress?.({ phase, done, total });
    };
    const blame = (problems: { field: string; message: string }[]) =>
      problems.map((p) => ({ column: columnName(sheet, columns, p.field), message: p.message }));

    const checked = sheet.rows.map((cells, i) => {
      const valid = validateRow(kind.schema, kind.body(cellsOf(cells, columns)), sheet, columns, fieldOf);
      const problems = valid.input ? blame(kind.check(valid.input)) : valid.problems;
      return { row: i + 2, input: problems.length ? null : valid.input, place: null as Place | null, problems };
    });
    progress('check');
    const toFind = checked.filter((c) => c.input?.address && !c.input.location);
    done = checked.length - toFind.length;
    const found = await addresses.locateAll(
      toFind.map((c) => c.input!.address!),
      {
        width: LOOKUPS_AT_ONCE,
        onEach: () => {
          done++;
          progress('check');
        },
      },
    );
    found.forEach((answer, i) => {
      const c = toFind[i]!;
      if ('place' in answer) c.place = answer.place;
      else {
        const problems = answer.error.details.map((d) => ({
          field: fieldOf((d.field ?? 'address').split('.')),
          message: d.message,
        }));
        [c.input, c.problems] = [null, blame(problems)];
      }
    });
    done = total;
    progress('check');

    const stored = kind.stored(
      db,
      checked.flatMap((c) => (c.input ? [c.input] : [])),
    );
    const seen = new Map<string, number>();
    const planned = checked.map((c) => {
      const key = c.input ? kind.identity.key(c.input) : null;
      const first = key === null ? undefined : seen.get(key);
      if (key !== null && first === undefined) seen.set(key, c.row);
      const storedId = key === null ? undefined : stored.get(key);
      const duplicate =
        first !== undefined
          ? `${kind.identity.duplicate} ${first}`
          : storedId !== undefined && kind.whenStored.action === 'reject'
            ? kind.whenStored.message(storedId)
            : null;
      if (!c.input || duplicate) {
        const problems = duplicate ? blame([{ field: kind.identity.field, message: duplicate }]) : c.problems;
        return { row: c.row, action: 'reject' as const, id: null, problems, input: null, place: null };
      }
      const id = storedId ?? null;
      return {
        row: c.row,
        action: id ? ('update' as const) : ('create' as const),
        id,
        problems: [],
        input: c.input,
        place: c.place,
      };
    });

    const count = (action: ImportOutcome['rows'][number]['action']) =>
      planned.filter((p) => p.action === action).length;
    const rejected = count('reject');
    const imported = !query.dryRun && rejected === 0;
    if (imported) {
      progress('write');
      work(actor, (w) => {
        for (const p of planned) p.id = kind.write(w, p as PlannedRow<T>, actor, options.accessor ?? null);
      });
    }
    return {
      dryRun: query.dryRun,
      imported,
      created: count('create'),
      updated: count('update'),
      rejected,
      rows: planned.map(({ row, action, id, problems }) => ({ row, action, id, problems })),
    };
  }

  return {
    /**
     * Imports one kind from a file: the query's mapping goes on top of the organisation's saved one.
     */
    async run(
      kindName: ImportKindName,
      file: { type: string; bytes: Buffer },
      query: ImportQuery,
      actor: string,
      options: ImportOptions = {},
    ): Promise<ImportOutcome> {
      const sheet = await readSheet(file);
      const mapping = { ...savedMapping(db, kindName), ...query.mapping };
      const kind = kinds[kindName] as ImportKind<string, { address?: Address; location?: unknown }>;
      return run(kind, sheet, { ...query, mapping }, actor, options);
    },

    /** The organisation's saved mapping of one kind, and the fields it may name. */
    mapping(kindName: ImportKindName) {
      const columns: Record<string, readonly string[]> = kinds[kindName].columns;
      const fields = Object.entries(columns).map(([field, headers]) => ({ field, headers: [...headers] }));
      return { mapping: savedMapping(db, kindName), fields };
    },

    /** Saves the mapping the organisation's lists use from now on (it replaces the saved one). */
    saveMapping(kindName: ImportKindName, mapping: Record<string, string | undefined>) {
      const clean = Object.fromEntries(
        Object.entries(mapping).filter((e): e is [string, string] => e[1] !== undefined),
      );
      saveMapping(db, kindName, clean);
      return this.mapping(kindName);
    },
  };
}

export type ImportsService = ReturnType<typeof createImportsService>;
