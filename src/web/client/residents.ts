/**
 * The residents page: find a resident by name, phone digits or postcode, and create or change one. A new
 * resident's location starts at the postcode's town centre; the API checks everything and the fields it
 * refuses get a hint next to them, in the page's language.
 */
import { townOfPostcode } from '../../residents/towns.js';
import type { Resident, ResidentCreate } from '../../residents/residents.schema.js';
import type { TextKey } from '../i18n.js';
import { api, clearFieldErrors, debounce, errorText, h, markTyped, suggest, showProblem, t } from './common.js';
import { field, input, languagesOf, listPage, numberOrNull } from './forms.js';

/** What the form sends: blank coordinates go as null so that the API names them. */
type ResidentDraft = Omit<ResidentCreate, 'location'> & { location: { lat: number | null; lon: number | null } };

interface ResidentControls {
  name: HTMLInputElement;
  phone: HTMLInputElement;
  street: HTMLInputElement;
  houseNumber: HTMLInputElement;
  postcode: HTMLInputElement;
  city: HTMLInputElement;
  lat: HTMLInputElement;
  lon: HTMLInputElement;
  languages: HTMLInputElement;
  notes: HTMLTextAreaElement;
}

/** A hint per API field (the longest matching prefix wins): the API's own messages are English and terse. */
const HINTS: Record<string, TextKey> = {
  name: 'residents.hint.name',
  phone: 'residents.hint.phone',
  'address.street': 'residents.hint.street',
  'address.houseNumber': 'residents.hint.houseNumber',
  'address.postcode': 'residents.hint.postcode',
  'address.city': 'residents.hint.city',
  location: 'residents.hint.location',
  languages: 'residents.hint.languages',
  notes: 'residents.hint.notes',
};

const search = h('input', { id: 'resident-search', type: 'search', autocomplete: 'off' });
const view = listPage<Resident>({
  path: '/residents',
  texts: {
    title: 'nav.residents',
    search: 'residents.search',
    create: 'residents.new',
    prompt: 'residents.choosePrompt',
    count: 'residents.count',
    none: 'residents.none',
  },
  search,
  query: () => new URLSearchParams(search.value.trim() ? { q: search.value.trim() } : {}),
  nameTitle: 'residents.col.name',
  columns: [
    { title: 'residents.col.phone', cell: (resident) => resident.phone ?? '' },
    { title: 'residents.col.address', cell: addressOf },
  ],
  form: residentForm,
});
const { message } = view;

/** Fills town and lat/lon from a Parkstad postcode, but never over what someone typed there themselves. */
function prefillFromPostcode(c: ResidentControls): void {
  const town = townOfPostcode(c.postcode.value);
  if (!town) return;
  suggest(c.city, town.name);
  suggest(c.lat, String(town.centre.lat));
  suggest(c.lon, String(town.centre.lon));
}

function controlsFor(resident: Resident | undefined): ResidentControls {
  const controls: ResidentControls = {
    name: input('text', resident?.name, { maxlength: '120' }),
    phone: input('tel', resident?.phone),
    street: input('text', resident?.address.street, { maxlength: '120' }),
    houseNumber: input('text', resident?.address.houseNumber, { maxlength: '20' }),
    postcode: input('text', resident?.address.postcode, { maxlength: '7' }),
    city: input('text', resident?.address.city, { maxlength: '80' }),
    lat: input('number', resident?.location.lat, { step: 'any' }),
    lon: input('number', resident?.location.lon, { step: 'any' }),
    languages: input('text', (resident?.languages ?? []).join(', ')),
    notes: h('textarea', { rows: 4, maxlength: 4000 }, resident?.notes ?? ''),
  };
  if (!resident) {
    controls.postcode.addEventListener('input', () => prefillFromPostcode(controls));
    for (const control of [controls.city, controls.lat, controls.lon]) control.addEventListener('input', markTyped);
  }
  return controls;
}

/**
 * The body for POST or PATCH. A PATCH replaces the whole address, so blank address parts clear; a blank
 * phone or notes is left out of a new resident and clears them (null) on an existing one.
 */
function readDraft(c: ResidentControls, resident: Resident | undefined): ResidentDraft {
  const text = (control: HTMLInputElement) => control.value.trim() || undefined;
  const phone = c.phone.value.trim();
  const notes = c.notes.value;
  return {
    name: c.name.value,
    ...(phone ? { phone } : resident?.phone ? { phone: null } : {}),
    address: {
      street: text(c.street),
      houseNumber: text(c.houseNumber),
      postcode: c.postcode.value,
      city: text(c.city),
    },
    location: { lat: numberOrNull(c.lat), lon: numberOrNull(c.lon) },
    languages: languagesOf(c.languages.value),
    ...(notes.trim() ? { notes } : resident?.notes ? { notes: null } : {}),
  };
}

function residentForm(resident: Resident | undefined): HTMLFormElement {
  const c = controlsFor(resident);
  const title = h(
    'h2',
    { id: 'resident-form-title', tabindex: '-1' },
    resident ? t('residents.titleEdit', { name: resident.name }) : t('residents.titleNew'),
  );
  const form = h(
    'form',
    { novalidate: true, autocomplete: 'off', 'aria-labelledby': title.id },
    title,
    h('div', { class: 'row' }, field('name', t('resident.name'), c.name), field('phone', t('resident.phone'), c.phone)),
    h(
      'div',
      { class: 'row' },
      field('address.street', t('resident.street'), c.street),
      field('address.houseNumber', t('resident.houseNumber'), c.houseNumber),
    ),
    h(
      'div',
      { class: 'row' },
      field('address.postcode', t('resident.postcode'), c.postcode),
      field('address.city', t('resident.city'), c.city),
    ),
    h(
      'div',
      { class: 'row', 'data-field': 'location' },
      field('location.lat', t('resident.lat'), c.lat),
      field('location.lon', t('resident.lon'), c.lon),
    ),
    !resident && h('p', { class: 'muted' }, t('residents.locationNote')),
    field('languages', t('residents.languages'), c.languages),
    field('notes', t('resident.notes'), c.notes),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('resident.save'))),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void save(form, c, resident);
  });
  return form;
}

async function save(form: HTMLFormElement, controls: ResidentControls, resident: Resident | undefined): Promise<void> {
  clearFieldErrors(form);
  message.clear();
  const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  button.disabled = true;
  try {
    const draft = readDraft(controls, resident);
    const saved = resident
      ? await api<Resident>('PATCH', `/residents/${resident.id}`, draft)
      : await api<Resident>('POST', '/residents', draft);
    view.show(saved);
    message.show('notice', t('residents.saved', { name: saved.name }));
    await view.refresh();
  } catch (err) {
    showProblem(form, err, HINTS, (text) => message.show('error', text));
  } finally {
    button.disabled = false;
  }
}

function addressOf(resident: Resident): string {
  const { street, houseNumber, postcode, city } = resident.address;
  return [[street, houseNumber].filter(Boolean).join(' '), [postcode, city].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
}

view.mount();
void view.refresh();
