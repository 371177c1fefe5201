/**
 * The helpers page: find helpers by name and track, and create or change one with their skills, weekly
 * times and absences. The API checks everything; the fields it refuses get a hint next to them, in the
 * page's language.
 */
import { townOfPostcode } from '../../residents/towns.js';
import { HELPER_KINDS, type HelperKind, TRACKS, type Track, TRAVEL_MODES, type TravelMode } from '../../domain.js';
import type { Helper, HelperCreate } from '../../helpers/helpers.schema.js';
import type { TextKey } from '../i18n.js';
import { api, clearFieldErrors, debounce, errorText, h, markTyped, suggest, page, showProblem, t } from './common.js';
import { type Control, field, input, languagesOf, listPage, nextId, numberOrNull } from './forms.js';

interface Skill {
  code: string;
  track: Track;
  label: string;
  labelEn: string;
}

type Slot = Helper['availability'][number];
type Absence = Helper['absences'][number];

/** What the form sends: blanks go as they are (null, '') so that the API names the field that needs them. */
type HelperDraft = Omit<HelperCreate, 'kind' | 'track' | 'location' | 'maxTravelKm'> & {
  kind: HelperKind | '';
  track: Track | '';
  location: { lat: number | null; lon: number | null };
  maxTravelKm: number | null;
};

interface HelperControls {
  name: HTMLInputElement;
  kind: HTMLSelectElement;
  track: HTMLSelectElement;
  skills: HTMLInputElement[];
  lat: HTMLInputElement;
  lon: HTMLInputElement;
  maxTravelKm: HTMLInputElement;
  travelMode: HTMLSelectElement;
  availability: HTMLFieldSetElement;
  absences: HTMLFieldSetElement;
  maxHoursPerWeek: HTMLInputElement;
  languages: HTMLInputElement;
  phone: HTMLInputElement;
  email: HTMLInputElement;
  activeFrom: HTMLInputElement;
  activeUntil: HTMLInputElement;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** A hint per API field (the longest matching prefix wins): the API's own messages are English and terse. */
const HINTS: Record<string, TextKey> = {
  name: 'helpers.hint.name',
  kind: 'helpers.hint.kind',
  track: 'helpers.hint.track',
  skills: 'helpers.hint.skills',
  location: 'helpers.hint.location',
  maxTravelKm: 'helpers.hint.maxTravelKm',
  travelMode: 'helpers.hint.travelMode',
  availability: 'helpers.hint.availability',
  absences: 'helpers.hint.absences',
  maxHoursPerWeek: 'helpers.hint.maxHoursPerWeek',
  languages: 'helpers.hint.languages',
  phone: 'helpers.hint.phone',
  email: 'helpers.hint.email',
  activeFrom: 'helpers.hint.activePeriod',
  activeUntil: 'helpers.hint.activePeriod',
};

const state = {
  skills: [] as Skill[],
};

const search = h('input', { id: 'helper-search', type: 'search', autocomplete: 'off' });
const trackFilter = select('track', [['', t('filter.all')], ...TRACKS.map(trackOption)], '');
trackFilter.id = 'helper-track';
const view = listPage<Helper>({
  path: '/helpers',
  texts: {
    title: 'nav.helpers',
    search: 'helpers.search',
    create: 'helpers.new',
    prompt: 'helpers.choosePrompt',
    count: 'helpers.count',
    none: 'helpers.none',
  },
  search,
  filters: [{ label: 'filter.track', control: trackFilter }],
  query: () => {
    const params = new URLSearchParams();
    if (search.value.trim()) params.set('q', search.value.trim());
    if (trackFilter.value) params.set('track', trackFilter.value);
    return params;
  },
  nameTitle: 'helpers.col.name',
  columns: [
    { title: 'helpers.col.track', cell: (helper) => t(`track.${helper.track}`) },
    { title: 'helpers.col.kind', cell: (helper) => t(`helpers.kind.${helper.kind}`) },
    { title: 'helpers.col.skills', cell: (helper) => helper.skills.map(skillName).join(', ') },
    { title: 'helpers.col.active', cell: (helper) => (helper.active ? t('helpers.yes') : t('helpers.no')) },
  ],
  form: helperForm,
});
const { message } = view;

function trackOption(track: Track): [string, string] {
  return [track, t(`track.${track}`)];
}

function select(name: string, options: ReadonlyArray<readonly [string, string]>, selected: string): HTMLSelectElement {
  return h(
    'select',
    { name },
    ...options.map(([value, label]) => h('option', { value, selected: value === selected }, label)),
  );
}

/** A labelled control in a row of a list; `data-part` becomes its API field once the row is numbered. */
function cell(part: string, label: string, control: Control): HTMLDivElement {
  control.name = part;
  control.id = nextId(part);
  return h('div', { 'data-part': part }, h('label', { for: control.id }, label), control);
}

function part(row: HTMLElement, name: string): string {
  return row.querySelector<Control>(`[name="${name}"]`)!.value;
}

function rowsOf(editor: HTMLElement): HTMLElement[] {
  return [...editor.querySelectorAll<HTMLElement>('.row')];
}

function skillLabel(skill: Skill): string {
  return page.lang === 'en' ? skill.labelEn : skill.label;
}

function skillName(code: string): string {
  const skill = state.skills.find((s) => s.code === code);
  return skill ? skillLabel(skill) : code;
}

/** Puts a Parkstad postcode's town centre in lat/lon, unless someone typed a location of their own there. */
function prefillLocation(postcode: string, lat: HTMLInputElement, lon: HTMLInputElement): void {
  const town = townOfPostcode(postcode);
  if (!town) return;
  suggest(lat, String(town.centre.lat));
  suggest(lon, String(town.centre.lon));
}

interface RowEditorSpec<T> {
  list: 'availability' | 'absences';
  legend: string;
  empty: string;
  add: string;
  remove: 'helpers.removeSlot' | 'helpers.removeAbsence';
  cells: (value: T | undefined, previous: HTMLElement | undefined) => HTMLElement[];
}

/**
 * A fieldset of repeatable rows (weekly times, absences). Rows are numbered in page order after every
 * change, so that the API's "availability.1.end" finds its row and each remove button says which row it removes.
 */
function rowEditor<T>(spec: RowEditorSpec<T>, values: readonly T[]): HTMLFieldSetElement {
  const rows = h('div', {});
  const emptyNote = h('p', { class: 'muted' }, spec.empty);
  const addButton = h('button', { type: 'button' }, spec.add);

  const renumber = () => {
    const all = rowsOf(rows);
    emptyNote.hidden = all.length > 0;
    all.forEach((row, i) => {
      for (const holder of row.querySelectorAll<HTMLElement>('[data-part]')) {
        holder.dataset.field = `${spec.list}.${i}.${holder.dataset.part}`;
      }
      row.querySelector('button')!.setAttribute('aria-label', t(spec.remove, { n: i + 1 }));
    });
  };

  const addRow = (value: T | undefined): HTMLElement => {
    const previous = rowsOf(rows).at(-1);
    const cells = spec.cells(value, previous);
    const row = h('div', { class: 'row' }, ...cells);
    const remove = () => {
      row.remove();
      renumber();
      addButton.focus();
    };
    cells.at(-1)!.append(' ', h('button', { type: 'button', onclick: remove }, t('helpers.remove')));
    rows.append(row);
    renumber();
    return row;
  };

  addButton.addEventListener('click', () => addRow(undefined).querySelector<Control>('select, input')!.focus());
  for (const value of values) addRow(value);
  return h('fieldset', { 'data-field': spec.list }, h('legend', {}, spec.legend), emptyNote, rows, addButton);
}

/** A new weekly time continues from the row above it: the next day, the same hours. */
function nextSlot(previous: HTMLElement | undefined): Slot {
  if (!previous) return { weekday: 1, start: '09:00', end: '17:00' };
  const weekday = (Number(part(previous, 'weekday')) % 7) + 1;
  return { weekday, start: part(previous, 'start'), end: part(previous, 'end') };
}

/** A time input cannot show the API's end of day, 24:00: it shows midnight, 00:00, which is never a valid end. */
function endShown(end: string): string {
  return end === '24:00' ? '00:00' : end;
}

function endSent(end: string): string {
  return end === '00:00' ? '24:00' : end;
}

function slotCells(slot: Slot | undefined, previous: HTMLElement | undefined): HTMLElement[] {
  const value = slot ?? nextSlot(previous);
  const days = WEEKDAYS.map((day) => [String(day), t(`weekday.${day}`)] as const);
  return [
    cell('weekday', t('helpers.weekday'), select('weekday', days, String(value.weekday))),
    cell('start', t('helpers.start'), input('time', value.start)),
    cell('end', t('helpers.end'), input('time', endShown(value.end))),
  ];
}

function absenceCells(absence: Absence | undefined): HTMLElement[] {
  return [
    cell('from', t('helpers.absenceFrom'), input('date', absence?.from)),
    cell('to', t('helpers.absenceTo'), input('date', absence?.to)),
    cell('reason', t('helpers.absenceReason'), input('text', absence?.reason, { maxlength: '200' })),
  ];
}

/** Skills as checkboxes, a fieldset per track, so that a track's skills read as one group. */
function skillsFieldset(chosen: readonly string[]): { fieldset: HTMLFieldSetElement; boxes: HTMLInputElement[] } {
  const boxes: HTMLInputElement[] = [];
  const groups = TRACKS.flatMap((track) => {
    const skills = state.skills.filter((skill) => skill.track === track);
    if (skills.length === 0) return [];
    const labels = skills.map((skill) => {
      const box = h('input', {
        type: 'checkbox',
        name: 'skills',
        value: skill.code,
        checked: chosen.includes(skill.code),
      });
      boxes.push(box);
      return h('label', {}, box, skillLabel(skill));
    });
    return [h('fieldset', {}, h('legend', {}, t(`track.${track}`)), h('div', { class: 'skills-grid' }, ...labels))];
  });
  const fieldset = h('fieldset', { 'data-field': 'skills' }, h('legend', {}, t('helpers.skills')), ...groups);
  return { fieldset, boxes };
}

function controlsFor(helper: Helper | undefined): HelperControls {
  const choose = ['', t('helpers.choose')] as const;
  const kinds = HELPER_KINDS.map((kind) => [kind, t(`helpers.kind.${kind}`)] as const);
  const modes = TRAVEL_MODES.map((mode) => [mode, t(`helpers.travel.${mode}`)] as const);
  const lat = input('number', helper?.location.lat, { step: 'any' });
  const lon = input('number', helper?.location.lon, { step: 'any' });
  lat.addEventListener('input', markTyped);
  lon.addEventListener('input', markTyped);
  return {
    name: input('text', helper?.name, { maxlength: '120' }),
    kind: select('kind', helper ? kinds : [choose, ...kinds], helper?.kind ?? ''),
    track: select(
      'track',
      helper ? TRACKS.map(trackOption) : [choose, ...TRACKS.map(trackOption)],
      helper?.track ?? '',
    ),
    skills: [],
    lat,
    lon,
    maxTravelKm: input('number', helper?.maxTravelKm, { step: 'any', min: '0' }),
    travelMode: select('travelMode', modes, helper?.travelMode ?? 'cycling'),
    availability: rowEditor(
      {
        list: 'availability',
        legend: t('helpers.availability'),
        empty: t('helpers.noSlots'),
        add: t('helpers.addSlot'),
        remove: 'helpers.removeSlot',
        cells: slotCells,
      },
      helper?.availability ?? [],
    ),
    absences: rowEditor(
      {
        list: 'absences',
        legend: t('helpers.absences'),
        empty: t('helpers.noAbsences'),
        add: t('helpers.addAbsence'),
        remove: 'helpers.removeAbsence',
        cells: absenceCells,
      },
      helper?.absences ?? [],
    ),
    maxHoursPerWeek: input('number', helper?.maxHoursPerWeek, { step: 'any', min: '0' }),
    languages: input('text', (helper?.languages ?? ['nl']).join(', ')),
    phone: input('tel', helper?.phone),
    email: input('email', helper?.email),
    activeFrom: input('date', helper?.activeFrom),
    activeUntil: input('date', helper?.activeUntil),
  };
}

function readDraft(c: HelperControls): HelperDraft {
  return {
    name: c.name.value,
    kind: c.kind.value as HelperKind | '',
    track: c.track.value as Track | '',
    skills: c.skills.filter((box) => box.checked).map((box) => box.value),
    location: { lat: numberOrNull(c.lat), lon: numberOrNull(c.lon) },
    maxTravelKm: numberOrNull(c.maxTravelKm),
    travelMode: c.travelMode.value as TravelMode,
    availability: rowsOf(c.availability).map((row) => ({
      weekday: Number(part(row, 'weekday')),
      start: part(row, 'start'),
      end: endSent(part(row, 'end')),
    })),
    absences: rowsOf(c.absences).map((row) => {
      const reason = part(row, 'reason').trim();
      return { from: part(row, 'from'), to: part(row, 'to'), ...(reason ? { reason } : {}) };
    }),
    maxHoursPerWeek: numberOrNull(c.maxHoursPerWeek),
    languages: languagesOf(c.languages.value),
    phone: c.phone.value.trim() || null,
    email: c.email.value.trim() || null,
    activeFrom: c.activeFrom.value || null,
    activeUntil: c.activeUntil.value || null,
  };
}

function helperForm(helper: Helper | undefined): HTMLElement {
  const c = controlsFor(helper);
  const skills = skillsFieldset(helper?.skills ?? []);
  c.skills = skills.boxes;
  const title = h(
    'h2',
    { id: 'helper-form-title', tabindex: '-1' },
    helper ? t('helpers.titleEdit', { name: helper.name }) : t('helpers.titleNew'),
  );
  const postcode = helper ? null : input('text', '', { autocomplete: 'off', maxlength: '7' });
  postcode?.addEventListener('input', () => prefillLocation(postcode.value, c.lat, c.lon));

  const form = h(
    'form',
    { novalidate: true, autocomplete: 'off', 'aria-labelledby': title.id },
    title,
    helper && !helper.active && h('p', { class: 'muted' }, t('helpers.inactive')),
    field('name', t('helpers.name'), c.name),
    h('div', { class: 'row' }, field('kind', t('helpers.kind'), c.kind), field('track', t('helpers.track'), c.track)),
    skills.fieldset,
    h(
      'div',
      { class: 'row', 'data-field': 'location' },
      postcode && field('postcode', t('helpers.postcode'), postcode),
      field('location.lat', t('helpers.lat'), c.lat),
      field('location.lon', t('helpers.lon'), c.lon),
    ),
    h(
      'div',
      { class: 'row' },
      field('maxTravelKm', t('helpers.maxTravelKm'), c.maxTravelKm),
      field('travelMode', t('helpers.travelMode'), c.travelMode),
      field('maxHoursPerWeek', t('helpers.maxHoursPerWeek'), c.maxHoursPerWeek),
    ),
    c.availability,
    c.absences,
    field('languages', t('helpers.languages'), c.languages),
    h(
      'div',
      { class: 'row' },
      field('phone', t('helpers.phone'), c.phone),
      field('email', t('helpers.email'), c.email),
    ),
    h(
      'div',
      { class: 'row' },
      field('activeFrom', t('helpers.activeFrom'), c.activeFrom),
      field('activeUntil', t('helpers.activeUntil'), c.activeUntil),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, t('helpers.save')),
      helper?.active &&
        h(
          'button',
          { type: 'button', class: 'danger', onclick: () => void setActive(helper, false) },
          t('helpers.deactivate'),
        ),
      helper &&
        !helper.active &&
        h('button', { type: 'button', onclick: () => void setActive(helper, true) }, t('helpers.activate')),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save(form, c, helper);
  });
  return form;
}

async function save(form: HTMLFormElement, controls: HelperControls, helper: Helper | undefined): Promise<void> {
  clearFieldErrors(form);
  message.clear();
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  button.disabled = true;
  try {
    const draft = readDraft(controls);
    const saved = helper
      ? await api<Helper>('PATCH', `/helpers/${helper.id}`, draft)
      : await api<Helper>('POST', '/helpers', draft);
    view.show(saved);
    message.show('notice', t('helpers.saved', { name: saved.name }));
    await view.refresh();
  } catch (err) {
    showProblem(form, err, HINTS, (text) => message.show('error', text));
  } finally {
    button.disabled = false;
  }
}

/** Deactivating asks first: it withdraws the helper's open proposals. */
async function setActive(helper: Helper, active: boolean): Promise<void> {
  if (!active && !confirm(t('helpers.deactivateConfirm', { name: helper.name }))) return;
  message.clear();
  try {
    const saved = active
      ? await api<Helper>('PATCH', `/helpers/${helper.id}`, { active: true })
      : await api<Helper>('DELETE', `/helpers/${helper.id}`);
    view.show(saved);
    message.show('notice', t(active ? 'helpers.activated' : 'helpers.deactivated', { name: saved.name }));
    await view.refresh();
  } catch (err) {
    message.show('error', errorText(err));
  }
}

async function start(): Promise<void> {
  view.mount();
  try {
    state.skills = await api<Skill[]>('GET', '/skills');
  } catch (err) {
    message.show('error', errorText(err));
  }
  await view.refresh();
}

void start();
