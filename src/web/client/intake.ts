/**
 * Intake: a phoned-in request entered while the resident is on the line. Keyboard first (the search
 * has focus, arrows and Enter pick a resident, Tab walks the form, Enter saves); the best candidates
 * show while typing; what was typed is kept in the tab's session storage until it is saved.
 */
import type { Candidates } from '../../candidates/candidates.schema.js';
import { CHANNELS, TRACKS, type Track, URGENCIES } from '../../domain.js';
import type { Helper } from '../../helpers/helpers.schema.js';
import type { HelpRequest } from '../../requests/requests.schema.js';
import type { Series } from '../../series/series.schema.js';
import type { Resident } from '../../residents/residents.schema.js';
import { townOfPostcode } from '../../residents/towns.js';
import type { TextKey } from '../i18n.js';
import {
  ApiError,
  api,
  clearFieldErrors,
  errorText,
  h,
  localDate,
  markTyped,
  page,
  staffUser,
  reasonSummary,
  showFieldErrors,
  suggest,
  t,
} from './common.js';

interface Skill {
  code: string;
  track: Track;
  label: string;
}

/** What the form holds; kept as typed so a reload, an error or a lapsed session loses nothing. */
interface Draft {
  resident: { id: number; name: string; postcode: string; city: string | null } | null;
  skills: string[];
  day: string;
  from: string;
  to: string;
  duration: string;
  urgency: string;
  channel: string;
  description: string;
  /** '0': once; '1': every week; '2': every two weeks, on the day's weekday, until `until` if given. */
  repeat: string;
  until: string;
}

/** Where the series API's fields sit in this form. */
const SERIES_FIELDS: Record<string, string> = {
  firstDate: 'window.start',
  start: 'window.from',
  end: 'window.end',
  untilDate: 'until',
};

const DRAFT_KEY = `wijkmatch.intake.${staffUser().id}`;
const app = document.getElementById('app')!;
const helperNames = new Map<number, string>();

/** Most calls are for the coming days: tomorrow morning is the start the intake worker then adjusts. */
function emptyDraft(): Draft {
  return {
    resident: null,
    skills: [],
    day: localDate(Date.now() + 86_400_000),
    from: '09:00',
    to: '12:00',
    duration: '',
    urgency: 'normal',
    channel: 'phone',
    description: '',
    repeat: '0',
    until: '',
  };
}

function loadDraft(): { draft: Draft; restored: boolean } {
  const saved = sessionStorage.getItem(DRAFT_KEY);
  if (!saved) return { draft: emptyDraft(), restored: false };
  return { draft: { ...emptyDraft(), ...(JSON.parse(saved) as Partial<Draft>) }, restored: true };
}

/** "2026-11-24" + "09:30" in Amsterdam → an ISO instant with its offset (winter +01:00, summer +02:00). */
function amsterdamIso(day: string, time: string): string {
  const guess = Date.parse(`${day}T${time}:00Z`);
  const offsetOf = (ms: number) => {
    const name = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Amsterdam', timeZoneName: 'longOffset' })
      .formatToParts(ms)
      .find((p) => p.type === 'timeZoneName')!.value;
    const match = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
    return match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) : 0;
  };
  const offset = offsetOf(guess - offsetOf(guess) * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${day}T${time}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function field(name: string, label: TextKey, input: HTMLElement, id: string): HTMLElement {
  return h('div', { 'data-field': name }, h('label', { for: id }, t(label)), input);
}

async function start(): Promise<void> {
  const [skills, helpers] = await Promise.all([api<Skill[]>('GET', '/skills'), api<Helper[]>('GET', '/helpers')]);
  for (const helper of helpers) helperNames.set(helper.id, helper.name);
  let { draft, restored } = loadDraft();

  const notice = h('div', { role: 'status', 'aria-live': 'polite' });
  const formError = h('p', { class: 'error', role: 'alert' });
  const candidatesEl = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('intake.fillIn')));

  // ——— resident: search, pick, or create

  const search = h('input', {
    id: 'resident-search',
    type: 'search',
    autocomplete: 'off',
    role: 'combobox',
    'aria-expanded': 'false',
    'aria-controls': 'resident-results',
    autofocus: true,
  });
  const results = h('ul', { id: 'resident-results', class: 'results', role: 'listbox', hidden: true });
  const chosenEl = h('div', {});
  const newResidentEl = h('div', { hidden: true });
  let found: Resident[] = [];
  let active = -1;

  function choose(resident: Draft['resident']): void {
    draft.resident = resident;
    results.hidden = true;
    search.setAttribute('aria-expanded', 'false');
    renderChosen();
    save();
    if (resident) form.querySelector<HTMLInputElement>('input[name="skill"]')?.focus();
  }

  function renderChosen(): void {
    const r = draft.resident;
    search.hidden = r !== null;
    chosenEl.replaceChildren(
      r
        ? h(
            'div',
            { class: 'chosen' },
            h('span', {}, t('intake.chosen', { name: `${r.name} · ${r.postcode} ${r.city ?? ''}` })),
            h('button', { type: 'button', onclick: () => (choose(null), search.focus()) }, t('intake.change')),
          )
        : '',
    );
  }

  function renderResults(): void {
    results.replaceChildren(
      ...(found.length
        ? found.map((r, i) =>
            h(
              'li',
              {
                role: 'option',
                id: `resident-${r.id}`,
                'aria-selected': i === active ? 'true' : 'false',
                onclick: () => choose(cardOf(r)),
              },
              `${r.name} · ${r.phone ?? ''} · ${r.address.postcode} ${r.address.city ?? ''}`,
            ),
          )
        : [h('li', { class: 'muted' }, t('intake.noResults'))]),
    );
    results.hidden = false;
    search.setAttribute('aria-expanded', 'true');
    if (active >= 0) search.setAttribute('aria-activedescendant', `resident-${found[active]!.id}`);
  }

  const cardOf = (r: Resident): Draft['resident'] => ({
    id: r.id,
    name: r.name,
    postcode: r.address.postcode,
    city: r.address.city,
  });

  let searchTimer = 0;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    const q = search.value.trim();
    if (q.length < 2) {
      results.hidden = true;
      return;
    }
    searchTimer = window.setTimeout(async () => {
      found = (await api<Resident[]>('GET', `/residents?q=${encodeURIComponent(q)}`)).slice(0, 20);
      active = found.length ? 0 : -1;
      renderResults();
    }, 200);
  });
  search.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!found.length) return;
      active = (active + (e.key === 'ArrowDown' ? 1 : found.length - 1)) % found.length;
      renderResults();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const r = found[active];
      if (r && !results.hidden) choose(cardOf(r));
    } else if (e.key === 'Escape') {
      results.hidden = true;
    }
  });

  const newResident = {
    name: h('input', { id: 'nr-name', required: true, maxlength: 120 }),
    phone: h('input', { id: 'nr-phone', type: 'tel', maxlength: 30 }),
    postcode: h('input', { id: 'nr-postcode', required: true, maxlength: 7 }),
    street: h('input', { id: 'nr-street', maxlength: 120 }),
    houseNumber: h('input', { id: 'nr-houseNumber', maxlength: 20 }),
    city: h('input', { id: 'nr-city', maxlength: 80 }),
    lat: h('input', { id: 'nr-lat', type: 'number', step: 'any', required: true }),
    lon: h('input', { id: 'nr-lon', type: 'number', step: 'any', required: true }),
  };
  newResident.postcode.addEventListener('input', () => {
    const town = townOfPostcode(newResident.postcode.value);
    if (!town) return;
    suggest(newResident.city, town.name);
    suggest(newResident.lat, String(town.centre.lat));
    suggest(newResident.lon, String(town.centre.lon));
  });
  for (const typed of [newResident.city, newResident.lat, newResident.lon]) typed.addEventListener('input', markTyped);
  const nrError = h('p', { class: 'error', role: 'alert' });
  const nrBox = h(
    'fieldset',
    {},
    h('legend', {}, t('intake.newResident')),
    nrError,
    h(
      'div',
      { class: 'row' },
      field('name', 'resident.name', newResident.name, 'nr-name'),
      field('phone', 'resident.phone', newResident.phone, 'nr-phone'),
    ),
    h(
      'div',
      { class: 'row' },
      field('address.street', 'resident.street', newResident.street, 'nr-street'),
      field('address.houseNumber', 'resident.houseNumber', newResident.houseNumber, 'nr-houseNumber'),
    ),
    h(
      'div',
      { class: 'row' },
      field('address.postcode', 'resident.postcode', newResident.postcode, 'nr-postcode'),
      field('address.city', 'resident.city', newResident.city, 'nr-city'),
    ),
    h(
      'div',
      { class: 'row' },
      field('location.lat', 'resident.lat', newResident.lat, 'nr-lat'),
      field('location.lon', 'resident.lon', newResident.lon, 'nr-lon'),
    ),
    h('button', { type: 'button', class: 'primary', onclick: () => void createResident() }, t('resident.save')),
  );
  newResidentEl.append(nrBox);

  async function createResident(): Promise<void> {
    clearFieldErrors(nrBox);
    nrError.textContent = '';
    const optional = (el: HTMLInputElement) => el.value.trim() || undefined;
    try {
      const created = await api<Resident>('POST', '/residents', {
        name: newResident.name.value,
        phone: optional(newResident.phone),
        address: {
          postcode: newResident.postcode.value,
          street: optional(newResident.street),
          houseNumber: optional(newResident.houseNumber),
          city: optional(newResident.city),
        },
        location: { lat: Number(newResident.lat.value), lon: Number(newResident.lon.value) },
      });
      newResidentEl.hidden = true;
      choose(cardOf(created));
    } catch (err) {
      if (err instanceof ApiError && err.details.length) showFieldErrors(nrBox, err.details);
      else nrError.textContent = errorText(err);
    }
  }

  // ——— the request

  const byTrack = new Map<Track, Skill[]>(TRACKS.map((track) => [track, []]));
  for (const skill of skills) byTrack.get(skill.track)?.push(skill);
  const skillBoxes = h(
    'div',
    { 'data-field': 'skills' },
    h('h2', {}, t('intake.skills')),
    ...TRACKS.filter((track) => byTrack.get(track)!.length).map((track) =>
      h(
        'fieldset',
        {},
        h('legend', {}, t(`track.${track}`)),
        h(
          'div',
          { class: 'skills-grid' },
          ...byTrack.get(track)!.map((skill) =>
            h(
              'label',
              {},
              h('input', {
                type: 'checkbox',
                name: 'skill',
                value: skill.code,
                checked: draft.skills.includes(skill.code),
              }),
              skill.label,
            ),
          ),
        ),
      ),
    ),
  );

  const inputs = {
    day: h('input', { id: 'day', type: 'date', required: true, value: draft.day }),
    from: h('input', { id: 'from', type: 'time', required: true, step: 300, value: draft.from }),
    to: h('input', { id: 'to', type: 'time', required: true, step: 300, value: draft.to }),
    duration: h('input', { id: 'duration', type: 'number', min: 15, max: 720, step: 15, value: draft.duration }),
    urgency: h(
      'select',
      { id: 'urgency' },
      ...URGENCIES.map((u) => h('option', { value: u, selected: u === draft.urgency }, t(`urgency.${u}`))),
    ),
    channel: h(
      'select',
      { id: 'channel' },
      ...CHANNELS.map((c) => h('option', { value: c, selected: c === draft.channel }, t(`channel.${c}`))),
    ),
    description: h('textarea', { id: 'description', rows: 3, maxlength: 2000 }, draft.description),
    repeat: h(
      'select',
      { id: 'repeat' },
      ...['0', '1', '2'].map((n) =>
        h('option', { value: n, selected: n === draft.repeat }, t(`intake.repeat.${n}` as TextKey)),
      ),
    ),
    until: h('input', { id: 'until', type: 'date', value: draft.until }),
  };

  const form = h(
    'form',
    { id: 'intake-form', novalidate: true },
    h('h1', {}, t('intake.title')),
    notice,
    formError,
    h(
      'div',
      { 'data-field': 'residentId' },
      h('label', { for: 'resident-search' }, t('intake.find')),
      search,
      results,
      chosenEl,
    ),
    h(
      'p',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'link',
          onclick: () => ((newResidentEl.hidden = !newResidentEl.hidden), newResident.name.focus()),
        },
        t('intake.newResident'),
      ),
    ),
    newResidentEl,
    skillBoxes,
    h(
      'div',
      { class: 'row' },
      field('window.start', 'intake.day', inputs.day, 'day'),
      field('window.from', 'intake.from', inputs.from, 'from'),
      field('window.end', 'intake.to', inputs.to, 'to'),
      field('durationMinutes', 'intake.duration', inputs.duration, 'duration'),
    ),
    h(
      'div',
      { class: 'row' },
      field('urgency', 'intake.urgency', inputs.urgency, 'urgency'),
      field('channel', 'intake.channel', inputs.channel, 'channel'),
      field('repeat', 'intake.repeat', inputs.repeat, 'repeat'),
      field('until', 'intake.until', inputs.until, 'until'),
    ),
    field('description', 'intake.note', inputs.description, 'description'),
    h('p', {}, h('button', { type: 'submit', class: 'primary', id: 'save' }, t('intake.save'))),
  );

  function read(): Draft {
    return {
      resident: draft.resident,
      skills: [...form.querySelectorAll<HTMLInputElement>('input[name="skill"]:checked')].map((el) => el.value),
      day: inputs.day.value,
      from: inputs.from.value,
      to: inputs.to.value,
      duration: inputs.duration.value,
      urgency: inputs.urgency.value,
      channel: inputs.channel.value,
      description: inputs.description.value,
      repeat: inputs.repeat.value,
      until: inputs.until.value,
    };
  }

  function save(): void {
    draft = read();
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  }

  function body(d: Draft) {
    return {
      residentId: d.resident?.id,
      skills: d.skills,
      window: { start: amsterdamIso(d.day, d.from), end: amsterdamIso(d.day, d.to) },
      durationMinutes: d.duration ? Number(d.duration) : undefined,
      urgency: d.urgency,
      channel: d.channel,
      description: d.description.trim() || undefined,
    };
  }

  /** Regular help: the same job on the day's weekday, every week or every two weeks. */
  function seriesBody(d: Draft) {
    return {
      residentId: d.resident?.id,
      skills: d.skills,
      weekday: ((new Date(`${d.day}T12:00:00Z`).getUTCDay() + 6) % 7) + 1,
      start: d.from,
      end: d.to,
      durationMinutes: d.duration ? Number(d.duration) : undefined,
      everyWeeks: Number(d.repeat),
      firstDate: d.day,
      untilDate: d.until || undefined,
      urgency: d.urgency,
      description: d.description.trim() || undefined,
    };
  }

  /** Saves a request, or a series with its first requests; says what was saved. */
  async function submit(d: Draft): Promise<string> {
    if (d.repeat === '0') {
      const created = await api<HelpRequest>('POST', '/requests', body(d));
      return t('intake.saved', { id: created.id });
    }
    try {
      const series = await api<Series>('POST', '/series', seriesBody(d));
      return t('intake.seriesSaved', { count: series.upcoming.length });
    } catch (err) {
      if (err instanceof ApiError) {
        for (const detail of err.details) detail.field = SERIES_FIELDS[detail.field ?? ''] ?? detail.field;
      }
      throw err;
    }
  }

  /** Our own checks, in the user's language, before the server's. */
  function localErrors(d: Draft) {
    const errors = [];
    if (!d.resident) errors.push({ field: 'residentId', message: t('intake.needResident') });
    if (!d.skills.length) errors.push({ field: 'skills', message: t('intake.needSkill') });
    if (!d.day || !d.from || !d.to || d.to <= d.from)
      errors.push({ field: 'window.end', message: t('intake.needTime') });
    return errors;
  }

  // ——— live candidates

  let previewTimer = 0;
  let previewSeq = 0;
  function schedulePreview(): void {
    clearTimeout(previewTimer);
    previewTimer = window.setTimeout(() => void preview(), 300);
  }

  async function preview(): Promise<void> {
    const d = read();
    if (localErrors(d).length) {
      candidatesEl.replaceChildren(h('p', { class: 'muted' }, t('intake.fillIn')));
      return;
    }
    const mine = ++previewSeq;
    try {
      const ranking = await api<Candidates>('POST', '/requests/preview', body(d));
      if (mine !== previewSeq) return;
      const why = reasonSummary(ranking.excluded);
      candidatesEl.replaceChildren(
        ranking.candidates.length
          ? h(
              'ol',
              { class: 'candidates' },
              ...ranking.candidates
                .slice(0, 5)
                .map((c) =>
                  h(
                    'li',
                    {},
                    `${helperNames.get(c.helperId) ?? `#${c.helperId}`} — ${c.score.toFixed(0)} · ${c.distanceKm.toFixed(1)} km`,
                  ),
                ),
            )
          : h('p', { class: 'error' }, t('detail.noCandidates')),
        why ? h('p', { class: 'muted' }, t('detail.why', { reasons: why })) : '',
      );
    } catch (err) {
      if (mine === previewSeq) candidatesEl.replaceChildren(h('p', { class: 'muted' }, errorText(err)));
    }
  }

  // ——— saving

  form.addEventListener('input', (e) => {
    if (newResidentEl.contains(e.target as Node) || e.target === search) return;
    save();
    schedulePreview();
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (e.target !== form) return;
    save();
    clearFieldErrors(form);
    formError.textContent = '';
    notice.replaceChildren();
    const errors = localErrors(draft);
    if (errors.length) {
      formError.textContent = t('form.invalid');
      showFieldErrors(form, errors);
      return;
    }
    const button = form.querySelector<HTMLButtonElement>('#save')!;
    button.disabled = true;
    try {
      const saved = await submit(draft);
      sessionStorage.removeItem(DRAFT_KEY);
      draft = emptyDraft();
      renderForm();
      notice.replaceChildren(h('p', { class: 'notice' }, saved, ' ', h('a', { href: '/board' }, t('nav.board'))));
      search.value = '';
      search.focus();
    } catch (err) {
      formError.textContent = err instanceof ApiError && err.details.length ? t('form.invalid') : errorText(err);
      if (err instanceof ApiError) showFieldErrors(form, err.details);
    } finally {
      button.disabled = false;
    }
  });

  /** Puts the draft back into the inputs (after a save, with an empty draft). */
  function renderForm(): void {
    form
      .querySelectorAll<HTMLInputElement>('input[name="skill"]')
      .forEach((el) => (el.checked = draft.skills.includes(el.value)));
    inputs.day.value = draft.day;
    inputs.from.value = draft.from;
    inputs.to.value = draft.to;
    inputs.duration.value = draft.duration;
    inputs.urgency.value = draft.urgency;
    inputs.channel.value = draft.channel;
    inputs.description.value = draft.description;
    inputs.repeat.value = draft.repeat;
    inputs.until.value = draft.until;
    renderChosen();
    candidatesEl.replaceChildren(h('p', { class: 'muted' }, t('intake.fillIn')));
  }

  app.replaceChildren(
    h(
      'div',
      { class: 'intake' },
      h('div', { class: 'card' }, form),
      h(
        'aside',
        { class: 'card', 'aria-labelledby': 'best-title' },
        h('h2', { id: 'best-title' }, t('intake.best')),
        candidatesEl,
      ),
    ),
  );
  renderChosen();
  if (restored) {
    notice.replaceChildren(h('p', { class: 'notice' }, t('intake.draftRestored')));
    schedulePreview();
  }
  (draft.resident ? form.querySelector<HTMLInputElement>('input[name="skill"]') : search)?.focus();
}

void start().catch((err: unknown) => {
  app.replaceChildren(h('p', { class: 'error', role: 'alert' }, errorText(err)));
});
