/**
 * The intake's resident: a search that is a combobox (arrows and Enter pick, Escape closes), the chosen
 * resident with a way to change, and a new resident entered on the spot: what was typed in the search
 * fills in its field, and a resident who seems to be there already is offered before a second is made.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Resident } from '../../../../residents/residents.schema.js';
import { Field, FormScope, Input, TextInput, useFormState } from '../../components/forms.js';
import {
  type AddressDraft,
  AddressFields,
  addressBody,
  addressDraftOf,
  addressLine,
} from '../../components/address.js';
import { ApiError, api, errorText } from '../../lib/api.js';
import { t } from '../../lib/i18n.js';
import type { ChosenResident } from './draft.js';

/** A search goes out once typing pauses this long. */
const SEARCH_PAUSE_MS = 200;

export const chosenOf = (r: Resident): ChosenResident => ({
  id: r.id,
  name: r.name,
  postcode: r.address.postcode,
  city: r.address.city,
});

export function ResidentSearch(props: {
  onChoose: (resident: ChosenResident) => void;
  /** What is typed, for a new resident's form when nobody is found. */
  onType: (query: string) => void;
  searchRef: { current: HTMLInputElement | null };
}) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Resident[] | null>(null);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setFound(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      api<Resident[]>('GET', `/residents?q=${encodeURIComponent(q)}`)
        .then((rows) => {
          if (!current) return;
          setFound(rows.slice(0, 20));
          setActive(rows.length ? 0 : -1);
        })
        .catch(() => undefined);
    }, SEARCH_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);

  const open = found !== null;
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!found?.length) return;
      setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : found.length - 1)) % found.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const r = found?.[active];
      if (r) props.onChoose(chosenOf(r));
    } else if (e.key === 'Escape') {
      setFound(null);
    }
  };

  return (
    <>
      {/* Preact's types ask a combobox input for a datalist; its options are the list below instead. */}
      <input
        list={undefined}
        id="resident-search"
        ref={props.searchRef}
        type="search"
        autoComplete="off"
        role="combobox"
        aria-expanded={open ? 'true' : 'false'}
        aria-controls="resident-results"
        aria-activedescendant={open && found[active] ? `resident-${found[active].id}` : undefined}
        value={query}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          props.onType(e.currentTarget.value);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id="resident-results" class="results" role="listbox" hidden={!open}>
        {found?.length ? (
          found.map((r, i) => (
            <li
              key={r.id}
              role="option"
              id={`resident-${r.id}`}
              aria-selected={i === active ? 'true' : 'false'}
              onClick={() => props.onChoose(chosenOf(r))}
            >
              {[r.name, addressLine(r.address), r.phone].filter(Boolean).join(' · ')}
            </li>
          ))
        ) : (
          <li class="muted">{t('intake.noResults')}</li>
        )}
      </ul>
    </>
  );
}

interface NewDraft {
  name: string;
  phone: string;
  address: AddressDraft;
}

const POSTCODE = /^\s*(\d{4})\s*([a-z]{2})\s*$/i;

/** The search as typed goes where it belongs: "045 531 2345" is a phone, "6468 MX" a postcode, else a name. */
function draftFrom(typed: string): NewDraft {
  const empty = { name: '', phone: '', address: addressDraftOf(undefined) };
  const text = typed.trim();
  const postcode = POSTCODE.exec(text);
  if (postcode)
    return { ...empty, address: { ...empty.address, postcode: `${postcode[1]} ${postcode[2]!.toUpperCase()}` } };
  if (/^[\d\s()+-]+$/.test(text) && text.replace(/\D/g, '').length >= 6) return { ...empty, phone: text };
  return { ...empty, name: text };
}

const digitsOf = (phone: string | null) => (phone ?? '').replace(/\D/g, '').slice(-9);
const compact = (postcode: string) => postcode.replace(/\s/g, '').toUpperCase();

/** Stored residents who look like the one about to be made: the same phone, or the same address. */
async function lookalikes(draft: NewDraft): Promise<Resident[]> {
  const phone = digitsOf(draft.phone);
  const postcode = compact(draft.address.postcode);
  const queries = [phone.length >= 6 ? phone : '', postcode.length >= 6 ? postcode : ''].filter(Boolean);
  const found = (await Promise.all(queries.map((q) => api<Resident[]>('GET', `/residents?q=${q}`)))).flat();
  const same = (r: Resident) =>
    (phone.length >= 6 && digitsOf(r.phone) === phone) ||
    (compact(r.address.postcode) === postcode &&
      (r.address.houseNumber ?? '') === draft.address.houseNumber.trim() &&
      (r.address.houseNumberAddition ?? '').toUpperCase() === draft.address.houseNumberAddition.trim().toUpperCase());
  return [...new Map(found.filter(same).map((r) => [r.id, r])).values()];
}

/** A new resident, saved on its own before the request: the request then names them. */
export function NewResident(props: { typed: string; onCreated: (resident: ChosenResident) => void }) {
  const { onCreated } = props;
  const form = useFormState();
  const [draft, setDraft] = useState(() => draftFrom(props.typed));
  const [error, setError] = useState('');
  /** Residents who look the same: shown once; saving again makes the new one all the same. */
  const [similar, setSimilar] = useState<Resident[] | null>(null);
  const set = (key: 'name' | 'phone') => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const setAddress = (patch: Partial<AddressDraft>) => setDraft((d) => ({ ...d, address: { ...d.address, ...patch } }));
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []);

  async function create() {
    form.setErrors([]);
    setError('');
    const optional = (value: string) => value.trim() || undefined;
    try {
      if (similar === null) {
        const found = await lookalikes(draft);
        if (found.length) {
          setSimilar(found);
          return;
        }
      }
      const created = await api<Resident>('POST', '/residents', {
        name: draft.name,
        phone: optional(draft.phone),
        ...addressBody(draft.address),
      });
      onCreated(chosenOf(created));
    } catch (err) {
      if (err instanceof ApiError && err.details.length) form.setErrors(err.details);
      else setError(errorText(err));
    }
  }

  return (
    <fieldset
      onKeyDown={(e) => {
        // Enter here saves the resident, not the request around it.
        if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
          e.preventDefault();
          void create();
        }
      }}
    >
      <legend>{t('intake.newResident')}</legend>
      <p class="error" role="alert">
        {error}
      </p>
      {similar?.length ? (
        <div class="warning" role="alert">
          <p>{t('intake.lookalike', { count: similar.length })}</p>
          <ul>
            {similar.map((r) => (
              <li key={r.id}>
                {[r.name, addressLine(r.address), r.phone].filter(Boolean).join(' · ')}{' '}
                <button type="button" onClick={() => onCreated(chosenOf(r))}>
                  {t('intake.lookalikeChoose', { name: r.name })}
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <FormScope form={form}>
        <div class="row">
          <Field name="name" label={t('resident.name')}>
            <Input
              ref={nameRef}
              type="text"
              required
              maxLength={120}
              value={draft.name}
              onInput={(e) => set('name')(e.currentTarget.value)}
            />
          </Field>
          <Field name="phone" label={t('resident.phone')}>
            <TextInput type="tel" maxLength={30} value={draft.phone} onValue={set('phone')} />
          </Field>
        </div>
        <AddressFields draft={draft.address} onChange={setAddress} />
      </FormScope>
      <button type="button" class="primary" onClick={() => void create()}>
        {similar?.length ? t('intake.lookalikeSave') : t('resident.save')}
      </button>
    </fieldset>
  );
}
