import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { centroidWriter, type NewCentroidRow } from './postcodes.repo.js';
import { rdToWgs84 } from './rd.js';

/** The table's fields, and the column headers each is found under unless a flag names another. */
export const CENTROID_COLUMNS = {
  postcode: ['postcode', 'pc6', 'pc4', 'postcode6', 'postcode4'],
  lat: ['lat', 'latitude', 'breedtegraad'],
  lon: ['lon', 'lng', 'longitude', 'lengtegraad'],
  // RD (EPSG:28992) in metres, as CBS and PDOK publish their postcode tables; read when no lat/lon is there.
  x: ['x', 'x_rd', 'rd_x', 'xrd', 'rdx'],
  y: ['y', 'y_rd', 'rd_y', 'yrd', 'rdy'],
  city: ['woonplaats', 'woonplaatsnaam', 'city', 'plaats'],
  street: ['straat', 'straatnaam', 'street'],
  wijkCode: ['wijkcode', 'wijk_code', 'wk_code'],
  wijkName: ['wijknaam', 'wijk_naam', 'wk_naam', 'wijk'],
  buurtCode: ['buurtcode', 'buurt_code', 'bu_code'],
  buurtName: ['buurtnaam', 'buurt_naam', 'bu_naam', 'buurt'],
} as const;
export type CentroidField = keyof typeof CENTROID_COLUMNS;

/** Where a row's point is read from: WGS84 degrees, or RD metres converted to them. */
type Coordinates = 'wgs84' | 'rd';
const COORDINATE_FIELDS: Record<Coordinates, readonly CentroidField[]> = { wgs84: ['lat', 'lon'], rd: ['x', 'y'] };

/** A decimal as Dutch spreadsheets write it too: "50,8915". */
const decimal = z.preprocess((v) => (typeof v === 'string' ? Number(v.trim().replace(',', '.')) : v), z.number());
const optionalText = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null),
  z.string().max(120).nullable(),
);

/** One row, checked as the API checks an address: a Dutch postcode, and a point inside the Netherlands. */
const CentroidRecord = z.object({
  postcode: z
    .string()
    .transform((p) => p.replace(/\s/g, '').toUpperCase())
    .pipe(z.string().regex(/^[1-9]\d{3}([A-Z]{2})?$/, 'not a PC6 (6371AB) or PC4 (6371) postcode')),
  lat: decimal.pipe(z.number().min(50.7, 'south of the Netherlands').max(53.6, 'north of the Netherlands')),
  lon: decimal.pipe(z.number().min(3.3, 'west of the Netherlands').max(7.3, 'east of the Netherlands')),
  city: optionalText,
  street: optionalText,
  wijkCode: optionalText,
  wijkName: optionalText,
  buurtCode: optionalText,
  buurtName: optionalText,
});

/**
 * An RD point inside the grid's Dutch part (the extent RDNAPTRANS is defined on), so degrees put in x and
 * y by mistake are refused rather than converted to somewhere in the North Sea.
 */
const inRange = (min: number, max: number) => {
  const message = `not RD metres (${min} to ${max})`;
  return decimal.pipe(z.number().min(min, message).max(max, message));
};
const RdPoint = z.object({ x: inRange(7_000, 300_000), y: inRange(289_000, 629_000) });

/** A micro-degree is 0.1 m: finer than the conversion is good for. */
const microDegrees = (v: number) => Math.round(v * 1e6) / 1e6;

export interface Rejected {
  /** The line in the file, the header being line 1. */
  line: number;
  reason: string;
}

export interface ImportReport {
  rows: number;
  added: number;
  replaced: number;
  rejected: Rejected[];
  dryRun: boolean;
}

export interface ImportOptions {
  /** A column header per field, beside the defaults (CENTROID_COLUMNS). */
  columns?: Partial<Record<CentroidField, string>>;
  /** `,`, `;` or a tab; guessed from the header line when left out. */
  delimiter?: string;
  dryRun?: boolean;
  now: number;
  /** Called as rows are checked, then as they are written: `done` of `total`. */
  progress?: (phase: 'checking' | 'writing', done: number, total: number) => void;
}

function guessDelimiter(text: string): string {
  const header = text.slice(0, text.indexOf('\n') >>> 0);
  const counts = [',', ';', '\t'].map((d) => [d, header.split(d).length] as const);
  return counts.sort((a, b) => b[1] - a[1])[0]![0];
}

/**
 * WGS84 unless x or y is named by a flag, or the header has x and y among the defaults but no lat or lon
 * (a table with both is read by its degrees, which need no conversion).
 */
function coordinatesOf(lower: string[], named: NonNullable<ImportOptions['columns']>): Coordinates {
  const namedRd = named.x !== undefined || named.y !== undefined;
  if (namedRd && (named.lat !== undefined || named.lon !== undefined))
    throw new Error('name either --lat and --lon (WGS84) or --x and --y (RD), not both');
  if (namedRd) return 'rd';
  if (named.lat !== undefined || named.lon !== undefined) return 'wgs84';
  const has = (field: CentroidField) => lower.some((h) => (CENTROID_COLUMNS[field] as readonly string[]).includes(h));
  return !has('lat') && !has('lon') && has('x') && has('y') ? 'rd' : 'wgs84';
}

/** Which column index holds each field; a required field without a column stops the import. */
function columnsOf(
  header: string[],
  named: ImportOptions['columns'] = {},
): { coordinates: Coordinates; columns: Partial<Record<CentroidField, number>> } {
  const lower = header.map((h) => h.trim().toLowerCase());
  const coordinates = coordinatesOf(lower, named);
  const unused = COORDINATE_FIELDS[coordinates === 'rd' ? 'wgs84' : 'rd'];
  const required = ['postcode', ...COORDINATE_FIELDS[coordinates]];
  const found: Partial<Record<CentroidField, number>> = {};
  const missing: string[] = [];
  for (const field of Object.keys(CENTROID_COLUMNS) as CentroidField[]) {
    if (unused.includes(field)) continue;
    const wanted = named[field];
    const index = wanted
      ? lower.indexOf(wanted.trim().toLowerCase())
      : lower.findIndex((h) => (CENTROID_COLUMNS[field] as readonly string[]).includes(h));
    if (index >= 0) found[field] = index;
    else if (wanted || required.includes(field)) missing.push(wanted ? `${field} (column "${wanted}")` : field);
  }
  if (coordinates === 'wgs84' && found.lat === undefined && found.lon === undefined)
    missing.push('(or x, y for RD coordinates)');
  if (missing.length > 0)
    throw new Error(`no column for ${missing.join(', ')}; the header has: ${header.join(', ')}. Name it with a flag.`);
  return { coordinates, columns: found };
}

/**
 * Loads a PC6 or PC4 centroid table from CSV text: every row checked, the bad ones reported by line,
 * the good ones written in one transaction (or, in a dry run, not at all). A postcode already in the
 * table is replaced, so a newer download updates the old one.
 */
export function importCentroids(db: Db, text: string, options: ImportOptions): ImportReport {
  const records: string[][] = parse(text, {
    delimiter: options.delimiter ?? guessDelimiter(text),
    bom: true,
    skip_empty_lines: true,
    relax_column_count: true,
    trim: true,
  });
  const [header, ...rows] = records;
  if (!header) throw new Error('the file is empty');
  const { coordinates, columns } = columnsOf(header, options.columns);
  const rejected: Rejected[] = [];
  const valid: NewCentroidRow[] = [];
  const lineOf = new Map<string, number>();
  const firstIssue = (error: z.ZodError) => `${error.issues[0]!.path.join('.')}: ${error.issues[0]!.message}`;
  rows.forEach((cells, i) => {
    const line = i + 2;
    const raw: Record<string, unknown> = Object.fromEntries(
      Object.entries(columns).map(([field, index]) => [field, cells[index] ?? '']),
    );
    const rd = coordinates === 'rd' ? RdPoint.safeParse(raw) : null;
    if (rd?.success) {
      const { lat, lon } = rdToWgs84(rd.data.x, rd.data.y);
      Object.assign(raw, { lat: microDegrees(lat), lon: microDegrees(lon) });
    }
    const parsed = rd && !rd.success ? rd : CentroidRecord.safeParse(raw);
    if (!parsed.success) {
      rejected.push({ line, reason: firstIssue(parsed.error) });
    } else if (lineOf.has(parsed.data.postcode)) {
      rejected.push({
        line,
        reason: `postcode: ${parsed.data.postcode} is also on line ${lineOf.get(parsed.data.postcode)}`,
      });
    } else {
      lineOf.set(parsed.data.postcode, line);
      valid.push({ ...parsed.data, importedAt: options.now });
    }
    if (line % 1000 === 0) options.progress?.('checking', i + 1, rows.length);
  });
  options.progress?.('checking', rows.length, rows.length);
  const counts = { added: 0, replaced: 0 };
  const upsert = centroidWriter(db);
  const write = db.$client.transaction(() => {
    valid.forEach((row, i) => {
      counts[upsert(row)]++;
      if ((i + 1) % 1000 === 0) options.progress?.('writing', i + 1, valid.length);
    });
    options.progress?.('writing', valid.length, valid.length);
    if (options.dryRun) throw new DryRun();
  });
  try {
    write();
  } catch (err) {
    if (!(err instanceof DryRun)) throw err;
  }
  return { rows: rows.length, ...counts, rejected, dryRun: options.dryRun ?? false };
}

/** Rolls a dry run's transaction back, so it counts what would be added and replaced and keeps nothing. */
class DryRun extends Error {}
