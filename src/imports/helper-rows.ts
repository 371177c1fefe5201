import { AppError } from '../errors.js';
import { codeOf } from '../helpers/helper-skills.js';
import { HelperCreate } from '../helpers/helpers.schema.js';
import type { HelpersService } from '../helpers/helpers.service.js';
import type { SkillsService } from '../skills/skills.service.js';
import type { ImportKind } from './import-kind.js';
import { type ColumnIndex, decimal, list } from './import-rows.js';
import { ADDRESS_COLUMNS, addressBody, homeMissing } from './address-columns.js';
import { helpersByEmail } from './imports.repo.js';

/** The helper fields a spreadsheet can fill, and the column headers each is found under by default. */
export const HELPER_COLUMNS = {
  name: ['name', 'naam'],
  kind: ['kind', 'soort'],
  track: ['track', 'richting'],
  skills: ['skills', 'vaardigheden'],
  ...ADDRESS_COLUMNS,
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
const REQUIRED: readonly HelperColumn[] = ['name', 'kind', 'track', 'skills', 'maxTravelKm'];

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

/**
 * Helpers from a school's list: a row with the e-mail address of a stored helper updates that helper;
 * a home is a pin (lat, lon) or an address that is looked up.
 */
export function helperImport(deps: {
  helpers: HelpersService;
  skills: SkillsService;
}): ImportKind<HelperColumn, HelperCreate> {
  const { helpers, skills } = deps;
  return {
    columns: HELPER_COLUMNS,
    missing: (columns: ColumnIndex<HelperColumn>) => [
      ...REQUIRED.filter((field) => columns[field] === undefined),
      ...homeMissing(columns),
    ],
    body(cell) {
      const kind = cell('kind').toLowerCase();
      const track = cell('track').toLowerCase();
      const optional = <T>(field: HelperColumn, read: (text: string) => T) =>
        cell(field) ? read(cell(field)) : undefined;
      return {
        name: cell('name'),
        kind: KINDS[kind] ?? kind,
        track: TRACKS[track] ?? track,
        skills: list(cell('skills')),
        ...addressBody(cell),
        maxTravelKm: decimal(cell('maxTravelKm')),
        availability: optional('availability', slots),
        maxHoursPerWeek: optional('maxHoursPerWeek', decimal),
        phone: optional('phone', String),
        email: optional('email', (e) => e.toLowerCase()),
        languages: optional('languages', list),
        activeFrom: optional('activeFrom', String),
        activeUntil: optional('activeUntil', String),
      };
    },
    schema: HelperCreate,
    /** The catalogue's check, as the row's problems: an unknown skill is a rejected row, not a failed file. */
    check(input) {
      try {
        skills.assertKnown(input.skills.map(codeOf));
        return [];
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        return err.details.map((d) => ({ field: 'skills' as const, message: d.message }));
      }
    },
    identity: { field: 'email', key: (input) => input.email ?? null, duplicate: 'the same e-mail address as row' },
    stored: (db, inputs) =>
      helpersByEmail(
        db,
        inputs.flatMap((i) => (i.email ? [i.email] : [])),
      ),
    whenStored: { action: 'update' },
    write(w, row, actor) {
      if (row.action === 'update') return helpers.updateIn(w, row.id!, row.input, actor, row.place).id;
      return helpers.createIn(w, row.input, actor, row.place).id;
    },
  };
}
