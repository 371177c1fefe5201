/**
 * An address typed as a Dutch one is: postcode and house number (and an addition). While typing, the
 * house numbers of the postcode are offered; once both are there, the address is looked up, street
 * and city fill in, and the point shows on a small map with its CBS neighbourhood. Only when the
 * address cannot be looked up does a click on the map pin the place by hand.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import type { AddressSuggestions, FoundAddress, StoredAddress } from '../../../addresses/addresses.schema.js';
import { ApiError, api } from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { Field, Input, TextInput } from './forms.js';
import { PointMap } from './map.js';

export interface AddressDraft {
  postcode: string;
  houseNumber: string;
  houseNumberAddition: string;
  street: string;
  city: string;
  /** A place pinned by hand; null while the address itself says where it is. */
  pin: { lat: number; lon: number } | null;
  /** Where the address was last found, with its neighbourhood. */
  found: Pick<FoundAddress, 'location' | 'locationApproximate' | 'neighbourhood'> | null;
}

interface Placed {
  address: {
    street: string | null;
    houseNumber: string | null;
    houseNumberAddition?: string | null;
    postcode: string;
    city: string | null;
  } | null;
  location: { lat: number; lon: number };
  locationSource: 'pdok' | 'postcode-table' | 'manual';
  locationApproximate: boolean;
  neighbourhood: FoundAddress['neighbourhood'];
}

/** The draft of a saved resident or helper: a pin stays a pin, a found place stays found. */
/** A stored address on one line: "Hoofdstraat 12-A, 6371 AB Landgraaf". */
export function addressLine(address: StoredAddress): string {
  const { street, houseNumber, houseNumberAddition, postcode, city } = address;
  const number = [houseNumber, houseNumberAddition].filter(Boolean).join('-');
  return [[street, number].filter(Boolean).join(' '), [postcode, city].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(', ');
}

export function addressDraftOf(saved: Placed | undefined): AddressDraft {
  const a = saved?.address;
  return {
    postcode: a?.postcode ?? '',
    houseNumber: a?.houseNumber ?? '',
    houseNumberAddition: a?.houseNumberAddition ?? '',
    street: a?.street ?? '',
    city: a?.city ?? '',
    pin: saved?.locationSource === 'manual' ? saved.location : null,
    found:
      saved && saved.locationSource !== 'manual'
        ? {
            location: saved.location,
            locationApproximate: saved.locationApproximate,
            neighbourhood: saved.neighbourhood,
          }
        : null,
  };
}

/** The body's `address`, and `location` only for a pin: without one the service looks the address up. */
export function addressBody(d: AddressDraft) {
  const text = (value: string) => value.trim() || undefined;
  return {
    address: {
      postcode: d.postcode,
      houseNumber: text(d.houseNumber),
      houseNumberAddition: text(d.houseNumberAddition),
      street: text(d.street),
      city: text(d.city),
    },
    ...(d.pin ? { location: d.pin } : {}),
  };
}

const FULL_POSTCODE = /^\s*[1-9]\d{3}\s?[A-Za-z]{2}\s*$/;
const POSTCODE_START = /^\s*[1-9]\d{3}/;
type Status = 'idle' | 'looking' | 'found' | 'notFound' | 'unavailable';

export function AddressFields(props: { draft: AddressDraft; onChange: (patch: Partial<AddressDraft>) => void }) {
  const { draft, onChange } = props;
  const [status, setStatus] = useState<Status>(draft.found ? 'found' : 'idle');
  const [options, setOptions] = useState<AddressSuggestions['suggestions']>([]);
  const listId = useId();

  useEffect(() => {
    if (!POSTCODE_START.test(draft.postcode)) return setOptions([]);
    const number = /^\d+/.exec(draft.houseNumber.trim())?.[0];
    const q = `${draft.postcode.replace(/\s/g, '')}${number ? ` ${number}` : ''}`;
    let current = true;
    const timer = setTimeout(() => {
      api<AddressSuggestions>('GET', `/addresses/suggest?q=${encodeURIComponent(q)}`).then(
        (s) => current && setOptions(s.suggestions),
        () => current && setOptions([]),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [draft.postcode, draft.houseNumber]);

  useEffect(() => {
    if (!FULL_POSTCODE.test(draft.postcode) || !/^\s*\d/.test(draft.houseNumber)) return;
    let current = true;
    const query = new URLSearchParams({ postcode: draft.postcode, houseNumber: draft.houseNumber.trim() });
    if (draft.houseNumberAddition.trim()) query.set('houseNumberAddition', draft.houseNumberAddition.trim());
    const timer = setTimeout(() => {
      setStatus('looking');
      api<FoundAddress>('GET', `/addresses/lookup?${query}`).then(
        (found) => {
          if (!current) return;
          setStatus('found');
          onChange({
            street: found.address.street ?? '',
            city: found.address.city ?? '',
            pin: null,
            found: {
              location: found.location,
              locationApproximate: found.locationApproximate,
              neighbourhood: found.neighbourhood,
            },
          });
        },
        (err: unknown) => {
          if (!current) return;
          setStatus(err instanceof ApiError && err.code === 'address_not_found' ? 'notFound' : 'unavailable');
          onChange({ found: null });
        },
      );
    }, 350);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [draft.postcode, draft.houseNumber, draft.houseNumberAddition]);

  const point = draft.pin ?? draft.found?.location ?? null;
  const area = draft.found?.neighbourhood;
  const areaText = area ? t('address.area', { wijk: area.wijk ?? '–', buurt: area.buurt ?? '–' }) : '';
  const mayPin = status === 'unavailable' || status === 'notFound' || draft.pin !== null;
  return (
    <>
      <div class="row">
        <Field name="address.postcode" label={t('resident.postcode')}>
          <TextInput maxLength={7} value={draft.postcode} onValue={(postcode) => onChange({ postcode })} />
        </Field>
        <Field name="address.houseNumber" label={t('resident.houseNumber')}>
          <Input
            type="text"
            maxLength={20}
            list={listId}
            value={draft.houseNumber}
            onInput={(e) => onChange({ houseNumber: e.currentTarget.value })}
          />
        </Field>
        <Field name="address.houseNumberAddition" label={t('address.addition')}>
          <TextInput
            maxLength={10}
            value={draft.houseNumberAddition}
            onValue={(houseNumberAddition) => onChange({ houseNumberAddition })}
          />
        </Field>
        <datalist id={listId}>
          {options.map((o) => (
            <option key={o.label} value={`${o.houseNumber}${o.houseNumberAddition ?? ''}`} label={o.label} />
          ))}
        </datalist>
      </div>
      <div class="row">
        <Field name="address.street" label={t('resident.street')}>
          <TextInput maxLength={120} value={draft.street} onValue={(street) => onChange({ street })} />
        </Field>
        <Field name="address.city" label={t('resident.city')}>
          <TextInput maxLength={80} value={draft.city} onValue={(city) => onChange({ city })} />
        </Field>
      </div>
      <p class="address-place muted" role="status" aria-live="polite">
        {status === 'looking'
          ? t('address.lookingUp')
          : draft.pin
            ? t('address.pinned')
            : status === 'notFound'
              ? t('address.notFound')
              : status === 'unavailable'
                ? t('address.unavailable')
                : draft.found
                  ? [areaText, draft.found.locationApproximate ? t('address.approximate') : '']
                      .filter(Boolean)
                      .join(' · ')
                  : t('address.prompt')}
      </p>
      {point || mayPin ? (
        <PointMap
          label={t('address.map')}
          height={180}
          follow
          points={point ? [{ id: 'home', ...point, color: '#1f5fa8', title: t('address.map'), area: area?.buurt }] : []}
          onPick={mayPin ? (at) => onChange({ pin: at }) : undefined}
        />
      ) : null}
    </>
  );
}
