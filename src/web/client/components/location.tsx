/**
 * A location typed as latitude and longitude, prefilled from a Parkstad postcode's town centre but never
 * over what someone typed there themselves. The addresses issue replaces this with a looked-up address.
 */
import type { ComponentChildren } from 'preact';
import { townOfPostcode } from '../../../residents/towns.js';
import { t } from '../lib/i18n.js';
import { Field, Group, Input } from './forms.js';

export interface LocationDraft {
  lat: string;
  lon: string;
  /** The parts that hold a suggestion rather than what someone typed. */
  suggested: ReadonlyArray<'lat' | 'lon' | 'city'>;
}

/** A suggestion fills a part that is empty or still holds the previous suggestion. */
export function suggest<T extends { suggested: ReadonlyArray<string> }>(
  draft: T,
  postcode: string,
  parts: Partial<Record<'lat' | 'lon' | 'city', keyof T>>,
): T {
  const town = townOfPostcode(postcode);
  if (!town) return draft;
  const values = { lat: String(town.centre.lat), lon: String(town.centre.lon), city: town.name };
  const next = { ...draft, suggested: [...draft.suggested] };
  for (const [part, key] of Object.entries(parts) as Array<['lat' | 'lon' | 'city', keyof T]>) {
    if (draft[key] !== '' && !draft.suggested.includes(part)) continue;
    (next as Record<keyof T, unknown>)[key] = values[part];
    if (!next.suggested.includes(part)) next.suggested.push(part);
  }
  return next;
}

/** A typed value is the user's own: a later suggestion no longer overwrites it. */
export function typed<T extends { suggested: ReadonlyArray<string> }>(draft: T, part: string, patch: Partial<T>): T {
  return { ...draft, ...patch, suggested: draft.suggested.filter((p) => p !== part) };
}

export function LocationFields(props: {
  lat: string;
  lon: string;
  onLat: (value: string) => void;
  onLon: (value: string) => void;
  labels: { lat: string; lon: string };
  before?: ComponentChildren;
}) {
  return (
    <Group name="location" as="div" class="row">
      {props.before}
      <Field name="location.lat" label={props.labels.lat}>
        <Input type="number" step="any" value={props.lat} onInput={(e) => props.onLat(e.currentTarget.value)} />
      </Field>
      <Field name="location.lon" label={props.labels.lon}>
        <Input type="number" step="any" value={props.lon} onInput={(e) => props.onLon(e.currentTarget.value)} />
      </Field>
    </Group>
  );
}

export const locationLabels = () => ({ lat: t('resident.lat'), lon: t('resident.lon') });
