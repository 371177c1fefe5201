/**
 * The residents page: find a resident by name, phone digits or postcode, and create or change one. The
 * address is looked up from postcode and house number (components/address.tsx); the API checks
 * everything and the fields it refuses get a hint next to them, in the page's language.
 */
import { useState } from 'preact/hooks';
import type { Resident, ResidentCreate, ResidentPatch } from '../../../residents/residents.schema.js';
import { type AddressDraft, AddressFields, addressBody, addressDraftOf, addressLine } from '../components/address.js';
import { Field, Form, languagesOf, problem, TextArea, TextInput, useFormState } from '../components/forms.js';
import { type ListContext, ListPage } from '../components/list-page.js';
import { Erase } from '../components/erase.js';
import { History } from '../components/history.js';
import { mountPage } from '../components/page.js';
import { api } from '../lib/api.js';
import { t, type TextKey } from '../lib/i18n.js';

/** A hint per API field (the longest matching prefix wins): the API's own messages are English and terse. */
const HINTS: Record<string, TextKey> = {
  name: 'residents.hint.name',
  phone: 'residents.hint.phone',
  'address.street': 'residents.hint.street',
  'address.houseNumber': 'residents.hint.houseNumber',
  'address.postcode': 'residents.hint.postcode',
  'address.city': 'residents.hint.city',
  location: 'residents.hint.location',
  address: 'address.unavailable',
  languages: 'residents.hint.languages',
  notes: 'residents.hint.notes',
};

interface Draft {
  name: string;
  phone: string;
  address: AddressDraft;
  languages: string;
  notes: string;
}

function draftOf(r: Resident | undefined): Draft {
  return {
    name: r?.name ?? '',
    phone: r?.phone ?? '',
    address: addressDraftOf(r),
    languages: (r?.languages ?? []).join(', '),
    notes: r?.notes ?? '',
  };
}

/** A new resident's fields, or a change (where null clears the phone or the notes). */
type Body = Omit<ResidentCreate | ResidentPatch, 'address'> & ReturnType<typeof addressBody>;

/**
 * The body for POST or PATCH. A PATCH replaces the whole address, so blank address parts clear; a blank
 * phone or notes is left out of a new resident and clears them (null) on an existing one.
 */
function bodyOf(d: Draft, resident: Resident | undefined): Body {
  const phone = d.phone.trim();
  return {
    name: d.name,
    ...(phone ? { phone } : resident?.phone ? { phone: null } : {}),
    ...addressBody(d.address),
    languages: languagesOf(d.languages),
    ...(d.notes.trim() ? { notes: d.notes } : resident?.notes ? { notes: null } : {}),
  };
}

function ResidentForm({ resident, list }: { resident: Resident | undefined; list: ListContext<Resident> }) {
  const form = useFormState();
  const [draft, setDraft] = useState(() => draftOf(resident));
  const [busy, setBusy] = useState(false);
  const set = (key: 'name' | 'phone' | 'languages' | 'notes') => (value: string) =>
    setDraft((d) => ({ ...d, [key]: value }));
  const setAddress = (patch: Partial<AddressDraft>) => setDraft((d) => ({ ...d, address: { ...d.address, ...patch } }));

  async function save() {
    form.setErrors([]);
    list.say(null);
    setBusy(true);
    try {
      const body = bodyOf(draft, resident);
      const saved = resident
        ? await api<Resident>('PATCH', `/residents/${resident.id}`, body)
        : await api<Resident>('POST', '/residents', body);
      list.show(saved);
      list.say({ kind: 'notice', text: t('residents.saved', { name: saved.name }) });
      await list.refresh();
    } catch (err) {
      list.say(problem(form, err, HINTS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Form form={form} onSubmit={() => void save()} aria-labelledby="resident-form-title">
        <h2 id="resident-form-title" tabIndex={-1}>
          {resident ? t('residents.titleEdit', { name: resident.name }) : t('residents.titleNew')}
        </h2>
        <div class="row">
          <Field name="name" label={t('resident.name')}>
            <TextInput maxLength={120} value={draft.name} onValue={set('name')} />
          </Field>
          <Field name="phone" label={t('resident.phone')}>
            <TextInput type="tel" value={draft.phone} onValue={set('phone')} />
          </Field>
        </div>
        <AddressFields draft={draft.address} onChange={setAddress} />
        <Field name="languages" label={t('residents.languages')}>
          <TextInput value={draft.languages} onValue={set('languages')} />
        </Field>
        <Field name="notes" label={t('resident.notes')}>
          <TextArea
            rows={4}
            maxLength={4000}
            value={draft.notes}
            onInput={(e) => set('notes')(e.currentTarget.value)}
          />
        </Field>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {t('resident.save')}
          </button>
          {resident ? <Erase record={resident} path="residents" list={list} /> : null}
        </div>
      </Form>
      {resident ? <History of="residentId" id={resident.id} /> : null}
    </>
  );
}

mountPage(
  <ListPage<Resident>
    path="/residents"
    texts={{
      title: 'nav.residents',
      search: 'residents.search',
      create: 'residents.new',
      prompt: 'residents.choosePrompt',
      count: 'residents.count',
      none: 'residents.none',
    }}
    searchId="resident-search"
    nameTitle="residents.col.name"
    columns={[
      { title: 'residents.col.phone', cell: (resident) => resident.phone ?? '' },
      { title: 'residents.col.address', cell: (resident) => addressLine(resident.address) },
    ]}
    form={(resident, list) => <ResidentForm resident={resident} list={list} />}
  />,
);
