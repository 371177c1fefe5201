/**
 * OpenAPI 3.0 schema → fast-check arbitrary of values valid by that schema. What a schema cannot say
 * (which skill codes exist, which ids are in the database, that a window ends after it starts) comes
 * from `hint`, asked first at every node with the node's path (`['window', 'start']`, items as `'*'`).
 */
import fc from 'fast-check';
import { type Doc, resolve, type SchemaObject } from './openapi.js';

export type Hint = (path: readonly string[], schema: SchemaObject) => fc.Arbitrary<unknown> | undefined;

export interface ArbitraryOptions {
  /** Dates and times are drawn around this instant, where the service's rules make them count. */
  now: number;
  hint?: Hint;
  /** Strings without a maxLength, and arrays without a maxItems, stay this short. */
  maxLength?: number;
}

const DAY_MS = 86_400_000;

/** `2026-11-24T10:15:00+01:00`: the offset form the service documents, on a quarter hour. */
export function dateTimeText(ms: number, offsetHours = 1): string {
  const sign = offsetHours < 0 ? '-' : '+';
  const offset = `${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`;
  return `${new Date(ms + offsetHours * 3_600_000).toISOString().slice(0, 19)}${offset}`;
}

function dateTimeArbitrary(now: number): fc.Arbitrary<string> {
  const quarters = fc.integer({ min: -4 * 24, max: 21 * 4 * 24 });
  return fc
    .tuple(quarters, fc.constantFrom(1, 1, 1, 0, 2))
    .map(([q, offset]) => dateTimeText(now + q * 15 * 60_000, offset));
}

function dateArbitrary(now: number): fc.Arbitrary<string> {
  return fc.integer({ min: -7, max: 60 }).map((days) => new Date(now + days * DAY_MS).toISOString().slice(0, 10));
}

function stringArbitrary(schema: SchemaObject, options: ArbitraryOptions): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.min(schema.maxLength ?? options.maxLength ?? 40, minLength + (options.maxLength ?? 40));
  switch (schema.format) {
    case 'date-time':
      return dateTimeArbitrary(options.now);
    case 'date':
      return dateArbitrary(options.now);
    case 'email':
      // Addresses as people have them: fc.emailAddress() draws RFC 5322 oddities (`{/|'a@5a.f.co`) that
      // the format admits and the service, like most, refuses.
      return fc.stringMatching(/^[a-z0-9]{1,12}([._+-][a-z0-9]{1,8})?@[a-z0-9]{1,10}\.[a-z]{2,6}$/);
  }
  if (schema.pattern) {
    return fc
      .stringMatching(new RegExp(schema.pattern))
      .filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Infinity));
  }
  // A grapheme can take several UTF-16 units, and the service counts units: drawn short, kept in bounds.
  return fc
    .string({ minLength, maxLength: Math.max(minLength, Math.floor(maxLength / 2)), unit: 'grapheme' })
    .filter((s) => s.length >= minLength && s.length <= maxLength);
}

function numberArbitrary(schema: SchemaObject, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? -1_000_000;
  const max = schema.maximum ?? 1_000_000;
  if (integer) {
    return fc.integer({
      min: schema.exclusiveMinimum ? Math.floor(min) + 1 : Math.ceil(min),
      max: schema.exclusiveMaximum ? Math.ceil(max) - 1 : Math.floor(max),
    });
  }
  return fc.double({
    min,
    max,
    minExcluded: schema.exclusiveMinimum === true,
    maxExcluded: schema.exclusiveMaximum === true,
    noNaN: true,
    noDefaultInfinity: true,
  });
}

/** Properties of an `allOf`, merged: the document uses it only to extend one object with another. */
function merged(doc: Doc, parts: SchemaObject[]): SchemaObject {
  const objects = parts.map((part) => resolve(doc, part));
  return {
    type: 'object',
    properties: Object.assign({}, ...objects.map((o) => o.properties ?? {})),
    required: objects.flatMap((o) => o.required ?? []),
    additionalProperties: objects.every((o) => o.additionalProperties !== false) ? undefined : false,
  };
}

export function arbitraryOf(
  doc: Doc,
  node: SchemaObject,
  options: ArbitraryOptions,
  path: readonly string[] = [],
): fc.Arbitrary<unknown> {
  const schema = resolve(doc, node);
  const hinted = options.hint?.(path, schema);
  if (hinted) return hinted;
  const value = plainArbitrary(doc, schema, options, path);
  return schema.nullable ? fc.option(value, { nil: null, freq: 8 }) : value;
}

function plainArbitrary(
  doc: Doc,
  schema: SchemaObject,
  options: ArbitraryOptions,
  path: readonly string[],
): fc.Arbitrary<unknown> {
  if (schema.allOf) return arbitraryOf(doc, merged(doc, schema.allOf), options, path);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => arbitraryOf(doc, s, options, path)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema, options);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.min(schema.maxItems ?? 4, minLength + 4);
      return fc.array(arbitraryOf(doc, schema.items ?? {}, options, [...path, '*']), { minLength, maxLength });
    }
    case 'object':
    case undefined: {
      const properties = Object.entries(schema.properties ?? {});
      if (properties.length === 0) return fc.constant({});
      const model = Object.fromEntries(
        properties.map(([name, property]) => [name, arbitraryOf(doc, property, options, [...path, name])]),
      );
      return fc.record(model, { requiredKeys: schema.required ?? [] });
    }
  }
}
