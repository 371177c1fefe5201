import type { z } from 'zod';
import { HelperCreate } from '../helpers/helpers.schema.js';
import type { Sheet } from './imports.parse.js';

/** The helper fields a spreadsheet can fill, and the column headers each is found under by default. */
export const HELPER_COLUMNS = {
  name: ['name', 'naam'],
  kind: ['kind', 'soort'],
  track: ['track', 'richting'],
  skills: ['skills', 'vaardigheden'],
  lat: ['lat', 'breedtegraad'],
  lon: ['lon', 'lengtegraad'],
  maxTravelKm: ['maxtravelkm', 'max km', 'reisafstand'],
  availability: ['availability', 'beschikbaarheid'],
  maxHoursPerWeek: ['maxhoursperweek', 'uren per week'],
  phone: ['phone', 'telefoon'],
  email: ['email', 'e-mail'],
  languages: ['languages', 'talen'],
  activeFrom: ['activefrom', 'vanaf'],
  activeUntil: ['activeuntil', 'tot en met'],
} as const;
export type HelperColumn = keyof typeof HELPER_COLUMNS;
const REQUIRED: readonly HelperColumn[] = ['name', 'kind', 'track', 'skills', 'lat', 'lon', 'maxTravelKm'];

const KINDS: Record<string, string> = { werkzoekende: 'jobseeker', vrijwilliger: 'volunteer' };
const TRACKS: Record<string, string> = {
  zorg: 'care',
  groen: 'green',
  schoonmaak: 'cleaning',
  gezondheid: 'health',
  handig: 'handy',
  klussen: 'handy',
};
const WEEKDAYS: Record<string, number> = { ma: 1, di: 2, wo: 3, do: 4, vr: 5, za: 6, zo: 7 };

/** The column index of every field: by the mapping given, else by the default headers (any case). */
export function columnsOf(
  headers: readonly string[],
  mapping: Partial<Record<HelperColumn, string>>,
): { columns: Partial<Record<HelperColumn, number>>; missing: HelperColumn[] } {
  const normal = headers.map((h) => h.trim().toLowerCase());
  const columns: Partial<Record<HelperColumn, number>> = {};
  for (const field of Object.keys(HELPER_COLUMNS) as HelperColumn[]) {
    const wanted = mapping[field] ? [mapping[field].trim().toLowerCase()] : HELPER_COLUMNS[field];
    const at = normal.findIndex((h) => (wanted as readonly string[]).includes(h));
    if (at >= 0) columns[field] = at;
  }
  return { columns, missing: REQUIRED.filter((field) => columns[field] === undefined) };
}

const list = (text: string) =>
  text
    .split(/[;|,]/)
    .map((s) => s.trim())
    .filter(Boolean);
/** A decimal as a Dutch spreadsheet may write it: "5,5". */
const decimal = (text: string) => (text === '' ? undefined : Number(text.replace(',', '.')));

/** "ma 09:00-17:00, wo 13:00-17:00" (or weekday numbers, 1 = Monday) as weekly slots. */
function slots(text: string) {
  return text
    .split(/[,;]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((slot) => {
      const match = /^(\w+)\s+(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})$/.exec(slot);
      if (!match) return { weekday: Number.NaN, start: slot, end: slot };
      const [, day, start, end] = match;
      const weekday = WEEKDAYS[day!.toLowerCase().slice(0, 2)] ?? Number(day);
      return { weekday, start: start!.padStart(5, '0'), end: end!.padStart(5, '0') };
    });
}

/** A row as the body `POST /helpers` takes, before validation. */
export function helperInput(row: readonly string[], columns: Partial<Record<HelperColumn, number>>) {
  const cell = (field: HelperColumn) => (columns[field] === undefined ? '' : (row[columns[field]] ?? '').trim());
  const optional = <T>(field: HelperColumn, read: (text: string) => T) => (cell(field) ? read(cell(field)) : undefined);
  const kind = cell('kind').toLowerCase();
  const track = cell('track').toLowerCase();
  return {
    name: cell('name'),
    kind: KINDS[kind] ?? kind,
    track: TRACKS[track] ?? track,
    skills: list(cell('skills')),
    location: { lat: decimal(cell('lat')), lon: decimal(cell('lon')) },
    maxTravelKm: decimal(cell('maxTravelKm')),
    availability: optional('availability', slots),
    maxHoursPerWeek: optional('maxHoursPerWeek', decimal),
    phone: optional('phone', String),
    email: optional('email', (e) => e.toLowerCase()),
    languages: optional('languages', list),
    activeFrom: optional('activeFrom', String),
    activeUntil: optional('activeUntil', String),
  };
}

export interface RowProblem {
  /** The column the problem is in, by its header in the file, or the field when no column holds it. */
  column: string;
  message: string;
}

/** Validates a row with the API's own schema; problems name the file's column. */
export function validateRow(
  sheet: Sheet,
  row: readonly string[],
  columns: Partial<Record<HelperColumn, number>>,
): { input: HelperCreate; problems: [] } | { input: null; problems: RowProblem[] } {
  // An empty cell is a field left out, as in a JSON body: the service's defaults apply.
  const given = Object.entries(helperInput(row, columns)).filter(([, value]) => value !== undefined);
  const parsed = HelperCreate.safeParse(Object.fromEntries(given));
  if (parsed.success) return { input: parsed.data, problems: [] };
  return { input: null, problems: parsed.error.issues.map((issue) => problemOf(sheet, columns, issue)) };
}

function problemOf(sheet: Sheet, columns: Partial<Record<HelperColumn, number>>, issue: z.core.$ZodIssue): RowProblem {
  const [first, second] = issue.path.map(String);
  const field = (first === 'location' ? second : first) as HelperColumn;
  const at = columns[field];
  return { column: at === undefined ? String(field ?? 'row') : sheet.headers[at]!, message: issue.message };
}
