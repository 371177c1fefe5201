/**
 * The helpers page: find helpers by name and track, and create or change one with their skills, weekly
 * times and absences. The API checks everything; the fields it refuses get a hint next to them, in the
 * page's language.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  HELPER_KINDS,
  type HelperKind,
  type SkillLevel,
  TRACKS,
  type Track,
  TRAVEL_MODES,
  type TravelMode,
} from '../../../domain.js';
import { codeOf, levelOf } from '../../../helpers/helper-skills.js';
import type { Helper, HelperCreate } from '../../../helpers/helpers.schema.js';
import {
  Field,
  Form,
  Input,
  languagesOf,
  numberOrNull,
  type Options,
  problem,
  Select,
  TextInput,
  useFormState,
} from '../components/forms.js';
import { type ListContext, ListPage } from '../components/list-page.js';
import { type AddressDraft, AddressFields, addressBody, addressDraftOf } from '../components/address.js';
import { Erase } from '../components/erase.js';
import { History } from '../components/history.js';
import { mountPage } from '../components/page.js';
import { keyed, type Row, RowEditor } from '../components/row-editor.js';
import { SkillLevels } from '../components/skill-levels.js';
import { type Skill, skillLabel, SkillPicker } from '../components/skill-picker.js';
import { api, errorText } from '../lib/api.js';
import { staffUser, t, type TextKey } from '../lib/i18n.js';
import { PersonalLink } from './helpers/link.js';

type Slot = Helper['availability'][number];

/** Intake reads the helpers; the office that runs them issues their personal links. */
const MAY_LINK = staffUser().role !== 'intake';
type Absence = { from: string; to: string; reason: string };

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

const WEEKDAYS: Options = [1, 2, 3, 4, 5, 6, 7].map((day) => [String(day), t(`weekday.${day}` as TextKey)]);
const trackOptions: Options = TRACKS.map((track) => [track, t(`track.${track}`)]);

interface Draft {
  name: string;
  kind: HelperKind | '';
  track: Track | '';
  skills: string[];
  levels: Record<string, SkillLevel>;
  address: AddressDraft;
  maxTravelKm: string;
  travelMode: TravelMode;
  availability: Array<Row<Slot>>;
  absences: Array<Row<Absence>>;
  maxHoursPerWeek: string;
  languages: string;
  phone: string;
  email: string;
  activeFrom: string;
  activeUntil: string;
}

const text = (value: number | string | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

function draftOf(h: Helper | undefined): Draft {
  return {
    name: h?.name ?? '',
    kind: h?.kind ?? '',
    track: h?.track ?? '',
    skills: (h?.skills ?? []).map(codeOf),
    levels: Object.fromEntries((h?.skills ?? []).map((s) => [codeOf(s), levelOf(s)])),
    address: addressDraftOf(h),
    maxTravelKm: text(h?.maxTravelKm),
    travelMode: h?.travelMode ?? 'cycling',
    availability: keyed(h?.availability ?? []),
    absences: keyed((h?.absences ?? []).map((a) => ({ from: a.from, to: a.to, reason: a.reason ?? '' }))),
    maxHoursPerWeek: text(h?.maxHoursPerWeek),
    languages: (h?.languages ?? ['nl']).join(', '),
    phone: h?.phone ?? '',
    email: h?.email ?? '',
    activeFrom: h?.activeFrom ?? '',
    activeUntil: h?.activeUntil ?? '',
  };
}

/** A time input cannot show the API's end of day, 24:00: it shows midnight, 00:00, which is never a valid end. */
const endShown = (end: string) => (end === '24:00' ? '00:00' : end);
const endSent = (end: string) => (end === '00:00' ? '24:00' : end);

/** What the form sends: blanks go as they are (null, '') so that the API names the field that needs them. */
type Body = Omit<HelperCreate, 'kind' | 'track' | 'location' | 'address' | 'maxTravelKm'> &
  Partial<ReturnType<typeof addressBody>> & {
    kind: HelperKind | '';
    track: Track | '';
    maxTravelKm: number | null;
  };

/** A helper's home is an address to look up or a pin; with neither the API names `location`. */
function homeOf(d: AddressDraft): Partial<ReturnType<typeof addressBody>> {
  const { address, location } = addressBody(d);
  return { ...(d.postcode.trim() ? { address } : {}), ...(location ? { location } : {}) };
}

function bodyOf(d: Draft): Body {
  return {
    name: d.name,
    kind: d.kind,
    track: d.track,
    skills: d.skills.map((code) => {
      const level = d.levels[code] ?? 'competent';
      return level === 'competent' ? code : { code, level };
    }),
    ...homeOf(d.address),
    maxTravelKm: numberOrNull(d.maxTravelKm),
    travelMode: d.travelMode,
    availability: d.availability.map(({ value }) => ({ ...value, end: endSent(value.end) })),
    absences: d.absences.map(({ value }) => {
      const reason = value.reason.trim();
      return { from: value.from, to: value.to, ...(reason ? { reason } : {}) };
    }),
    maxHoursPerWeek: numberOrNull(d.maxHoursPerWeek),
    languages: languagesOf(d.languages),
    phone: d.phone.trim() || null,
    email: d.email.trim() || null,
    activeFrom: d.activeFrom || null,
    activeUntil: d.activeUntil || null,
  };
}

/** A new weekly time continues from the row above it: the next day, the same hours. */
function nextSlot(previous: Slot | undefined): Slot {
  if (!previous) return { weekday: 1, start: '09:00', end: '17:00' };
  return { weekday: (previous.weekday % 7) + 1, start: previous.start, end: previous.end };
}

function HelperForm(props: { helper: Helper | undefined; list: ListContext<Helper>; skills: readonly Skill[] }) {
  const { helper, list } = props;
  const form = useFormState();
  const [draft, setDraft] = useState(() => draftOf(helper));
  const [busy, setBusy] = useState(false);
  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }));
  const setAddress = (patch: Partial<AddressDraft>) => setDraft((d) => ({ ...d, address: { ...d.address, ...patch } }));
  const choose = ['', t('helpers.choose')] as const;
  const kinds: Options = HELPER_KINDS.map((kind) => [kind, t(`helpers.kind.${kind}`)]);
  const modes: Options = TRAVEL_MODES.map((mode) => [mode, t(`helpers.travel.${mode}`)]);

  async function save() {
    form.setErrors([]);
    list.say(null);
    setBusy(true);
    try {
      const body = bodyOf(draft);
      const saved = helper
        ? await api<Helper>('PATCH', `/helpers/${helper.id}`, body)
        : await api<Helper>('POST', '/helpers', body);
      list.show(saved);
      list.say({ kind: 'notice', text: t('helpers.saved', { name: saved.name }) });
      await list.refresh();
    } catch (err) {
      list.say(problem(form, err, HINTS));
    } finally {
      setBusy(false);
    }
  }

  /** Deactivating asks first: it withdraws the helper's open proposals. */
  async function setActive(h: Helper, active: boolean) {
    if (!active && !confirm(t('helpers.deactivateConfirm', { name: h.name }))) return;
    list.say(null);
    try {
      const saved = active
        ? await api<Helper>('PATCH', `/helpers/${h.id}`, { active: true })
        : await api<Helper>('DELETE', `/helpers/${h.id}`);
      list.show(saved);
      list.say({ kind: 'notice', text: t(active ? 'helpers.activated' : 'helpers.deactivated', { name: saved.name }) });
      await list.refresh();
    } catch (err) {
      list.say({ kind: 'error', text: errorText(err) });
    }
  }

  return (
    <>
      <Form form={form} onSubmit={() => void save()} aria-labelledby="helper-form-title">
        <h2 id="helper-form-title" tabIndex={-1}>
          {helper ? t('helpers.titleEdit', { name: helper.name }) : t('helpers.titleNew')}
        </h2>
        {helper && !helper.active ? <p class="muted">{t('helpers.inactive')}</p> : null}
        <Field name="name" label={t('helpers.name')}>
          <TextInput maxLength={120} value={draft.name} onValue={set('name')} />
        </Field>
        <div class="row">
          <Field name="kind" label={t('helpers.kind')}>
            <Select
              options={helper ? kinds : [choose, ...kinds]}
              value={draft.kind}
              onChange={(v) => set('kind')(v as HelperKind)}
            />
          </Field>
          <Field name="track" label={t('helpers.track')}>
            <Select
              options={helper ? trackOptions : [choose, ...trackOptions]}
              value={draft.track}
              onChange={(v) => set('track')(v as Track)}
            />
          </Field>
        </div>
        <SkillPicker skills={props.skills} chosen={draft.skills} onChange={set('skills')} title={t('helpers.skills')} />
        <SkillLevels skills={props.skills} chosen={draft.skills} levels={draft.levels} onChange={set('levels')} />
        <AddressFields draft={draft.address} onChange={setAddress} />
        <div class="row">
          <Field name="maxTravelKm" label={t('helpers.maxTravelKm')}>
            <TextInput type="number" step="any" min="0" value={draft.maxTravelKm} onValue={set('maxTravelKm')} />
          </Field>
          <Field name="travelMode" label={t('helpers.travelMode')}>
            <Select options={modes} value={draft.travelMode} onChange={(v) => set('travelMode')(v as TravelMode)} />
          </Field>
          <Field name="maxHoursPerWeek" label={t('helpers.maxHoursPerWeek')}>
            <TextInput
              type="number"
              step="any"
              min="0"
              value={draft.maxHoursPerWeek}
              onValue={set('maxHoursPerWeek')}
            />
          </Field>
        </div>
        <RowEditor<Slot>
          list="availability"
          legend={t('helpers.availability')}
          empty={t('helpers.noSlots')}
          add={t('helpers.addSlot')}
          remove="helpers.removeSlot"
          rows={draft.availability}
          onRows={set('availability')}
          next={nextSlot}
          cells={(slot, i, change) => (
            <>
              <Field name={`availability.${i}.weekday`} label={t('helpers.weekday')}>
                <Select
                  options={WEEKDAYS}
                  value={String(slot.weekday)}
                  onChange={(v) => change({ ...slot, weekday: Number(v) })}
                />
              </Field>
              <Field name={`availability.${i}.start`} label={t('helpers.start')}>
                <TextInput type="time" value={slot.start} onValue={(start) => change({ ...slot, start })} />
              </Field>
              <Field name={`availability.${i}.end`} label={t('helpers.end')}>
                <TextInput type="time" value={endShown(slot.end)} onValue={(end) => change({ ...slot, end })} />
              </Field>
            </>
          )}
        />
        <RowEditor<Absence>
          list="absences"
          legend={t('helpers.absences')}
          empty={t('helpers.noAbsences')}
          add={t('helpers.addAbsence')}
          remove="helpers.removeAbsence"
          rows={draft.absences}
          onRows={set('absences')}
          next={() => ({ from: '', to: '', reason: '' })}
          cells={(absence, i, change) => (
            <>
              <Field name={`absences.${i}.from`} label={t('helpers.absenceFrom')}>
                <TextInput type="date" value={absence.from} onValue={(from) => change({ ...absence, from })} />
              </Field>
              <Field name={`absences.${i}.to`} label={t('helpers.absenceTo')}>
                <TextInput type="date" value={absence.to} onValue={(to) => change({ ...absence, to })} />
              </Field>
              <Field name={`absences.${i}.reason`} label={t('helpers.absenceReason')}>
                <TextInput
                  maxLength={200}
                  value={absence.reason}
                  onValue={(reason) => change({ ...absence, reason })}
                />
              </Field>
            </>
          )}
        />
        <Field name="languages" label={t('helpers.languages')}>
          <TextInput value={draft.languages} onValue={set('languages')} />
        </Field>
        <div class="row">
          <Field name="phone" label={t('helpers.phone')}>
            <TextInput type="tel" value={draft.phone} onValue={set('phone')} />
          </Field>
          <Field name="email" label={t('helpers.email')}>
            <TextInput type="email" value={draft.email} onValue={set('email')} />
          </Field>
        </div>
        <div class="row">
          <Field name="activeFrom" label={t('helpers.activeFrom')}>
            <TextInput type="date" value={draft.activeFrom} onValue={set('activeFrom')} />
          </Field>
          <Field name="activeUntil" label={t('helpers.activeUntil')}>
            <TextInput type="date" value={draft.activeUntil} onValue={set('activeUntil')} />
          </Field>
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('helpers.save')}
          </button>
          {helper?.active ? (
            <button type="button" class="danger" onClick={() => void setActive(helper, false)}>
              {t('helpers.deactivate')}
            </button>
          ) : null}
          {helper && !helper.active && !helper.erasedAt ? (
            <button type="button" onClick={() => void setActive(helper, true)}>
              {t('helpers.activate')}
            </button>
          ) : null}
          {helper ? <Erase record={helper} path="helpers" list={list} /> : null}
        </div>
      </Form>
      {helper?.active && MAY_LINK ? <PersonalLink helper={helper} /> : null}
      {helper ? <History of="helperId" id={helper.id} /> : null}
    </>
  );
}

function HelpersPage() {
  const [skills, setSkills] = useState<Skill[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    api<Skill[]>('GET', '/skills')
      .then(setSkills)
      .catch((err: unknown) => {
        setFailure(errorText(err));
        setSkills([]);
      });
  }, []);
  if (!skills) return null;
  const skillName = (held: Helper['skills'][number]) => {
    const skill = skills.find((s) => s.code === codeOf(held));
    const name = skill ? skillLabel(skill) : codeOf(held);
    return levelOf(held) === 'competent' ? name : `${name} (${t(`level.${levelOf(held)}`)})`;
  };
  return (
    <>
      {failure ? (
        <p class="error" role="alert">
          {failure}
        </p>
      ) : null}
      <ListPage<Helper>
        path="/helpers"
        texts={{
          title: 'nav.helpers',
          search: 'helpers.search',
          create: 'helpers.new',
          prompt: 'helpers.choosePrompt',
          count: 'helpers.count',
          none: 'helpers.none',
        }}
        searchId="helper-search"
        filters={[
          {
            id: 'helper-track',
            param: 'track',
            label: 'filter.track',
            options: [['', t('filter.all')], ...trackOptions],
          },
        ]}
        nameTitle="helpers.col.name"
        columns={[
          { title: 'helpers.col.track', cell: (h) => t(`track.${h.track}`) },
          { title: 'helpers.col.kind', cell: (h) => t(`helpers.kind.${h.kind}`) },
          { title: 'helpers.col.skills', cell: (h) => h.skills.map(skillName).join(', ') },
          { title: 'helpers.col.active', cell: (h) => (h.active ? t('helpers.yes') : t('helpers.no')) },
        ]}
        form={(helper, list) => <HelperForm helper={helper} list={list} skills={skills} />}
      />
    </>
  );
}

mountPage(<HelpersPage />);
