import type { z } from 'zod';
import type { Sheet } from './imports.parse.js';

/** The fields a spreadsheet can fill, each with the column headers it is found under by default. */
export type Columns<F extends string> = Readonly<Record<F, readonly string[]>>;
/** Where each field is in the file: its column's index. */
export type ColumnIndex<F extends string> = Partial<Record<F, number>>;
export type Mapping<F extends string> = Partial<Record<F, string>>;

export interface RowProblem {
  /** The column the problem is in, by its header in the file, or the field when no column holds it. */
  column: string;
  message: string;
}

/** The column index of every field: by the mapping given, else by the default headers (any case). */
export function columnsOf<F extends string>(
  fields: Columns<F>,
  headers: readonly string[],
  mapping: Mapping<F>,
): ColumnIndex<F> {
  const normal = headers.map((h) => h.trim().toLowerCase());
  const columns: ColumnIndex<F> = {};
  for (const field of Object.keys(fields) as F[]) {
    const mapped = mapping[field];
    const wanted = mapped ? [mapped.trim().toLowerCase()] : fields[field];
    const at = normal.findIndex((h) => wanted.includes(h));
    if (at >= 0) columns[field] = at;
  }
  return columns;
}

/** A row's cells by field, trimmed; a field without a column reads as empty. */
export function cellsOf<F extends string>(row: readonly string[], columns: ColumnIndex<F>) {
  return (field: F) => (columns[field] === undefined ? '' : (row[columns[field]] ?? '').trim());
}

export const list = (text: string) =>
  text
    .split(/[;|,]/)
    .map((s) => s.trim())
    .filter(Boolean);
/** A decimal as a Dutch spreadsheet may write it: "5,5". */
export const decimal = (text: string) => (text === '' ? undefined : Number(text.replace(',', '.')));

/** Drops what is undefined, also inside nested objects: an empty cell is a field left out, as in a JSON body. */
export function given(value: Record<string, unknown>): Record<string, unknown> {
  const entries = Object.entries(value).flatMap(([key, v]) => {
    if (v === undefined) return [];
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const inner = given(v as Record<string, unknown>);
      return Object.keys(inner).length ? [[key, inner]] : [];
    }
    return [[key, v]];
  });
  return Object.fromEntries(entries);
}

/** The header of the column that holds `field`, else the field's name. */
export function columnName<F extends string>(sheet: Sheet, columns: ColumnIndex<F>, field: F | string): string {
  const at = columns[field as F];
  return at === undefined ? field : sheet.headers[at]!;
}

/**
 * Validates a row with the API's own schema; problems name the file's column. `fieldOf` says which
 * field an issue's path is about (`location.lat` is the `lat` column).
 */
export function validateRow<F extends string, T>(
  schema: z.ZodType<T>,
  body: Record<string, unknown>,
  sheet: Sheet,
  columns: ColumnIndex<F>,
  fieldOf: (path: string[]) => string,
): { input: T; problems: [] } | { input: null; problems: RowProblem[] } {
  const parsed = schema.safeParse(given(body));
  if (parsed.success) return { input: parsed.data, problems: [] };
  return {
    input: null,
    problems: parsed.error.issues.map((issue) => ({
      column: columnName(sheet, columns, fieldOf(issue.path.map(String)) || 'row'),
      message: issue.message,
    })),
  };
}
